"""Group scoring in the pipeline: coverage, insufficient cells, consensus, the second method."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from aligner.compute.pipeline import complete_by_own_mean, evaluate
from aligner.compute.ranks import kendall_tau
from aligner.compute.scoring import topsis

nan = np.nan


def test_cells_below_the_minimum_raters_are_insufficient_and_weighed(make_data) -> None:
    # three members, one tool, three equally weighted outcomes; min_raters 2
    scores = np.array([[[4, 3, 2]], [[4, nan, nan]], [[2, nan, nan]]])
    evaluation = evaluate(make_data(scores, outcome_weights=[2, 1, 1], min_raters=2))
    assert evaluation.cell_counts[0].tolist() == [3, 1, 1]
    assert evaluation.insufficient[0] == pytest.approx(0.5)  # outcomes 2 and 3: 1/4 + 1/4
    assert evaluation.coverage[0] == pytest.approx(1.0)
    strict = evaluate(make_data(scores, outcome_weights=[2, 1, 1], min_raters=4))
    assert strict.insufficient[0] == pytest.approx(1.0)


def test_a_consensus_score_replaces_the_aggregate_and_is_never_insufficient(make_data) -> None:
    scores = np.array([[[4, 0]], [[2, nan]]])
    consensus = np.array([[nan, 3.0]])
    evaluation = evaluate(make_data(scores, consensus=consensus))
    assert evaluation.cell_scores[0].tolist() == [3.0, 3.0]
    assert evaluation.totals[0] == pytest.approx(75.0)
    assert evaluation.insufficient[0] == 0.0


def test_disagreement_uses_the_threshold_setting_or_half_the_rubric(make_data) -> None:
    scores = np.array([[[4, 3]], [[1, 2]]])
    default = evaluate(make_data(scores))  # 0-4 rubric: threshold 2
    assert default.disagreement.threshold == 2.0
    assert default.disagreement.discuss.tolist() == [[True, False]]
    assert evaluate(make_data(scores, discuss_threshold=1.0)).disagreement.discuss.all()


def test_topsis_runs_on_the_same_evidence_as_the_weighted_sum(make_data) -> None:
    scores = np.array([[[4, 2, nan], [1, 3, 3], [2, 2, 2]], [[3, 2, nan], [2, 4, 3], [2, 3, 1]]])
    data = make_data(scores, outcome_weights=[3, 2, 1])
    evaluation = evaluate(data)
    completed = complete_by_own_mean(evaluation.normalised, evaluation.weights)
    # filling a tool's gaps with its own weighted mean leaves its weighted sum unchanged
    assert 100 * completed @ evaluation.weights == pytest.approx(evaluation.totals)
    assert evaluation.closeness == pytest.approx(topsis(completed, evaluation.weights, True))
    assert evaluation.method_tau == pytest.approx(
        kendall_tau(evaluation.totals, evaluation.closeness)
    )
    assert sorted(evaluation.topsis_ranks.tolist()) == [1, 2, 3]


def test_blocked_tools_keep_scores_but_take_no_rank_in_either_method(make_data) -> None:
    scores = np.array([[[4, 4], [2, 1], [1, 1]]])
    evaluation = evaluate(make_data(scores, blocked={1: ("Fails FERPA item",)}))
    assert evaluation.totals[0] == pytest.approx(100.0)
    assert evaluation.ranks.tolist() == [0, 1, 2]
    assert evaluation.topsis_ranks.tolist() == [0, 1, 2]
    assert evaluation.closeness[0] == pytest.approx(1.0)
    assert evaluation.status(0) == "blocked"


def test_cost_effectiveness_and_frontier_in_the_pipeline(make_data) -> None:
    scores = np.array([[[4], [2], [3], [1]]])
    cost = np.array([40.0, 10.0, 50.0, nan])
    evaluation = evaluate(make_data(scores, cost_per_student=cost, blocked={1: ("gate",)}))
    assert evaluation.cost_effectiveness[:3] == pytest.approx([100 / 0.04, 50 / 0.01, 75 / 0.05])
    assert np.isnan(evaluation.cost_effectiveness[3])
    # the blocked T1 is not a choice, so T3 (75 at $50) is on the frontier; T2 cheapest is too
    assert evaluation.frontier.tolist() == [False, True, True, False]


cubes = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 4), st.integers(2, 4), st.integers(1, 4)),
    elements=st.one_of(st.just(nan), st.integers(0, 4).map(float)),
)


@settings(max_examples=40, deadline=None)
@given(cube=cubes, data=st.data())
def test_adding_a_missing_score_never_changes_other_tools_coverage(cube, data, make_data) -> None:
    missing = np.argwhere(np.isnan(cube))
    if missing.size == 0:
        return
    m, t, o = missing[data.draw(st.integers(0, len(missing) - 1), label="cell")]
    before = evaluate(make_data(cube))
    filled = cube.copy()
    filled[m, t, o] = data.draw(st.integers(0, 4), label="value")
    after = evaluate(make_data(filled))
    others = np.arange(cube.shape[1]) != t
    assert after.coverage[others] == pytest.approx(before.coverage[others])
    assert after.cell_counts[others].tolist() == before.cell_counts[others].tolist()
    assert after.coverage[t] >= before.coverage[t]
