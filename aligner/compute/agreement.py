"""Where committee members agree and disagree: spread per cell and Kendall's W.

Conventions:
- Spread is measured per tool x outcome cell over the members who scored it (missing scores,
  abstentions and recused members are NaN and left out).
- Standard deviation is the sample standard deviation (n - 1 in the denominator), as a
  spreadsheet's STDEV gives; range is highest minus lowest score.
- A cell with fewer than two scores has no spread: its std and range are NaN and it is never
  flagged; its coverage says why.
- A cell is flagged "discuss" when its range reaches the threshold (district setting, default
  half the rubric span).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from aligner.compute.ranks import average_ranks
from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Disagreement:
    """Spread of members' scores per [tool, outcome] cell."""

    std: FloatArray
    range: FloatArray
    discuss: NDArray[np.bool_]
    counts: NDArray[np.int64]
    threshold: float


def disagreement(scores: FloatArray, threshold: float) -> Disagreement:
    """Spread of ``scores[member, tool, outcome]`` per cell, flagged at ``range >= threshold``."""
    if not np.isfinite(threshold) or threshold < 0:
        raise ComputeError(
            f"the disagreement threshold is {threshold}; it must be a number of rubric points >= 0"
        )
    present = ~np.isnan(scores)
    counts = present.sum(axis=0).astype(np.int64)
    spread_known = counts >= 2
    filled = np.where(present, scores, 0.0)
    n = np.maximum(counts, 1)
    mean = filled.sum(axis=0) / n
    # Two-pass variance over scored cells only: exact enough for rubric scores, and one pass
    # fewer than numpy's nanstd, which copies the cube twice.
    deviation = np.where(present, scores - mean, 0.0)
    variance = (deviation * deviation).sum(axis=0) / np.maximum(counts - 1, 1)
    std = np.where(spread_known, np.sqrt(variance), np.nan)
    # fmax/fmin skip NaN; a cell with no score at all stays NaN.
    spread = (
        np.where(
            spread_known, np.fmax.reduce(scores, axis=0) - np.fmin.reduce(scores, axis=0), np.nan
        )
        if scores.shape[0]
        else np.full(counts.shape, np.nan)
    )
    # A tiny tolerance so 2.0 - 0.0 reaching a 2.0 threshold is never lost to float noise.
    discuss = spread_known & (np.nan_to_num(spread, nan=-np.inf) >= threshold - 1e-9)
    return Disagreement(std, spread, discuss, counts, float(threshold))


def kendall_w(scores: ArrayLike) -> float:
    """Kendall's coefficient of concordance W for ``scores`` shaped (n_raters, n_items).

    Each rater's scores are turned into ranks of the items, tied scores sharing their average
    rank; W is corrected for ties (Kendall and Babington Smith 1939; Siegel and Castellan 1988):

        W = (12 sum R_i^2 - 3 m^2 n (n + 1)^2) / (m^2 n (n^2 - 1) - m sum_j T_j),
        T_j = sum over rater j's groups of tied items of (t^3 - t),

    with m raters, n items and R_i the rank sum of item i. W is 1 when all raters put the items
    in the same order and near 0 when their orders are unrelated.
    """
    array = np.asarray(scores, dtype=np.float64)
    if array.ndim != 2:
        raise ComputeError(f"Kendall's W needs scores shaped (raters, items), not {array.shape}")
    m, n = array.shape
    if m < 2 or n < 2:
        raise ComputeError(f"Kendall's W needs at least two raters and two items, not {m} and {n}")
    missing = ~np.isfinite(array)
    if missing.any():
        rater, item = (int(k) for k in np.argwhere(missing)[0])
        raise ComputeError(
            f"rater {rater + 1} has no score for item {item + 1}; Kendall's W needs every rater "
            "to score every item, so leave out items someone did not score",
            rater=rater,
            item=item,
        )
    ranks = average_ranks(array, axis=1)
    rank_sums = ranks.sum(axis=0)
    ties = 0.0
    for row in array:
        _, sizes = np.unique(row, return_counts=True)
        ties += float(np.sum(sizes**3 - sizes))
    numerator = 12.0 * float(np.sum(rank_sums**2)) - 3.0 * m * m * n * (n + 1) ** 2
    denominator = m * m * n * (n * n - 1.0) - m * ties
    if denominator <= 0:
        raise ComputeError(
            "every rater gave every item the same score, so there is no order to agree on"
        )
    return float(numerator / denominator)


@dataclass(frozen=True, slots=True)
class Concordance:
    """Kendall's W of the members' order of the tools on one outcome."""

    #: None when it cannot be measured (fewer than two complete raters or tools, or all tied).
    w: float | None
    #: Members who scored every tool on the outcome: the raters W was computed over.
    raters: int


def concordance_by_outcome(scores: FloatArray) -> tuple[Concordance, ...]:
    """Kendall's W per outcome over the members who scored every tool on it.

    ``scores[member, tool, outcome]`` as in the pipeline; a member with any missing, abstained or
    recused score on an outcome is left out of that outcome's W (W needs complete rankings).
    """
    results = []
    for j in range(scores.shape[2]):
        table = scores[:, :, j]
        complete = table[~np.isnan(table).any(axis=1)]
        w: float | None = None
        if complete.shape[0] >= 2 and complete.shape[1] >= 2:
            try:
                w = kendall_w(complete)
            except ComputeError:
                w = None  # every rater tied every tool: no order to agree on
        results.append(Concordance(w, int(complete.shape[0])))
    return tuple(results)
