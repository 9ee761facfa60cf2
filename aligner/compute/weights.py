"""Ways a committee sets the weights of one level (challenges, or one challenge's outcomes).

Every method returns weights that sum to 1. The hierarchy (aligner.compute.hierarchy) then makes
global outcome weights as challenge share x outcome share within the challenge, so each level may
be weighted by any method here.

Conventions:
- Direct weights may be on any scale; they are divided by their sum.
- A 100-point allocation must add up to exactly 100 points (within 0.001).
- Rank-based weights take rank 1 as the most important criterion.
- AHP uses Saaty's principal right eigenvector and his random index table; a matrix with a
  consistency ratio above 0.10 still gives weights, together with the judgement to revisit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from aligner.compute.hierarchy import check_weights
from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]

#: Points a committee shares out in a 100-point allocation.
POINTS_TOTAL = 100.0
#: Saaty's random consistency index RI(n) for n = 1..10 (Saaty 1980, The Analytic Hierarchy
#: Process, McGraw-Hill); CR is 0 by definition for n <= 2.
RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
#: Saaty's limit: above this consistency ratio the judgements should be revised.
CONSISTENCY_LIMIT = 0.10
#: Entered reciprocals are usually rounded (0.333 for 1/3): a product within 1% of 1 is accepted.
RECIPROCAL_TOLERANCE = 0.01


def _vector(values: ArrayLike, what: str) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size == 0:
        raise ComputeError(f"{what}: give at least one weight")
    return array


def direct(weights: ArrayLike, what: str = "criterion") -> FloatArray:
    """Weights given directly on any scale, divided by their sum."""
    array = _vector(weights, what)
    check_weights(array, what)
    total = array.sum()
    if total <= 0:
        raise ComputeError(f"every {what} weight is 0; give at least one a weight above 0")
    return np.asarray(array / total, dtype=np.float64)


def points(allocation: ArrayLike, what: str = "criterion") -> FloatArray:
    """A 100-point allocation; refused with the shortfall or excess if it misses 100."""
    array = _vector(allocation, what)
    check_weights(array, what)
    total = float(array.sum())
    miss = total - POINTS_TOTAL
    if abs(miss) > 1e-3:
        side = "over" if miss > 0 else "short of"
        raise ComputeError(
            f"the points add up to {total:g}, {abs(miss):g} {side} 100; "
            "move points until they add up to exactly 100",
            total=total,
            miss=miss,
        )
    return np.asarray(array / total, dtype=np.float64)


def _check_count(n: int) -> None:
    if n < 1:
        raise ComputeError(f"ranking weights need at least one criterion, not {n}")


def rank_order_centroid(n: int) -> FloatArray:
    """ROC weights for ranks 1..n: w_i = (1/n) * sum_{k=i..n} 1/k (Barron and Barrett 1996)."""
    _check_count(n)
    inverse = 1.0 / np.arange(1, n + 1)
    tail_sums = np.cumsum(inverse[::-1])[::-1]
    return np.asarray(tail_sums / n, dtype=np.float64)


def rank_sum(n: int) -> FloatArray:
    """Rank-sum weights for ranks 1..n: w_i = 2 (n + 1 - i) / (n (n + 1))."""
    _check_count(n)
    ranks = np.arange(1, n + 1)
    return np.asarray(2.0 * (n + 1 - ranks) / (n * (n + 1)), dtype=np.float64)


def from_ranks(ranks: ArrayLike, method: str = "roc") -> FloatArray:
    """Weights from the committee's ranking of criteria (1 = most important).

    Tied criteria share the mean of the weights of the places they occupy.
    """
    array = np.asarray(ranks, dtype=np.float64)
    n = array.size
    _check_count(n)
    if not np.all(np.isfinite(array)) or np.any(array < 1):
        raise ComputeError("criterion ranks must be whole numbers from 1 (most important)")
    table = {"roc": rank_order_centroid, "rank_sum": rank_sum}
    if method not in table:
        raise ComputeError(f"unknown ranking method {method!r}; use one of {sorted(table)}")
    by_place = table[method](n)
    order = np.argsort(array, kind="stable")
    placed = np.empty(n)
    placed[order] = by_place
    # Criteria with the same rank share their places' weights equally.
    _, group, counts = np.unique(array, return_inverse=True, return_counts=True)
    shared = np.bincount(group, weights=placed) / counts
    return np.asarray(shared[group], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Revision:
    """The judgement that departs most from the weights it produced, and its consistent value."""

    row: int
    column: int
    current: float
    consistent: float


@dataclass(frozen=True, slots=True)
class AhpResult:
    """Weights from a pairwise comparison matrix with Saaty's consistency measures."""

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    #: Set when cr > CONSISTENCY_LIMIT: which judgement to revisit first.
    revise: Revision | None = None

    @property
    def consistent(self) -> bool:
        return self.cr <= CONSISTENCY_LIMIT


