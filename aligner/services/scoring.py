"""The committee's combined view of the scores, for the chair's "reveal" and the consensus."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select

from aligner.compute.aggregation import aggregate
from aligner.services.project import Project
from aligner.storage import rows


@dataclass(frozen=True, slots=True)
class ConsensusCell:
    """One tool x outcome cell as the committee sees it after the reveal."""

    tool_id: int
    outcome_id: int
    #: Members' aggregate (district's method), None when nobody scored it.
    aggregate: float | None
    count: int
    #: Highest minus lowest score; None with fewer than two scores.
    spread: float | None
    discuss: bool
    consensus: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class ConsensusGrid:
    tool_ids: tuple[int, ...]
    tool_names: tuple[str, ...]
    outcome_ids: tuple[int, ...]
    outcome_names: tuple[str, ...]
    #: cells[tool][outcome]
    cells: tuple[tuple[ConsensusCell, ...], ...]
    threshold: float
    rubric_min: float
    rubric_max: float


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def consensus_grid(project: Project) -> ConsensusGrid:
    """Aggregates, spread, discuss flags and consensus scores of every cell."""
    evaluation = project.evaluation()
    data = evaluation.data
    members_view, counts = aggregate(data.scores, data.aggregation)
    spread = evaluation.disagreement
    table = rows.table("consensus")
    with project.reading() as connection:
        agreed = {
            (r.tool_id, r.outcome_id): (float(r.value), str(r.reason))
            for r in connection.execute(
                select(table.c.tool_id, table.c.outcome_id, table.c.value, table.c.reason)
            )
        }
    cells = tuple(
        tuple(
            ConsensusCell(
                tool_id=tool_id,
                outcome_id=outcome_id,
                aggregate=_optional(members_view[t, o]),
                count=int(counts[t, o]),
                spread=_optional(spread.range[t, o]),
                discuss=bool(spread.discuss[t, o]),
                consensus=agreed.get((tool_id, outcome_id), (None, ""))[0],
                reason=agreed.get((tool_id, outcome_id), (None, ""))[1],
            )
            for o, outcome_id in enumerate(data.outcome_ids)
        )
        for t, tool_id in enumerate(data.tool_ids)
    )
    return ConsensusGrid(
        data.tool_ids,
        data.tool_names,
        data.outcome_ids,
        data.outcome_names,
        cells,
        spread.threshold,
        data.rubric_min,
        data.rubric_max,
    )
