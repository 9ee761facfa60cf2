"""Frozen records of the committee's world, as services hand them out."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.domain.enums import (
    Aggregation,
    Category,
    Direction,
    ToolStatus,
    WeightMethod,
)
from aligner.domain.ids import ChallengeId, MemberId, OutcomeId, ToolId


@dataclass(frozen=True, slots=True)
class RubricLevel:
    """One level of the scoring rubric, e.g. 3 = "Strong evidence"."""

    value: int
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class District:
    """District-wide settings for the evaluation."""

    name: str
    school_year: str
    rubric: tuple[RubricLevel, ...]
    aggregation: Aggregation = Aggregation.MEAN
    min_raters: int = 2
    #: Range of one cell's scores at or above which the cell is flagged "discuss";
    #: None means half the rubric span.
    disagreement_threshold: float | None = None
    unknown_blocks: bool = False
    challenge_weight_method: WeightMethod = WeightMethod.DIRECT
    is_sample: bool = False

    @property
    def rubric_min(self) -> int:
        return min(level.value for level in self.rubric)

    @property
    def rubric_max(self) -> int:
        return max(level.value for level in self.rubric)

    @property
    def discuss_threshold(self) -> float:
        if self.disagreement_threshold is not None:
            return self.disagreement_threshold
        return (self.rubric_max - self.rubric_min) / 2


@dataclass(frozen=True, slots=True)
class Challenge:
    """A real problem of the district that a tool might help with."""

    id: ChallengeId
    title: str
    category: Category
    weight: float = 1.0
    description: str = ""
    priority: int = 3
    evidence: str = ""
    owner: str = ""
    outcome_weight_method: WeightMethod = WeightMethod.DIRECT


@dataclass(frozen=True, slots=True)
class Outcome:
    """A measurable result that would show progress on a challenge: the scoring criterion."""

    id: OutcomeId
    challenge_id: ChallengeId
    name: str
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: Direction = Direction.HIGHER
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Tool:
    """A candidate (or adopted) AI tool."""

    id: ToolId
    name: str
    vendor: str = ""
    purpose: str = ""
    annual_cost: float | None = None
    cost_per_student: float | None = None
    students_served: int | None = None
    status: ToolStatus = ToolStatus.CANDIDATE
    owner: str = ""
    next_review: str | None = None
    policy_version: str = ""
    policy_checked_on: str | None = None
    pilot_ends_on: str | None = None
    #: Student data categories the tool touches (SDPC NDPA Exhibit B names).
    data_categories: tuple[str, ...] = ()
    #: Used by students under 13; None when the committee has not said (COPPA items then apply).
    users_under_13: bool | None = None
    #: Used for grading, placement, discipline or eligibility; None when not stated.
    high_stakes_use: bool | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """An adult on the committee who scores tools."""

    id: MemberId
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Score:
    """One member's judgement of one tool on one outcome. value None with abstained = abstention."""

    member_id: MemberId
    tool_id: ToolId
    outcome_id: OutcomeId
    value: float | None
    abstained: bool = False
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class ProjectCounts:
    """How much a project holds, for `aligner info` and the status bar."""

    challenges: int
    outcomes: int
    tools: int
    members: int
    scores: int
    audit_events: int
    extra: dict[str, int] = field(default_factory=dict)