def _check_pairwise(matrix: FloatArray) -> None:
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.size == 0:
        raise ComputeError(
            f"a pairwise comparison matrix must be square and not empty, not {matrix.shape}"
        )
    n = matrix.shape[0]
    if n > max(RANDOM_INDEX):
        raise ComputeError(
            f"{n} criteria is too many to compare in pairs (at most {max(RANDOM_INDEX)}); "
            "group them or weight them directly"
        )
    for i, j in zip(*np.nonzero(~np.isfinite(matrix) | (matrix <= 0)), strict=True):
        raise ComputeError(
            f"row {i + 1}, column {j + 1} is {matrix[i, j]}; every judgement must be a number > 0",
            row=int(i),
            column=int(j),
        )
    for i in range(n):
        if not math.isclose(matrix[i, i], 1.0, rel_tol=RECIPROCAL_TOLERANCE):
            raise ComputeError(
                f"row {i + 1}, column {i + 1} is {matrix[i, i]:g}; a criterion compared with "
                "itself is 1",
                row=i,
                column=i,
            )
    product = matrix * matrix.T
    bad = np.abs(product - 1.0) > RECIPROCAL_TOLERANCE
    for i, j in zip(*np.nonzero(np.triu(bad, 1)), strict=True):
        raise ComputeError(
            f"row {i + 1}, column {j + 1} is {matrix[i, j]:g} but row {j + 1}, column {i + 1} "
            f"is {matrix[j, i]:g}; it must be the reciprocal, {1 / matrix[i, j]:.4g}",
            row=int(i),
            column=int(j),
        )


def ahp(matrix: ArrayLike) -> AhpResult:
    """Weights from Saaty's pairwise comparisons.

    ``matrix[i][j]`` says how much more important criterion i is than j (1 = equal, 9 = extreme)
    and ``matrix[j][i]`` is its reciprocal. Weights are the principal right eigenvector scaled to
    sum 1; CI = (lambda_max - n) / (n - 1); CR = CI / RI(n), 0 for n <= 2.
    """
    array = np.asarray(matrix, dtype=np.float64)
    _check_pairwise(array)
    n = array.shape[0]
    values, vectors = np.linalg.eig(array)
    # Perron-Frobenius: a positive matrix has one real eigenvalue of largest modulus, with a
    # positive eigenvector; the others may be complex.
    k = int(np.argmax(values.real))
    weights = np.abs(vectors[:, k].real)
    weights = weights / weights.sum()
    lambda_max = float(values[k].real)
    ci = 0.0 if n <= 2 else max(0.0, (lambda_max - n) / (n - 1))
    cr = 0.0 if n <= 2 else ci / RANDOM_INDEX[n]
    revise = None
    if cr > CONSISTENCY_LIMIT:
        implied = weights[:, None] / weights[None, :]
        departure = np.abs(np.log(array / implied))
        i, j = np.unravel_index(int(np.argmax(np.triu(departure, 1))), departure.shape)
        revise = Revision(int(i), int(j), float(array[i, j]), float(implied[i, j]))
    return AhpResult(np.asarray(weights, dtype=np.float64), lambda_max, ci, cr, revise)
