"""Plain values a scorecard workbook and the meeting report are written from.

Services fill them from a project (aligner/services/scorecard.py); the writers never touch
the store, so what the file shows is exactly what the services computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChallengeLine:
    id: int
    title: str
    weight: float


@dataclass(frozen=True, slots=True)
class OutcomeLine:
    id: int
    challenge_id: int
    challenge: str
    name: str
    weight: float
    #: Share of the whole (0..1) as the app computed it; the workbook recomputes it live.
    global_weight: float = 0.0


@dataclass(frozen=True, slots=True)
class CellLine:
    """One outcome on a tool's scorecard."""

    challenge: str
    outcome: str
    consensus: float | None
    spread: float | None
    raters: int
    rationales: str


@dataclass(frozen=True, slots=True)
class ToolCard:
    id: int
    name: str
    vendor: str
    purpose: str
    lifecycle: str
    status: str
    total: float | None
    rank: int | None
    coverage: float
    topsis_rank: int | None = None
    cost_per_student: float | None = None
    cost_effectiveness: float | None = None
    blocked_reasons: tuple[str, ...] = ()
    #: consensus score per outcome, in the order of ScorecardData.outcomes; None = unscored.
    scores: tuple[float | None, ...] = ()
    lines: tuple[CellLine, ...] = ()
    radar_png: bytes | None = None
    privacy: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class MemberScore:
    member: str
    tool: str
    outcome: str
    value: float | None
    abstained: bool
    rationale: str


@dataclass(frozen=True, slots=True)
class ScorecardData:
    district: str
    school_year: str
    made_on: str
    fingerprint: str
    method_note: tuple[str, ...]
    rubric_low: float
    rubric_high: float
    challenges: tuple[ChallengeLine, ...]
    outcomes: tuple[OutcomeLine, ...]
    #: In ranking order: ranked, then blocked, then unscored.
    tools: tuple[ToolCard, ...]
    member_scores: tuple[MemberScore, ...] = ()
    charts: tuple[tuple[str, bytes], ...] = field(default_factory=tuple)
