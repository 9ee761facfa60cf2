"""Ranking methods over a decision matrix: normalisation, weighted sum, TOPSIS, cost-effectiveness.

Rows are alternatives (tools), columns criteria (outcomes); ``benefit[j]`` is True when more is
better on criterion j. Weights may be on any scale: they are divided by their sum, so scaling
every weight by the same factor never changes a score.

Normalisations (``normalize``):
- "none": values as given; cost columns are refused because nothing turns them around.
- "max": benefit x / max, cost min / x (ratio scales: values must be >= 0; a cost needs x > 0).
- "minmax": benefit (x - min) / (max - min), cost (max - x) / (max - min); a constant column
  becomes all ones (nobody is worse than anyone else on it).
- "sum": benefit x / sum x, cost (1 / x) / sum (1 / x) (values >= 0; a cost needs x > 0).
- "vector": x / sqrt(sum x^2), for benefit and cost alike (the orientation stays with TOPSIS).
A column of zeros stays zeros under "max", "sum" and "vector".
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from aligner.compute.hierarchy import check_weights
from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Normalization = Literal["none", "max", "minmax", "sum", "vector"]
NORMALIZATIONS: tuple[str, ...] = ("none", "max", "minmax", "sum", "vector")
#: After these normalisations every column reads "more is better".
_TURNS_COSTS_AROUND = frozenset({"max", "minmax", "sum"})
#: Cost-effectiveness is quoted per this many dollars of cost per student served.
DOLLARS_PER_UNIT = 1000.0


def _matrix(matrix: ArrayLike) -> FloatArray:
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise ComputeError(
            f"the decision matrix is empty ({array.shape}); it needs at least one tool "
            "and one outcome"
        )
    missing = ~np.isfinite(array)
    if missing.any():
        i, j = (int(k) for k in np.argwhere(missing)[0])
        raise ComputeError(
            f"row {i + 1}, column {j + 1} has no value; score it or leave that outcome out",
            row=i,
            column=j,
        )
    return array


def _benefit(benefit: ArrayLike, columns: int) -> BoolArray:
    flags = np.broadcast_to(np.asarray(benefit, dtype=bool), (columns,))
    return np.asarray(flags, dtype=bool)


def _weights(weights: ArrayLike, columns: int) -> FloatArray:
    array = np.asarray(weights, dtype=np.float64)
    if array.shape != (columns,):
        raise ComputeError(f"{array.size} weights given for {columns} outcomes; give one each")
    check_weights(array, "outcome")
    total = array.sum()
    if total <= 0:
        raise ComputeError("every outcome weight is 0; give at least one outcome a weight")
    return np.asarray(array / total, dtype=np.float64)


def _safe_divide(top: FloatArray, bottom: FloatArray) -> FloatArray:
    return np.divide(top, bottom, out=np.zeros(np.broadcast(top, bottom).shape), where=bottom != 0)


def _refuse(condition: BoolArray, message: str) -> None:
    if condition.any():
        j = int(np.flatnonzero(condition)[0])
        raise ComputeError(f"column {j + 1}: {message}", column=j)


def normalize(matrix: ArrayLike, benefit: ArrayLike, method: str) -> FloatArray:
    """Normalise each column of ``matrix`` by ``method`` (see the module docstring)."""
    x = _matrix(matrix)
    is_benefit = _benefit(benefit, x.shape[1])
    if method not in NORMALIZATIONS:
        raise ComputeError(f"unknown normalisation {method!r}; use one of {NORMALIZATIONS}")
    cost = ~is_benefit
    low, high = x.min(axis=0), x.max(axis=0)
    if method == "none":
        _refuse(cost, "a cost criterion needs a normalisation that turns it around, not 'none'")
        return x.copy()
    if method in ("max", "sum"):
        _refuse(low < 0, f"'{method}' normalisation needs values >= 0; use 'minmax'")
        _refuse(cost & (low <= 0), f"a cost of 0 has no '{method}' ratio; use 'minmax'")
    if method == "max":
        return np.where(is_benefit, _safe_divide(x, high), _safe_divide(low, x))
    if method == "minmax":
        span = high - low
        turned = np.where(is_benefit, x - low, high - x)
        return np.where(span > 0, _safe_divide(turned, span), 1.0)
    if method == "sum":
        inverse = _safe_divide(np.ones_like(x), x)
        benefit_part = _safe_divide(x, x.sum(axis=0))
        cost_part = _safe_divide(inverse, inverse.sum(axis=0))
        return np.where(is_benefit, benefit_part, cost_part)
    length = np.sqrt((x * x).sum(axis=0))
    return _safe_divide(x, length)


def weighted_sum(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike, normalization: str = "none"
) -> FloatArray:
    """One score per row: sum_j w_j n_ij, with weights scaled to sum 1 and n the normalised matrix.

    With "vector" normalisation a cost column counts against a row (its term is subtracted),
    since that normalisation keeps the column's direction.
    """
    x = _matrix(matrix)
    w = _weights(weights, x.shape[1])
    is_benefit = _benefit(benefit, x.shape[1])
    normalised = normalize(x, is_benefit, normalization)
    if normalization not in _TURNS_COSTS_AROUND:
        w = np.where(is_benefit, w, -w)
    return np.asarray(normalised @ w, dtype=np.float64)


def topsis(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike, normalization: str = "vector"
) -> FloatArray:
    """TOPSIS closeness D- / (D+ + D-) per row (Hwang and Yoon 1981).

    V = normalised matrix x weights (scaled to sum 1). The ideal takes each column's maximum of V
    for a benefit and its minimum for a cost (after "max", "minmax" or "sum", which already turn
    costs around, every column takes its maximum); the anti-ideal takes the opposite. D+ and D-
    are Euclidean distances to them. When every row is identical on every weighted column, each
    row is both ideal and anti-ideal and its closeness is 1/2.
    """
    x = _matrix(matrix)
    w = _weights(weights, x.shape[1])
    is_benefit = _benefit(benefit, x.shape[1])
    v = x * w if normalization == "none" else normalize(x, is_benefit, normalization) * w
    if normalization in _TURNS_COSTS_AROUND:
        is_benefit = np.ones_like(is_benefit)
    ideal = np.where(is_benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(is_benefit, v.min(axis=0), v.max(axis=0))
    to_ideal = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    to_anti = np.sqrt(((v - anti) ** 2).sum(axis=1))
    spread = to_ideal + to_anti
    return np.where(spread > 0, _safe_divide(to_anti, spread), 0.5)


def cost_effectiveness(scores: FloatArray, cost_per_student: FloatArray) -> FloatArray:
    """Score points per $1,000 of cost per student served: score / (cost_per_student / 1000).

    NaN where the score or the cost is unknown, or the tool is free (no finite ratio); callers
    report those as "not available", never as a number.
    """
    per_thousand = cost_per_student / DOLLARS_PER_UNIT
    known = np.isfinite(scores) & np.isfinite(per_thousand) & (per_thousand > 0)
    return np.where(known, _safe_divide(np.where(known, scores, 0.0), per_thousand), np.nan)


def cost_score_frontier(scores: FloatArray, costs: FloatArray) -> BoolArray:
    """True for tools that no other tool beats on both score and cost.

    Tool b beats tool a when b scores at least as high and costs at most as much, and is strictly
    better on one of the two. Tools with an unknown score or cost are never on the frontier.
    """
    known = np.isfinite(scores) & np.isfinite(costs)
    s = np.where(known, scores, -np.inf)
    c = np.where(known, costs, np.inf)
    at_least = (s[None, :] >= s[:, None]) & (c[None, :] <= c[:, None])
    strictly = (s[None, :] > s[:, None]) | (c[None, :] < c[:, None])
    beaten = (at_least & strictly & known[None, :]).any(axis=1)
    return np.asarray(known & ~beaten, dtype=bool)
