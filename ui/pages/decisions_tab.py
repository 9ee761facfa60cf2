"""The Governance page's decisions: the record, the ranking each one saw, and new decisions.

A decision is final (R4.5): the form says so and asks before recording, and Edit > Undo never
offers it. A mistake is corrected by an amendment, a new decision that names the one it amends.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.enums import DecisionKind
from aligner.domain.governance import Decision
from aligner.services import governance
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.widgets.form_helpers import refill
from ui.widgets.tables import PlainTable

if TYPE_CHECKING:
    from ui.pages.base import Page


def date_edit(name: str, day: QDate | None = None) -> QDateEdit:
    edit = QDateEdit(day or QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class DecisionsTab(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.decision_list: list[Decision] = []
        #: The decision the form will amend, or None for a new decision.
        self.amending: Decision | None = None
        self.model = PlainTableModel(
            [
                self.tr("Date"),
                self.tr("Tool"),
                self.tr("Decision"),
                self.tr("Accountable owner"),
                self.tr("Next review"),
            ]
        )
        self.table = PlainTable(self.model, self.tr("Decisions"))
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Decision and the ranking it saw"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(self._form(), 0)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.table.selectionModel().currentChanged.connect(self._on_decision)

    def kind_words(self) -> dict[str, str]:
        return {
            DecisionKind.PILOT.value: self.tr("Pilot"),
            DecisionKind.ADOPT.value: self.tr("Adopt"),
            DecisionKind.RENEW.value: self.tr("Renew"),
            DecisionKind.REJECT.value: self.tr("Reject"),
            DecisionKind.DISCONTINUE.value: self.tr("Discontinue"),
        }

    def _form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Record a decision (final: it cannot be undone)"))
        form = QFormLayout(box)
        self.tool = QComboBox()
        self.kind = QComboBox()
        for kind, text in self.kind_words().items():
            self.kind.addItem(text, kind)
        self.decided_on = date_edit(self.tr("Decision date"))
        self.owner = QLineEdit()
        self.decided_by = QLineEdit()
        self.rationale = QLineEdit()
        self.conditions = QLineEdit()
        self.review_on = date_edit(self.tr("Next review"), QDate.currentDate().addMonths(6))
        self.pilot_ends_on = date_edit(self.tr("Pilot ends"), QDate.currentDate().addMonths(4))
        self.amends_label = QLabel()
        self.amends_label.setObjectName("amends_label")
        self.amends_label.setWordWrap(True)
        self.cancel_amend_button = QPushButton(self.tr("Not an amendment"))
        self.cancel_amend_button.setToolTip(self.tr("Record a new decision instead"))
        amends = QHBoxLayout()
        amends.addWidget(self.amends_label, 1)
        amends.addWidget(self.cancel_amend_button)
        self.record_button = QPushButton(self.tr("Record decision…"))
        self.record_button.setToolTip(
            self.tr(
                "Stores the decision with the ranking as it stands now. Decisions are final: "
                "correct one by amending it."
            )
        )
        self.amend_button = QPushButton(self.tr("Amend selected decision"))
        self.amend_button.setToolTip(
            self.tr("Fill the form from the selected decision, to record a correction of it")
        )
        for label, widget in (
            (self.tr("Tool"), self.tool),
            (self.tr("Decision"), self.kind),
            (self.tr("Date"), self.decided_on),
            (self.tr("Accountable owner"), self.owner),
            (self.tr("Decided by"), self.decided_by),
            (self.tr("Rationale"), self.rationale),
            (self.tr("Conditions"), self.conditions),
            (self.tr("Next review"), self.review_on),
            (self.tr("Pilot ends"), self.pilot_ends_on),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(amends)
        buttons = QHBoxLayout()
        buttons.addWidget(self.amend_button)
        buttons.addWidget(self.record_button, 1)
        form.addRow(buttons)
        self.record_button.clicked.connect(self.record)
        self.amend_button.clicked.connect(self.amend_selected)
        self.cancel_amend_button.clicked.connect(lambda: self.set_amending(None))
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.set_amending(None)
        self._on_kind()
        return box

    def _on_kind(self) -> None:
        self.pilot_ends_on.setEnabled(self.kind.currentData() == DecisionKind.PILOT.value)

    def set_amending(self, decision: Decision | None) -> None:
        self.amending = decision
        self.tool.setEnabled(decision is None)
        self.cancel_amend_button.setVisible(decision is not None)
        if decision is None:
            self.amends_label.setText(self.tr("A new decision."))
            return
        self.amends_label.setText(
            self.tr("Amends the {kind} decision of {day} (#{id}).").format(
                kind=self.kind_words()[decision.kind.value].lower(),
                day=decision.decided_on,
                id=decision.id,
            )
        )

    def amend_selected(self) -> None:
        decision = self.table.current_payload()
        if not isinstance(decision, Decision):
            return
        self.tool.setCurrentIndex(self.tool.findData(decision.tool_id))
        self.kind.setCurrentIndex(self.kind.findData(decision.kind.value))
        self.owner.setText(decision.owner)
        self.decided_by.setText(decision.decided_by)
        self.rationale.setText(decision.rationale)
        self.conditions.setText(decision.conditions)
        if decision.review_on:
            self.review_on.setDate(QDate.fromString(decision.review_on, "yyyy-MM-dd"))
        self.set_amending(decision)
        self.owner.setFocus()

    def record(self) -> None:
        tool_id = self.tool.currentData()
        if tool_id is None:
            return
        kind = str(self.kind.currentData())
        prompts = getattr(self.window(), "prompts", None)
        text = self.tr(
            "Record the decision to {kind} {tool}? A decision is final: it cannot be undone, "
            "and Edit > Undo will not reach back past it. To correct it later, amend it with "
            "a new decision; both stay on record."
        ).format(kind=self.kind_words()[kind].lower(), tool=self.tool.currentText())
        if prompts is None or not prompts.confirm(
            self.tr("Record a final decision"), text, self.tr("Record decision")
        ):
            return
        pilot = kind == DecisionKind.PILOT.value
        applied = self.page.push(
            governance.RecordDecision(
                tool_id=int(tool_id),
                kind=kind,
                decided_on=self.decided_on.date().toString("yyyy-MM-dd"),
                owner=self.owner.text(),
                decided_by=self.decided_by.text(),
                rationale=self.rationale.text(),
                conditions=self.conditions.text(),
                review_on=self.review_on.date().toString("yyyy-MM-dd"),
                amends_id=self.amending.id if self.amending else None,
                pilot_ends_on=self.pilot_ends_on.date().toString("yyyy-MM-dd") if pilot else None,
            ),
            self.tr("Record decision"),
        )
        if applied is not None:
            self.set_amending(None)

    def reload(self) -> None:
        project = self.page.session.project
        names: dict[int, str] = {t.id: t.name for t in project.tools()}
        refill(self.tool, names)
        self.decision_list = governance.decisions(project)
        amended = {d.amends_id for d in self.decision_list if d.amends_id is not None}
        kinds = self.kind_words()
        rows = []
        for d in reversed(self.decision_list):
            kind = kinds[d.kind.value]
            if d.id in amended:
                kind = self.tr("{kind} (amended)").format(kind=kind)
            elif d.amends_id is not None:
                kind = self.tr("{kind} (amendment)").format(kind=kind)
            cells = (
                Cell(d.decided_on, (d.decided_on, d.id)),
                Cell(names.get(d.tool_id, "?")),
                Cell(kind),
                Cell(d.owner),
                Cell(d.review_on or "—"),
            )
            rows.append(Row(cells, d))
        self.model.set_rows(rows)
        if self.amending is not None and self.amending.id in amended:
            self.set_amending(None)

    def _on_decision(self, current: QModelIndex, previous: QModelIndex) -> None:
        decision = self.table.current_payload()
        if isinstance(decision, Decision):
            self.detail.setHtml(self.decision_html(decision))

    def decision_html(self, d: Decision) -> str:
        """The decision and, beneath it, the ranking exactly as the committee saw it."""
        e = html.escape
        by_id = {x.id: x for x in self.decision_list}
        links = ""
        if d.amends_id is not None and d.amends_id in by_id:
            earlier = by_id[d.amends_id]
            links += e(self.tr("Amends the decision of {day} (#{id}).")).format(
                day=e(earlier.decided_on), id=earlier.id
            )
        later = next((x for x in self.decision_list if x.amends_id == d.id), None)
        if later is not None:
            links += " " + e(self.tr("Amended by the decision of {day} (#{id}).")).format(
                day=e(later.decided_on), id=later.id
            )
        rows = "".join(
            f"<tr><td>{t.get('rank') or '—'}</td><td>{e(str(t['name']))}</td>"
            f"<td align='right'>{_score(t.get('score'))}</td><td>{e(str(t['status']))}</td></tr>"
            for t in _tools_of(d.snapshot)
        )
        taken = e(str(d.snapshot.get("taken_at", "")))
        return (
            f"<h3>{e(self.kind_words()[d.kind.value])} — {e(d.decided_on)} (#{d.id})</h3>"
            + (f"<p><i>{links.strip()}</i></p>" if links else "")
            + f"<p><b>{e(self.tr('Accountable owner'))}:</b> {e(d.owner)}<br>"
            f"<b>{e(self.tr('Decided by'))}:</b> {e(d.decided_by)}<br>"
            f"<b>{e(self.tr('Rationale'))}:</b> {e(d.rationale)}<br>"
            f"<b>{e(self.tr('Conditions'))}:</b> {e(d.conditions)}<br>"
            f"<b>{e(self.tr('Next review'))}:</b> {e(d.review_on or '—')}</p>"
            f"<h4>{e(self.tr('Ranking the committee saw'))} ({taken})</h4>"
            f"<table cellspacing='4'><tr><th>#</th><th>{e(self.tr('Tool'))}</th>"
            f"<th>{e(self.tr('Score'))}</th><th>{e(self.tr('Status'))}</th></tr>{rows}</table>"
        )


def _tools_of(snapshot: dict[str, object]) -> list[dict[str, Any]]:
    tools = snapshot.get("tools", [])
    return [t for t in tools if isinstance(t, dict)] if isinstance(tools, list) else []


def _score(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, int | float) else "—"
