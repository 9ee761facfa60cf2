"""Screenshots of the results screens at projector sizes, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen python -m tests.ui.shoot_results OUT_DIR
(or under xvfb-run without the variable). Writes rankings, each chart tab, the scenario
comparison and meeting mode at 1366x768 and 1024x768 into OUT_DIR.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

SIZES = ((1366, 768), (1024, 768))
SETTLE_MS = 400


def _grab(widget: QWidget, path: Path) -> None:
    QTest.qWait(SETTLE_MS)
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def shoot(out: Path) -> None:
    from aligner.services.project import Project
    from aligner.services.sample import write_sample
    from aligner.services.scenarios import list_scenarios
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.meeting import open_meeting
    from ui.pages.rankings import RankingsPage
    from ui.session import Session
    from ui.settings import AppSettings

    make_application()
    folder = Path(tempfile.mkdtemp())
    os.environ["ALIGNER_DATA_DIR"] = str(folder / "data")
    sample = folder / "sample.aligner"
    write_sample(sample)
    project = Project.open(sample)
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Session(project), settings)
    window.show()
    page = window.show_page("rankings")
    assert isinstance(page, RankingsPage)
    for width, height in SIZES:
        window.resize(width, height)
        size = f"{width}x{height}"
        for tab in range(page.charts.count()):
            page.charts.setCurrentIndex(tab)
            key = list(page.charts.hosts)[tab]
            _grab(window, out / f"rankings-{key}-{size}.png")
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
        _grab(dialog, out / f"compare-{size}.png")
        dialog.close()
        meeting = open_meeting(window, full_screen=False)
        meeting.resize(width, height)
        for _ in range(3):
            QTest.keyClick(meeting, " ")
        _grab(meeting, out / f"meeting-partial-{size}.png")
        for _ in range(20):
            QTest.keyClick(meeting, " ")
        _grab(meeting, out / f"meeting-{size}.png")
        meeting.close()
    window.close()
    project.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shoot(target)
