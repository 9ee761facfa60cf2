"""Monitoring: each measured outcome of a tool in use, against its baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from aligner.charts.style import (
    LABEL_SIZE,
    NEUTRAL,
    NOTE_SIZE,
    PALETTE,
    TITLE_SIZE,
    empty_figure,
    new_figure,
    style_axes,
    wrap,
)
from aligner.domain.governance import MonitoringLine, Progress

#: Beyond this many panels the figure gets too small to read on a projector.
MAX_PANELS = 6


@dataclass(frozen=True, slots=True)
class MonitoringWords:
    title: str = "Monitoring: measured outcomes against baseline and target"
    baseline: str = "baseline {value:g}"
    target: str = "target {value:g}"
    status: dict[str, str] | None = None
    empty: str = "Nothing measured yet for tools in use"
    more: str = "{count} more outcomes not shown"


ENGLISH = MonitoringWords()
STATUS_WORDS = {
    Progress.ON_TRACK.value: "on track",
    Progress.BEHIND.value: "behind",
    Progress.NO_DATA.value: "no data",
}
#: A status is shown by a word and a symbol as well as a colour.
STATUS_MARK = {
    Progress.ON_TRACK.value: "✓",
    Progress.BEHIND.value: "!",
    Progress.NO_DATA.value: "?",
}


def monitoring_chart(
    lines: Sequence[MonitoringLine],
    *,
    words: MonitoringWords = ENGLISH,
    size: tuple[float, float] = (10.0, 6.5),
) -> Figure:
    """One small panel per measured outcome: the measurements, a dashed baseline, a target."""
    measured = [line for line in lines if line.points]
    if not measured:
        return empty_figure(words.empty, words.title)
    shown = measured[:MAX_PANELS]
    columns = 1 if len(shown) == 1 else 2
    rows = (len(shown) + columns - 1) // columns
    figure = new_figure(size)
    figure.suptitle(words.title, fontsize=TITLE_SIZE, x=0.01, ha="left")
    status_words = words.status or STATUS_WORDS
    for index, line in enumerate(shown):
        axes = figure.add_subplot(rows, columns, index + 1)
        style_axes(axes, grid_axis="y")
        days = np.array([day for day, _ in line.points], dtype="datetime64[D]")
        values = [value for _, value in line.points]
        axes.plot(days, values, color=PALETTE[0], marker="o", markersize=7, linewidth=2.2)
        if line.baseline is not None:
            axes.axhline(line.baseline, color=NEUTRAL, linestyle="--", linewidth=1.4)
            axes.annotate(
                words.baseline.format(value=line.baseline),
                xy=(0, line.baseline),
                xycoords=("axes fraction", "data"),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=NOTE_SIZE,
                color=NEUTRAL,
            )
        if line.target is not None:
            axes.axhline(line.target, color=PALETTE[2], linestyle=":", linewidth=2.0)
            axes.annotate(
                words.target.format(value=line.target),
                xy=(0, line.target),
                xycoords=("axes fraction", "data"),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=NOTE_SIZE,
                color=PALETTE[2],
            )
        state = line.progress.value
        axes.set_title(
            wrap(f"{line.tool_name}: {line.outcome_name}", 44)
            + f"\n{STATUS_MARK[state]} {status_words[state]}",
            fontsize=LABEL_SIZE,
            loc="left",
            color=PALETTE[5] if line.progress is Progress.BEHIND else "#000000",
        )
        if line.unit:
            axes.set_ylabel(line.unit, fontsize=NOTE_SIZE)
        # Ticks at the measurements themselves: a handful of dates, each one meaningful.
        axes.set_xticks(days, [day for day, _ in line.points], fontsize=NOTE_SIZE)
        # A lone measurement still gets a readable month either side of it.
        month = np.timedelta64(31, "D")
        axes.set_xlim(days.min() - month, days.max() + month)
        _keep_lines_in_view(axes, values, line)
    if len(measured) > len(shown):
        figure.text(
            0.01,
            0.0,
            words.more.format(count=len(measured) - len(shown)),
            fontsize=NOTE_SIZE,
            color=NEUTRAL,
        )
    return figure


def _keep_lines_in_view(axes: Axes, values: list[float], line: MonitoringLine) -> None:
    """Baseline and target stay visible even when the measurements sit far from them."""
    marks = [v for v in (*values, line.baseline, line.target) if v is not None]
    low, high = min(marks), max(marks)
    pad = (high - low) * 0.15 or 1.0
    axes.set_ylim(low - pad, high + pad)
