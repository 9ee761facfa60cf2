"""The persistence shape of a project: one SQLite file, one district's portfolio.

Constraints live in the database, not only in the services, so a file edited by another tool
still cannot hold an orphan score or a negative weight. ON DELETE is chosen per link: evidence
(scores, answers, measurements) goes with its tool or outcome; a decision keeps its tool alive.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

AGGREGATIONS = "('mean', 'median', 'trimmed_mean')"
WEIGHT_METHODS = "('direct', 'points', 'ranking', 'pairwise')"
CATEGORIES = "('student_achievement', 'teacher_productivity', 'operational_efficiency', 'equity')"
STATUSES = (
    "('candidate', 'piloting', 'adopted', 'under_review', 'discontinuing', 'discontinued',"
    " 'rejected')"
)
ANSWERS = "('yes', 'no', 'unknown', 'na')"
DECISION_KINDS = "('pilot', 'adopt', 'renew', 'reject', 'discontinue')"
CONNECTIONS = "('rostering', 'sso', 'file_upload', 'none')"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DistrictRow(Base):
    __tablename__ = "district"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(f"aggregation IN {AGGREGATIONS}", name="aggregation"),
        CheckConstraint("min_raters >= 1", name="min_raters"),
        CheckConstraint(
            "disagreement_threshold IS NULL OR disagreement_threshold >= 0", name="threshold"
        ),
        CheckConstraint(f"challenge_weight_method IN {WEIGHT_METHODS}", name="weight_method"),
        CheckConstraint("policy_recheck_days >= 1", name="recheck_days"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    school_year: Mapped[str] = mapped_column(String(20))
    aggregation: Mapped[str] = mapped_column(String(20), default="mean")
    min_raters: Mapped[int] = mapped_column(Integer, default=2)
    disagreement_threshold: Mapped[float | None] = mapped_column(Float)
    unknown_blocks: Mapped[bool] = mapped_column(Boolean, default=False)
    challenge_weight_method: Mapped[str] = mapped_column(String(20), default="direct")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Revision 0003: a tool's privacy policy read longer ago than this is due a re-check.
    policy_recheck_days: Mapped[int] = mapped_column(Integer, default=365)


class RubricLevelRow(Base):
    __tablename__ = "rubric_level"
    __table_args__ = (CheckConstraint("value >= 0 AND value <= 100", name="value_range"),)
    value: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    label: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")


class ChallengeRow(Base):
    __tablename__ = "challenge"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_present"),
        CheckConstraint(f"category IN {CATEGORIES}", name="category"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority"),
        CheckConstraint("weight >= 0", name="weight_nonnegative"),
        CheckConstraint(f"outcome_weight_method IN {WEIGHT_METHODS}", name="weight_method"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    evidence: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    outcome_weight_method: Mapped[str] = mapped_column(String(20), default="direct")


class OutcomeRow(Base):
    __tablename__ = "outcome"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
        CheckConstraint("direction IN ('higher', 'lower')", name="direction"),
        CheckConstraint("weight >= 0", name="weight_nonnegative"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(60), default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(10), default="higher")
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class ToolRow(Base):
    __tablename__ = "tool"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint("annual_cost IS NULL OR annual_cost >= 0", name="annual_cost"),
        CheckConstraint("cost_per_student IS NULL OR cost_per_student >= 0", name="cost_student"),
        CheckConstraint("students_served IS NULL OR students_served >= 0", name="served"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    vendor: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    annual_cost: Mapped[float | None] = mapped_column(Float)
    cost_per_student: Mapped[float | None] = mapped_column(Float)
    students_served: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="candidate")
    owner: Mapped[str] = mapped_column(String(200), default="")
    next_review: Mapped[str | None] = mapped_column(String(10))
    # Revision 0003: privacy and lifecycle facts about the tool.
    policy_version: Mapped[str] = mapped_column(String(60), default="")
    policy_checked_on: Mapped[str | None] = mapped_column(String(10))
    pilot_ends_on: Mapped[str | None] = mapped_column(String(10))
    #: JSON list of student data categories (SDPC NDPA Exhibit B) the tool touches.
    data_categories: Mapped[str] = mapped_column(Text, default="[]")
    # Revision 0004: who the tool serves (None: not stated, so audience-bound items still apply).
    users_under_13: Mapped[bool | None] = mapped_column(Boolean)
    high_stakes_use: Mapped[bool | None] = mapped_column(Boolean)


class MemberRow(Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")


class ScoreRow(Base):
    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("member_id", "tool_id", "outcome_id", name="uq_score_cell"),
        CheckConstraint("value IS NULL OR (value >= 0 AND value <= 100)", name="value_range"),
        CheckConstraint("NOT (abstained AND value IS NOT NULL)", name="abstain_has_no_value"),
        CheckConstraint("abstained OR value IS NOT NULL", name="value_or_abstain"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    tool_id: Mapped[int] = mapped_column(ForeignKey("tool.id", ondelete="CASCADE"), index=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float | None] = mapped_column(Float)
    abstained: Mapped[bool] = mapped_column(Boolean, default=False)
    rationale: Mapped[str] = mapped_column(Text, default="")


class AuditEventRow(Base):
    __tablename__ = "audit_event"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_key: Mapped[str] = mapped_column(String(200), default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# Revision 0002: evidence and governance.


class RecusalRow(Base):
    __tablename__ = "recusal"
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")


class ConsensusRow(Base):
    __tablename__ = "consensus"
    __table_args__ = (
        CheckConstraint("length(trim(reason)) > 0", name="reason_present"),
        CheckConstraint("value >= 0 AND value <= 100", name="value_range"),
    )
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(200), default="")


class ScenarioRow(Base):
    __tablename__ = "scenario"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: JSON: {"challenges": {id: weight}, "outcomes": {id: weight}}
    weights: Mapped[str] = mapped_column(Text)


class PrivacyItemRow(Base):
    __tablename__ = "privacy_item"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    guidance: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[str] = mapped_column(Text, default="")
    applies_when: Mapped[str] = mapped_column(String(100), default="always")
    blocker: Mapped[bool] = mapped_column(Boolean, default=False)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    checklist_version: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(200), default="")


class PrivacyAnswerRow(Base):
    __tablename__ = "privacy_answer"
    __table_args__ = (CheckConstraint(f"answer IN {ANSWERS}", name="answer"),)
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(
        ForeignKey("privacy_item.key", ondelete="CASCADE"), primary_key=True
    )
    answer: Mapped[str] = mapped_column(String(10), default="unknown")
    evidence: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    checked_on: Mapped[str | None] = mapped_column(String(10))
    # Revision 0003: where the evidence is, and which checklist version the answer was given to.
    evidence_document: Mapped[str] = mapped_column(Text, default="")
    evidence_section: Mapped[str] = mapped_column(String(200), default="")
    checklist_version: Mapped[str] = mapped_column(String(20), default="")


class DecisionRow(Base):
    __tablename__ = "decision"
    __table_args__ = (
        CheckConstraint(f"kind IN {DECISION_KINDS}", name="kind"),
        CheckConstraint("length(trim(owner)) > 0", name="owner_present"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # RESTRICT: a tool with decisions on record cannot be deleted, only discontinued.
    tool_id: Mapped[int] = mapped_column(ForeignKey("tool.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    decided_on: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[str | None] = mapped_column(String(10))
    #: JSON of the ranking the committee saw, frozen at decision time.
    snapshot: Mapped[str] = mapped_column(Text, default="")
    # Revision 0005: a decision is never edited; a correction is a new one naming the old.
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="RESTRICT"))


class MeasurementRow(Base):
    __tablename__ = "measurement"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("tool.id", ondelete="CASCADE"), index=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id", ondelete="CASCADE"))
    measured_on: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")


# Revision 0003: agreements, gate overrides, data systems, retirement, actors.
class DataAgreementRow(Base):
    __tablename__ = "data_agreement"
    __table_args__ = (
        CheckConstraint("length(trim(kind)) > 0", name="kind_present"),
        CheckConstraint(
            "expires_on IS NULL OR signed_on IS NULL OR expires_on >= signed_on", name="dates"
        ),
    )
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(100))
    signed_on: Mapped[str | None] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    covers_ai: Mapped[bool] = mapped_column(Boolean, default=False)
    document: Mapped[str] = mapped_column(Text, default="")


class GateOverrideRow(Base):
    """The committee let a blocked tool through; who decided and why stays on record."""

    __tablename__ = "gate_override"
    __table_args__ = (
        CheckConstraint("length(trim(person)) > 0", name="person_present"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_present"),
    )
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    person: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    granted_on: Mapped[str] = mapped_column(String(10))


class DataSystemRow(Base):
    __tablename__ = "data_system"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(100), default="")
    owner: Mapped[str] = mapped_column(String(200), default="")


class ToolSystemRow(Base):
    __tablename__ = "tool_system"
    __table_args__ = (CheckConstraint(f"how IN {CONNECTIONS}", name="how"),)
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    system_id: Mapped[int] = mapped_column(
        ForeignKey("data_system.id", ondelete="CASCADE"), primary_key=True
    )
    how: Mapped[str] = mapped_column(String(20), default="none")
    #: JSON list of the student data categories that flow over this link.
    categories: Mapped[str] = mapped_column(Text, default="[]")


class RetirementRow(Base):
    """The walk from "discontinue" to "discontinued"; it cannot end before deletion is proven."""

    __tablename__ = "retirement"
    __table_args__ = (
        CheckConstraint(
            "completed_on IS NULL OR (deletion_confirmed_on IS NOT NULL"
            " AND length(trim(deletion_evidence)) > 0)",
            name="deletion_before_completion",
        ),
    )
    tool_id: Mapped[int] = mapped_column(
        ForeignKey("tool.id", ondelete="CASCADE"), primary_key=True
    )
    started_on: Mapped[str] = mapped_column(String(10))
    users_notified_on: Mapped[str | None] = mapped_column(String(10))
    access_removed_on: Mapped[str | None] = mapped_column(String(10))
    deletion_requested_on: Mapped[str | None] = mapped_column(String(10))
    deletion_confirmed_on: Mapped[str | None] = mapped_column(String(10))
    deletion_evidence: Mapped[str] = mapped_column(Text, default="")
    completed_on: Mapped[str | None] = mapped_column(String(10))


class ActorRow(Base):
    """The display name a person confirmed once for their OS account (R4.8)."""

    __tablename__ = "actor"
    __table_args__ = (CheckConstraint("length(trim(display_name)) > 0", name="name_present"),)
    os_user: Mapped[str] = mapped_column(String(200), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    confirmed_at: Mapped[str] = mapped_column(String(40))


def table_of(row_class: type[Base]) -> Table:
    """The Core table of a mapped class, typed as a Table (``__table__`` is a FromClause)."""
    return cast(Table, row_class.__table__)
