"""The one scoring pipeline used by the app, the CLI and the exports.

scores[member, tool, outcome] (NaN = not scored) -> aggregate over members -> consensus where
set -> normalise on the rubric -> global weights -> weighted sum x 100 -> gates -> ranks ->
TOPSIS as the second method (and Kendall's tau between the two) -> cost-effectiveness.

Conventions (stated in the method note too):
- A tool's total uses the outcomes it has scores for; their global weights are rescaled to sum
  to 1, and ``coverage`` says what share of the total weight that was. A tool with no scores
  at all is "unscored": no total, no rank, never a 0.
- Ties share a rank (1, 2, 2, 4).
- A blocked tool (failed a must-pass privacy item) keeps its total but takes no rank.
- TOPSIS runs on the same rubric-normalised cells and global weights, with vector
  normalisation, over every scored tool (blocked ones too, so a gate never moves anyone else's
  closeness). A tool's unscored cells take its own weighted mean over its scored cells, which
  is exactly what the weighted sum's rescaling does, so both methods see the same evidence.
- Cost-effectiveness is points of total per $1,000 of cost per student served; the frontier
  holds eligible tools that no other eligible tool beats on both total and cost per student.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from aligner.compute.aggregation import aggregate
from aligner.compute.agreement import (
    Concordance,
    Disagreement,
    concordance_by_outcome,
    disagreement,
)
from aligner.compute.hierarchy import global_weights
from aligner.compute.ranks import competition_ranks, kendall_tau
from aligner.compute.scoring import cost_effectiveness, cost_score_frontier, topsis
from aligner.domain.enums import Aggregation
from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class EvaluationData:
    """Everything the pipeline needs, read from the store once."""

    tool_ids: tuple[int, ...]
    tool_names: tuple[str, ...]
    outcome_ids: tuple[int, ...]
    outcome_names: tuple[str, ...]
    challenge_ids: tuple[int, ...]
    challenge_names: tuple[str, ...]
    #: Index into the challenge arrays of each outcome's challenge.
    outcome_challenge: NDArray[np.int64]
    challenge_weights: FloatArray
    outcome_weights: FloatArray
    member_ids: tuple[int, ...]
    #: scores[member, tool, outcome]; NaN where not scored, abstained or recused.
    scores: FloatArray
    rubric_min: float
    rubric_max: float
    aggregation: Aggregation = Aggregation.MEAN
    min_raters: int = 2
    #: consensus[tool, outcome]; NaN where the committee has not set one.
    consensus: FloatArray | None = None
    #: Privacy gate: tool id -> reasons it is blocked.
    blocked: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    cost_per_student: FloatArray | None = None
    member_names: tuple[str, ...] = ()
    #: Range of a cell's scores at which it is flagged "discuss"; None = half the rubric span.
    discuss_threshold: float | None = None

    @cached_property
    def name_order(self) -> NDArray[np.int64]:
        """Each tool's place in alphabetical order: the tie-break of ``Evaluation.order``."""
        places = np.empty(len(self.tool_names), dtype=np.int64)
        places[sorted(range(len(self.tool_names)), key=self.tool_names.__getitem__)] = np.arange(
            len(self.tool_names)
        )
        return places

    @property
    def threshold(self) -> float:
        if self.discuss_threshold is not None:
            return self.discuss_threshold
        return (self.rubric_max - self.rubric_min) / 2


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Results per tool, in the order of ``data.tool_ids``."""

    data: EvaluationData
    weights: FloatArray
    cell_scores: FloatArray
    cell_counts: NDArray[np.int64]
    #: Total on 0..100 per tool, NaN for unscored tools.
    totals: FloatArray
    #: contributions[tool, outcome] in points of the total; rows sum to the total.
    contributions: FloatArray
    #: Share (0..1) of the global weight resting on cells the tool has scores for.
    coverage: FloatArray
    #: Share (0..1) of the global weight resting on cells with fewer than min_raters scores.
    insufficient: FloatArray
    #: Rank among eligible scored tools; 0 for unscored and blocked tools.
    ranks: NDArray[np.int64]
    #: normalised[tool, outcome] on 0..1, NaN where the cell has no score.
    normalised: FloatArray

    # The figures below are computed on first read and kept: live re-ranking while a weight
    # slider moves reads only totals and ranks, and must not pay for them on every step.

    @cached_property
    def closeness(self) -> FloatArray:
        """TOPSIS closeness (0..1) per tool, NaN for unscored tools."""
        return _closeness(self.normalised, self.weights, self.totals)

    @cached_property
    def topsis_ranks(self) -> NDArray[np.int64]:
        """Rank by TOPSIS among eligible scored tools; 0 for unscored and blocked tools."""
        return competition_ranks(np.where(self.eligible, self.closeness, np.nan))

    @cached_property
    def method_tau(self) -> float | None:
        """Kendall's tau-b between the two methods over ranked tools; None with fewer than two.

        Apart from the TOPSIS ranks: the live table shows those on every slider step, and
        tau (for the method note) costs more than TOPSIS itself on 200 tools.
        """
        ranked = np.isfinite(self.totals) & self.eligible
        if ranked.sum() < 2:
            return None
        return kendall_tau(self.totals[ranked], self.closeness[ranked])

    @cached_property
    def _cost(self) -> FloatArray:
        cost = self.data.cost_per_student
        return cost if cost is not None else np.full(self.totals.shape, np.nan)

    @cached_property
    def cost_effectiveness(self) -> FloatArray:
        """Points per $1,000 per student served; NaN where unknown (no cost, free, unscored)."""
        return cost_effectiveness(self.totals, self._cost)

    @cached_property
    def frontier(self) -> NDArray[np.bool_]:
        """Eligible tools no other eligible tool beats on both total and cost per student."""
        return cost_score_frontier(np.where(self.eligible, self.totals, np.nan), self._cost)

    @cached_property
    def disagreement(self) -> Disagreement:
        """Spread of members' scores per cell, flagged at the district's threshold."""
        return disagreement(self.data.scores, self.data.threshold)

    @cached_property
    def concordance(self) -> tuple[Concordance, ...]:
        """Kendall's W per outcome over the members who scored every tool on it."""
        return concordance_by_outcome(self.data.scores)

    @cached_property
    def eligible(self) -> NDArray[np.bool_]:
        return np.array([t not in self.data.blocked for t in self.data.tool_ids], dtype=bool)

    def status(self, index: int) -> str:
        tool_id = self.data.tool_ids[index]
        if tool_id in self.data.blocked:
            return "blocked"
        return "unscored" if np.isnan(self.totals[index]) else "ranked"

    def order(self) -> list[int]:
        """Tool indices best first: ranked by rank, then blocked by total, then unscored.

        Within a group: higher total first, then by name. Vectorised: it runs on every step
        of a weight slider.
        """
        scored = np.isfinite(self.totals)
        group = np.where(~self.eligible, 1, np.where(scored, 0, 2))
        total = np.where(scored, -self.totals, 0.0)
        order: list[int] = np.lexsort((self.data.name_order, total, group)).tolist()
        return order


