"""The ranking as plain values, the same for the app, the CLI and the exports."""

from __future__ import annotations

import math
from dataclasses import dataclass

from aligner.compute.pipeline import Evaluation

METHOD_WEIGHTED_SUM = "weighted_sum"


@dataclass(frozen=True, slots=True)
class RankedTool:
    """One tool's line in the ranking."""

    tool_id: int
    name: str
    score: float | None
    rank: int | None
    status: str
    coverage: float
    insufficient: float
    blocked_reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranking:
    """Tools best first: ranked, then blocked, then unscored."""

    method: str
    tools: tuple[RankedTool, ...]
    weights: tuple[tuple[int, str, float], ...]

    def to_json(self) -> dict[str, object]:
        return {
            "method": self.method,
            "weights": [
                {"outcome_id": oid, "outcome": name, "weight": round(w, 6)}
                for oid, name, w in self.weights
            ],
            "tools": [
                {
                    "id": t.tool_id,
                    "name": t.name,
                    "score": None if t.score is None else round(t.score, 4),
                    "rank": t.rank,
                    "status": t.status,
                    "coverage": round(t.coverage, 4),
                    "insufficient": round(t.insufficient, 4),
                    "blocked_reasons": list(t.blocked_reasons),
                }
                for t in self.tools
            ],
        }


def ranking_from(evaluation: Evaluation) -> Ranking:
    data = evaluation.data
    lines = []
    for i in evaluation.order():
        total = float(evaluation.totals[i])
        status = evaluation.status(i)
        lines.append(
            RankedTool(
                tool_id=data.tool_ids[i],
                name=data.tool_names[i],
                score=None if math.isnan(total) else total,
                rank=int(evaluation.ranks[i]) if status == "ranked" else None,
                status=status,
                coverage=float(evaluation.coverage[i]),
                insufficient=float(evaluation.insufficient[i]),
                blocked_reasons=tuple(data.blocked.get(data.tool_ids[i], ())),
            )
        )
    weights = tuple(
        (oid, name, float(w))
        for oid, name, w in zip(
            data.outcome_ids, data.outcome_names, evaluation.weights, strict=True
        )
    )
    return Ranking(METHOD_WEIGHTED_SUM, tuple(lines), weights)
