"""Privacy vetting and governance: evidence per answer, agreements, overrides, data systems,
retirement, actor names, and an append-only audit log.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _tool_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tool_id"], ["tool.id"], name=op.f(f"fk_{table}_tool_id_tool"), ondelete="CASCADE"
    )


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): existing rows take the server default.
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("policy_recheck_days", sa.Integer(), nullable=False, server_default="365")
        )
        batch_op.create_check_constraint("recheck_days", "policy_recheck_days >= 1")
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("policy_version", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("policy_checked_on", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("pilot_ends_on", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("data_categories", sa.Text(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("privacy_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title", sa.String(length=200), nullable=False, server_default="")
        )
    with op.batch_alter_table("privacy_answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("evidence_document", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("evidence_section", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("checklist_version", sa.String(length=20), nullable=False, server_default="")
        )

    op.create_table(
        "data_agreement",
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("signed_on", sa.String(length=10), nullable=True),
        sa.Column("expires_on", sa.String(length=10), nullable=True),
        sa.Column("covers_ai", sa.Boolean(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.CheckConstraint("length(trim(kind)) > 0", name=op.f("ck_data_agreement_kind_present")),
        sa.CheckConstraint(
            "expires_on IS NULL OR signed_on IS NULL OR expires_on >= signed_on",
            name=op.f("ck_data_agreement_dates"),
        ),
        _tool_fk("data_agreement"),
        sa.PrimaryKeyConstraint("tool_id", name=op.f("pk_data_agreement")),
    )
    op.create_table(
        "gate_override",
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_on", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "length(trim(person)) > 0", name=op.f("ck_gate_override_person_present")
        ),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_gate_override_reason_present")
        ),
        _tool_fk("gate_override"),
        sa.PrimaryKeyConstraint("tool_id", name=op.f("pk_gate_override")),
    )
    op.create_table(
        "data_system",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_data_system_name_present")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_system")),
        sa.UniqueConstraint("name", name=op.f("uq_data_system_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "tool_system",
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "how IN ('rostering', 'sso', 'file_upload', 'none')", name=op.f("ck_tool_system_how")
        ),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["data_system.id"],
            name=op.f("fk_tool_system_system_id_data_system"),
            ondelete="CASCADE",
        ),
        _tool_fk("tool_system"),
        sa.PrimaryKeyConstraint("tool_id", "system_id", name=op.f("pk_tool_system")),
    )
    op.create_table(
        "retirement",
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.String(length=10), nullable=False),
        sa.Column("users_notified_on", sa.String(length=10), nullable=True),
        sa.Column("access_removed_on", sa.String(length=10), nullable=True),
        sa.Column("deletion_requested_on", sa.String(length=10), nullable=True),
        sa.Column("deletion_confirmed_on", sa.String(length=10), nullable=True),
        sa.Column("deletion_evidence", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.String(length=10), nullable=True),
        sa.CheckConstraint(
            "completed_on IS NULL OR (deletion_confirmed_on IS NOT NULL"
            " AND length(trim(deletion_evidence)) > 0)",
            name=op.f("ck_retirement_deletion_before_completion"),
        ),
        _tool_fk("retirement"),
        sa.PrimaryKeyConstraint("tool_id", name=op.f("pk_retirement")),
    )
    op.create_table(
        "actor",
        sa.Column("os_user", sa.String(length=200), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("confirmed_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint("length(trim(display_name)) > 0", name=op.f("ck_actor_name_present")),
        sa.PrimaryKeyConstraint("os_user", name=op.f("pk_actor")),
    )
    # R4.7: the audit log is append-only inside the file; editing it takes deliberate effort
    # (dropping these triggers), and the hash chain still shows where.
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{event.lower()} BEFORE {event} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
