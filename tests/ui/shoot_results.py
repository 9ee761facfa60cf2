"""Screenshots of the results screens at projector sizes, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen python -m tests.ui.shoot_results OUT_DIR
(or under xvfb-run without the variable). Writes rankings, each chart tab, the scenario
comparison and meeting mode at 1366x768 and 1024x768 into OUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest

from tests.ui.shots import grab, sample_window

SIZES = ((1366, 768), (1024, 768))
SETTLE_MS = 400


def shoot(out: Path) -> None:
    from aligner.services.scenarios import list_scenarios
    from ui.meeting import open_meeting
    from ui.pages.rankings import RankingsPage

    window = sample_window()
    project = window.session.project
    page = window.show_page("rankings")
    assert isinstance(page, RankingsPage)
    for width, height in SIZES:
        window.resize(width, height)
        size = f"{width}x{height}"
        for tab in range(page.charts.count()):
            page.charts.setCurrentIndex(tab)
            key = list(page.charts.hosts)[tab]
            grab(window, out / f"rankings-{key}-{size}.png", settle_ms=SETTLE_MS)
        page.charts.setCurrentIndex(0)
        if not list_scenarios(project):
            equity = page.what_if.challenge_weights.copy() if page.what_if else None
            assert equity is not None
            page.scenarios.save("current")
            equity[3] *= 4
            page.set_weights(equity, page.what_if.outcome_weights if page.what_if else equity)
            page.scenarios.save("equity focus")
            page.reset_weights()
        page.scenarios.compare()
        dialog = page.scenarios.dialog
        dialog.resize(min(width, 900), min(height, 520))
        grab(dialog, out / f"compare-{size}.png", settle_ms=SETTLE_MS)
        dialog.close()
        meeting = open_meeting(window, full_screen=False)
        meeting.resize(width, height)
        for _ in range(3):
            QTest.keyClick(meeting, " ")
        grab(meeting, out / f"meeting-partial-{size}.png", settle_ms=SETTLE_MS)
        for _ in range(20):
            QTest.keyClick(meeting, " ")
        grab(meeting, out / f"meeting-{size}.png", settle_ms=SETTLE_MS)
        meeting.close()
    window.hide()  # not close(): the scenarios saved above would ask to save the project
    project.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shoot(target)
