"""Who a tool serves, so checklist items that apply only to some tools (users under 13,
high-stakes uses) gate only those tools.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL means "not stated": the item still applies, so an existing tool keeps every block
    # it had until the committee says who the tool serves.
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.add_column(sa.Column("users_under_13", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("high_stakes_use", sa.Boolean(), nullable=True))
