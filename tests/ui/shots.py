"""What the screenshot scripts share: a window on a fresh copy of the sample, and a settled grab."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow


def grab(widget: QWidget, path: Path, *, settle_ms: int) -> None:
    """Let debounced redraws finish, then save what the widget shows."""
    QTest.qWait(settle_ms)
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def sample_window() -> MainWindow:
    """A shown main window on a throw-away copy of the sample district."""
    from aligner.services.project import Project
    from aligner.services.sample import write_sample
    from ui.app import make_application
    from ui.session import Session
    from ui.settings import AppSettings

    make_application()
    folder = Path(tempfile.mkdtemp())
    os.environ["ALIGNER_DATA_DIR"] = str(folder / "data")
    sample = folder / "sample.aligner"
    write_sample(sample)
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    settings.display_name = "Screenshot"  # the first edit would otherwise ask who is editing
    window = MainWindow(Session(Project.open(sample)), settings)
    window.show()
    return window
