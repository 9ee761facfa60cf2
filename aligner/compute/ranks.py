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
