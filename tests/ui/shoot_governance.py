"""Screenshots of the Privacy, Governance and Audit pages, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen python -m tests.ui.shoot_governance OUT_DIR
(or under xvfb-run without the variable). Writes each page (and each Governance tab) at
1366x768 into OUT_DIR.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

SETTLE_MS = 500


def _grab(widget: QWidget, path: Path) -> None:
    QTest.qWait(SETTLE_MS)
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def shoot(out: Path) -> None:
    from aligner.services.project import Project
    from aligner.services.sample import write_sample
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.pages.audit import AuditPage
    from ui.pages.governance import GovernancePage
    from ui.pages.privacy import PrivacyPage
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
    window.resize(1366, 768)
    window.show()
    privacy = window.show_page("privacy")
    assert isinstance(privacy, PrivacyPage)
    chat = next(t.id for t in project.tools() if t.name == "FrontDesk Chat")
    privacy.select(chat, "P08")
    _grab(window, out / "privacy.png")
    privacy.filter.setCurrentIndex(3)
    _grab(window, out / "privacy-blockers-unknowns.png")
    governance = window.show_page("governance")
    assert isinstance(governance, GovernancePage)
    governance.as_of.setDate(QDate(2026, 12, 1))
    for tab in range(governance.tabs.count()):
        governance.tabs.setCurrentIndex(tab)
        if tab == 1:
            governance.decision_table.selectRow(0)
        _grab(window, out / f"governance-{tab}.png")
        if tab == 3:
            governance.systems.views.setCurrentIndex(1)
            _grab(window, out / "governance-3-flow.png")
    audit = window.show_page("audit")
    assert isinstance(audit, AuditPage)
    audit.verify()
    audit.table.selectRow(0)
    _grab(window, out / "audit.png")
    window.close()
    project.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shoot(target)
