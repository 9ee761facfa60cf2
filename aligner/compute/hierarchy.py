"""Global outcome weights from the two-level hierarchy: challenge share x share within it."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def check_weights(weights: FloatArray, what: str) -> None:
    """Refuse NaN, infinite or negative weights with a message naming the first bad one."""
    bad = ~np.isfinite(weights) | (weights < 0)
    if bad.any():
        index = int(np.flatnonzero(bad)[0])
        raise ComputeError(
            f"{what} weight {index + 1} is {weights[index]}; weights must be numbers >= 0",
            index=index,
        )


def global_weights(
    challenge_weights: FloatArray, outcome_weights: FloatArray, outcome_challenge: IntArray
) -> FloatArray:
    """Return each outcome's global weight; the result sums to 1 unless every weight is 0.

    Args:
        challenge_weights: raw weight per challenge (any scale, >= 0).
        outcome_weights: raw weight per outcome within its challenge (any scale, >= 0).
        outcome_challenge: index into ``challenge_weights`` of each outcome's challenge.

    A challenge whose outcomes all weigh 0 passes none of its share on; the remaining shares are
    not inflated to make up for it, so the shortfall stays visible as uncovered weight.
    """
    check_weights(challenge_weights, "challenge")
    check_weights(outcome_weights, "outcome")
    if outcome_weights.size == 0:
        return np.zeros(0)
    # Only challenges that have outcomes take part in the challenge shares.
    has_outcomes = np.bincount(outcome_challenge, minlength=challenge_weights.size) > 0
    effective = np.where(has_outcomes, challenge_weights, 0.0)
    total = effective.sum()
    if total <= 0:
        raise ComputeError("every challenge weight is 0; give at least one challenge a weight")
    challenge_share = effective / total
    within_total = np.bincount(
        outcome_challenge, weights=outcome_weights, minlength=challenge_weights.size
    )
    denominator = within_total[outcome_challenge]
    within_share = np.divide(
        outcome_weights, denominator, out=np.zeros_like(outcome_weights), where=denominator > 0
    )
    return np.asarray(challenge_share[outcome_challenge] * within_share, dtype=np.float64)
