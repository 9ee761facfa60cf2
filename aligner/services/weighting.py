"""Set the weights of one level (the challenges, or one challenge's outcomes) by a method.

The committee chooses direct weights, a 100-point allocation, a ranking (rank-order centroid)
or pairwise comparisons (AHP). The computations are aligner.compute.weights; this module turns
their result into one undoable command and previews global weights before it is applied.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from aligner.compute import weights as methods
from aligner.compute.hierarchy import global_weights
from aligner.compute.weights import CONSISTENCY_LIMIT, AhpResult
from aligner.config import resources_dir
from aligner.domain.enums import Category, Direction, WeightMethod
from aligner.domain.errors import ComputeError
from aligner.services import edits
from aligner.services.commands import Batch, Command
from aligner.services.project import Project

FloatArray = NDArray[np.float64]
#: Stored weights are shares x this, so the numbers read as percentages in the tables.
STORED_SCALE = 100.0
TEMPLATES_FILE = "outcome_templates.json"
#: Saaty's scale, for turning weight ratios into judgements a committee would say.
SAATY = (1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def level_weights(method: WeightMethod, inputs: Sequence[float]) -> FloatArray:
    """Shares (summing to 1) from the committee's inputs for direct, points or ranking."""
    if method is WeightMethod.DIRECT:
        return methods.direct(inputs)
    if method is WeightMethod.POINTS:
        return methods.points(inputs)
    if method is WeightMethod.RANKING:
        return methods.from_ranks(inputs, "roc")
    raise ComputeError("pairwise weights come from a comparison matrix; use pairwise_weights")


def pairwise_weights(matrix: Sequence[Sequence[float]]) -> methods.AhpResult:
    return methods.ahp(np.asarray(matrix, dtype=np.float64))


def implied_matrix(shares: Sequence[float]) -> list[list[float]]:
    """A starting comparison matrix from current weights, each ratio snapped to Saaty's scale."""
    values = np.asarray(shares, dtype=np.float64)
    n = values.size
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            ratio = float(values[i] / values[j]) if values[j] > 0 and values[i] > 0 else 1.0
            snapped = _nearest_judgement(ratio)
            matrix[i][j], matrix[j][i] = snapped, 1 / snapped
    return matrix


def _nearest_judgement(ratio: float) -> float:
    return min(SAATY, key=lambda s: abs(float(np.log(s / ratio))))


def apply_level(
    challenge_id: int | None,
    method: WeightMethod,
    record_ids: Sequence[int],
    shares: Sequence[float],
    description: str,
) -> Batch:
    """One undoable step: store the level's weights and the method that produced them.

    ``challenge_id`` None means the challenge level; otherwise that challenge's outcomes.
    """
    entity = "challenge" if challenge_id is None else "outcome"
    commands: list[Command] = [
        edits.update(entity, record_id, weight=round(float(share) * STORED_SCALE, 4))
        for record_id, share in zip(record_ids, shares, strict=True)
    ]
    if challenge_id is None:
        commands.append(edits.update_district(challenge_weight_method=method.value))
    else:
        commands.append(edits.update("challenge", challenge_id, outcome_weight_method=method))
    return Batch(tuple(commands), description)


@dataclass(frozen=True, slots=True)
class GlobalWeights:
    challenge_names: tuple[str, ...]
    outcome_names: tuple[str, ...]
    outcome_challenge: NDArray[np.int64]
    weights: FloatArray


def global_preview(
    project: Project,
    challenge_override: Mapping[int, float] | None = None,
    outcome_override: Mapping[int, float] | None = None,
) -> GlobalWeights:
    """Global outcome weights, with draft weights (by record id) in place of stored ones."""
    data = project.evaluation().data
    challenge_weights = np.array(
        [
            (challenge_override or {}).get(cid, data.challenge_weights[i])
            for i, cid in enumerate(data.challenge_ids)
        ],
        dtype=np.float64,
    )
    outcome_weights = np.array(
        [
            (outcome_override or {}).get(oid, data.outcome_weights[i])
            for i, oid in enumerate(data.outcome_ids)
        ],
        dtype=np.float64,
    )
    return GlobalWeights(
        data.challenge_names,
        data.outcome_names,
        data.outcome_challenge,
        global_weights(challenge_weights, outcome_weights, data.outcome_challenge),
    )


@dataclass(frozen=True, slots=True)
class OutcomeTemplate:
    """A common K-12 outcome a committee can add to a challenge and then edit."""

    name: str
    category: Category
    metric: str
    unit: str
    direction: Direction

    def values(self, challenge_id: int) -> dict[str, object]:
        return {
            "challenge_id": challenge_id,
            "name": self.name,
            "metric": self.metric,
            "unit": self.unit,
            "direction": self.direction,
            "weight": 1.0,
        }


def outcome_templates() -> list[OutcomeTemplate]:
    raw = json.loads((resources_dir() / TEMPLATES_FILE).read_text(encoding="utf-8"))
    return [
        OutcomeTemplate(
            t["name"], Category(t["category"]), t["metric"], t["unit"], Direction(t["direction"])
        )
        for t in raw["templates"]
    ]


__all__ = [
    "CONSISTENCY_LIMIT",
    "AhpResult",
    "GlobalWeights",
    "OutcomeTemplate",
    "apply_level",
    "global_preview",
    "implied_matrix",
    "level_weights",
    "outcome_templates",
    "pairwise_weights",
]
