"""The shape shared by Challenges, Tools and Committee: a filtered table beside a detail form.

Add, Duplicate and Delete are undoable; Delete first names everything that goes with the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.errors import AlignerError
from aligner.services import edits
from aligner.services.changes import Changes
from ui.errors import show_error
from ui.labels import dependents_text, label
from ui.models.records import Field, RecordFilter, RecordsModel, record_name
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.record_form import FormField, RecordForm


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordListPage", text)


class RecordListPage(Page):
    """A table of records with search, an optional choice filter, a form and add/copy/delete."""

    entity = ""
    #: The singular noun the buttons and messages use, e.g. "challenge".
    noun = ""
    columns: tuple[Field, ...] = ()
    form_fields: tuple[FormField, ...] = ()
    #: (record field, enum, "All …" text) of the choice filter, or None.
    choice_filter: tuple[str, type[StrEnum], str] | None = None
    #: Which Changes flag means this page's records changed.
    changes_flag = ""

    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.model = RecordsModel(session, self.entity, self.columns, self._error, self)
        self.proxy = RecordFilter(self)
        self.proxy.setSourceModel(self.model)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self._build_top())
        left_layout.addWidget(self._build_table(), 1)
        left_layout.addLayout(self._build_buttons())

        self.form = RecordForm(self.form_fields)
        self.form.edited.connect(self._on_form_edit)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.form)
        extra = self.build_extra()
        if extra is not None:
            side_layout.addWidget(extra, 1)
        else:
            side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(tr("Details"))
        scroll.setToolTip(tr("The selected row in full"))
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.splitter = QSplitter()
        self.splitter.setObjectName(f"{self.entity}_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.splitter.restoreState(settings.splitter_state(self.entity))
        self.table.horizontalHeader().restoreState(settings.header_state(self.entity))

    def _build_top(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Words in any field (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search {noun}s").format(noun=self.noun))
        self.search.setToolTip(tr("Show only rows containing this text (Ctrl+F)"))
        self.search.textChanged.connect(self.proxy.set_text)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.search.setFocus)

        top = QHBoxLayout()
        search_label = QLabel(tr("Search:"))
        search_label.setBuddy(self.search)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        self.filter_combo: QComboBox | None = None
        if self.choice_filter is not None:
            field_name, enum, all_text = self.choice_filter
            combo = QComboBox()
            combo.addItem(tr(all_text), None)
            for member in enum:
                combo.addItem(label(member), member.value)
            combo.setAccessibleName(tr("Show {noun}s of").format(noun=self.noun))
            combo.setToolTip(tr("Show only one kind"))
            combo.currentIndexChanged.connect(
                lambda _i: self.proxy.set_choice(field_name, combo.currentData())
            )
            show_label = QLabel(tr("Sho&w:"))
            show_label.setBuddy(combo)
            top.addWidget(show_label)
            top.addWidget(combo)
            self.filter_combo = combo
        return top

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName(f"{self.entity}_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # Creation order until the user clicks a header.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorClearable(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(tr("{noun}s").format(noun=self.noun.capitalize()))
        self.table.setToolTip(tr("Select a row to see it in full; F2 edits a cell"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        self.add_button = self._button(tr("&Add {noun}"), tr("Add a new {noun}"), self.add)
        self.copy_button = self._button(
            tr("Dupl&icate"), tr("Add a copy of the selected {noun}"), self.duplicate
        )
        self.delete_button = self._button(
            tr("&Delete…"), tr("Delete the selected {noun} after confirming"), self.delete
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.copy_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def build_extra(self) -> QWidget | None:
        """Widgets under the form (e.g. the Committee page's conflicts); none by default."""
        return None

    def _button(self, text: str, tip: str, slot: Any) -> QPushButton:
        noun = tr(self.noun)
        button = QPushButton(text.format(noun=noun))
        button.setToolTip(tip.format(noun=noun))
        button.clicked.connect(slot)
        return button

    def _error(self, error: AlignerError) -> None:
        show_error(self, error)

    # --- reading -----------------------------------------------------------------------------

    def load(self) -> Sequence[Any]:
        raise NotImplementedError

    def reload(self) -> None:
        selected = self.current_record()
        self.model.set_records(self.load())
        if self.model.rowCount() and not self.table.horizontalHeader().sectionsMoved():
            self.table.resizeColumnsToContents()
        self.select(selected.id if selected is not None else None)

    def refresh(self, changes: Changes) -> None:
        if getattr(changes, self.changes_flag, True):
            self.reload()

    def save_state(self) -> None:
        self.settings.set_splitter_state(self.entity, self.splitter.saveState())
        self.settings.set_header_state(self.entity, self.table.horizontalHeader().saveState())

    def current_record(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, record_id: int | None) -> None:
        row = self.model.row_of(record_id) if record_id is not None else -1
        if row < 0 and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        elif row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        else:
            index = QModelIndex()
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._on_current(index)

    def _on_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        record = self.current_record() if index.isValid() else None
        self.form.set_record(record)
        self.copy_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)

    # --- editing -----------------------------------------------------------------------------

    def new_values(self) -> dict[str, Any]:
        """Values of a freshly added record."""
        raise NotImplementedError

    def copy_values(self, record: Any) -> dict[str, Any]:
        values = {spec.name: getattr(record, spec.name) for spec in self.form_fields}
        key = "title" if "title" in values else "name"
        values[key] = tr("{name} (copy)").format(name=values[key])
        return values

    def add(self) -> None:
        self._insert(self.new_values())
        self.form.editor(self.form_fields[0].name).setFocus()

    def duplicate(self) -> None:
        record = self.current_record()
        if record is not None:
            self._insert(self.copy_values(record))

    def _insert(self, values: dict[str, Any]) -> None:
        applied = self.push(edits.add(self.entity, **values))
        if applied is not None and applied.created:
            self.select(int(applied.created[0][0]))

    def delete(self) -> None:
        record = self.current_record()
        if record is None:
            return
        name = record_name(record)
        also = dependents_text(self.session.project.dependents(self.entity, record.id))
        text = tr("Delete the {noun} “{name}”?").format(noun=self.noun, name=name)
        if also:
            text += " " + tr("This also removes {also}.").format(also=also)
        text += " " + tr("You can undo this with Ctrl+Z.")
        window = self.window()
        prompts = getattr(window, "prompts", None)
        if prompts is None or not prompts.confirm(
            tr("Delete {noun}").format(noun=self.noun), text, tr("Delete")
        ):
            return
        self.push(
            edits.delete(self.entity, record.id),
            tr("Delete {noun} {name}").format(noun=self.noun, name=name),
        )

    def _on_form_edit(self, field: str, value: Any) -> None:
        record = self.current_record()
        if record is None:
            return
        try:
            command = edits.update(self.entity, record.id, **{field: value})
        except AlignerError as error:
            show_error(self, error)
            self.form.set_record(record)
            return
        caption = next(s.text for s in self.form_fields if s.name == field)
        what = QCoreApplication.translate("Fields", caption).replace("&", "").rstrip(":").lower()
        if (
            self.push(
                command, tr("Change {what} of {name}").format(what=what, name=record_name(record))
            )
            is None
        ):
            self.form.set_record(record)
