"""Frozen records of privacy vetting and governance, as services hand them out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aligner.domain.enums import Answer, DecisionKind, ToolStatus


class Connection(StrEnum):
    """How a tool reaches one of the district's data systems."""

    ROSTERING = "rostering"
    SSO = "sso"
    FILE_UPLOAD = "file_upload"
    NONE = "none"


class DueKind(StrEnum):
    """What kind of follow-up the committee owes."""

    DECISION_REVIEW = "decision_review"
    AGREEMENT_EXPIRY = "agreement_expiry"
    POLICY_RECHECK = "policy_recheck"
    PILOT_END = "pilot_end"


class Progress(StrEnum):
    """A monitored outcome's plain status for the next review."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


#: Student data categories of the SDPC NDPA Exhibit B "Schedule of Data" (mission-anchors §3.4),
#: with the three later ones from the Illinois list modelled on it.
DATA_CATEGORIES: tuple[str, ...] = (
    "Application technology metadata",
    "Application use statistics",
    "Assessment",
    "Attendance",
    "Communications",
    "Conduct",
    "Demographics",
    "Enrollment",
    "Parent/guardian contact information",
    "Parent/guardian ID",
    "Parent/guardian name",
    "Schedule",
    "Special indicator",
    "Student contact information",
    "Student identifiers",
    "Student name",
    "Student in-app performance",
    "Student work",
    "Transcript",
    "Technology use performance",
)


@dataclass(frozen=True, slots=True)
class PrivacyItem:
    key: str
    title: str
    question: str
    guidance: str
    sources: tuple[str, ...]
    applies_when: str
    blocker: bool
    custom: bool
    checklist_version: str


@dataclass(frozen=True, slots=True)
class PrivacyAnswer:
    """One tool's answer to one item; a missing answer reads as unknown."""

    tool_id: int
    item_key: str
    answer: Answer
    evidence: str = ""
    evidence_document: str = ""
    evidence_section: str = ""
    checked_on: str | None = None
    reviewer: str = ""
    checklist_version: str = ""


@dataclass(frozen=True, slots=True)
class DataAgreement:
    tool_id: int
    kind: str
    signed_on: str | None
    expires_on: str | None
    covers_ai: bool
    document: str = ""


@dataclass(frozen=True, slots=True)
class GateOverride:
    tool_id: int
    person: str
    reason: str
    granted_on: str


@dataclass(frozen=True, slots=True)
class PrivacySummary:
    """R5.3: what the committee needs at a glance about one tool."""

    tool_id: int
    tool_name: str
    blockers_failed: tuple[str, ...]
    unknowns: int
    answered: int
    items: int
    agreement: DataAgreement | None
    agreement_status: str
    blocked: bool
    override: GateOverride | None
    checklist_versions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    tool_id: int
    kind: DecisionKind
    decided_on: str
    decided_by: str
    owner: str
    rationale: str
    conditions: str
    review_on: str | None
    #: The ranking JSON (Ranking.to_json) the committee saw when it decided.
    snapshot: dict[str, object]
    #: The earlier decision this one corrects; decisions are never edited (R4.5).
    amends_id: int | None = None


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: DueKind
    tool_id: int
    tool_name: str
    due_on: str
    overdue: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Measurement:
    id: int
    tool_id: int
    outcome_id: int
    measured_on: str
    value: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class MonitoringLine:
    """One outcome of one adopted or piloting tool, against its baseline and target."""

    tool_id: int
    tool_name: str
    outcome_id: int | None
    outcome_name: str
    unit: str
    baseline: float | None
    target: float | None
    higher_is_better: bool
    points: tuple[tuple[str, float], ...]
    progress: Progress
    explanation: str


@dataclass(frozen=True, slots=True)
class DataSystem:
    id: int
    name: str
    kind: str
    owner: str


@dataclass(frozen=True, slots=True)
class ToolSystemLink:
    tool_id: int
    system_id: int
    how: Connection
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Retirement:
    tool_id: int
    started_on: str
    users_notified_on: str | None
    access_removed_on: str | None
    deletion_requested_on: str | None
    deletion_confirmed_on: str | None
    deletion_evidence: str
    completed_on: str | None

    @property
    def can_finish(self) -> bool:
        return self.deletion_confirmed_on is not None and bool(self.deletion_evidence.strip())


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_key: str
    before: str
    after: str
    hash: str


__all__ = ["Answer", "DecisionKind", "ToolStatus"]
