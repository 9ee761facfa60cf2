"""Governance: what is due, decisions with their frozen rankings, monitoring, data systems and
retirement. The due list is also announced in the status bar when a project opens.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.enums import DecisionKind
from aligner.domain.governance import Decision, DueItem, DueKind
from aligner.services import governance
from aligner.services.changes import Changes
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.pages.governance_tabs import MonitoringTab, RetirementTab, SystemsTab
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.tables import PlainTable


def _date_edit(name: str, day: QDate | None = None) -> QDateEdit:
    edit = QDateEdit(day or QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class GovernancePage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.due_items: list[DueItem] = []
        self.decision_list: list[Decision] = []
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Governance sections"))
        self.tabs.addTab(self._due_tab(), self.tr("Due"))
        self.tabs.addTab(self._decisions_tab(), self.tr("Decisions"))
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
        self.as_of = _date_edit(self.tr("Due as of"))
        self.due_summary = QLabel()
        self.due_summary.setObjectName("due_summary")
        self.due_model = PlainTableModel(
            [self.tr("Due"), self.tr("State"), self.tr("Tool"), self.tr("What"), self.tr("Detail")]
        )
        self.due_table = PlainTable(self.due_model, self.tr("Due list"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("As of")))
        top.addWidget(self.as_of)
        top.addWidget(self.due_summary, 1)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.due_table, 1)
        self.as_of.dateChanged.connect(self.show_due)
        return tab

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
        self.due_items = governance.due_list(self.session.project, on)
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

    # --- decisions -------------------------------------------------------------------------

    def _decisions_tab(self) -> QWidget:
        tab = QWidget()
        self.decision_model = PlainTableModel(
            [
                self.tr("Date"),
                self.tr("Tool"),
                self.tr("Decision"),
                self.tr("Accountable owner"),
                self.tr("Next review"),
            ]
        )
        self.decision_table = PlainTable(self.decision_model, self.tr("Decisions"))
        self.decision_detail = QTextBrowser()
        self.decision_detail.setAccessibleName(self.tr("Decision and the ranking it saw"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.decision_table, 2)
        left_layout.addWidget(self._decision_form(), 0)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.decision_detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        self.decision_table.selectionModel().currentChanged.connect(self._on_decision)
        return tab

    def _decision_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Record a decision"))
        form = QFormLayout(box)
        self.decision_tool = QComboBox()
        self.decision_kind = QComboBox()
        for kind, text in (
            (DecisionKind.PILOT, self.tr("Pilot")),
            (DecisionKind.ADOPT, self.tr("Adopt")),
            (DecisionKind.RENEW, self.tr("Renew")),
            (DecisionKind.REJECT, self.tr("Reject")),
            (DecisionKind.DISCONTINUE, self.tr("Discontinue")),
        ):
            self.decision_kind.addItem(text, kind.value)
        self.decided_on = _date_edit(self.tr("Decision date"))
        self.owner = QLineEdit()
        self.decided_by = QLineEdit()
        self.rationale = QLineEdit()
        self.conditions = QLineEdit()
        self.review_on = _date_edit(self.tr("Next review"), QDate.currentDate().addMonths(6))
        self.record_button = QPushButton(self.tr("Record decision"))
        self.record_button.setToolTip(
            self.tr("Stores the decision with the ranking as it stands now, for later reference")
        )
        for label, widget in (
            (self.tr("Tool"), self.decision_tool),
            (self.tr("Decision"), self.decision_kind),
            (self.tr("Date"), self.decided_on),
            (self.tr("Accountable owner"), self.owner),
            (self.tr("Decided by"), self.decided_by),
            (self.tr("Rationale"), self.rationale),
            (self.tr("Conditions"), self.conditions),
            (self.tr("Next review"), self.review_on),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.record_button)
        self.record_button.clicked.connect(self.record_decision)
        return box

    def record_decision(self) -> None:
        self.push(
            governance.RecordDecision(
                tool_id=int(self.decision_tool.currentData()),
                kind=str(self.decision_kind.currentData()),
                decided_on=self.decided_on.date().toString("yyyy-MM-dd"),
                owner=self.owner.text(),
                decided_by=self.decided_by.text(),
                rationale=self.rationale.text(),
                conditions=self.conditions.text(),
                review_on=self.review_on.date().toString("yyyy-MM-dd"),
            ),
            self.tr("Record decision"),
        )

    def show_decisions(self) -> None:
        project = self.session.project
        names: dict[int, str] = {t.id: t.name for t in project.tools()}
        current = self.decision_tool.currentData()
        self.decision_tool.clear()
        for tool_id, name in names.items():
            self.decision_tool.addItem(name, tool_id)
        self.decision_tool.setCurrentIndex(max(self.decision_tool.findData(current), 0))
        self.decision_list = governance.decisions(project)
        kinds = {
            self.decision_kind.itemData(i): self.decision_kind.itemText(i)
            for i in range(self.decision_kind.count())
        }
        self.decision_model.set_rows(
            [
                Row(
                    (
                        Cell(d.decided_on),
                        Cell(names.get(d.tool_id, "?")),
                        Cell(kinds[d.kind.value]),
                        Cell(d.owner),
                        Cell(d.review_on or "—"),
                    ),
                    d,
                )
                for d in reversed(self.decision_list)
            ]
        )

    def _on_decision(self, current: QModelIndex, previous: QModelIndex) -> None:
        decision = self.decision_table.current_payload()
        if isinstance(decision, Decision):
            self.decision_detail.setHtml(self.decision_html(decision))

    def decision_html(self, d: Decision) -> str:
        """The decision and, beneath it, the ranking exactly as the committee saw it."""
        e = html.escape
        rows = "".join(
            f"<tr><td>{t.get('rank') or '—'}</td><td>{e(str(t['name']))}</td>"
            f"<td align='right'>{_score(t.get('score'))}</td><td>{e(str(t['status']))}</td></tr>"
            for t in _tools_of(d.snapshot)
        )
        taken = e(str(d.snapshot.get("taken_at", "")))
        return (
            f"<h3>{e(d.kind.value.capitalize())} — {e(d.decided_on)}</h3>"
            f"<p><b>{e(self.tr('Accountable owner'))}:</b> {e(d.owner)}<br>"
            f"<b>{e(self.tr('Decided by'))}:</b> {e(d.decided_by)}<br>"
            f"<b>{e(self.tr('Rationale'))}:</b> {e(d.rationale)}<br>"
            f"<b>{e(self.tr('Conditions'))}:</b> {e(d.conditions)}<br>"
            f"<b>{e(self.tr('Next review'))}:</b> {e(d.review_on or '—')}</p>"
            f"<h4>{e(self.tr('Ranking the committee saw'))} ({taken})</h4>"
            f"<table cellspacing='4'><tr><th>#</th><th>{e(self.tr('Tool'))}</th>"
            f"<th>{e(self.tr('Score'))}</th><th>{e(self.tr('Status'))}</th></tr>{rows}</table>"
        )

    # --- page ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.show_due()
        self.show_decisions()
        self.monitoring.reload()
        self.systems.reload()
        self.retirement.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.ranking or changes.governance or changes.tools:
            self.reload()


def _tools_of(snapshot: dict[str, object]) -> list[dict[str, Any]]:
    tools = snapshot.get("tools", [])
    return [t for t in tools if isinstance(t, dict)] if isinstance(tools, list) else []


def _score(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, int | float) else "—"
