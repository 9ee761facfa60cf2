"""Evaluations the charts must draw: the sample district and the awkward edge cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from aligner.compute.pipeline import Evaluation, EvaluationData, evaluate

nan = np.nan


def make_data(scores: np.ndarray, *, challenges: int = 2) -> EvaluationData:
    members, tools, outcomes = scores.shape
    return EvaluationData(
        tool_ids=tuple(range(10, 10 + tools)),
        tool_names=tuple(f"Tool {i}" for i in range(tools)),
        outcome_ids=tuple(range(100, 100 + outcomes)),
        outcome_names=tuple(f"Outcome {j}" for j in range(outcomes)),
        challenge_ids=tuple(range(1, challenges + 1)),
        challenge_names=tuple(f"Challenge {c}" for c in range(challenges)),
        outcome_challenge=np.arange(outcomes, dtype=np.int64) % challenges,
        challenge_weights=np.arange(1, challenges + 1, dtype=float),
        outcome_weights=np.ones(outcomes),
        member_ids=tuple(range(members)),
        scores=scores.astype(float),
        rubric_min=0,
        rubric_max=4,
        cost_per_student=np.linspace(2.0, 30.0, tools),
    )


def one_tool() -> Evaluation:
    return evaluate(make_data(np.array([[[3, 2, 4]], [[2, 2, 3]]])))


def unscored_tool() -> Evaluation:
    return evaluate(make_data(np.array([[[3, 2, 4], [nan, nan, nan], [1, 1, 1]]] * 2)))


def all_tied() -> Evaluation:
    return evaluate(make_data(np.full((3, 4, 5), 2.0)))


def blocked_tool() -> Evaluation:
    data = make_data(
        np.array([[[4, 4, 4], [2, 3, 1], [1, 1, 2]], [[3, 4, 4], [2, 2, 2], [0, 1, 2]]])
    )
    return evaluate(dataclasses.replace(data, blocked={10: ("Sells student data",)}))


EDGE_CASES: dict[str, Callable[[], Evaluation]] = {
    "one tool": one_tool,
    "a tool with no scores": unscored_tool,
    "all tools tied": all_tied,
    "a blocked tool": blocked_tool,
}


@pytest.fixture(scope="module")
def sample_evaluation(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    from aligner.services.project import Project

    copy = tmp_path_factory.mktemp("charts") / "sample.aligner"
    copy.write_bytes(sample_file.read_bytes())
    project = Project.open(copy)
    try:
        return project.evaluation()
    finally:
        project.close()


@pytest.fixture(params=["sample district", *EDGE_CASES])
def any_evaluation(request: pytest.FixtureRequest, sample_evaluation: Evaluation) -> Evaluation:
    if request.param == "sample district":
        return sample_evaluation
    return EDGE_CASES[request.param]()
