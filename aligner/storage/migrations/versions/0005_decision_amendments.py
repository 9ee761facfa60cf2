"""Decisions are final; a correction is a new decision that names the one it amends (R4.5).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A named foreign key needs a table rebuild in SQLite (batch mode copies the rows); existing
    # decisions amend nothing. The rebuild would reset the id sequence to the highest id left,
    # so an id freed by an undone decision could be handed out again: keep the old sequence.
    bind = op.get_bind()
    sequence = bind.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'decision'"
    ).scalar_one_or_none()
    with op.batch_alter_table(
        "decision", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column("amends_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_decision_amends_id_decision"),
            "decision",
            ["amends_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    if sequence is not None:
        bind.exec_driver_sql(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'decision'", (sequence,)
        )
