"""Where student data goes: tools -> the district's data systems -> data categories.

Three columns joined by lines; each tool-to-system line shows how they connect
(rostering, single sign-on, file upload) by its dash
pattern, and each system is joined to the categories that flow
through it. Plain boxes and lines: readable on a projector and in greyscale print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from aligner.charts.style import (
    NEUTRAL,
    NOTE_SIZE,
    PALETTE,
    TITLE_SIZE,
    empty_figure,
    new_figure,
    series_style,
)


@dataclass(frozen=True, slots=True)
class FlowWords:
    title: str = "Where student data flows: tools, data systems, data categories"
    tools: str = "Tools"
    systems: str = "Data systems"
    categories: str = "Student data categories"
    how: Mapping[str, str] | None = None
    empty: str = "No tool is connected to a data system yet"


ENGLISH = FlowWords()
HOW = {
    "rostering": "rostering standard",
    "sso": "single sign-on",
    "file_upload": "file upload",
    "none": "no connection",
}
#: How a tool connects is told by the line's dash pattern (its colour tells the tool apart).
LINE_OF: dict[str, Literal["-", "--", ":", "-."]] = {
    "rostering": "-",
    "sso": "--",
    "file_upload": ":",
    "none": "-.",
}


@dataclass(frozen=True, slots=True)
class FlowLink:
    tool: str
    system: str
    how: str
    categories: tuple[str, ...]


def _positions(names: Sequence[str]) -> dict[str, float]:
    count = len(names)
    return {name: 1.0 - (index + 0.5) / count for index, name in enumerate(names)}


def _box(axes: Axes, x: float, y: float, text: str, colour: str) -> None:
    axes.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=NOTE_SIZE,
        bbox={
            "boxstyle": "round,pad=0.35",
            "facecolor": "white",
            "edgecolor": colour,
            "linewidth": 1.6,
        },
    )


def data_flow_chart(
    links: Sequence[FlowLink], *, words: FlowWords = ENGLISH, size: tuple[float, float] = (11, 7)
) -> Figure:
    if not links:
        return empty_figure(words.empty, words.title)
    how_words = words.how or HOW
    tools = list(dict.fromkeys(link.tool for link in links))
    systems = list(dict.fromkeys(link.system for link in links))
    categories = sorted({c for link in links for c in link.categories})
    tool_y, system_y, category_y = _positions(tools), _positions(systems), _positions(categories)
    columns = (0.12, 0.48, 0.84)
    figure = new_figure(size)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.02, 1.06)
    axes.set_title(words.title, fontsize=TITLE_SIZE, loc="left")
    for x, heading in zip(columns, (words.tools, words.systems, words.categories), strict=True):
        axes.text(x, 1.04, heading, ha="center", va="bottom", fontsize=NOTE_SIZE, weight="bold")
    drawn: set[tuple[str, str]] = set()
    for link in links:
        style = series_style(tools.index(link.tool))
        y0, y1 = tool_y[link.tool], system_y[link.system]
        axes.plot(
            [columns[0], columns[1]],
            [y0, y1],
            color=style.color,
            linestyle=LINE_OF.get(link.how, ":"),
            linewidth=2.0,
        )
        for category in link.categories:
            if (link.system, category) in drawn:
                continue
            drawn.add((link.system, category))
            axes.plot(
                [columns[1], columns[2]],
                [y1, category_y[category]],
                color=NEUTRAL,
                linewidth=0.9,
                alpha=0.7,
            )
    for name, y in tool_y.items():
        _box(axes, columns[0], y, name, series_style(tools.index(name)).color)
    for name, y in system_y.items():
        _box(axes, columns[1], y, name, PALETTE[7])
    for name, y in category_y.items():
        _box(axes, columns[2], y, name, NEUTRAL)
    used = [how for how in LINE_OF if any(link.how == how for link in links)]
    handles = [Line2D([], [], color=NEUTRAL, linestyle=LINE_OF[how], linewidth=2.0) for how in used]
    axes.legend(
        handles,
        [how_words.get(how, how) for how in used],
        loc="lower left",
        fontsize=NOTE_SIZE,
        frameon=False,
        ncols=len(used),
        bbox_to_anchor=(0.0, -0.06),
    )
    return figure
