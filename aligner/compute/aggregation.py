"""Combine members' scores of each tool x outcome cell, ignoring missing scores.

Conventions: a missing score or an abstention is NaN and is neither a zero nor a vote; each cell
reports its coverage (how many members scored it). A recused member's scores for a tool are
removed before aggregation (the caller passes them as NaN).
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import NDArray

from aligner.domain.enums import Aggregation

FloatArray = NDArray[np.float64]

#: Trimmed mean drops the single highest and lowest score only when a cell has this many.
TRIM_MIN_RATERS = 5


def _trimmed_mean(scores: FloatArray, counts: NDArray[np.int64]) -> FloatArray:
    total = np.nansum(scores, axis=0)
    highest = np.nanmax(scores, axis=0)
    lowest = np.nanmin(scores, axis=0)
    trim = counts >= TRIM_MIN_RATERS
    trimmed_total = np.where(trim, total - highest - lowest, total)
    trimmed_count = np.where(trim, counts - 2, counts)
    return np.asarray(trimmed_total / trimmed_count, dtype=np.float64)


def aggregate(scores: FloatArray, method: Aggregation) -> tuple[FloatArray, NDArray[np.int64]]:
    """Aggregate ``scores[member, tool, outcome]`` over members.

    Returns:
        (aggregate[tool, outcome] with NaN where nobody scored, count[tool, outcome]).
    """
    missing = np.isnan(scores)
    counts = scores.shape[0] - missing.sum(axis=0, dtype=np.int64)
    if scores.shape[0] == 0:
        return np.full(scores.shape[1:], np.nan), counts
    if method is Aggregation.MEAN:
        # One NaN scan serves both the counts and the sums: this runs on every edit.
        total = np.where(missing, 0.0, scores).sum(axis=0)
        mean = np.divide(total, counts, out=np.full(counts.shape, np.nan), where=counts > 0)
        return mean, counts
    with warnings.catch_warnings():
        # All-NaN cells legitimately give NaN; the count already says why.
        warnings.simplefilter("ignore", RuntimeWarning)
        if method is Aggregation.MEDIAN:
            result = np.nanmedian(scores, axis=0)
        else:
            result = _trimmed_mean(scores, counts)
    return np.asarray(result, dtype=np.float64), counts
