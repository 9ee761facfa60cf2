"""Screenshots of the Privacy, Governance and Audit pages, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen python -m tests.ui.shoot_governance OUT_DIR
(or under xvfb-run without the variable). Writes each page (and each Governance tab, then its
forms in use) at 1366x768 into OUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QScrollArea

from tests.ui.shots import grab, sample_window

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.pages.governance import GovernancePage

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
    _shoot_forms(window, governance, out)
    audit = window.show_page("audit")
    assert isinstance(audit, AuditPage)
    audit.verify()
    audit.table.selectRow(0)
    grab(window, out / "audit.png", settle_ms=SETTLE_MS)
    window.close()
    project.close()


def _shoot_forms(window: MainWindow, governance: GovernancePage, out: Path) -> None:
    """The governance forms in use: an amendment prepared, a measurement just recorded, a
    system and a connection selected, and Preferences with the user's name."""
    from ui.preferences import PreferencesDialog

    window.settings.display_name = "Priya Natarajan"  # as if confirmed at the first edit
    tools = {t.name: t.id for t in window.session.project.tools()}
    governance.tabs.setCurrentIndex(1)
    decisions = governance.decisions
    decisions.table.selectRow(decisions.table.texts(1).index("Beacon Early Warning"))
    decisions.amend_selected()
    decisions.rationale.setText("Review moved: the January bias results come first")
    decisions.review_on.setDate(QDate(2027, 2, 15))
    grab(window, out / "governance-1-amend.png", settle_ms=SETTLE_MS)
    governance.tabs.setCurrentIndex(2)
    monitoring = governance.monitoring
    monitoring.tool.setCurrentIndex(monitoring.tool.findData(tools["LexiPath Tutor"]))
    monitoring.outcome.setCurrentIndex(
        monitoring.outcome.findText("Grade 3 reading proficiency (%)")
    )
    monitoring.measured_on.setDate(QDate(2026, 11, 20))
    monitoring.value.setText("52")
    monitoring.source.setText("Winter benchmark")
    monitoring.record()
    window.files.save()  # a throw-away copy: saved so closing asks nothing
    grab(window, out / "governance-2-measured.png", settle_ms=SETTLE_MS)
    governance.tabs.setCurrentIndex(3)
    systems = governance.systems
    systems.views.setCurrentIndex(0)
    systems.systems_table.selectRow(
        systems.systems_table.texts(0).index("Student information system")
    )
    systems.links_table.selectRow(systems.links_table.texts(0).index("Beacon Early Warning"))
    grab(window, out / "governance-3-selected.png", settle_ms=SETTLE_MS)
    dialog = PreferencesDialog(window.settings, window, window.session)
    dialog.show()
    grab(dialog, out / "preferences.png", settle_ms=SETTLE_MS)
    dialog.reject()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shoot(target)
