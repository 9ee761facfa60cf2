"""The one look shared by every chart, on screen and in the exported workbook.

Colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
distinguishable for the common colour-vision deficiencies. Because several of its colours share
a lightness, a series that colour tells apart also gets its own hatch or marker, so a greyscale
print still separates them. Heatmaps use single-hue sequential maps (ColorBrewer "Blues" and
"Oranges", Harrower & Brewer 2003) whose lightness falls steadily as the value rises: more is
darker, so they read the same to every eye and in grey, and zero stays white paper.
Text sizes are in points chosen for a projector at the back of a meeting room, never below 10 pt.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: Okabe-Ito, ordered so neighbouring series differ most in lightness as well as hue.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: One hatch per series, so greyscale print tells apart colours of equal lightness.
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "--", "++")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":")

#: Sequential colour maps for heatmaps, readable in greyscale: more is darker.
HEATMAP_CHANCE = "Blues"
HEATMAP_SPREAD = "Oranges"
#: Colours for states that are not a series.
NEUTRAL = "#777777"
MUTED = "#BBBBBB"
HIGHLIGHT = "#000000"
BACKGROUND = "#FFFFFF"

TITLE_SIZE = 16.0
LABEL_SIZE = 13.0
TICK_SIZE = 12.0
NOTE_SIZE = 11.0
#: Long names are wrapped rather than shrunk below readable size.
WRAP_AT = 22

#: Default size of an exported chart, in inches; the screen resizes it to its canvas.
FIGURE_SIZE = (10.0, 6.0)
FIGURE_DPI = 100.0


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one series (a challenge, a tool) is drawn: colour plus a greyscale-safe cue."""

    color: str
    hatch: str
    marker: str
    linestyle: str


def series_style(index: int) -> SeriesStyle:
    """The style of series ``index``; past eight, colours repeat with other hatches.

    The second round shifts hatches by four places: of the shifts, only that one never gives two
    colours of near-equal grey the same hatch (tests/aligner/charts/test_style.py checks it).
    """
    colors, hatches = len(PALETTE), len(HATCHES)
    return SeriesStyle(
        color=PALETTE[index % colors],
        hatch=HATCHES[(index + 4 * (index // colors)) % hatches],
        marker=MARKERS[index % len(MARKERS)],
        linestyle=LINESTYLES[(index // 2) % len(LINESTYLES)],
    )


@dataclass(frozen=True, slots=True)
class ChartWords:
    """Every word a chart prints; the desktop app passes translated ones."""

    ranking_title: str = "Ranking: total score, one segment per outcome"
    score_axis: str = "Score (0-100)"
    blocked: str = "blocked"
    not_scored: str = "not scored"
    hidden: str = "?"
    covered: str = "{share:.0%} of weight scored"
    more_tools: str = "{count} more tools not shown"
    profile_title: str = "Profile across outcomes"
    rubric_axis: str = "Score on the rubric"
    cost_title: str = "Cost per student against score"
    cost_axis: str = "Cost per student ($ per year)"
    frontier: str = "Cost-score frontier (no tool is both cheaper and better)"
    other_tools: str = "Other tools"
    not_plotted: str = "Not plotted (no cost or no score): {names}"
    disagreement_title: str = "Where members disagree"
    spread_axis: str = "Spread of members' scores (range)"
    discuss: str = "! = discuss: spread at or above {threshold:g}"
    no_scores: str = "no scores"
    probability_title: str = "Rank probabilities when weights vary"
    rank_axis: str = "Rank"
    tool_axis: str = "Tool"
    probability_axis: str = "Probability"
    first_title: str = "Chance of being first"
    draws: str = "{draws:,} weight draws"
    weights_title: str = "Global weight of each outcome"
    weight_axis: str = "Share of the total weight"
    empty: str = "Nothing to chart yet"


ENGLISH = ChartWords()


#: Bounds of a chart that grows with its rows or columns, in inches: past these a page of a
#: workbook cannot show it, and its pixel buffer costs tens of megabytes.
MIN_SIZE = (8.0, 4.5)
MAX_SIZE = (16.0, 12.0)


def grown(width: float, height: float) -> tuple[float, float]:
    """A size that grows with the content, kept within MIN_SIZE and MAX_SIZE."""
    return (
        min(MAX_SIZE[0], max(MIN_SIZE[0], width)),
        min(MAX_SIZE[1], max(MIN_SIZE[1], height)),
    )


def new_figure(size: tuple[float, float] = FIGURE_SIZE) -> Figure:
    """A bare Figure (no pyplot) with constrained layout, so long labels are never cut off."""
    figure = Figure(figsize=size, dpi=FIGURE_DPI, layout="constrained")
    figure.set_facecolor(BACKGROUND)
    return figure


def style_axes(axes: Axes, *, grid_axis: Literal["x", "y", "both"] | None = "x") -> None:
    """Projector-readable ticks, light grid behind the data, no chart junk."""
    axes.tick_params(labelsize=TICK_SIZE)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if grid_axis is not None:
        axes.grid(True, axis=grid_axis, color="#DDDDDD", linewidth=0.8)
        axes.set_axisbelow(True)


def title(figure: Figure, text: str) -> None:
    """The chart's title at the figure's left edge, where a reader starts, never cut by labels."""
    figure.suptitle(text, fontsize=TITLE_SIZE, x=0.01, ha="left")


def wrap(label: str, width: int = WRAP_AT) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def empty_figure(message: str, heading: str) -> Figure:
    """What a chart shows when there is nothing to draw: a plain sentence, not an empty frame."""
    figure = new_figure()
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(heading, fontsize=TITLE_SIZE, loc="left")
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=LABEL_SIZE, color=NEUTRAL)
    return figure


def note_below(axes: Axes, text: str) -> None:
    """A grey note under the x-axis label; anchored to the label so layouts never overlap it."""
    axes.annotate(
        wrap(text, 110),
        xy=(0.0, 0.0),
        xycoords=("axes fraction", axes.xaxis.label),
        xytext=(0, -8),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=NOTE_SIZE,
        color=NEUTRAL,
    )


def cell_grid(axes: Axes, rows: int, columns: int) -> None:
    """White rules between heatmap cells, so neighbouring cells of one shade stay countable."""
    axes.set_xticks(np.arange(-0.5, columns), minor=True)
    axes.set_yticks(np.arange(-0.5, rows), minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)


def ink_on(rgba: tuple[float, float, float, float]) -> str:
    """Black or white, whichever reads better on a cell of this colour."""
    red, green, blue = rgba[:3]
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.5 else "#FFFFFF"
