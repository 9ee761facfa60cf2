"""A builder of pipeline inputs from a score cube, for compute tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from aligner.compute.pipeline import EvaluationData


def build_data(scores: Any, *, outcome_weights: Any = None, **extra: Any) -> EvaluationData:
    """One challenge; scores[member, tool, outcome] on a 0-4 rubric; NaN = not scored."""
    cube = np.asarray(scores, dtype=float)
    members, tools, outcomes = cube.shape
    return EvaluationData(
        tool_ids=tuple(range(1, tools + 1)),
        tool_names=tuple(f"T{i + 1}" for i in range(tools)),
        outcome_ids=tuple(range(1, outcomes + 1)),
        outcome_names=tuple(f"O{i + 1}" for i in range(outcomes)),
        challenge_ids=(1,),
        challenge_names=("C1",),
        outcome_challenge=np.zeros(outcomes, dtype=np.int64),
        challenge_weights=np.array([1.0]),
        outcome_weights=np.ones(outcomes)
        if outcome_weights is None
        else np.asarray(outcome_weights, dtype=float),
        member_ids=tuple(range(1, members + 1)),
        scores=cube,
        rubric_min=0.0,
        rubric_max=4.0,
        **extra,
    )


@pytest.fixture(scope="session")
def make_data() -> Callable[..., EvaluationData]:
    return build_data
