"""District: name, school year, the rubric scale, how scores combine, when to discuss."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.enums import Aggregation
from aligner.domain.errors import AlignerError
from aligner.domain.model import RubricLevel
from aligner.services import edits
from aligner.services.changes import Changes
from ui.errors import show_error
from ui.labels import label
from ui.models.rubric import RubricModel
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings


class DistrictPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self._build_settings())
        layout.addWidget(self._build_rubric(), 1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("District settings"))
        scroll.setToolTip(self.tr("District settings and the scoring rubric"))
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _row(self, form: QFormLayout, text: str, editor: QWidget, tip: str, name: str) -> None:
        caption = QLabel(text)
        caption.setBuddy(editor)
        editor.setAccessibleName(text.replace("&", "").rstrip(":"))
        editor.setToolTip(tip)
        editor.setObjectName(name)
        form.addRow(caption, editor)

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("District"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = QLineEdit()
        self._row(form, self.tr("&Name:"), self.name, self.tr("The district's name"), "name")
        self.school_year = QLineEdit()
        self._row(
            form,
            self.tr("School &year:"),
            self.school_year,
            self.tr("The school year of this evaluation, e.g. 2026-27"),
            "school_year",
        )
        self.aggregation = QComboBox()
        # Long names must not widen the window at 200% text; the list shows them in full.
        self.aggregation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.aggregation.setMinimumContentsLength(16)
        for method in Aggregation:
            self.aggregation.addItem(label(method), method.value)
        self._row(
            form,
            self.tr("&Combine members' scores by:"),
            self.aggregation,
            self.tr("How the scores of several members for one cell become one"),
            "aggregation",
        )
        self.min_raters = QSpinBox()
        self.min_raters.setRange(1, 100)
        self._row(
            form,
            self.tr("Fe&west scores for a firm result:"),
            self.min_raters,
            self.tr("Cells with fewer members' scores are marked as thin evidence"),
            "min_raters",
        )
        self.threshold = QLineEdit()
        self.threshold.setPlaceholderText(self.tr("half the rubric span"))
        self._row(
            form,
            self.tr("&Discuss when scores differ by:"),
            self.threshold,
            self.tr(
                "A cell whose highest and lowest scores differ by at least this much is "
                "flagged for discussion; blank for half the rubric span"
            ),
            "disagreement_threshold",
        )
        self.name.editingFinished.connect(lambda: self._set("name", self.name.text()))
        self.school_year.editingFinished.connect(
            lambda: self._set("school_year", self.school_year.text())
        )
        self.aggregation.activated.connect(
            lambda _i: self._set("aggregation", self.aggregation.currentData())
        )
        self.min_raters.editingFinished.connect(
            lambda: self._set("min_raters", self.min_raters.value())
        )
        self.threshold.editingFinished.connect(
            lambda: self._set("disagreement_threshold", self.threshold.text() or None)
        )
        return box

    def _build_rubric(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scoring rubric"))
        layout = QVBoxLayout(box)
        hint = QLabel(
            self.tr(
                "Members score each tool on each outcome with one of these levels. "
                "Give every level a short label and what it means."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.rubric_model = RubricModel(self.session, self._error, self)
        self.rubric = QTableView()
        self.rubric.setObjectName("rubric_table")
        self.rubric.setModel(self.rubric_model)
        self.rubric.setAccessibleName(self.tr("Rubric levels"))
        self.rubric.setToolTip(self.tr("F2 or typing edits a level; Tab leaves the table"))
        self.rubric.setTabKeyNavigation(False)
        self.rubric.setWordWrap(True)
        self.rubric.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.rubric.verticalHeader().hide()
        header = self.rubric.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rubric.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.rubric, 1)
        buttons = QHBoxLayout()
        self.add_level = QPushButton(self.tr("Add &level"))
        self.add_level.setToolTip(self.tr("Add a level above the highest"))
        self.add_level.clicked.connect(self._add_level)
        self.remove_level = QPushButton(self.tr("&Remove top level"))
        self.remove_level.setToolTip(
            self.tr("Remove the highest level (refused while scores use it)")
        )
        self.remove_level.clicked.connect(self._remove_level)
        buttons.addWidget(self.add_level)
        buttons.addWidget(self.remove_level)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _error(self, error: AlignerError) -> None:
        show_error(self, error)

    def reload(self) -> None:
        district = self.session.project.district()
        self.name.setText(district.name)
        self.school_year.setText(district.school_year)
        self.aggregation.setCurrentIndex(self.aggregation.findData(district.aggregation.value))
        self.min_raters.setValue(district.min_raters)
        threshold = district.disagreement_threshold
        self.threshold.setText("" if threshold is None else f"{threshold:g}")
        self.rubric_model.set_levels(district.rubric)
        # Tall enough for every level, so the page scrolls as one instead of a scroll in a scroll.
        self.rubric.resizeRowsToContents()
        rows = sum(self.rubric.rowHeight(r) for r in range(self.rubric_model.rowCount()))
        self.rubric.setMinimumHeight(rows + self.rubric.horizontalHeader().height() + 8)

    def refresh(self, changes: Changes) -> None:
        if changes.district:
            self.reload()

    def _set(self, field: str, value: Any) -> None:
        district = self.session.project.district()
        current = getattr(district, field)
        if str(current if current is not None else "") == str(value if value is not None else ""):
            return
        try:
            command = edits.update_district(
                self.tr("Change district {field}").format(field=field.replace("_", " ")),
                **{field: value},
            )
        except AlignerError as error:
            show_error(self, error)
            self.reload()
            return
        if self.push(command) is None:
            self.reload()

    def _add_level(self) -> None:
        levels = self.rubric_model.levels
        top = max((lv.value for lv in levels), default=-1) + 1
        self.rubric_model.replace_levels(
            (*levels, RubricLevel(top, self.tr("Level {n}").format(n=top), "")),
            self.tr("Add rubric level {n}").format(n=top),
        )

    def _remove_level(self) -> None:
        levels = self.rubric_model.levels
        if len(levels) > 2:
            self.rubric_model.replace_levels(
                levels[:-1],
                self.tr("Remove rubric level {n}").format(n=levels[-1].value),
            )
