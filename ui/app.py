"""Composition root: QApplication, the project to show, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main(file: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Aligner")
    window.setCentralWidget(QLabel(str(file) if file else "Aligner"))
    window.show()
    return int(app.exec()) if isinstance(app, QApplication) else 0
