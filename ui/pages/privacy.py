"""Privacy: the tools x checklist matrix, an item's guidance and sources, answers, the gate.

Every answer shows a colour and a symbol (✓ yes, ✗ no, ? unknown, ∅ n/a), so it reads the
same in greyscale and to every eye. Edits go through undoable commands only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
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

from aligner.domain.enums import Answer
from aligner.domain.governance import PrivacyAnswer, PrivacyItem, PrivacySummary
from aligner.services import edits, privacy
from aligner.services.changes import Changes
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.tables import PlainTable

#: Light Okabe-Ito tints (black text stays readable) plus a symbol per answer.
ANSWER_LOOK = {
    Answer.YES: ("✓", "#BFE5D9"),
    Answer.NO: ("✗", "#F5C8A8"),
    Answer.UNKNOWN: ("?", "#F9E3A8"),
    Answer.NOT_APPLICABLE: ("∅", "#E4E4E4"),
}
FILTERS = ("all", "blockers", "unknowns", "blockers_unknowns")


class PrivacyPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.items: list[PrivacyItem] = []
        self.tool_ids: list[int] = []
        self.answers: dict[tuple[int, str], PrivacyAnswer] = {}
        self.summaries: dict[int, PrivacySummary] = {}
        self.words = {
            Answer.YES: self.tr("yes"),
            Answer.NO: self.tr("no"),
            Answer.UNKNOWN: self.tr("unknown"),
            Answer.NOT_APPLICABLE: self.tr("n/a"),
        }
        self.version_label = QLabel()
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show items"))
        for text in (
            self.tr("All items"),
            self.tr("Blockers only"),
            self.tr("Items with unknown answers"),
            self.tr("Blockers and unknowns"),
        ):
            self.filter.addItem(text)
        self.unknown_blocks = QCheckBox(self.tr("Unknown answers block a tool"))
        self.unknown_blocks.setToolTip(
            self.tr("When on, a must-pass item answered 'unknown' blocks like a 'no'")
        )
        top = QHBoxLayout()
        top.addWidget(self.version_label, 1)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.filter)
        top.addWidget(self.unknown_blocks)

        self.model = PlainTableModel([])
        self.matrix = PlainTable(self.model, self.tr("Privacy matrix"))
        self.matrix.setSelectionBehavior(PlainTable.SelectionBehavior.SelectItems)
        self.matrix.horizontalHeader().setStretchLastSection(False)
        # Tool names down the side stay in view while the items scroll across.
        self.matrix.verticalHeader().show()
        self.matrix.setSortingEnabled(False)

        splitter = QSplitter()
        splitter.addWidget(self.matrix)
        splitter.addWidget(self._detail_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.unknown_blocks.toggled.connect(self._set_unknown_blocks)
        self.blocker_box.toggled.connect(self._set_blocker)
        self.matrix.selectionModel().currentChanged.connect(self._on_cell)
        self.save_answer_button.clicked.connect(self.save_answer)
        self.override_button.clicked.connect(self._ask_override)

    def _detail_pane(self) -> QWidget:
        self.item_view = QTextBrowser()
        self.item_view.setAccessibleName(self.tr("Checklist item"))
        self.item_view.setOpenExternalLinks(False)
        self.blocker_box = QCheckBox(self.tr("Must pass (blocks approval when answered no)"))
        self.summary = QLabel()
        self.summary.setObjectName("privacy_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName(self.tr("Tool privacy summary"))
        self.override_button = QPushButton(self.tr("Override the gate…"))
        self.override_button.setToolTip(
            self.tr("Let a blocked tool be ranked; needs a named person and a reason")
        )
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        item_box = QGroupBox(self.tr("Checklist item"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_view)
        item_layout.addWidget(self.blocker_box)
        detail_layout.addWidget(item_box, 3)
        detail_layout.addWidget(self._answer_form(), 0)
        tool_box = QGroupBox(self.tr("Tool summary"))
        tool_layout = QVBoxLayout(tool_box)
        tool_layout.addWidget(self.summary)
        tool_layout.addWidget(self.override_button)
        detail_layout.addWidget(tool_box, 1)
        return detail

    def _answer_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Answer"))
        form = QFormLayout(box)
        self.answer_choice = QComboBox()
        for answer in Answer:
            symbol, _ = ANSWER_LOOK[answer]
            self.answer_choice.addItem(f"{symbol} {self.words[answer]}", answer.value)
        self.evidence = QLineEdit()
        self.document = QLineEdit()
        self.section = QLineEdit()
        self.checked_on = QDateEdit()
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.reviewer = QLineEdit()
        self.save_answer_button = QPushButton(self.tr("Save answer"))
        form.addRow(self.tr("Answer"), self.answer_choice)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Document"), self.document)
        form.addRow(self.tr("Section"), self.section)
        form.addRow(self.tr("Date checked"), self.checked_on)
        form.addRow(self.tr("Reviewer"), self.reviewer)
        form.addRow(self.save_answer_button)
        for widget, name in (
            (self.answer_choice, self.tr("Answer")),
            (self.evidence, self.tr("Evidence")),
            (self.document, self.tr("Evidence document")),
            (self.section, self.tr("Evidence section")),
            (self.checked_on, self.tr("Date checked")),
            (self.reviewer, self.tr("Reviewer")),
        ):
            widget.setAccessibleName(name)
        return box

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        tool_id, item = self.selected() if self.items else (None, None)
        project = self.session.project
        self.items = privacy.items(project)
        tools = project.tools()
        self.tool_ids = [t.id for t in tools]
        self.answers = privacy.answers(project)
        self.summaries = {s.tool_id: s for s in privacy.summaries(project)}
        version = privacy.installed_version(project) or self.tr("none installed")
        self.version_label.setText(
            self.tr("Checklist version {version}: {count} items, {blockers} must pass").format(
                version=version,
                count=len(self.items),
                blockers=sum(i.blocker for i in self.items),
            )
        )
        self.unknown_blocks.blockSignals(True)
        self.unknown_blocks.setChecked(project.district().unknown_blocks)
        self.unknown_blocks.blockSignals(False)
        headers = [("★" if i.blocker else "") + i.key for i in self.items]
        tips = [f"{i.title}: {i.question}" for i in self.items]
        self.model.set_headers(headers, tips)
        self.model.set_rows(
            [self._row(tool.id) for tool in tools],
            [self._row_name(tool.id, tool.name) for tool in tools],
        )
        self._apply_filter()
        keys = [i.key for i in self.items]
        if tool_id in self.tool_ids and item is not None and item.key in keys:
            self.select(tool_id, item.key)  # an edit keeps the committee's place
        self._show_detail()

    def _row_name(self, tool_id: int, name: str) -> str:
        summary = self.summaries.get(tool_id)
        return f"⊘ {name}" if summary is not None and summary.blocked else name

    def _row(self, tool_id: int) -> Row:
        cells = []
        for item in self.items:
            found = self.answers.get((tool_id, item.key))
            answer = found.answer if found else Answer.UNKNOWN
            symbol, colour = ANSWER_LOOK[answer]
            tip = f"{item.key} {item.title}: {self.words[answer]}"
            if found and found.evidence:
                tip += f"\n{found.evidence}"
            cells.append(Cell(f"{symbol} {self.words[answer]}", answer.value, colour, tip))
        return Row(tuple(cells), tool_id)

    def refresh(self, changes: Changes) -> None:
        if changes.governance or changes.tools or changes.district:
            self.reload()

    # --- filter and selection --------------------------------------------------------------

    def _apply_filter(self) -> None:
        mode = FILTERS[max(self.filter.currentIndex(), 0)]
        for column, item in enumerate(self.items):
            unknown = any(
                (self.answers.get((t, item.key)) is None)
                or self.answers[(t, item.key)].answer is Answer.UNKNOWN
                for t in self.tool_ids
            )
            visible = {
                "all": True,
                "blockers": item.blocker,
                "unknowns": unknown,
                "blockers_unknowns": item.blocker or unknown,
            }[mode]
            self.matrix.setColumnHidden(column, not visible)

    def selected(self) -> tuple[int | None, PrivacyItem | None]:
        index = self.matrix.currentIndex()
        if not index.isValid():
            return None, None
        source = self.matrix.proxy.mapToSource(index)
        tool_id = self.model.row(source.row()).payload
        column = source.column()
        return tool_id, self.items[column]

    def select(self, tool_id: int, item_key: str) -> None:
        row = self.tool_ids.index(tool_id)
        column = [i.key for i in self.items].index(item_key)
        source = self.model.index(row, column)
        self.matrix.setCurrentIndex(self.matrix.proxy.mapFromSource(source))

    def _on_cell(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        tool_id, item = self.selected()
        self.blocker_box.setEnabled(item is not None)
        self.save_answer_button.setEnabled(tool_id is not None and item is not None)
        self.blocker_box.blockSignals(True)
        self.blocker_box.setChecked(bool(item and item.blocker))
        self.blocker_box.blockSignals(False)
        self.item_view.setHtml(self._item_html(item) if item else self.tr("Choose a cell."))
        found = self.answers.get((tool_id, item.key)) if tool_id and item else None
        self.answer_choice.setCurrentIndex(
            self.answer_choice.findData((found.answer if found else Answer.UNKNOWN).value)
        )
        self.evidence.setText(found.evidence if found else "")
        self.document.setText(found.evidence_document if found else "")
        self.section.setText(found.evidence_section if found else "")
        day = QDate.fromString(found.checked_on or "", "yyyy-MM-dd") if found else QDate()
        self.checked_on.setDate(day if day.isValid() else QDate.currentDate())
        self.reviewer.setText(found.reviewer if found else "")
        self._show_summary(tool_id)

    def _item_html(self, item: PrivacyItem) -> str:
        e = html.escape
        applies = {
            "always": self.tr("every tool"),
            "users_under_13": self.tr("tools used by students under 13"),
            "high_stakes_use": self.tr("tools used for high-stakes decisions"),
        }.get(item.applies_when, item.applies_when)
        sources = "".join(f"<li>{e(s)}</li>" for s in item.sources)
        return (
            f"<h3>{e(item.key)} {e(item.title)}</h3><p><b>{e(item.question)}</b></p>"
            f"<p>{e(item.guidance)}</p>"
            f"<p>{e(self.tr('Applies to'))}: {e(applies)}</p>"
            f"<p>{e(self.tr('Sources'))}:</p><ul>{sources}</ul>"
            f"<p><small>{e(self.tr('Checklist version'))} {e(item.checklist_version)}</small></p>"
        )

    def _show_summary(self, tool_id: int | None) -> None:
        summary = self.summaries.get(tool_id) if tool_id else None
        self.override_button.setEnabled(summary is not None and summary.blocked)
        if summary is None:
            self.summary.setText(self.tr("Choose a tool."))
            return
        e = html.escape
        failed = ", ".join(summary.blockers_failed) or self.tr("none")
        lines = [
            f"<b>{e(summary.tool_name)}</b>",
            e(self.tr("Must-pass items failed: {items}").format(items=failed)),
            e(
                self.tr("Unknown answers: {n} of {total}").format(
                    n=summary.unknowns, total=summary.items
                )
            ),
            e(self.tr("Agreement: {status}").format(status=summary.agreement_status)),
        ]
        if summary.blocked:
            lines.append("<b>⊘ " + e(self.tr("Blocked: listed apart in the ranking")) + "</b>")
        if summary.override:
            lines.append(
                e(
                    self.tr("Gate overridden by {person} on {day}: {reason}").format(
                        person=summary.override.person,
                        day=summary.override.granted_on,
                        reason=summary.override.reason,
                    )
                )
            )
        self.summary.setText("<br>".join(lines))

    # --- editing ---------------------------------------------------------------------------

    def save_answer(self) -> None:
        tool_id, item = self.selected()
        if tool_id is None or item is None:
            return
        self.push(
            privacy.SetAnswer(
                tool_id,
                item.key,
                str(self.answer_choice.currentData()),
                evidence=self.evidence.text(),
                evidence_document=self.document.text(),
                evidence_section=self.section.text(),
                checked_on=self.checked_on.date().toString("yyyy-MM-dd"),
                reviewer=self.reviewer.text(),
            ),
            self.tr("Answer {key}").format(key=item.key),
        )

    def _set_blocker(self, on: bool) -> None:
        _, item = self.selected()
        if item is not None:
            self.push(privacy.set_blocker(item.key, on))

    def _set_unknown_blocks(self, on: bool) -> None:
        self.push(edits.update_district(unknown_blocks=on), self.tr("Unknown answers block"))

    def override(self, tool_id: int, person: str, reason: str) -> None:
        self.push(privacy.override_gate(tool_id, person, reason), self.tr("Override the gate"))

    def _ask_override(self) -> None:
        tool_id, _ = self.selected()
        window = self.window()
        prompts = getattr(window, "prompts", None)
        if tool_id is None or prompts is None:
            return
        person = prompts.text(self.tr("Override the gate"), self.tr("Who decides?"))
        if not person:
            return
        reason = prompts.text(self.tr("Override the gate"), self.tr("Why? (kept in the log)"))
        if reason is not None:
            self.override(tool_id, person, reason)