def normalise_on_rubric(cells: FloatArray, rubric_min: float, rubric_max: float) -> FloatArray:
    span = rubric_max - rubric_min
    if span <= 0:
        raise ComputeError("the rubric needs at least two levels with different values")
    return np.asarray((cells - rubric_min) / span, dtype=np.float64)


def weighted_totals(
    normalised: FloatArray, weights: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return (totals 0..100, contributions, coverage) using only scored cells per tool."""
    present = ~np.isnan(normalised)
    filled = np.where(present, normalised, 0.0)
    coverage = present.astype(np.float64) @ weights
    safe = np.where(coverage > 0, coverage, 1.0)
    contributions = 100.0 * filled * weights[None, :] / safe[:, None]
    totals = np.where(coverage > 0, contributions.sum(axis=1), np.nan)
    return totals, contributions, coverage


def complete_by_own_mean(normalised: FloatArray, weights: FloatArray) -> FloatArray:
    """Fill each tool's unscored cells with its weighted mean over its scored cells.

    The weighted sum of the completed row equals the pipeline's rescaled total, so a second
    method run on it uses the same evidence. Rows with no scores stay NaN.
    """
    present = ~np.isnan(normalised)
    filled = np.where(present, normalised, 0.0)
    covered = present.astype(np.float64) @ weights
    own_mean = np.divide(
        filled @ weights, covered, out=np.full(covered.shape, np.nan), where=covered > 0
    )
    return np.where(present, normalised, own_mean[:, None])


def _closeness(normalised: FloatArray, weights: FloatArray, totals: FloatArray) -> FloatArray:
    scored = np.isfinite(totals)
    closeness = np.full(totals.shape, np.nan)
    if scored.any():
        completed = complete_by_own_mean(normalised[scored], weights)
        closeness[scored] = topsis(completed, weights, True, normalization="vector")
    return closeness


def evaluate(data: EvaluationData, *, weights_override: FloatArray | None = None) -> Evaluation:
    """Run the pipeline. ``weights_override`` replaces the global weights (what-if, scenarios)."""
    weights = (
        weights_override
        if weights_override is not None
        else global_weights(data.challenge_weights, data.outcome_weights, data.outcome_challenge)
    )
    cells, counts = aggregate(data.scores, data.aggregation)
    if data.consensus is not None:
        cells = np.where(np.isnan(data.consensus), cells, data.consensus)
    normalised = normalise_on_rubric(cells, data.rubric_min, data.rubric_max)
    return _weighed(data, weights, cells, counts, normalised)


def reweigh(evaluation: Evaluation, weights: FloatArray) -> Evaluation:
    """``evaluate(evaluation.data, weights_override=weights)``, reusing the member aggregation.

    Only totals, coverage and ranks depend on the weights; live what-if calls this on every
    slider step, where aggregating 15 members' scores again would cost most of a frame.
    """
    return _weighed(
        evaluation.data,
        weights,
        evaluation.cell_scores,
        evaluation.cell_counts,
        evaluation.normalised,
    )


def _weighed(
    data: EvaluationData,
    weights: FloatArray,
    cells: FloatArray,
    counts: NDArray[np.int64],
    normalised: FloatArray,
) -> Evaluation:
    totals, contributions, coverage = weighted_totals(normalised, weights)
    thin = (counts < data.min_raters) & ~np.isnan(cells)
    if data.consensus is not None:
        thin &= np.isnan(data.consensus)
    insufficient = thin.astype(np.float64) @ weights
    eligible = np.array([tool_id not in data.blocked for tool_id in data.tool_ids], dtype=bool)
    ranks = competition_ranks(np.where(eligible, totals, np.nan))
    return Evaluation(
        data=data,
        weights=weights,
        cell_scores=cells,
        cell_counts=counts,
        totals=totals,
        contributions=contributions,
        coverage=coverage,
        insufficient=insufficient,
        ranks=ranks,
        normalised=normalised,
    )
