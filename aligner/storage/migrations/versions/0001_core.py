"""Core: district, rubric, challenges, outcomes, tools, members, scores, audit.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_key", sa.String(length=200), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_event_hash")),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "challenge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("outcome_weight_method", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "category IN ('student_achievement', 'teacher_productivity', "
            "'operational_efficiency', 'equity')",
            name=op.f("ck_challenge_category"),
        ),
        sa.CheckConstraint(
            "outcome_weight_method IN ('direct', 'points', 'ranking', 'pairwise')",
            name=op.f("ck_challenge_weight_method"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_challenge_title_present")),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_challenge_priority")),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_challenge_weight_nonnegative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge")),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "district",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("school_year", sa.String(length=20), nullable=False),
        sa.Column("aggregation", sa.String(length=20), nullable=False),
        sa.Column("min_raters", sa.Integer(), nullable=False),
        sa.Column("disagreement_threshold", sa.Float(), nullable=True),
        sa.Column("unknown_blocks", sa.Boolean(), nullable=False),
        sa.Column("challenge_weight_method", sa.String(length=20), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "aggregation IN ('mean', 'median', 'trimmed_mean')",
            name=op.f("ck_district_aggregation"),
        ),
        sa.CheckConstraint(
            "challenge_weight_method IN ('direct', 'points', 'ranking', 'pairwise')",
            name=op.f("ck_district_weight_method"),
        ),
        sa.CheckConstraint(
            "disagreement_threshold IS NULL OR disagreement_threshold >= 0",
            name=op.f("ck_district_threshold"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_district_single_row")),
        sa.CheckConstraint("min_raters >= 1", name=op.f("ck_district_min_raters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district")),
    )

    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_member_name_present")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "rubric_level",
        sa.Column("value", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("value >= 0 AND value <= 100", name=op.f("ck_rubric_level_value_range")),
        sa.PrimaryKeyConstraint("value", name=op.f("pk_rubric_level")),
    )

    op.create_table(
        "tool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("vendor", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("annual_cost", sa.Float(), nullable=True),
        sa.Column("cost_per_student", sa.Float(), nullable=True),
        sa.Column("students_served", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("next_review", sa.String(length=10), nullable=True),
        sa.CheckConstraint(
            "status IN ('candidate', 'piloting', 'adopted', 'under_review', 'discontinuing', "
            "'discontinued', 'rejected')",
            name=op.f("ck_tool_status"),
        ),
        sa.CheckConstraint(
            "annual_cost IS NULL OR annual_cost >= 0", name=op.f("ck_tool_annual_cost")
        ),
        sa.CheckConstraint(
            "cost_per_student IS NULL OR cost_per_student >= 0", name=op.f("ck_tool_cost_student")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_tool_name_present")),
        sa.CheckConstraint(
            "students_served IS NULL OR students_served >= 0", name=op.f("ck_tool_served")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool")),
        sa.UniqueConstraint("name", name=op.f("uq_tool_name")),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.CheckConstraint("direction IN ('higher', 'lower')", name=op.f("ck_outcome_direction")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_outcome_name_present")),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_outcome_weight_nonnegative")),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
            name=op.f("fk_outcome_challenge_id_challenge"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_challenge_id"), ["challenge_id"], unique=False)

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("abstained", sa.Boolean(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "NOT (abstained AND value IS NOT NULL)", name=op.f("ck_score_abstain_has_no_value")
        ),
        sa.CheckConstraint(
            "abstained OR value IS NOT NULL", name=op.f("ck_score_value_or_abstain")
        ),
        sa.CheckConstraint(
            "value IS NULL OR (value >= 0 AND value <= 100)", name=op.f("ck_score_value_range")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_score_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcome.id"],
            name=op.f("fk_score_outcome_id_outcome"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tool_id"], ["tool.id"], name=op.f("fk_score_tool_id_tool"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score")),
        sa.UniqueConstraint("member_id", "tool_id", "outcome_id", name="uq_score_cell"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_outcome_id"), ["outcome_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_tool_id"), ["tool_id"], unique=False)

    # The rubric is data, so a plain CHECK cannot bound a score by it; a trigger can.
    for event in ("INSERT", "UPDATE"):
        op.execute(
            f"CREATE TRIGGER score_within_rubric_{event.lower()} BEFORE {event} ON score "
            "WHEN NEW.value IS NOT NULL AND EXISTS (SELECT 1 FROM rubric_level) AND ("
            "NEW.value < (SELECT MIN(value) FROM rubric_level) OR "
            "NEW.value > (SELECT MAX(value) FROM rubric_level)) "
            "BEGIN SELECT RAISE(ABORT, 'score outside the rubric scale'); END"
        )
