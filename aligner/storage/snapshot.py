"""Read a project into the pipeline's arrays in one pass (Core selects, no ORM objects)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import Connection, Select, select

from aligner.compute.pipeline import EvaluationData
from aligner.domain.enums import Aggregation
from aligner.storage.governance_rows import gate
from aligner.storage.tables import (
    ChallengeRow,
    ConsensusRow,
    DistrictRow,
    MemberRow,
    OutcomeRow,
    RecusalRow,
    RubricLevelRow,
    ScoreRow,
    ToolRow,
    table_of,
)


def _index(ids: list[int]) -> np.ndarray:
    """A lookup array from id to position; ids are small positive integers."""
    lookup = np.full((max(ids) + 1) if ids else 1, -1, dtype=np.int64)
    lookup[ids] = np.arange(len(ids))
    return lookup


def _fetch_numeric(connection: Connection, query: Select[Any], *, columns: int) -> np.ndarray:
    """Run a Core select of numeric columns straight into a float array.

    Scores are the one bulk read (tools x outcomes x members rows): building a Row object per
    score and converting those to numpy costs ten times the query itself, so the compiled
    statement runs on the driver cursor and its plain tuples go to numpy in one call.
    """
    compiled = query.compile(connection)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        rows = cursor.execute(str(compiled), params).fetchall()
    finally:
        cursor.close()
    return np.array(rows, dtype=np.float64).reshape(-1, columns)


def load_evaluation(connection: Connection) -> EvaluationData:
    """Read everything the pipeline needs from the store."""
    c, o, t, m = (
        table_of(ChallengeRow),
        table_of(OutcomeRow),
        table_of(ToolRow),
        table_of(MemberRow),
    )
    challenges = connection.execute(select(c.c.id, c.c.title, c.c.weight).order_by(c.c.id)).all()
    outcomes = connection.execute(
        select(o.c.id, o.c.name, o.c.challenge_id, o.c.weight).order_by(o.c.challenge_id, o.c.id)
    ).all()
    tools = connection.execute(
        select(t.c.id, t.c.name, t.c.cost_per_student).order_by(t.c.id)
    ).all()
    members = connection.execute(select(m.c.id, m.c.name).order_by(m.c.id)).all()
    member_ids = [row[0] for row in members]
    challenge_pos = _index([row[0] for row in challenges])
    outcome_pos = _index([row[0] for row in outcomes])
    tool_pos = _index([row[0] for row in tools])
    member_pos = _index(member_ids)

    s = table_of(ScoreRow)
    query = select(s.c.member_id, s.c.tool_id, s.c.outcome_id, s.c.value).where(
        s.c.value.is_not(None)
    )
    raw = _fetch_numeric(connection, query, columns=4)
    scores = np.full((len(member_ids), len(tools), len(outcomes)), np.nan)
    ids = raw[:, :3].astype(np.int64)
    scores[member_pos[ids[:, 0]], tool_pos[ids[:, 1]], outcome_pos[ids[:, 2]]] = raw[:, 3]
    r = table_of(RecusalRow)
    for member_id, tool_id in connection.execute(select(r.c.member_id, r.c.tool_id)):
        scores[member_pos[member_id], tool_pos[tool_id], :] = np.nan

    consensus = np.full((len(tools), len(outcomes)), np.nan)
    k = table_of(ConsensusRow)
    for tool_id, outcome_id, value in connection.execute(
        select(k.c.tool_id, k.c.outcome_id, k.c.value)
    ):
        consensus[tool_pos[tool_id], outcome_pos[outcome_id]] = value

    d = table_of(DistrictRow)
    district = connection.execute(
        select(d.c.aggregation, d.c.min_raters, d.c.disagreement_threshold)
    ).one()
    levels = [row[0] for row in connection.execute(select(table_of(RubricLevelRow).c.value))]
    return EvaluationData(
        tool_ids=tuple(row[0] for row in tools),
        tool_names=tuple(row[1] for row in tools),
        outcome_ids=tuple(row[0] for row in outcomes),
        outcome_names=tuple(row[1] for row in outcomes),
        challenge_ids=tuple(row[0] for row in challenges),
        challenge_names=tuple(row[1] for row in challenges),
        outcome_challenge=challenge_pos[np.array([row[2] for row in outcomes], dtype=np.int64)],
        challenge_weights=np.array([row[2] for row in challenges], dtype=np.float64),
        outcome_weights=np.array([row[3] for row in outcomes], dtype=np.float64),
        member_ids=tuple(member_ids),
        member_names=tuple(row[1] for row in members),
        scores=scores,
        rubric_min=float(min(levels, default=0)),
        rubric_max=float(max(levels, default=0)),
        aggregation=Aggregation(district[0]),
        min_raters=int(district[1]),
        discuss_threshold=None if district[2] is None else float(district[2]),
        consensus=consensus,
        blocked=gate(connection),
        cost_per_student=np.array(
            [np.nan if row[2] is None else row[2] for row in tools], dtype=np.float64
        ),
    )
