"""Audit: every change in the tamper-evident log, with filters, the chain head and a check.

The head (event number and hash) is what a district records outside the file, e.g. in minutes:
a chain can only prove it was not rewritten relative to a head noted elsewhere.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.governance import AuditEvent
from aligner.services import audit_log
from aligner.services.changes import Changes
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.tables import PlainTable

#: Newest events first, and at most this many rows: the filters reach the rest.
MAX_ROWS = 2000


def _pretty(text: str) -> str:
    if not text:
        return "—"
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


class AuditPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.events: list[AuditEvent] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find in changes…"))
        self.search.setAccessibleName(self.tr("Find in changes"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Who"))
        self.actor.setAccessibleName(self.tr("Filter by who made the change"))
        self.entity = QComboBox()
        self.entity.setAccessibleName(self.tr("Filter by kind of record"))
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Filter by action"))
        filters = QHBoxLayout()
        for widget in (self.search, self.actor, self.entity, self.action):
            filters.addWidget(widget)

        self.head_label = QLabel()
        self.head_label.setObjectName("audit_head")
        self.head_label.setAccessibleName(self.tr("Chain head"))
        self.verify_button = QPushButton(self.tr("Verify the audit trail"))
        self.verify_label = QLabel()
        self.verify_label.setObjectName("audit_verified")
        self.verify_label.setWordWrap(True)
        check = QHBoxLayout()
        check.addWidget(self.head_label, 1)
        check.addWidget(self.verify_button)

        self.model = PlainTableModel(
            [
                self.tr("#"),
                self.tr("When (UTC)"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Record"),
                self.tr("Key"),
            ]
        )
        self.table = PlainTable(self.model, self.tr("Audit log"))
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Change details"))
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(check)
        layout.addWidget(self.verify_label)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.show_events)
        self.actor.textChanged.connect(self.show_events)
        self.entity.currentIndexChanged.connect(self.show_events)
        self.action.currentIndexChanged.connect(self.show_events)
        self.verify_button.clicked.connect(self.verify)
        self.table.selectionModel().currentChanged.connect(self._on_row)

    def reload(self) -> None:
        project = self.session.project
        self.events = audit_log.events(project)
        head_id, head_hash = audit_log.head(project)
        self.head_label.setText(
            self.tr("Chain head: event {id} · {hash}").format(id=head_id, hash=head_hash[:16])
        )
        self.head_label.setToolTip(head_hash)
        self._fill_choice(self.entity, self.tr("All records"), {e.entity for e in self.events})
        self._fill_choice(self.action, self.tr("All actions"), {e.action for e in self.events})
        self.show_events()

    def _fill_choice(self, box: QComboBox, everything: str, values: set[str]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for value in sorted(values):
            box.addItem(value.replace("_", " "), value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def refresh(self, changes: Changes) -> None:
        self.reload()  # every change appends to the log

    def current_filter(self) -> audit_log.AuditFilter:
        return audit_log.AuditFilter(
            text=self.search.text().strip(),
            actor=self.actor.text().strip(),
            entity=str(self.entity.currentData() or ""),
            action=str(self.action.currentData() or ""),
        )

    def show_events(self) -> None:
        where = self.current_filter()
        shown = [e for e in reversed(self.events) if where.matches(e)][:MAX_ROWS]
        self.model.set_rows(
            [
                Row(
                    (
                        Cell(str(e.id), e.id),
                        Cell(e.at.replace("T", " ").replace("+00:00", "")),
                        Cell(e.actor),
                        Cell(e.action),
                        Cell(e.entity.replace("_", " ")),
                        Cell(e.entity_key),
                    ),
                    e,
                )
                for e in shown
            ]
        )

    def _on_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        event = self.table.current_payload()
        if not isinstance(event, AuditEvent):
            self.detail.clear()
            return
        self.detail.setPlainText(
            self.tr(
                "Event {id} by {actor} at {at}\n\nBefore:\n{before}\n\nAfter:\n{after}\n\n"
                "Hash: {hash}"
            ).format(
                id=event.id,
                actor=event.actor,
                at=event.at,
                before=_pretty(event.before),
                after=_pretty(event.after),
                hash=event.hash,
            )
        )

    def verify(self) -> audit_log.ChainCheck:
        check = audit_log.verify(self.session.project)
        if check.intact:
            text = self.tr("✓ Audit trail verified ({n} events)").format(n=check.events)
        else:
            text = self.tr(
                "✗ Audit trail broken at event {id}: it was changed after it was written"
            ).format(id=check.broken_at)
        self.verify_label.setText(text)
        return check
