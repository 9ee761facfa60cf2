"""Sensitivity: rank probabilities, the smallest flipping weight change, the verdict."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.compute.pipeline import evaluate
from aligner.compute.sensitivity import (
    ROBUST_MARGIN,
    monte_carlo,
    one_point_flip,
    verdict,
    weight_flips,
)
from aligner.domain.errors import ComputeError

nan = np.nan
# Tool A = (1, 0) and B = (0.4, 0.8) on two outcomes weighted 60/40: A 0.60, B 0.56.
# With outcome 1 at weight v: A = v and B = 0.8 - 0.4 v, equal at v = 4/7.
TWO = np.array([[1.0, 0.0], [0.4, 0.8]])
TWO_WEIGHTS = np.array([0.6, 0.4])


def test_smallest_weight_change_matches_the_algebra() -> None:
    flips = weight_flips(TWO, TWO_WEIGHTS)
    assert flips[0].new_weight == pytest.approx(4 / 7, abs=1e-6)
    assert flips[0].change == pytest.approx(4 / 7 - 0.6, abs=1e-6)
    assert flips[1].new_weight == pytest.approx(3 / 7, abs=1e-6)
    assert flips[0].new_first == flips[1].new_first == 1


def test_a_tool_ahead_on_every_outcome_cannot_be_overtaken() -> None:
    flips = weight_flips(np.array([[0.9, 0.8, 0.7], [0.5, 0.6, 0.1]]), np.ones(3) / 3)
    assert all(f.new_weight is None and f.change is None for f in flips)


def test_weight_flip_agrees_with_the_pipeline_when_cells_are_missing(make_data) -> None:
    scores = np.array(
        [
            [[4, 1, nan], [2, 3, 3], [3, 2, 2]],
            [[4, 0, nan], [1, 3, 4], [3, 3, 2]],
        ]
    )
    data = make_data(scores, outcome_weights=[5, 3, 2])
    evaluation = evaluate(data)
    first = int(np.argmax(evaluation.totals))
    flips = weight_flips(evaluation.normalised, evaluation.weights)
    flip = min((f for f in flips if f.new_weight is not None), key=lambda f: abs(f.change))
    assert flip.new_first is not None

    def leader_with(weight: float) -> int:
        w = evaluation.weights.copy()
        rest = 1 - w[flip.outcome]
        w = w * (1 - weight) / rest
        w[flip.outcome] = weight
        return int(np.argmax(evaluate(data, weights_override=w).totals))

    step = 1e-5 if flip.change > 0 else -1e-5
    assert leader_with(flip.new_weight - step) == first
    assert leader_with(flip.new_weight + step) == flip.new_first


def test_monte_carlo_probabilities_match_the_dirichlet_margin() -> None:
    result = monte_carlo(TWO, TWO_WEIGHTS, draws=10_000, concentration=100.0)
    assert result.rank.sum(axis=0) == pytest.approx([1, 1])
    assert result.rank.sum(axis=1) == pytest.approx([1, 1])
    # A is first when its weight exceeds 4/7; that weight is Beta(60, 40) under Dirichlet(60, 40).
    beta = np.random.default_rng(7).beta(60, 40, size=400_000)
    assert result.first[0] == pytest.approx(np.mean(beta > 4 / 7), abs=0.02)


def test_monte_carlo_is_reproducible_and_concentration_tightens_it() -> None:
    a = monte_carlo(TWO, TWO_WEIGHTS, draws=3000)
    b = monte_carlo(TWO, TWO_WEIGHTS, draws=3000)
    assert np.array_equal(a.rank, b.rank)
    tight = monte_carlo(TWO, TWO_WEIGHTS, draws=3000, concentration=100_000.0)
    assert tight.first[0] > 0.99


def test_an_outcome_of_weight_zero_stays_zero_and_a_dominant_tool_is_always_first() -> None:
    x = np.array([[0.9, 0.9, 0.0], [0.5, 0.6, 1.0], [0.1, 0.2, 1.0]])
    result = monte_carlo(x, np.array([0.5, 0.5, 0.0]), draws=500)
    assert result.first.tolist() == [1.0, 0.0, 0.0]
    assert result.rank[2, 2] == 1.0


def test_monte_carlo_with_missing_cells_rescales_like_the_pipeline() -> None:
    # T2 has only outcome 2 scored; its total is that cell whatever the weights.
    x = np.array([[0.5, 0.5], [nan, 0.75]])
    assert monte_carlo(x, np.array([0.5, 0.5]), draws=500).first.tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (np.array([nan, 1.0]), "weights >= 0"),
        (np.array([-1.0, 2.0]), "weights >= 0"),
        (np.array([0.0, 0.0]), "at least one above 0"),
        (np.array([1.0]), "1 weights given for 2 outcomes"),
    ],
)
def test_bad_weights_are_refused(weights, message: str) -> None:
    with pytest.raises(ComputeError, match=message):
        monte_carlo(TWO, weights)
    with pytest.raises(ComputeError, match=message):
        weight_flips(TWO, weights)


def test_empty_matrix_is_refused() -> None:
    with pytest.raises(ComputeError, match="at least one scored tool"):
        monte_carlo(np.zeros((0, 2)), TWO_WEIGHTS)


def test_a_tool_with_no_scores_is_refused_not_ranked_last() -> None:
    all_missing = np.full((2, 2), nan)
    for run in (monte_carlo, weight_flips):
        with pytest.raises(ComputeError, match="tool 1 has no score on any weighted outcome"):
            run(all_missing, TWO_WEIGHTS)
    # scores only on an outcome that weighs nothing count as no scores
    with pytest.raises(ComputeError, match="tool 2 has no score"):
        monte_carlo(np.array([[0.5, 0.5], [nan, 0.9]]), np.array([1.0, 0.0]))


def test_one_point_flip_finds_the_single_score_that_decides(make_data) -> None:
    # Two members, two tools, one outcome. T1 mean 3.0, T2 mean 2.5: one point off either
    # member's T1 score gives T1 2.5, a tie, which flips them.
    evaluation = evaluate(make_data([[[3], [3]], [[3], [2]]]))
    flip = one_point_flip(evaluation, 0, 1)
    assert flip is not None
    assert (flip.tool, flip.old, flip.new) == (0, 3.0, 2.0)


def test_no_one_point_flip_when_the_lead_is_wide(make_data) -> None:
    evaluation = evaluate(make_data([[[4], [1]], [[4], [1]], [[4], [2]]]))
    assert one_point_flip(evaluation, 0, 1) is None


def test_consensus_cells_are_not_one_members_to_flip(make_data) -> None:
    consensus = np.array([[3.0], [nan]])
    evaluation = evaluate(make_data([[[3], [3]], [[3], [2]]], consensus=consensus))
    # T1's cell is the committee's consensus (3): only raising T2 remains, to 3.0, a tie.
    flip = one_point_flip(evaluation, 0, 1)
    assert flip is not None and flip.tool == 1


def test_verdict_says_robust_for_a_clear_lead_and_fragile_for_a_close_one(make_data) -> None:
    clear = verdict(evaluate(make_data([[[4, 4], [1, 2]], [[4, 4], [1, 1]], [[4, 3], [2, 1]]])))
    assert clear is not None
    assert clear.word == "robust" and clear.reasons == ()
    assert clear.margin >= ROBUST_MARGIN
    assert clear.weight_flip is None and clear.member_flip is None
    assert clear.probabilities.first[0] == 1.0

    close = verdict(evaluate(make_data([[[3, 2], [2, 3]], [[3, 2], [3, 2]]])))
    assert close is not None
    assert close.word == "fragile"
    assert any("margin" in reason for reason in close.reasons)


def test_no_verdict_with_fewer_than_two_ranked_tools(make_data) -> None:
    assert verdict(evaluate(make_data([[[4, 4], [nan, nan]]]))) is None
    blocked = evaluate(make_data([[[4, 4], [1, 1]]], blocked={2: ("no DPA",)}))
    assert verdict(blocked) is None


def test_permuting_tools_permutes_the_rank_probabilities() -> None:
    cells = np.random.default_rng(3).random((5, 4))
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    order = np.array([3, 0, 4, 1, 2])
    base = monte_carlo(cells, weights, draws=2000)
    permuted = monte_carlo(cells[order], weights, draws=2000)
    assert np.array_equal(permuted.rank, base.rank[order])
    flips = weight_flips(cells, weights)
    moved = weight_flips(cells[order], weights)
    assert [f.new_weight for f in moved] == pytest.approx([f.new_weight for f in flips])
