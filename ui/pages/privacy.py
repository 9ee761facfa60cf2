"""Privacy: the tools x checklist matrix, an item's guidance and sources, answers, the gate.

Every answer shows a colour and a symbol (✓ yes, ✗ no, ? unknown, ∅ n/a), so it reads the
same in greyscale and to every eye. Edits go through undoable commands only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QModelIndex
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
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aligner.compute.privacy_gate import applies, audience_of
from aligner.domain.enums import Answer
from aligner.domain.governance import PrivacyAnswer, PrivacyItem, PrivacySummary
from aligner.domain.model import Tool
from aligner.services import edits, privacy
from aligner.services.changes import Changes
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.pages.privacy_checklist import ChecklistPanel
from ui.pages.privacy_tool import ToolPrivacyPanel
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
#: A cell whose item does not apply to the tool (e.g. a COPPA item for a high-school tool).
DOES_NOT_APPLY = ("—", "#FFFFFF")
FILTERS = ("all", "blockers", "unknowns", "blockers_unknowns")


def _scrolled(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class PrivacyPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.items: list[PrivacyItem] = []
        self.tool_ids: list[int] = []
        self.tools: dict[int, Tool] = {}
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
        self.remove_item_button.clicked.connect(self.remove_item)
        self.override_button.clicked.connect(self._ask_override)

    def _detail_pane(self) -> QWidget:
        self.item_view = QTextBrowser()
        self.item_view.setAccessibleName(self.tr("Checklist item"))
        self.item_view.setOpenExternalLinks(False)
        self.blocker_box = QCheckBox(self.tr("Must pass (blocks approval when answered no)"))
        self.remove_item_button = QPushButton(self.tr("Remove this district item"))
        self.remove_item_button.setToolTip(
            self.tr("Only the district's own items can be removed; their answers go with them")
        )
        self.tool_panel = ToolPrivacyPanel(self)
        self.summary = self.tool_panel.summary
        self.override_button = self.tool_panel.override_button
        self.checklist_panel = ChecklistPanel(self)
        answer_tab = QWidget()
        answer_layout = QVBoxLayout(answer_tab)
        item_box = QGroupBox(self.tr("Checklist item"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_view)
        blocker_row = QHBoxLayout()
        blocker_row.addWidget(self.blocker_box, 1)
        blocker_row.addWidget(self.remove_item_button)
        item_layout.addLayout(blocker_row)
        answer_layout.addWidget(item_box, 1)
        answer_layout.addWidget(self._answer_form(), 0)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setAccessibleName(self.tr("Privacy details"))
        self.detail_tabs.addTab(answer_tab, self.tr("Item and answer"))
        tool_tab, checklist_tab = self.tr("Tool"), self.tr("Checklist")
        self.detail_tabs.addTab(_scrolled(self.tool_panel, tool_tab), tool_tab)
        self.detail_tabs.addTab(_scrolled(self.checklist_panel, checklist_tab), checklist_tab)
        return self.detail_tabs

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
        self.answer_version = QLabel()
        self.answer_version.setObjectName("answer_version")
        self.save_answer_button = QPushButton(self.tr("Save answer"))
        form.addRow(self.tr("Answer"), self.answer_choice)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Document"), self.document)
        form.addRow(self.tr("Section"), self.section)
        form.addRow(self.tr("Date checked"), self.checked_on)
        form.addRow(self.tr("Reviewer"), self.reviewer)
        form.addRow(self.answer_version)
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
        self.tools = {t.id: t for t in tools}
        self.answers = privacy.answers(project)
        self.summaries = {s.tool_id: s for s in privacy.summaries(project)}
        version = privacy.installed_version(project)
        if version is None:
            self.version_label.setText(
                self.tr("⚠ No privacy checklist installed: install it on the Checklist tab")
            )
            self.detail_tabs.setCurrentIndex(2)  # offered first, where the install button is
        else:
            self.version_label.setText(
                self.tr(
                    "Checklist version {version}: {count} items, {blockers} must pass; "
                    "— does not apply to the tool"
                ).format(
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
        self.model.set_table(
            headers,
            tips,
            [self._row(tool.id) for tool in tools],
            [self._row_name(tool.id, tool.name) for tool in tools],
        )
        self.checklist_panel.reload()
        self._apply_filter()
        keys = [i.key for i in self.items]
        if tool_id in self.tool_ids and item is not None and item.key in keys:
            self.select(tool_id, item.key)  # an edit keeps the committee's place
        self._show_detail()

    def _row_name(self, tool_id: int, name: str) -> str:
        summary = self.summaries.get(tool_id)
        return f"⊘ {name}" if summary is not None and summary.blocked else name

    def applies(self, tool_id: int, item: PrivacyItem) -> bool:
        return applies(item.applies_when, audience_of(self.tools[tool_id]))

    def _row(self, tool_id: int) -> Row:
        cells = []
        for item in self.items:
            found = self.answers.get((tool_id, item.key))
            answer = found.answer if found else Answer.UNKNOWN
            tip = f"{item.key} {item.title}: {self.words[answer]}"
            if found and found.evidence:
                tip += f"\n{found.evidence}"
            if not self.applies(tool_id, item):
                symbol, colour = DOES_NOT_APPLY
                tip += "\n" + self.tr("Does not apply to this tool, so it never blocks it")
                cells.append(Cell(symbol, "", colour, tip))
                continue
            symbol, colour = ANSWER_LOOK[answer]
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
                self.applies(t, item)
                and (
                    (self.answers.get((t, item.key)) is None)
                    or self.answers[(t, item.key)].answer is Answer.UNKNOWN
                )
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
        self.remove_item_button.setEnabled(bool(item and item.custom))
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
        self.answer_version.setText(
            self.tr("Answered to checklist version {v}").format(v=found.checklist_version)
            if found and found.checklist_version
            else self.tr("Not answered yet")
        )
        self.tool_panel.show_tool(
            self.tools.get(tool_id) if tool_id else None,
            self.summaries.get(tool_id) if tool_id else None,
        )

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

    def remove_item(self) -> None:
        _, item = self.selected()
        if item is not None and item.custom:
            text = self.tr("Remove item {key}").format(key=item.key)
            self.push(privacy.RemoveItem(item.key), text)

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
