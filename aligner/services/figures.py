"""The charts of a project's results, built from one evaluation: the same for screen and export.

Each function gathers what its chart in aligner.charts needs from the pipeline's result, so the
app, the workbook and the HTML report draw identical pictures of identical numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from aligner.charts.cost import cost_score_chart
from aligner.charts.disagreement import disagreement_chart
from aligner.charts.profile import profile_chart
from aligner.charts.ranking import MAX_TOOLS, chart_rows, ranking_chart
from aligner.charts.sensitivity import rank_probability_chart
from aligner.charts.style import ENGLISH, ChartWords
from aligner.charts.weights import weights_chart
from aligner.compute.pipeline import Evaluation
from aligner.services.stability import QUICK_DRAWS, Stability, rank_probabilities


def ranking_figure(
    evaluation: Evaluation,
    *,
    words: ChartWords = ENGLISH,
    reveal: int | None = None,
    highlight: int | None = None,
) -> Figure:
    return ranking_chart(evaluation, words=words, reveal=reveal, highlight=highlight)


def profile_figure(
    evaluation: Evaluation, tools: Sequence[int], *, words: ChartWords = ENGLISH
) -> Figure:
    """Radar of the given tool indices on the rubric scale."""
    data = evaluation.data
    picked = list(tools)
    return profile_chart(
        [data.tool_names[i] for i in picked],
        data.outcome_names,
        evaluation.cell_scores[picked] if picked else np.zeros((0, len(data.outcome_ids))),
        (data.rubric_min, data.rubric_max),
        words=words,
    )


def cost_figure(evaluation: Evaluation, *, words: ChartWords = ENGLISH) -> Figure:
    data = evaluation.data
    costs = (
        data.cost_per_student
        if data.cost_per_student is not None
        else np.full(len(data.tool_ids), np.nan)
    )
    return cost_score_chart(
        data.tool_names, costs, evaluation.totals, evaluation.frontier, words=words
    )


def weights_figure(evaluation: Evaluation, *, words: ChartWords = ENGLISH) -> Figure:
    data = evaluation.data
    return weights_chart(
        data.challenge_names,
        data.outcome_names,
        data.outcome_challenge,
        evaluation.weights,
        words=words,
    )


def disagreement_figure(evaluation: Evaluation, *, words: ChartWords = ENGLISH) -> Figure:
    data = evaluation.data
    spread = evaluation.disagreement
    order = evaluation.order()  # best first, so a capped chart keeps the tools that matter
    return disagreement_chart(
        [data.tool_names[i] for i in order],
        data.outcome_names,
        spread.range[order],
        spread.discuss[order],
        threshold=spread.threshold,
        span=data.rubric_max - data.rubric_min,
        words=words,
    )


def stability_figure(
    evaluation: Evaluation, stability: Stability | None = None, *, words: ChartWords = ENGLISH
) -> Figure:
    """Rank probabilities; without a finished run, a quick one is made here."""
    found = stability or rank_probabilities(evaluation, draws=QUICK_DRAWS)
    names = [evaluation.data.tool_names[i] for i in found.ranked]
    return rank_probability_chart(names, found.probabilities, draws=found.draws, words=words)


def chart_order(evaluation: Evaluation) -> list[int]:
    """Tool indices in the ranking chart's row order, top row first (meeting mode walks it)."""
    return [row.tool for row in chart_rows(evaluation, MAX_TOOLS, None)]
