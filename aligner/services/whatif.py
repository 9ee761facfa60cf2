"""Live "what if" on the weights: re-rank an already loaded project as sliders move.

The store is read once into EvaluationData; each move recomputes the global weights and runs the
same pipeline with ``weights_override``, so the table in the room shows exactly what the CLI and
the workbook would show for those weights, without a database round trip per slider step.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from aligner.compute.hierarchy import global_weights
from aligner.compute.pipeline import Evaluation, EvaluationData, evaluate, reweigh
from aligner.services.project import Project
from aligner.storage import snapshot

FloatArray = NDArray[np.float64]


def load_data(project: Project) -> EvaluationData:
    """Read everything the pipeline needs from the project, once."""
    with project.reading() as connection:
        return snapshot.load_evaluation(connection)


class ResultLine(NamedTuple):
    """One tool's line in the rankings table, in the committee's terms.

    A NamedTuple, not a frozen dataclass: 200 of them are made per slider step, ten times
    faster this way.
    """

    tool_index: int
    tool_id: int
    name: str
    rank: int | None
    score: float | None
    topsis_rank: int | None
    coverage: float
    cost_effectiveness: float | None
    status: str
    blocked_reasons: tuple[str, ...]


def result_lines(evaluation: Evaluation) -> list[ResultLine]:
    """The table's lines, best first: ranked, then blocked, then unscored.

    Runs on every slider step: arrays become Python lists once, not one scalar at a time.
    """
    data = evaluation.data
    totals = evaluation.totals.tolist()
    ranks = evaluation.ranks.tolist()
    topsis_ranks = evaluation.topsis_ranks.tolist()
    coverage = evaluation.coverage.tolist()
    per_thousand = evaluation.cost_effectiveness.tolist()
    lines = []
    for i in evaluation.order():
        tool_id = data.tool_ids[i]
        reasons = tuple(data.blocked.get(tool_id, ()))
        total, value = totals[i], per_thousand[i]
        unscored = math.isnan(total)
        lines.append(
            ResultLine(
                tool_index=i,
                tool_id=tool_id,
                name=data.tool_names[i],
                rank=ranks[i] or None,
                score=None if unscored else total,
                topsis_rank=topsis_ranks[i] or None,
                coverage=coverage[i],
                cost_effectiveness=None if math.isnan(value) else value,
                status="blocked"
                if tool_id in data.blocked
                else "unscored"
                if unscored
                else "ranked",
                blocked_reasons=reasons,
            )
        )
    return lines


class WhatIf:
    """The weights the room is trying out, over data loaded once."""

    def __init__(self, data: EvaluationData) -> None:
        self.data = data
        self.challenge_weights = data.challenge_weights.astype(np.float64).copy()
        self.outcome_weights = data.outcome_weights.astype(np.float64).copy()
        self.evaluation = evaluate(data)
        #: The saved weights' evaluation: every move re-weighs its member aggregation.
        self._saved = self.evaluation

    @property
    def modified(self) -> bool:
        """Whether the weights tried differ from the saved ones."""
        return not (
            np.allclose(self.challenge_weights, self.data.challenge_weights)
            and np.allclose(self.outcome_weights, self.data.outcome_weights)
        )

    def global_weights(self) -> FloatArray:
        return global_weights(
            self.challenge_weights, self.outcome_weights, self.data.outcome_challenge
        )

    def set_weights(self, challenges: FloatArray, outcomes: FloatArray) -> Evaluation:
        """Try these raw weights; a refused set (e.g. all zero) raises and changes nothing."""
        weights = global_weights(challenges, outcomes, self.data.outcome_challenge)
        evaluation = reweigh(self._saved, weights)
        self.challenge_weights = challenges.astype(np.float64).copy()
        self.outcome_weights = outcomes.astype(np.float64).copy()
        self.evaluation = evaluation
        return evaluation

    def set_challenge_weight(self, index: int, weight: float) -> Evaluation:
        challenges = self.challenge_weights.copy()
        challenges[index] = weight
        return self.set_weights(challenges, self.outcome_weights)

    def set_outcome_weight(self, index: int, weight: float) -> Evaluation:
        outcomes = self.outcome_weights.copy()
        outcomes[index] = weight
        return self.set_weights(self.challenge_weights, outcomes)

    def reset(self) -> Evaluation:
        """Back to the weights saved in the project."""
        return self.set_weights(self.data.challenge_weights, self.data.outcome_weights)
