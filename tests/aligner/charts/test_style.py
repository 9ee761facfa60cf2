"""The palette is safe for colour-blind readers and survives a greyscale print."""

from __future__ import annotations

import itertools
import subprocess
import sys

from matplotlib.colors import to_rgb

from aligner.charts.style import PALETTE, series_style


def grey(color: str) -> float:
    red, green, blue = to_rgb(color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_series_that_print_as_the_same_grey_differ_by_hatch_or_marker() -> None:
    styles = [series_style(i) for i in range(16)]
    for a, b in itertools.combinations(styles, 2):
        if abs(grey(a.color) - grey(b.color)) < 0.12:
            assert a.hatch != b.hatch, (a, b)
    assert len({(s.color, s.hatch) for s in styles}) == len(styles)
    assert len({(s.marker, s.linestyle) for s in styles[:8]}) == 8


def test_palette_is_okabe_ito() -> None:
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert okabe_ito <= set(PALETTE)


def test_building_every_chart_needs_neither_pyplot_nor_qt() -> None:
    code = (
        "import sys\n"
        "from tests.aligner.charts.conftest import blocked_tool\n"
        "from aligner.charts import png, ranking, weights\n"
        "e = blocked_tool(); d = e.data\n"
        "png.figure_to_png(ranking.ranking_chart(e), dpi=20)\n"
        "png.figure_to_png(weights.weights_chart(d.challenge_names, d.outcome_names,"
        " d.outcome_challenge, e.weights), dpi=20)\n"
        "banned = ('matplotlib.pyplot', 'PySide6', 'shiboken')\n"
        "print([m for m in sys.modules if m.startswith(banned)])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
