"""The ranking as horizontal bars: each tool's total, stacked by each outcome's contribution.

Segments take their challenge's colour and hatch, so the room sees not only who is first but
which of the district's challenges carries each tool. Blocked tools keep their bar, in grey,
below a rule, and unscored tools say so instead of showing a zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    HIGHLIGHT,
    LABEL_SIZE,
    MUTED,
    NEUTRAL,
    NOTE_SIZE,
    TICK_SIZE,
    ChartWords,
    empty_figure,
    grown,
    new_figure,
    series_style,
    style_axes,
    title,
    wrap,
)
from aligner.compute.pipeline import Evaluation

#: More bars than this stop being readable in a room; the table lists the rest.
MAX_TOOLS = 25
#: A tool with at least this share of the weight scored gets no coverage note.
FULL_COVERAGE = 0.995


@dataclass(frozen=True, slots=True)
class Row:
    """One bar of the chart: which tool, in which group, and whether the room may see it yet."""

    tool: int
    status: str
    hidden: bool


def chart_rows(evaluation: Evaluation, max_tools: int, reveal: int | None) -> tuple[Row, ...]:
    """The tools to draw, best first; some blocked or unscored ones always make the cut.

    ``reveal`` counts rows shown from the bottom (meeting mode builds suspense that way).
    """
    order = evaluation.order()
    ranked = [i for i in order if evaluation.status(i) == "ranked"]
    others = [i for i in order if evaluation.status(i) != "ranked"]
    others_budget = min(len(others), max(3, max_tools // 4))
    ranked_budget = max(0, max_tools - others_budget)
    shown = ranked[:ranked_budget] + others[: max_tools - min(len(ranked), ranked_budget)]
    visible_from = 0 if reveal is None else max(0, len(shown) - reveal)
    return tuple(
        Row(tool, evaluation.status(tool), hidden=position < visible_from)
        for position, tool in enumerate(shown)
    )


def _tool_label(evaluation: Evaluation, row: Row, words: ChartWords) -> str:
    if row.hidden:
        return words.hidden
    name = evaluation.data.tool_names[row.tool]
    if row.status == "ranked":
        return f"{int(evaluation.ranks[row.tool])}. {name}"
    return f"{name} ({words.blocked if row.status == 'blocked' else words.not_scored})"


class Segments(PolyCollection):
    """One challenge's bar segments as a single artist (a thousand patches draw too slowly).

    ``keys`` names each polygon as (tool id, outcome id), in the order of the polygons.
    """

    def __init__(self, boxes: list[NDArray[np.float64]], keys: list[tuple[int, int]], **kw: Any):
        super().__init__(boxes, **kw)
        self.keys = keys


def _draw_segments(axes: Axes, evaluation: Evaluation, rows: tuple[Row, ...]) -> None:
    """Segments left to right in outcome order, gathered into one collection per challenge."""
    data = evaluation.data
    drawn = [(y, row) for y, row in enumerate(rows) if row.status != "unscored" and not row.hidden]
    if not drawn:
        return
    ys = np.array([y for y, _ in drawn], dtype=np.float64)
    tools = np.array([row.tool for _, row in drawn], dtype=np.int64)
    blocked = np.array([row.status == "blocked" for _, row in drawn])
    widths = evaluation.contributions[tools]
    lefts = np.cumsum(widths, axis=1) - widths
    half = 0.36
    for challenge in sorted({int(c) for c in data.outcome_challenge}):
        style = series_style(challenge)
        boxes, keys, colors = [], [], []
        for outcome in np.flatnonzero(data.outcome_challenge == challenge):
            for row, (y, tool) in enumerate(zip(ys, tools, strict=True)):
                x0, x1 = lefts[row, outcome], lefts[row, outcome] + widths[row, outcome]
                boxes.append(
                    np.array([[x0, y - half], [x1, y - half], [x1, y + half], [x0, y + half]])
                )
                keys.append((data.tool_ids[tool], data.outcome_ids[int(outcome)]))
                colors.append(MUTED if blocked[row] else style.color)
        dark = style.color in {"#000000", "#0072B2"}
        axes.add_collection(
            Segments(
                boxes,
                keys,
                facecolors=colors,
                edgecolors="white",
                linewidths=0.6,
                hatch=style.hatch,
                hatchcolor="#FFFFFF99" if dark else "#00000055",
            ),
            autolim=False,
        )


def _annotate(axes: Axes, evaluation: Evaluation, rows: tuple[Row, ...], words: ChartWords) -> None:
    for y, row in enumerate(rows):
        if row.hidden:
            continue
        total = float(evaluation.totals[row.tool])
        if math.isnan(total):
            axes.text(1, y, words.not_scored, va="center", fontsize=NOTE_SIZE, color=NEUTRAL)
            continue
        text = f"{total:.1f}"
        coverage = float(evaluation.coverage[row.tool])
        if coverage < FULL_COVERAGE:
            text += "  " + words.covered.format(share=coverage)
        axes.text(total + 1, y, text, va="center", fontsize=NOTE_SIZE)


def _legend(figure: Figure, evaluation: Evaluation) -> None:
    data = evaluation.data
    used = sorted({int(c) for c in data.outcome_challenge})
    handles = [
        Patch(
            facecolor=series_style(c).color,
            hatch=series_style(c).hatch,
            edgecolor="white",
            label=wrap(data.challenge_names[c], 28),
        )
        for c in used
    ]
    if handles:
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncol=min(2, len(handles)),
            fontsize=NOTE_SIZE,
            frameon=False,
        )


def _axis_top(evaluation: Evaluation, rows: tuple[Row, ...]) -> float:
    """The scale's end: the best shown total rounded up to ten, so small gaps stay visible."""
    totals = [float(evaluation.totals[row.tool]) for row in rows]
    finite = [t for t in totals if math.isfinite(t)]
    return float(min(100, max(20, 10 * math.ceil(max(finite, default=0.0) / 10 + 0.05))))


