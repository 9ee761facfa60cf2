"""Screenshots of the Privacy, Governance and Audit pages, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen python -m tests.ui.shoot_governance OUT_DIR
(or under xvfb-run without the variable). Writes each page (and each Governance tab) at
1366x768 into OUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QScrollArea

from tests.ui.shots import grab, sample_window

SETTLE_MS = 500


def shoot(out: Path) -> None:
    from ui.pages.audit import AuditPage
    from ui.pages.governance import GovernancePage
    from ui.pages.privacy import PrivacyPage

    window = sample_window()
    project = window.session.project
    window.resize(1366, 768)
    privacy = window.show_page("privacy")
    assert isinstance(privacy, PrivacyPage)
    chat = next(t.id for t in project.tools() if t.name == "FrontDesk Chat")
    privacy.select(chat, "P08")
    grab(window, out / "privacy.png", settle_ms=SETTLE_MS)
    privacy.filter.setCurrentIndex(3)
    grab(window, out / "privacy-blockers-unknowns.png", settle_ms=SETTLE_MS)
    privacy.filter.setCurrentIndex(0)
    math = next(t.id for t in project.tools() if t.name == "MathMentor AI")
    privacy.select(math, "P13")  # a COPPA item that does not apply to a high-school tool
    privacy.detail_tabs.setCurrentIndex(1)
    grab(window, out / "privacy-tool.png", settle_ms=SETTLE_MS)
    privacy.select(chat, "P05")  # its agreement predates the chatbot: does not cover AI
    area = privacy.detail_tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    grab(window, out / "privacy-agreement.png", settle_ms=SETTLE_MS)
    privacy.detail_tabs.setCurrentIndex(2)
    grab(window, out / "privacy-checklist.png", settle_ms=SETTLE_MS)
    privacy.detail_tabs.setCurrentIndex(0)
    governance = window.show_page("governance")
    assert isinstance(governance, GovernancePage)
    governance.as_of.setDate(QDate(2026, 12, 1))
    for tab in range(governance.tabs.count()):
        governance.tabs.setCurrentIndex(tab)
        if tab == 1:
            governance.decisions.table.selectRow(0)
        grab(window, out / f"governance-{tab}.png", settle_ms=SETTLE_MS)
        if tab == 3:
            governance.systems.views.setCurrentIndex(1)
            grab(window, out / "governance-3-flow.png", settle_ms=SETTLE_MS)
    audit = window.show_page("audit")
    assert isinstance(audit, AuditPage)
    audit.verify()
    audit.table.selectRow(0)
    grab(window, out / "audit.png", settle_ms=SETTLE_MS)
    window.close()
    project.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shoot(target)
