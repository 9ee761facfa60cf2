"""Ranks with ties shown as ties (standard competition ranking: 1, 2, 2, 4)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: Scores closer than this are the same score: float noise must not split a real tie.
TIE_TOLERANCE = 1e-9


def competition_ranks(
    scores: NDArray[np.float64], *, higher_is_better: bool = True
) -> NDArray[np.int64]:
    """Rank finite scores best first; tied scores share the best rank of their group.

    NaN scores get rank 0 (unranked) and do not take a place from anyone.
    """
    values = scores if higher_is_better else -scores
    finite = np.isfinite(values)
    ranked = np.where(finite, values, -np.inf)
    better = ranked[None, :] > ranked[:, None] + TIE_TOLERANCE
    ranks = 1 + (better & finite[None, :]).sum(axis=1)
    return np.where(finite, ranks, 0).astype(np.int64)


def average_ranks(values: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    """Rank values ascending along ``axis`` (1 = smallest); tied values share their mean rank.

    Used for rank statistics (Kendall's W), where the mean-rank convention for ties is standard.
    """
    moved = np.moveaxis(np.asarray(values, dtype=np.float64), axis, -1)
    # Each value's rank is 1 + (number strictly smaller) + (number of others equal) / 2.
    smaller = (moved[..., None, :] < moved[..., :, None]).sum(axis=-1)
    equal = (moved[..., None, :] == moved[..., :, None]).sum(axis=-1)
    ranks = 1.0 + smaller + (equal - 1) / 2.0
    return np.moveaxis(ranks, -1, axis)


def kendall_tau(first: NDArray[np.float64], second: NDArray[np.float64]) -> float:
    """Kendall's tau-b between two scorings of the same items (ties allowed in either).

    tau-b = (concordant - discordant) / sqrt((n0 - ties1) (n0 - ties2)), n0 = n (n - 1) / 2.
    Returns 1.0 when either scoring ties every item with every other (nothing to disagree on).
    """
    a = np.sign(first[:, None] - first[None, :])
    b = np.sign(second[:, None] - second[None, :])
    upper = np.triu(np.ones(a.shape, dtype=bool), 1)
    concordance = float((a * b)[upper].sum())
    untied_a = float(np.count_nonzero(a[upper]))
    untied_b = float(np.count_nonzero(b[upper]))
    if untied_a == 0 or untied_b == 0:
        return 1.0
    return concordance / float(np.sqrt(untied_a * untied_b))
