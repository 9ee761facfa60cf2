"""The first pipeline: missing is not zero, ties share a rank, weights follow the hierarchy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from aligner.compute.hierarchy import global_weights
from aligner.compute.pipeline import EvaluationData, evaluate, reweigh
from aligner.compute.ranks import competition_ranks
from aligner.domain.errors import ComputeError


def make_data(
    scores: np.ndarray, *, challenge_weights=(1.0,), outcome_challenge=None, outcome_weights=None
) -> EvaluationData:
    members, tools, outcomes = scores.shape
    oc = (
        np.zeros(outcomes, dtype=np.int64)
        if outcome_challenge is None
        else np.array(outcome_challenge, dtype=np.int64)
    )
    return EvaluationData(
        tool_ids=tuple(range(1, tools + 1)),
        tool_names=tuple(f"T{i}" for i in range(tools)),
        outcome_ids=tuple(range(1, outcomes + 1)),
        outcome_names=tuple(f"O{i}" for i in range(outcomes)),
        challenge_ids=tuple(range(1, len(challenge_weights) + 1)),
        challenge_names=tuple(f"C{i}" for i in range(len(challenge_weights))),
        outcome_challenge=oc,
        challenge_weights=np.array(challenge_weights, dtype=float),
        outcome_weights=np.ones(outcomes)
        if outcome_weights is None
        else np.array(outcome_weights, dtype=float),
        member_ids=tuple(range(members)),
        scores=scores.astype(float),
        rubric_min=0,
        rubric_max=4,
    )


def test_global_weight_is_challenge_share_times_share_within() -> None:
    weights = global_weights(np.array([3.0, 1.0]), np.array([1.0, 3.0, 5.0]), np.array([0, 0, 1]))
    assert weights == pytest.approx([0.75 * 0.25, 0.75 * 0.75, 0.25])
    assert weights.sum() == pytest.approx(1.0)


def test_missing_scores_are_not_zeros() -> None:
    nan = np.nan
    # Two members, one tool, two outcomes; member 2 did not score outcome 2.
    scores = np.array([[[4, 2]], [[2, nan]]])
    evaluation = evaluate(make_data(scores))
    # mean(4, 2) = 3 -> 0.75 ; outcome 2 only member 1: 2 -> 0.5
    assert evaluation.totals[0] == pytest.approx(100 * (0.75 + 0.5) / 2)
    assert evaluation.cell_counts[0].tolist() == [2, 1]


def test_a_tool_with_no_scores_is_unscored_not_last_with_zero() -> None:
    nan = np.nan
    scores = np.array([[[1, 1], [nan, nan]]])
    evaluation = evaluate(make_data(scores))
    assert np.isnan(evaluation.totals[1])
    assert evaluation.status(1) == "unscored"
    assert evaluation.ranks.tolist() == [1, 0]


def test_partly_scored_tool_reports_its_coverage() -> None:
    nan = np.nan
    scores = np.array([[[4, nan, nan, nan]]])
    evaluation = evaluate(make_data(scores, outcome_weights=[1, 1, 1, 1]))
    assert evaluation.coverage[0] == pytest.approx(0.25)
    assert evaluation.totals[0] == pytest.approx(100.0)


def test_ties_share_a_rank() -> None:
    assert competition_ranks(np.array([50.0, 70.0, 50.0, 10.0])).tolist() == [2, 1, 2, 4]
    # float noise does not split a real tie
    assert competition_ranks(np.array([0.1 + 0.2, 0.3])).tolist() == [1, 1]


def test_ties_in_the_pipeline_share_a_rank() -> None:
    scores = np.array([[[2, 2], [2, 2], [4, 0]]])
    evaluation = evaluate(make_data(scores))
    assert evaluation.ranks.tolist() == [1, 1, 1]


def test_negative_or_nan_weights_are_refused_with_a_message() -> None:
    with pytest.raises(ComputeError, match="outcome weight 2 is -1"):
        global_weights(np.array([1.0]), np.array([1.0, -1.0]), np.array([0, 0]))
    with pytest.raises(ComputeError, match="challenge weight 1 is nan"):
        global_weights(np.array([np.nan]), np.array([1.0]), np.array([0]))


def test_sample_ranking_lists_every_tool_best_first(sample_project) -> None:
    from aligner.services.ranking import ranking_from

    ranking = ranking_from(sample_project.evaluation())
    assert len(ranking.tools) == 8
    scores = [t.score for t in ranking.tools]
    assert all(s is not None and 0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert ranking.tools[0].rank == 1


def test_reweighing_gives_exactly_what_a_fresh_evaluation_gives() -> None:
    nan = np.nan
    # Three members, four tools, three outcomes: a missing score, a thin cell, an unscored tool.
    scores = np.array(
        [
            [[4, 2, 1], [3, 3, nan], [nan, nan, nan], [1, 4, 2]],
            [[3, 2, 2], [2, nan, 4], [nan, nan, nan], [2, 3, 2]],
            [[4, 1, nan], [3, 4, 4], [nan, nan, nan], [0, 4, 3]],
        ]
    )
    data = make_data(scores)
    base = evaluate(data)
    for weights in (np.array([0.2, 0.5, 0.3]), np.array([0.0, 0.0, 1.0])):
        fresh = evaluate(data, weights_override=weights)
        again = reweigh(base, weights)
        for name in ("totals", "contributions", "coverage", "insufficient", "ranks"):
            assert np.array_equal(getattr(again, name), getattr(fresh, name), equal_nan=True), name
        assert np.array_equal(again.topsis_ranks, fresh.topsis_ranks)
        assert again.method_tau == fresh.method_tau
        assert again.order() == fresh.order()


def test_order_is_ranked_then_blocked_then_unscored_and_ties_go_by_name() -> None:
    nan = np.nan
    scores = np.array([[[2.0], [4.0], [nan], [2.0], [3.0], [nan]]])
    data = make_data(scores)
    names = ("Zeta", "Beta", "Gamma", "Alpha", "Blocked one", "Delta")
    data = replace(data, tool_names=names, blocked={5: ("no privacy policy",)})
    evaluation = evaluate(data)
    order = [names[i] for i in evaluation.order()]
    # Beta 100; Alpha and Zeta tie on 50 (by name); the blocked tool; unscored by name.
    assert order == ["Beta", "Alpha", "Zeta", "Blocked one", "Delta", "Gamma"]
