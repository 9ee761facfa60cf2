"""Ranking methods: normalisations, weighted sum, TOPSIS against a published example, costs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from aligner.compute.ranks import competition_ranks
from aligner.compute.scoring import (
    cost_effectiveness,
    cost_score_frontier,
    normalize,
    topsis,
    weighted_sum,
)
from aligner.domain.errors import ComputeError

# Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
# Lecture Notes in Economics and Mathematical Systems 186, Springer; the fighter aircraft example
# (also in Yoon and Hwang 1995, Multiple Attribute Decision Making: An Introduction, Sage).
# Criteria: maximum speed (Mach), ferry range (NM), maximum payload (lb), acquisition cost
# ($ million, a cost), reliability, manoeuvrability; weights .2 .1 .1 .1 .2 .3. Published
# relative closeness C*: A1 0.643, A2 0.268, A3 0.613, A4 0.312.
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_BENEFIT = [True, True, True, False, True, True]


def test_topsis_matches_hwang_and_yoon_fighter_aircraft() -> None:
    closeness = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    assert closeness == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=6e-4)


def test_topsis_cost_handling_agrees_across_normalisations_that_turn_costs_around() -> None:
    # minmax turns the cost column around itself; the ideal is then the maximum everywhere.
    flipped = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, normalization="minmax")
    assert competition_ranks(flipped).tolist()[0] == 1
    assert np.all((flipped >= 0) & (flipped <= 1))


def test_identical_tools_have_closeness_one_half() -> None:
    assert topsis([[3, 3], [3, 3]], [1, 1], [True, True]).tolist() == [0.5, 0.5]


def test_normalisations_follow_their_published_definitions() -> None:
    x = np.array([[1.0, 2.0, 5.0], [3.0, 4.0, 5.0], [4.0, 8.0, 5.0]])
    benefit = [True, False, True]
    assert normalize(x, benefit, "max") == pytest.approx(
        np.array([[0.25, 1.0, 1.0], [0.75, 0.5, 1.0], [1.0, 0.25, 1.0]])
    )
    # the constant third column becomes all ones
    assert normalize(x, benefit, "minmax") == pytest.approx(
        np.array([[0.0, 1.0, 1.0], [2 / 3, 4 / 6, 1.0], [1.0, 0.0, 1.0]])
    )
    inverse = np.array([1 / 2, 1 / 4, 1 / 8])
    assert normalize(x, benefit, "sum")[:, 1] == pytest.approx(inverse / inverse.sum())
    assert normalize(x, benefit, "sum")[:, 0] == pytest.approx([0.125, 0.375, 0.5])
    assert normalize(x, benefit, "vector")[:, 0] == pytest.approx(np.array([1, 3, 4]) / 26**0.5)
    assert normalize(x, [True] * 3, "none") == pytest.approx(x)


def test_normalisation_refuses_what_it_cannot_do() -> None:
    with pytest.raises(ComputeError, match="column 2: a cost criterion needs"):
        normalize([[1, 2]], [True, False], "none")
    with pytest.raises(ComputeError, match="column 1: a cost of 0 has no 'max' ratio"):
        normalize([[0, 2], [1, 1]], [False, True], "max")
    with pytest.raises(ComputeError, match="column 1: 'sum' normalisation needs values >= 0"):
        normalize([[-1], [1]], [True], "sum")
    with pytest.raises(ComputeError, match="unknown normalisation 'z'"):
        normalize([[1]], [True], "z")


@pytest.mark.parametrize("method", [weighted_sum, topsis])
def test_bad_inputs_raise_a_typed_error_saying_what_to_fix(method) -> None:
    with pytest.raises(ComputeError, match="empty"):
        method(np.zeros((0, 3)), [1, 1, 1], True)
    with pytest.raises(ComputeError, match="row 2, column 1 has no value"):
        method([[1, 2], [np.nan, 1]], [1, 1], True)
    with pytest.raises(ComputeError, match="outcome weight 2 is nan"):
        method([[1, 2]], [1, np.nan], True)
    with pytest.raises(ComputeError, match="outcome weight 1 is -1"):
        method([[1, 2]], [-1, 2], True)
    with pytest.raises(ComputeError, match="every outcome weight is 0"):
        method([[1, 2]], [0, 0], True)
    with pytest.raises(ComputeError, match="3 weights given for 2 outcomes"):
        method([[1, 2]], [1, 1, 1], True)


def test_weighted_sum_is_the_weighted_mean_of_normalised_values() -> None:
    x = [[4, 100], [2, 50]]
    assert weighted_sum(x, [3, 1], [True, False], "max") == pytest.approx(
        [0.75 * 1 + 0.25 * 0.5, 0.75 * 0.5 + 0.25 * 1]
    )
    assert weighted_sum([[1, 3]], [1, 1], True) == pytest.approx([2.0])


def test_cost_effectiveness_is_points_per_thousand_dollars_per_student() -> None:
    scores = np.array([80.0, 60.0, 50.0, np.nan, 70.0])
    cost = np.array([20.0, 10.0, 0.0, 5.0, np.nan])
    ce = cost_effectiveness(scores, cost)
    assert ce[:2] == pytest.approx([80 / 0.02, 60 / 0.01])
    assert np.isnan(ce[2:]).all()  # free, unscored and unpriced tools have no ratio


def test_frontier_keeps_tools_nobody_beats_on_both_score_and_cost() -> None:
    scores = np.array([80.0, 60.0, 70.0, 50.0, 90.0, 65.0])
    cost = np.array([20.0, 10.0, 25.0, 10.0, np.nan, 10.0])
    # 70 @ 25 is beaten by 80 @ 20; 60 @ 10 and 50 @ 10 by 65 @ 10; 90 has no known cost.
    assert cost_score_frontier(scores, cost).tolist() == [True, False, False, False, False, True]


matrices = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 6), st.integers(1, 5)),
    elements=st.floats(0.0, 4.0, allow_nan=False).map(lambda v: round(v, 1)),
)


def _weights_for(matrix: np.ndarray, data: st.DataObject) -> np.ndarray:
    return data.draw(
        hnp.arrays(np.float64, matrix.shape[1], elements=st.floats(0.05, 10.0)), label="weights"
    )


@settings(max_examples=40, deadline=None)
@given(matrix=matrices, data=st.data(), factor=st.floats(0.01, 1000.0))
def test_scaling_all_weights_leaves_the_ranking_unchanged(matrix, data, factor) -> None:
    weights = _weights_for(matrix, data)
    benefit = np.ones(matrix.shape[1], dtype=bool)
    for method in (weighted_sum, topsis):
        before = competition_ranks(method(matrix, weights, benefit))
        after = competition_ranks(method(matrix, weights * factor, benefit))
        assert before.tolist() == after.tolist()


@settings(max_examples=40, deadline=None)
@given(matrix=matrices, data=st.data())
def test_permuting_tools_permutes_the_result(matrix, data) -> None:
    weights = _weights_for(matrix, data)
    order = np.array(data.draw(st.permutations(range(matrix.shape[0])), label="order"))
    benefit = np.ones(matrix.shape[1], dtype=bool)
    for method in (weighted_sum, topsis):
        assert method(matrix[order], weights, benefit) == pytest.approx(
            method(matrix, weights, benefit)[order]
        )


@settings(max_examples=40, deadline=None)
@given(matrix=matrices, data=st.data())
def test_a_dominated_tool_never_ranks_above_its_dominator(matrix, data) -> None:
    weights = _weights_for(matrix, data)
    dominator = matrix[0]
    worse_by = data.draw(
        hnp.arrays(np.float64, matrix.shape[1], elements=st.floats(0.0, 1.0)), label="gap"
    )
    matrix = np.vstack([matrix, np.maximum(dominator - worse_by, 0.0)])
    benefit = np.ones(matrix.shape[1], dtype=bool)
    for normalization in ("none", "max", "minmax", "vector"):
        ranks = competition_ranks(weighted_sum(matrix, weights, benefit, normalization))
        assert ranks[-1] >= ranks[0]