def ranking_chart(
    evaluation: Evaluation,
    *,
    words: ChartWords = ENGLISH,
    max_tools: int = MAX_TOOLS,
    reveal: int | None = None,
    highlight: int | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Bars of each tool's total (0-100) stacked by outcome contribution, best at the top.

    Args:
        evaluation: the pipeline's result; bar segments are its ``contributions``.
        words: the chart's text (translated by the app).
        max_tools: how many bars at most; a note counts the rest.
        reveal: show only this many rows, counted from the bottom (meeting mode).
        highlight: index of a tool (in ``evaluation.data.tool_ids``) to frame and embolden.
        size: figure size in inches; by default it grows with the number of rows.
    """
    data = evaluation.data
    if not data.tool_ids:
        return empty_figure(words.empty, words.ranking_title)
    rows = chart_rows(evaluation, max_tools, reveal)
    figure = new_figure(size or grown(10.0, 1.9 + 0.42 * len(rows)))
    axes = figure.add_subplot()
    style_axes(axes)
    _draw_segments(axes, evaluation, rows)
    _annotate(axes, evaluation, rows, words)
    axes.set_yticks(range(len(rows)), [_tool_label(evaluation, row, words) for row in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)
    top = _axis_top(evaluation, rows)
    axes.set_xlim(0, top * 1.3)
    axes.set_xticks(range(0, int(top) + 1, 10 if top <= 60 else 20))
    axes.set_xlabel(words.score_axis, fontsize=LABEL_SIZE)
    title(figure, words.ranking_title)
    first_apart = next((y for y, row in enumerate(rows) if row.status != "ranked"), None)
    if first_apart is not None and first_apart > 0:
        axes.axhline(first_apart - 0.5, color=NEUTRAL, linewidth=1.2, linestyle="--")
    for y, row in enumerate(rows):
        if row.tool == highlight and not row.hidden:
            axes.axhspan(y - 0.46, y + 0.46, facecolor="#00000010", edgecolor=HIGHLIGHT, lw=2.5)
            axes.get_yticklabels()[y].set_fontweight("bold")
    hidden_count = len(data.tool_ids) - len(rows)
    if hidden_count > 0:
        axes.text(
            1.0,
            1.0,
            words.more_tools.format(count=hidden_count),
            transform=axes.transAxes,
            ha="right",
            va="bottom",
            fontsize=NOTE_SIZE,
            color=NEUTRAL,
        )
    axes.tick_params(axis="y", labelsize=TICK_SIZE, length=0)
    _legend(figure, evaluation)
    return figure


def segment_widths(figure: Figure) -> dict[tuple[int, int], float]:
    """The drawn segment widths keyed by (tool id, outcome id): what a reader of the bar sees."""
    widths: dict[tuple[int, int], float] = {}
    for axes in figure.axes:
        for collection in axes.collections:
            if isinstance(collection, Segments):
                for key, path in zip(collection.keys, collection.get_paths(), strict=True):
                    xs = np.asarray(path.vertices, dtype=np.float64)[:, 0]
                    widths[key] = float(xs.max() - xs.min())
    return widths
