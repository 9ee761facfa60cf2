"""Every chart draws from the sample district and the edge cases, and shows the computed numbers.

These run without Qt: the charts are plain matplotlib Figures, rendered here through Agg.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from aligner.charts.cost import cost_score_chart
from aligner.charts.disagreement import disagreement_chart, discuss_marks
from aligner.charts.png import figure_to_png
from aligner.charts.profile import profile_chart
from aligner.charts.ranking import ranking_chart, segment_widths
from aligner.charts.sensitivity import rank_probability_chart
from aligner.charts.weights import weights_chart
from aligner.compute.pipeline import Evaluation
from tests.aligner.charts.conftest import all_tied

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def rendered(figure: Figure) -> bytes:
    """Drawing is where layout problems surface, so every chart is rendered, small and fast."""
    png = figure_to_png(figure, dpi=25)
    assert png.startswith(PNG_SIGNATURE)
    return png


def spread_of(evaluation: Evaluation) -> tuple[np.ndarray, np.ndarray]:
    scores = evaluation.data.scores
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        spread = np.nanmax(scores, axis=0) - np.nanmin(scores, axis=0)
    spread[evaluation.cell_counts < 2] = np.nan
    return spread, np.nan_to_num(spread) >= 2


def first_place_probabilities(evaluation: Evaluation, draws: int = 200) -> np.ndarray:
    rng = np.random.default_rng(3)
    weights = rng.dirichlet(evaluation.weights * 20 + 0.01, size=draws)
    cells = np.nan_to_num(evaluation.cell_scores)
    totals = weights @ cells.T
    order = np.argsort(-totals, axis=1)
    tools = cells.shape[0]
    return np.stack([np.bincount(order[:, r], minlength=tools) / draws for r in range(tools)], 1)


def frontier_of(cost: np.ndarray, score: np.ndarray) -> np.ndarray:
    tools = len(cost)
    return np.array(
        [
            not any(
                cost[j] <= cost[i]
                and score[j] >= score[i]
                and (cost[j], score[j]) != (cost[i], score[i])
                for j in range(tools)
            )
            for i in range(tools)
        ]
    )


def test_ranking_bar_segments_are_the_computed_contributions(any_evaluation: Evaluation) -> None:
    figure = ranking_chart(any_evaluation)
    rendered(figure)
    data = any_evaluation.data
    widths = segment_widths(figure)
    drawn_tools = {tool for tool, _ in widths}
    for t, tool_id in enumerate(data.tool_ids):
        scored = not np.isnan(any_evaluation.totals[t])
        assert (tool_id in drawn_tools) == scored
        if not scored:
            continue
        for o, outcome_id in enumerate(data.outcome_ids):
            assert widths[(tool_id, outcome_id)] == pytest.approx(
                any_evaluation.contributions[t, o]
            )
        stacked = sum(widths[(tool_id, o)] for o in data.outcome_ids)
        assert stacked == pytest.approx(any_evaluation.totals[t])


def test_ranking_lists_best_first_and_blocked_or_unscored_tools_apart(
    any_evaluation: Evaluation,
) -> None:
    axes = ranking_chart(any_evaluation).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    data = any_evaluation.data
    expected = [data.tool_names[i] for i in any_evaluation.order()]
    assert [label.split(". ", 1)[-1].split(" (")[0] for label in labels] == expected
    for label, index in zip(labels, any_evaluation.order(), strict=True):
        status = any_evaluation.status(index)
        if status == "ranked":
            assert label.startswith(f"{any_evaluation.ranks[index]}. ")
        else:
            assert label.endswith("(blocked)" if status == "blocked" else "(not scored)")


def test_tied_tools_share_the_first_rank_on_the_chart() -> None:
    labels = [label.get_text() for label in ranking_chart(all_tied()).axes[0].get_yticklabels()]
    assert len(labels) == 4
    assert all(label.startswith("1. ") for label in labels)


def test_meeting_mode_reveals_rows_from_the_bottom(sample_evaluation: Evaluation) -> None:
    figure = ranking_chart(sample_evaluation, reveal=2)
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert labels[:-2] == ["?"] * (len(labels) - 2)
    shown = {sample_evaluation.data.tool_ids[i] for i in sample_evaluation.order()[-2:]}
    assert {tool for tool, _ in segment_widths(figure)} == shown


def test_ranking_caps_rows_and_says_how_many_are_not_shown(sample_evaluation: Evaluation) -> None:
    figure = ranking_chart(sample_evaluation, max_tools=4)
    axes = figure.axes[0]
    assert len(axes.get_yticklabels()) == 4
    tools = len(sample_evaluation.data.tool_ids)
    assert any(text.get_text() == f"{tools - 4} more tools not shown" for text in axes.texts)


def test_profile_draws_one_line_per_tool_with_gaps_for_missing_scores(
    any_evaluation: Evaluation,
) -> None:
    data = any_evaluation.data
    picked = list(range(min(3, len(data.tool_ids))))
    figure = profile_chart(
        [data.tool_names[i] for i in picked],
        data.outcome_names,
        any_evaluation.cell_scores[picked],
        (data.rubric_min, data.rubric_max),
    )
    rendered(figure)
    lines = [line for line in figure.axes[0].get_lines() if line.get_label() in data.tool_names]
    assert [line.get_label() for line in lines] == [data.tool_names[i] for i in picked]
    for line, tool in zip(lines, picked, strict=True):
        radii = np.asarray(line.get_ydata(), dtype=float)[:-1]
        np.testing.assert_array_equal(radii, any_evaluation.cell_scores[tool])


def test_cost_chart_joins_exactly_the_frontier_tools(any_evaluation: Evaluation) -> None:
    data = any_evaluation.data
    assert data.cost_per_student is not None
    cost = data.cost_per_student
    frontier = frontier_of(cost, np.nan_to_num(any_evaluation.totals, nan=-1))
    frontier &= np.isfinite(any_evaluation.totals)
    figure = cost_score_chart(data.tool_names, cost, any_evaluation.totals, frontier)
    rendered(figure)
    axes = figure.axes[0]
    line = next(line for line in axes.get_lines() if isinstance(line, Line2D))
    assert sorted(np.asarray(line.get_xdata(), dtype=float)) == sorted(cost[frontier])
    missing = [data.tool_names[i] for i in np.flatnonzero(np.isnan(any_evaluation.totals))]
    notes = " ".join(text.get_text() for text in axes.texts)
    for name in missing:
        assert name in notes.split("Not plotted")[-1]


def test_disagreement_marks_every_discuss_cell_with_a_symbol(any_evaluation: Evaluation) -> None:
    data = any_evaluation.data
    spread, discuss = spread_of(any_evaluation)
    figure = disagreement_chart(
        data.tool_names, data.outcome_names, spread, discuss, threshold=2.0, span=4.0
    )
    rendered(figure)
    marks = discuss_marks(figure)
    assert sorted(marks) == sorted(zip(*np.nonzero(discuss), strict=True))


def test_rank_probability_bars_are_the_chance_of_being_first(any_evaluation: Evaluation) -> None:
    probabilities = first_place_probabilities(any_evaluation)
    figure = rank_probability_chart(any_evaluation.data.tool_names, probabilities, draws=200)
    rendered(figure)
    bars = [p for p in figure.axes[1].patches if isinstance(p, Rectangle)]
    expected_order = np.argsort(probabilities @ np.arange(1, probabilities.shape[1] + 1))
    widths = [bar.get_width() for bar in bars]
    assert widths == pytest.approx(probabilities[expected_order, 0].tolist())


def test_weight_bars_are_the_global_weights(any_evaluation: Evaluation) -> None:
    data = any_evaluation.data
    figure = weights_chart(
        data.challenge_names, data.outcome_names, data.outcome_challenge, any_evaluation.weights
    )
    rendered(figure)
    widths = sorted(p.get_width() for p in figure.axes[0].patches if isinstance(p, Rectangle))
    assert widths == pytest.approx(sorted(any_evaluation.weights.tolist()))


def test_empty_inputs_say_so_instead_of_failing() -> None:
    empty = np.zeros((0, 0))
    figures = [
        profile_chart([], [], empty, (0, 4)),
        cost_score_chart([], np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)),
        disagreement_chart([], [], empty, empty.astype(bool), threshold=2, span=4),
        rank_probability_chart([], empty),
        weights_chart([], [], np.zeros(0, dtype=np.int64), np.zeros(0)),
    ]
    for figure in figures:
        rendered(figure)
        assert any("Nothing to chart" in t.get_text() for t in figure.axes[0].texts)


def test_exporting_keeps_the_figure_on_its_own_canvas(sample_evaluation: Evaluation) -> None:
    figure = ranking_chart(sample_evaluation)
    canvas = figure.canvas
    assert figure_to_png(figure, dpi=20).startswith(PNG_SIGNATURE)
    assert figure.canvas is canvas
