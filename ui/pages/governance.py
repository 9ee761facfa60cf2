"""Governance: what is due, decisions with their frozen rankings, monitoring, data systems and
retirement. The due list is also announced in the status bar when a project opens.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.governance import DueItem, DueKind
from aligner.services import edits, governance
from aligner.services.changes import Changes
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.pages.decisions_tab import DecisionsTab, date_edit
from ui.pages.governance_tabs import RetirementTab
from ui.pages.monitoring_tab import MonitoringTab
from ui.pages.systems_tab import SystemsTab
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.tables import PlainTable


class GovernancePage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.due_items: list[DueItem] = []
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Governance sections"))
        self.tabs.addTab(self._due_tab(), self.tr("Due"))
        self.decisions = DecisionsTab(self)
        self.tabs.addTab(self.decisions, self.tr("Decisions"))
        self.monitoring = MonitoringTab(self)
        self.systems = SystemsTab(self)
        self.retirement = RetirementTab(self)
        self.tabs.addTab(self.monitoring, self.tr("Monitoring"))
        self.tabs.addTab(self.systems, self.tr("Data systems"))
        self.tabs.addTab(self.retirement, self.tr("Retirement"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # --- due -------------------------------------------------------------------------------

    def _due_tab(self) -> QWidget:
        tab = QWidget()
        self.as_of = date_edit(self.tr("Due as of"))
        self.due_summary = QLabel()
        self.due_summary.setObjectName("due_summary")
        self.due_model = PlainTableModel(
            [self.tr("Due"), self.tr("State"), self.tr("Tool"), self.tr("What"), self.tr("Detail")]
        )
        self.due_table = PlainTable(self.due_model, self.tr("Due list"))
        self.recheck_days = QSpinBox()
        self.recheck_days.setRange(1, 3650)
        self.recheck_days.setSuffix(self.tr(" days"))
        self.recheck_days.setAccessibleName(self.tr("Privacy policy re-check age"))
        self.recheck_days.setToolTip(
            self.tr("A tool in use whose privacy policy was last read longer ago is due a re-check")
        )
        self.recheck_days.setKeyboardTracking(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("As of")))
        top.addWidget(self.as_of)
        top.addWidget(self.due_summary, 1)
        recheck_label = QLabel(self.tr("Re-check privacy policies &older than"))
        recheck_label.setBuddy(self.recheck_days)
        top.addWidget(recheck_label)
        top.addWidget(self.recheck_days)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.due_table, 1)
        self.as_of.dateChanged.connect(self.show_due)
        self.recheck_days.valueChanged.connect(self._set_recheck_days)
        return tab

    def _set_recheck_days(self, days: int) -> None:
        if days != governance.policy_recheck_days(self.session.project):
            self.push(
                edits.update_district(policy_recheck_days=days),
                self.tr("Re-check privacy policies after {days} days").format(days=days),
            )

    def kind_words(self) -> dict[DueKind, str]:
        return {
            DueKind.DECISION_REVIEW: self.tr("Decision review"),
            DueKind.AGREEMENT_EXPIRY: self.tr("Agreement expires"),
            DueKind.POLICY_RECHECK: self.tr("Privacy policy re-check"),
            DueKind.PILOT_END: self.tr("Pilot ends"),
        }

    def show_due(self) -> None:
        qdate = self.as_of.date()
        on = date(qdate.year(), qdate.month(), qdate.day())
        project = self.session.project
        self.recheck_days.blockSignals(True)
        self.recheck_days.setValue(governance.policy_recheck_days(project))
        self.recheck_days.blockSignals(False)
        self.due_items = governance.due_list(project, on)
        words = self.kind_words()
        overdue = sum(item.overdue for item in self.due_items)
        self.due_summary.setText(
            self.tr("{overdue} overdue, {soon} due in the next 30 days").format(
                overdue=overdue, soon=len(self.due_items) - overdue
            )
        )
        self.due_model.set_rows(
            [
                Row(
                    (
                        Cell(item.due_on),
                        Cell(
                            "⚠ " + self.tr("overdue") if item.overdue else "○ " + self.tr("due"),
                            int(not item.overdue),
                            "#F5C8A8" if item.overdue else "#F9E3A8",
                        ),
                        Cell(item.tool_name),
                        Cell(words[item.kind]),
                        Cell(item.detail),
                    ),
                    item,
                )
                for item in self.due_items
            ]
        )

    # --- page ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.show_due()
        self.decisions.reload()
        self.monitoring.reload()
        self.systems.reload()
        self.retirement.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.ranking or changes.governance or changes.tools:
            self.reload()
