"""Rankings: the table, the charts, live what-if weights, the verdict and scenarios.

The project is read once into the what-if service; a slider move re-ranks that in memory and
repaints the table in the same event, while the charts (debounced by their hosts) and the
verdict (debounced, computed on the CPU pool) follow when the hand pauses.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aligner.compute.pipeline import Evaluation
from aligner.domain.errors import AlignerError
from aligner.services.changes import Changes
from aligner.services.whatif import WhatIf, load_data, result_lines
from ui.errors import show_error
from ui.models.ranking_model import BLOCKED_COLUMNS, SORT_ROLE, Column, RankingModel
from ui.pages.base import Page
from ui.pages.result_tabs import ResultTabs
from ui.pages.scenario_bar import ScenarioBar
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import ImmediateTaskRunner, Runner, run_with_progress
from ui.widgets.weight_sliders import WeightSliders

if TYPE_CHECKING:
    from aligner.compute.sensitivity import Verdict

#: Pause of the hand, in ms, after which the verdict is recomputed.
VERDICT_DELAY = 250
#: Columns the ranking table drops, first to last, while it is too narrow to show every column
#: (a 1024x768 projector): status repeats what an empty rank says, and coverage, points per
#: $1k and the TOPSIS rank have their own charts. Rank, tool and score always show.
DROPPED_FIRST = (Column.STATUS, Column.COVERAGE, Column.COST, Column.TOPSIS)


def _table(model: RankingModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    # Interactive, sized to contents on reload only: resizing to contents on every slider step
    # would measure every row of a 200-tool table per frame.
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    proxy.setParent(view)
    return view


class RankingsPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.what_if: WhatIf | None = None
        self.verdict: Verdict | None = None
        self.ranked_model = RankingModel()
        self.blocked_model = RankingModel(BLOCKED_COLUMNS)
        self.table = _table(self.ranked_model, self.tr("Ranking"))
        self.blocked_table = _table(self.blocked_model, self.tr("Blocked tools"))
        self.blocked_label = QLabel(self.tr("Blocked by a must-pass privacy item (not ranked):"))
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setAccessibleName(self.tr("Sensitivity verdict"))
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        # Two lines held open: a squeezed page otherwise cut the verdict's second line off.
        self.verdict_label.setMinimumHeight(2 * self.verdict_label.fontMetrics().lineSpacing())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset to saved weights"))
        self.reset_button.setAccessibleName(self.tr("Reset to saved weights"))
        self.reset_button.setToolTip(self.tr("Put every slider back at the project's weights"))
        self.reset_button.clicked.connect(self.reset_weights)
        self.check_button = QPushButton(self.tr("Check stability…"))
        self.check_button.setAccessibleName(self.tr("Check stability"))
        self.check_button.setToolTip(
            self.tr("Rank probabilities from 10,000 weight draws around these weights")
        )
        self.check_button.clicked.connect(self.check_stability)
        self.sliders = WeightSliders()
        self.sliders.challengeMoved.connect(self._challenge_moved)
        self.sliders.outcomeMoved.connect(self._outcome_moved)
        self.charts = ResultTabs(self.evaluation)
        self.scenarios = ScenarioBar(self)
        self._verdict_timer = QTimer(self)
        self._verdict_timer.setSingleShot(True)
        self._verdict_timer.setInterval(VERDICT_DELAY)
        self._verdict_timer.timeout.connect(self._update_verdict)
        self._verdict_generation = 0
        self._widths: list[int] = []  # the ranking table's columns sized to their contents
        # The viewport's resize, not the table's: the viewport has its new width only then.
        self.table.viewport().installEventFilter(self)
        self._build_layout()

    def _build_layout(self) -> None:
        # Left: the table above the what-if sliders, so a drag and its effect sit together;
        # right: the charts, given the most room because they are what the room reads.
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.table, 3)
        tables_layout.addWidget(self.blocked_label)
        tables_layout.addWidget(self.blocked_table, 1)
        what_if = QWidget()
        what_if_layout = QVBoxLayout(what_if)
        what_if_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>What if…</b> drag a weight (arrow keys work too)"))
        what_if_layout.addWidget(title)
        what_if_layout.addWidget(self.sliders, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.check_button)
        what_if_layout.addLayout(buttons)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("rankings_left")
        left.addWidget(tables)
        left.addWidget(what_if)
        left.setChildrenCollapsible(False)
        self.splitter = QSplitter()
        self.splitter.setObjectName("rankings_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.charts)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scenarios)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.message.hide()

    # --- loading -----------------------------------------------------------------------------

    def evaluation(self) -> Evaluation | None:
        return None if self.what_if is None else self.what_if.evaluation

    def reload(self) -> None:
        self.what_if = WhatIf(load_data(self.session.project))
        data = self.what_if.data
        self.sliders.build(data)
        self.sliders.set_weights(self.what_if.challenge_weights, self.what_if.outcome_weights)
        self.charts.set_tools(data.tool_names, self.what_if.evaluation.order())
        self.charts.probabilities = None
        self.scenarios.reload()
        self._show(self.what_if.evaluation)
        for view in (self.table, self.blocked_table):
            view.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        self._widths = [
            max(self.table.sizeHintForColumn(i), header.sectionSizeHint(i))
            for i in range(self.ranked_model.columnCount())
        ]
        self.fit_columns()

    def fit_columns(self) -> None:
        """Hide the least needed columns while the table is too narrow for all of them."""
        if not self._widths:
            return
        columns = self.ranked_model.columns
        room = self.table.viewport().width()
        needed = sum(self._widths)
        hidden: set[int] = set()
        for column in DROPPED_FIRST:
            if needed <= room:
                break
            if column in columns:
                index = columns.index(column)
                hidden.add(index)
                needed -= self._widths[index]
        for index in range(len(columns)):
            if self.table.isColumnHidden(index) != (index in hidden):
                self.table.setColumnHidden(index, index in hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit_columns()
        return super().eventFilter(watched, event)

    def refresh(self, changes: Changes) -> None:
        if changes.ranking:
            self.reload()
        elif changes.scenarios:
            self.scenarios.reload()

    # --- what-if -----------------------------------------------------------------------------

    def _challenge_moved(self, index: int, weight: float) -> None:
        if self.what_if is not None:
            self._try(lambda w: w.set_challenge_weight(index, weight))

    def _outcome_moved(self, index: int, weight: float) -> None:
        if self.what_if is not None:
            self._try(lambda w: w.set_outcome_weight(index, weight))

    def set_weights(self, challenges: np.ndarray, outcomes: np.ndarray) -> None:
        """Try these raw weights (scenario preview, tests) and move the sliders to them."""
        if self.what_if is not None:
            self._try(lambda w: w.set_weights(challenges, outcomes))
            self.sliders.set_weights(self.what_if.challenge_weights, self.what_if.outcome_weights)

    def reset_weights(self) -> None:
        if self.what_if is not None:
            self._try(WhatIf.reset)
            self.sliders.set_weights(self.what_if.challenge_weights, self.what_if.outcome_weights)

    def _try(self, move: Any) -> None:
        assert self.what_if is not None
        try:
            evaluation = move(self.what_if)
        except AlignerError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        self.message.hide()
        self.charts.probabilities = None
        self._show(evaluation)

    def _show(self, evaluation: Evaluation) -> None:
        """Repaint the table now; charts and verdict follow, debounced."""
        lines = result_lines(evaluation)
        self.ranked_model.set_lines([line for line in lines if line.status != "blocked"])
        blocked = [line for line in lines if line.status == "blocked"]
        self.blocked_model.set_lines(blocked)
        if self.blocked_table.isVisibleTo(self) != bool(blocked):
            self.blocked_label.setVisible(bool(blocked))
            self.blocked_table.setVisible(bool(blocked))
        assert self.what_if is not None
        data = self.what_if.data
        weights = evaluation.weights
        shares = np.bincount(
            data.outcome_challenge, weights=weights, minlength=len(data.challenge_ids)
        ).astype(np.float64)
        within = np.divide(
            weights,
            shares[data.outcome_challenge],
            out=np.zeros_like(weights),
            where=shares[data.outcome_challenge] > 0,
        )
        self.sliders.show_shares(shares, within)
        self.reset_button.setEnabled(self.what_if.modified)
        self.scenarios.show_active()
        self.charts.redraw_soon()
        self._verdict_timer.start()

    # --- verdict and stability ---------------------------------------------------------------

    def runner(self) -> Runner:
        # The window owns the task runner; a page shown on its own (tests) runs inline.
        runner = getattr(self.window(), "tasks", None)
        return runner if runner is not None else ImmediateTaskRunner()

    def _update_verdict(self) -> None:
        evaluation = self.evaluation()
        if evaluation is None:
            return
        from aligner.services.stability import quick_verdict

        self._verdict_generation += 1
        generation = self._verdict_generation

        def done(future: Future[Verdict | None]) -> None:
            if generation != self._verdict_generation:
                return  # a newer move already asked for a newer verdict
            try:
                self.show_verdict(future.result())
            except AlignerError as error:
                self.verdict_label.setText(str(error))

        self.runner().submit(lambda: quick_verdict(evaluation), done, uses_db=False)

    def show_verdict(self, found: Verdict | None) -> None:
        from ui.verdict_text import verdict_html

        self.verdict = found
        assert self.what_if is not None
        self.verdict_label.setText(verdict_html(found, self.what_if.data))

    def check_stability(self) -> None:
        evaluation = self.evaluation()
        if evaluation is None:
            return
        from aligner.services.stability import FULL_DRAWS, Stability, rank_probabilities

        def job(progress: Any, token: Any) -> Stability:
            return rank_probabilities(evaluation, FULL_DRAWS, progress, token)

        def done(future: Future[Stability]) -> None:
            from ui.tasks import CancelledError

            try:
                self.charts.probabilities = future.result()
            except CancelledError:
                return
            except AlignerError as error:
                show_error(self, error)
                return
            self.charts.setCurrentWidget(self.charts.stability_page)
            self.charts.hosts["stability"].schedule()

        run_with_progress(
            self, self.runner(), self.tr("Checking stability"), job, done, uses_db=False
        )
