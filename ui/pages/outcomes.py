"""Outcomes & weights: the tree of challenges and their outcomes, each outcome's details, the
weights of each level by the committee's method, and the resulting global weights as a chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.enums import Direction
from aligner.domain.errors import AlignerError
from aligner.domain.model import Outcome
from aligner.services import edits
from aligner.services.changes import Changes
from aligner.services.weighting import global_preview, outcome_templates
from ui.errors import show_error
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import dependents_text, label
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.figure_host import FigureHost
from ui.widgets.record_form import FormField, RecordForm
from ui.widgets.weights_panel import WeightsPanel

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

FIELDS = (
    FormField(
        "name",
        QT_TRANSLATE_NOOP("Fields", "&Name:"),
        QT_TRANSLATE_NOOP("Fields", "What would show progress, in a few words"),
    ),
    FormField(
        "metric",
        QT_TRANSLATE_NOOP("Fields", "&Metric:"),
        QT_TRANSLATE_NOOP("Fields", "How it is measured, and from which source"),
        kind="text",
    ),
    FormField(
        "unit",
        QT_TRANSLATE_NOOP("Fields", "&Unit:"),
        QT_TRANSLATE_NOOP("Fields", "e.g. %, days, hours/week"),
    ),
    FormField(
        "baseline",
        QT_TRANSLATE_NOOP("Fields", "&Baseline:"),
        QT_TRANSLATE_NOOP("Fields", "Where the district is now; blank if not known"),
    ),
    FormField(
        "target",
        QT_TRANSLATE_NOOP("Fields", "&Target:"),
        QT_TRANSLATE_NOOP("Fields", "Where the district wants to be"),
    ),
    FormField(
        "direction",
        QT_TRANSLATE_NOOP("Fields", "Di&rection:"),
        QT_TRANSLATE_NOOP("Fields", "Whether a bigger number is better"),
        kind="choice",
        choices=Direction,
    ),
    FormField(
        "weight",
        QT_TRANSLATE_NOOP("Fields", "&Weight:"),
        QT_TRANSLATE_NOOP("Fields", "Weight within its challenge (any scale)"),
    ),
)
_HEADERS = ("Name", "Metric", "Unit", "Baseline", "Target", "Direction", "Weight")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class OutcomesPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.tree_model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("outcome_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName(self.tr("Challenges and their outcomes"))
        self.tree.setToolTip(self.tr("Select an outcome to edit it; arrows open and close"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.add_button = self._button(
            self.tr("&Add outcome"),
            self.tr("Add an outcome to the selected challenge"),
            self.add_outcome,
        )
        self.template_button = self._button(
            self.tr("From &library…"),
            self.tr("Add a common K-12 outcome from the library, then edit it"),
            self.add_template,
        )
        self.delete_button = self._button(
            self.tr("&Delete…"),
            self.tr("Delete the selected outcome after confirming"),
            self.delete_outcome,
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.template_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(buttons)

        self.form = RecordForm(FIELDS)
        self.form.edited.connect(self._on_form_edit)
        form_scroll = QScrollArea()
        form_scroll.setAccessibleName(self.tr("Outcome details"))
        form_scroll.setToolTip(self.tr("The selected outcome's details"))
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weights = WeightsPanel(session)
        self.weights.preview.connect(self._on_preview)
        self.chart = FigureHost(self.tr("Global weights chart"))
        self._draft: tuple[int | None, dict[int, float]] | None = None
        self.chart.set_builder(self._build_chart)
        weights_area = QSplitter(Qt.Orientation.Vertical)
        weights_area.addWidget(self.weights)
        weights_area.addWidget(self.chart)
        weights_area.setStretchFactor(0, 0)
        weights_area.setStretchFactor(1, 1)
        line = self.fontMetrics().lineSpacing()
        weights_area.setSizes([line * 16, line * 30])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("outcome_tabs")
        self.tabs.setAccessibleName(self.tr("Outcome and weights"))
        self.tabs.setToolTip(self.tr("Ctrl+Tab switches between the outcome and the weights"))
        self.tabs.addTab(form_scroll, self.tr("&Outcome"))
        self.tabs.addTab(weights_area, self.tr("Wei&ghts"))

        self._build_splitter(left, settings)

    def _build_splitter(self, left: QWidget, settings: AppSettings) -> None:
        self.splitter = QSplitter()
        self.splitter.setObjectName("outcomes_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.splitter.restoreState(settings.splitter_state("outcomes"))

    def _button(self, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        project = self.session.project
        selected = self.selected()
        self.tree_model.clear()
        self.tree_model.setHorizontalHeaderLabels([self.tr(h) for h in _HEADERS])
        challenges = project.challenges()
        total = sum(c.weight for c in challenges) or 1.0
        self._outcomes: dict[int, Outcome] = {int(o.id): o for o in project.outcomes()}
        for challenge in challenges:
            parent = QStandardItem(challenge.title)
            parent.setData("challenge", KIND_ROLE)
            parent.setData(challenge.id, ID_ROLE)
            share = QStandardItem(f"{challenge.weight / total:.0%}")
            share.setToolTip(self.tr("The challenge's share of all weight"))
            blanks = [QStandardItem("") for _ in range(5)]
            self.tree_model.appendRow([parent, *blanks, share])
            own = [o for o in self._outcomes.values() if o.challenge_id == challenge.id]
            own_total = sum(o.weight for o in own) or 1.0
            for outcome in own:
                parent.appendRow(self._outcome_row(outcome, outcome.weight / own_total))
        self.tree.expandAll()
        for column in range(1, len(_HEADERS)):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(
            0, max(self.tree.columnWidth(0), self.fontMetrics().horizontalAdvance("M") * 22)
        )
        self.tree.setColumnWidth(
            1, min(self.tree.columnWidth(1), self.fontMetrics().horizontalAdvance("M") * 11)
        )
        self.weights.reload_levels()
        self._select(selected)
        self._draft = None
        self.chart.schedule()

    def _outcome_row(self, outcome: Outcome, share: float) -> list[QStandardItem]:
        cells = [
            outcome.name,
            outcome.metric,
            outcome.unit,
            _number(outcome.baseline),
            _number(outcome.target),
            label(outcome.direction),
            f"{share:.0%}",
        ]
        items = [QStandardItem(text) for text in cells]
        for item in items:
            item.setToolTip(f"{outcome.name}: {item.text()}")
        items[0].setData("outcome", KIND_ROLE)
        items[0].setData(outcome.id, ID_ROLE)
        return items

    def refresh(self, changes: Changes) -> None:
        if changes.challenges or changes.outcomes or changes.district:
            self.reload()

    def save_state(self) -> None:
        self.settings.set_splitter_state("outcomes", self.splitter.saveState())

    def selected(self) -> tuple[str, int] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        first = index.siblingAtColumn(0)
        return str(first.data(KIND_ROLE)), int(first.data(ID_ROLE))

    def _select(self, key: tuple[str, int] | None) -> None:
        target = QModelIndex()
        for row in range(self.tree_model.rowCount()):
            parent = self.tree_model.index(row, 0)
            if key is None or key == ("challenge", parent.data(ID_ROLE)):
                target = parent
                break
            for child_row in range(self.tree_model.rowCount(parent)):
                child = self.tree_model.index(child_row, 0, parent)
                if key == ("outcome", child.data(ID_ROLE)):
                    target = child
        if not target.isValid() and self.tree_model.rowCount():
            target = self.tree_model.index(0, 0)
        self.tree.setCurrentIndex(target)
        self._on_current(target)

    def _challenge_of_selection(self) -> int | None:
        key = self.selected()
        if key is None:
            return None
        if key[0] == "challenge":
            return key[1]
        outcome = self._outcomes.get(key[1])
        return None if outcome is None else int(outcome.challenge_id)

    def _on_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        key = self.selected()
        outcome = self._outcomes.get(key[1]) if key and key[0] == "outcome" else None
        self.form.set_record(outcome)
        self.delete_button.setEnabled(outcome is not None)
        challenge_id = self._challenge_of_selection()
        self.add_button.setEnabled(challenge_id is not None)
        self.template_button.setEnabled(challenge_id is not None)
        if challenge_id is not None:
            self.weights.show_level(challenge_id)

    # --- chart -------------------------------------------------------------------------------

    def _on_preview(self, challenge_id: int | None, shares: dict[int, float]) -> None:
        self._draft = (challenge_id, shares)
        self.chart.schedule()

    def _build_chart(self) -> Any:
        from aligner.charts.style import empty_figure
        from aligner.charts.weights import weights_chart

        challenge_override = outcome_override = None
        if self._draft is not None:
            level, shares = self._draft
            if level is None:
                challenge_override = shares
            else:
                outcome_override = shares
        try:
            view = global_preview(self.session.project, challenge_override, outcome_override)
        except AlignerError as error:
            return empty_figure(error.message, self.tr("Global weights"))
        return weights_chart(
            view.challenge_names, view.outcome_names, view.outcome_challenge, view.weights
        )

    # --- editing -----------------------------------------------------------------------------

    def _prompts(self) -> Any:
        return getattr(self.window(), "prompts", None)

    def _add(self, values: dict[str, Any], text: str) -> None:
        try:
            applied = self.session.push(edits.add("outcome", **values), text)
        except AlignerError as error:
            show_error(self, error)
            return
        if applied.created:
            self._select(("outcome", int(applied.created[0][0])))
            self.tabs.setCurrentIndex(0)
            self.form.editor("name").setFocus()

    def add_outcome(self) -> None:
        challenge_id = self._challenge_of_selection()
        if challenge_id is not None:
            name = self.tr("New outcome")
            self._add(
                {"challenge_id": challenge_id, "name": name, "weight": 1.0},
                self.tr("Add outcome {name}").format(name=name),
            )

    def add_template(self) -> None:
        challenge_id = self._challenge_of_selection()
        prompts = self._prompts()
        if challenge_id is None or prompts is None:
            return
        template = prompts.template(outcome_templates())
        if template is not None:
            self._add(
                template.values(challenge_id),
                self.tr("Add outcome {name}").format(name=template.name),
            )

    def delete_outcome(self) -> None:
        key = self.selected()
        prompts = self._prompts()
        if key is None or key[0] != "outcome" or prompts is None:
            return
        outcome = self._outcomes[key[1]]
        text = self.tr("Delete the outcome “{name}”?").format(name=outcome.name)
        also = dependents_text(self.session.project.dependents("outcome", outcome.id))
        if also:
            text += " " + self.tr("This also removes {also}.").format(also=also)
        if prompts.confirm(self.tr("Delete outcome"), text, self.tr("Delete")):
            self.push(
                edits.delete("outcome", outcome.id),
                self.tr("Delete outcome {name}").format(name=outcome.name),
            )

    def _on_form_edit(self, field: str, value: Any) -> None:
        key = self.selected()
        if key is None or key[0] != "outcome":
            return
        outcome = self._outcomes[key[1]]
        caption = next(f.text for f in FIELDS if f.name == field)
        what = self.tr(caption).replace("&", "").rstrip(":").lower()
        try:
            command = edits.update("outcome", outcome.id, **{field: value})
        except AlignerError as error:
            show_error(self, error)
            self.form.set_record(outcome)
            return
        text = self.tr("Change {what} of {name}").format(what=what, name=outcome.name)
        if self.push(command, text) is None:
            self.form.set_record(outcome)
