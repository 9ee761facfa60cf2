"""Read the store into domain values. Rows in, frozen dataclasses out; no ORM objects leak."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select

from aligner.domain.enums import (
    Aggregation,
    Category,
    Direction,
    ToolStatus,
    WeightMethod,
)
from aligner.domain.ids import ChallengeId, MemberId, OutcomeId, ToolId
from aligner.domain.model import (
    Challenge,
    District,
    Member,
    Outcome,
    ProjectCounts,
    RubricLevel,
    Score,
    Tool,
)
from aligner.storage import audit
from aligner.storage.tables import (
    ChallengeRow,
    DistrictRow,
    MemberRow,
    OutcomeRow,
    RecusalRow,
    RubricLevelRow,
    ScoreRow,
    ToolRow,
    table_of,
)

_DISTRICT = table_of(DistrictRow)
_RUBRIC = table_of(RubricLevelRow)
_CHALLENGE = table_of(ChallengeRow)
_OUTCOME = table_of(OutcomeRow)
_TOOL = table_of(ToolRow)
_MEMBER = table_of(MemberRow)
_SCORE = table_of(ScoreRow)
_RECUSAL = table_of(RecusalRow)


def district(connection: Connection) -> District:
    row = connection.execute(select(_DISTRICT)).mappings().one()
    levels = connection.execute(select(_RUBRIC).order_by(_RUBRIC.c.value)).mappings()
    return District(
        name=row["name"],
        school_year=row["school_year"],
        rubric=tuple(RubricLevel(r["value"], r["label"], r["description"]) for r in levels),
        aggregation=Aggregation(row["aggregation"]),
        min_raters=row["min_raters"],
        disagreement_threshold=row["disagreement_threshold"],
        unknown_blocks=bool(row["unknown_blocks"]),
        challenge_weight_method=WeightMethod(row["challenge_weight_method"]),
        is_sample=bool(row["is_sample"]),
    )


def _challenge(row: Any) -> Challenge:
    return Challenge(
        id=ChallengeId(row["id"]),
        title=row["title"],
        category=Category(row["category"]),
        weight=row["weight"],
        description=row["description"],
        priority=row["priority"],
        evidence=row["evidence"],
        owner=row["owner"],
        outcome_weight_method=WeightMethod(row["outcome_weight_method"]),
    )


def challenges(connection: Connection) -> list[Challenge]:
    rows = connection.execute(select(_CHALLENGE).order_by(_CHALLENGE.c.id)).mappings()
    return [_challenge(row) for row in rows]


def _outcome(row: Any) -> Outcome:
    return Outcome(
        id=OutcomeId(row["id"]),
        challenge_id=ChallengeId(row["challenge_id"]),
        name=row["name"],
        metric=row["metric"],
        unit=row["unit"],
        baseline=row["baseline"],
        target=row["target"],
        direction=Direction(row["direction"]),
        weight=row["weight"],
    )


def outcomes(connection: Connection) -> list[Outcome]:
    """Outcomes grouped by challenge (challenge order), then in creation order."""
    query = select(_OUTCOME).order_by(_OUTCOME.c.challenge_id, _OUTCOME.c.id)
    return [_outcome(row) for row in connection.execute(query).mappings()]


def _tool(row: Any) -> Tool:
    return Tool(
        id=ToolId(row["id"]),
        name=row["name"],
        vendor=row["vendor"],
        purpose=row["purpose"],
        annual_cost=row["annual_cost"],
        cost_per_student=row["cost_per_student"],
        students_served=row["students_served"],
        status=ToolStatus(row["status"]),
        owner=row["owner"],
        next_review=row["next_review"],
        policy_version=row["policy_version"],
        policy_checked_on=row["policy_checked_on"],
        pilot_ends_on=row["pilot_ends_on"],
        data_categories=tuple(json.loads(row["data_categories"] or "[]")),
        users_under_13=_maybe(row["users_under_13"]),
        high_stakes_use=_maybe(row["high_stakes_use"]),
    )


def _maybe(value: Any) -> bool | None:
    return None if value is None else bool(value)


def tools(connection: Connection) -> list[Tool]:
    return [_tool(r) for r in connection.execute(select(_TOOL).order_by(_TOOL.c.id)).mappings()]


def members(connection: Connection) -> list[Member]:
    rows = connection.execute(select(_MEMBER).order_by(_MEMBER.c.id)).mappings()
    return [Member(MemberId(r["id"]), r["name"], r["role"]) for r in rows]


def scores(connection: Connection, member_id: int | None = None) -> list[Score]:
    c = _SCORE.c
    query = select(
        c.member_id, c.tool_id, c.outcome_id, c.value, c.abstained, c.rationale
    ).order_by(c.id)
    if member_id is not None:
        query = query.where(c.member_id == member_id)
    # Plain tuples, not mappings: exports read every score (100,000 in a large district).
    return [
        Score(MemberId(m), ToolId(t), OutcomeId(o), value, bool(abstained), rationale)
        for m, t, o, value, abstained, rationale in connection.execute(query).tuples()
    ]


NamedScore = tuple[int, int, str, str, str, float | None, bool, str]


def named_scores(connection: Connection) -> list[NamedScore]:
    """Every score with its member's, tool's and outcome's names, in entry order: (tool id,
    outcome id, member, tool, outcome, value, abstained, rationale). One join, for exports
    that list every score (100,000 in a large district)."""
    s, m, t, o = _SCORE.c, _MEMBER.c, _TOOL.c, _OUTCOME.c
    query = (
        select(s.tool_id, s.outcome_id, m.name, t.name, o.name, s.value, s.abstained, s.rationale)
        .join_from(_SCORE, _MEMBER, s.member_id == m.id)
        .join(_TOOL, s.tool_id == t.id)
        .join(_OUTCOME, s.outcome_id == o.id)
        .order_by(s.id)
    )
    return [
        (tool, outcome, member, tool_name, outcome_name, value, bool(abstained), rationale)
        for tool, outcome, member, tool_name, outcome_name, value, abstained, rationale in (
            connection.execute(query).tuples()
        )
    ]


def recusals(connection: Connection) -> set[tuple[MemberId, ToolId]]:
    rows = connection.execute(select(_RECUSAL.c.member_id, _RECUSAL.c.tool_id))
    return {(MemberId(m), ToolId(t)) for m, t in rows}


def score_row_id(
    connection: Connection, member_id: int, tool_id: int, outcome_id: int
) -> int | None:
    query = select(_SCORE.c.id).where(
        _SCORE.c.member_id == member_id,
        _SCORE.c.tool_id == tool_id,
        _SCORE.c.outcome_id == outcome_id,
    )
    found = connection.execute(query).scalar_one_or_none()
    return None if found is None else int(found)


def counts(connection: Connection) -> ProjectCounts:
    def n(tbl: Any) -> int:
        return int(connection.execute(select(func.count()).select_from(tbl)).scalar_one())

    return ProjectCounts(
        challenges=n(_CHALLENGE),
        outcomes=n(_OUTCOME),
        tools=n(_TOOL),
        members=n(_MEMBER),
        scores=n(_SCORE),
        audit_events=audit.count(connection),
    )
