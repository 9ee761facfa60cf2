"""The consensus view the chair reveals: aggregate per cell, spread as a heat colour, "discuss"
flags (a symbol as well as a colour), and an agreed score with a reason."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.errors import AlignerError
from aligner.services import edits
from aligner.services.scoring import ConsensusCell, ConsensusGrid, consensus_grid
from ui.errors import show_error
from ui.models.records import AnyIndex
from ui.models.score_grid import HEADER_WRAP
from ui.session import Session
from ui.widgets.figure_host import FigureHost

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_NO_PARENT = QModelIndex()
DISCUSS = "⚑"
AGREED = "✓"


def spread_colour(spread: float | None, span: float) -> QColor | None:
    """Light amber to orange-red as members drift apart; None for no spread.

    Chosen to read on light and dark palettes alike: the text keeps the palette's own colour
    over a translucent tint, and the flag symbol carries the meaning without the colour.
    """
    if spread is None or span <= 0 or spread <= 0:
        return None
    share = min(1.0, spread / span)
    return QColor.fromHsvF(0.11 - 0.09 * share, 0.9, 0.95, 0.18 + 0.5 * share)


class ConsensusModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: ConsensusGrid | None = None

    def set_grid(self, grid: ConsensusGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def cell(self, index: AnyIndex) -> ConsensusCell:
        assert self.grid is not None
        return self.grid.cells[index.row()][index.column()]

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.tool_ids)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.outcome_ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        cell = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(cell)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(index, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = spread_colour(cell.spread, self.grid.rubric_max - self.grid.rubric_min)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _describe(self, index: AnyIndex, cell: ConsensusCell) -> str:
        assert self.grid is not None
        parts = [f"{self.grid.tool_names[index.row()]} — {self.grid.outcome_names[index.column()]}"]
        if cell.aggregate is None:
            parts.append(self.tr("Nobody has scored this yet."))
        else:
            parts.append(
                self.tr("Members' score {value:.1f} from {n} members").format(
                    value=cell.aggregate, n=cell.count
                )
            )
        if cell.spread is not None:
            parts.append(self.tr("Scores differ by {spread:g}").format(spread=cell.spread))
        if cell.discuss:
            parts.append(self.tr("{flag} Discuss: members disagree").format(flag=DISCUSS))
        if cell.consensus is not None:
            parts.append(
                self.tr("{mark} Agreed score {value:g}: {reason}").format(
                    mark=AGREED, value=cell.consensus, reason=cell.reason
                )
            )
        return "\n".join(parts)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = self.grid.outcome_names[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return name
            return "\n".join(textwrap.wrap(name, HEADER_WRAP)[:3])
        return self.grid.tool_names[section]


def _display(cell: ConsensusCell) -> str:
    if cell.consensus is not None:
        return f"{AGREED} {cell.consensus:g}"
    if cell.aggregate is None:
        return ""
    text = f"{cell.aggregate:.1f}"
    return f"{DISCUSS} {text}" if cell.discuss else text


class ConsensusTable(QTableView):
    """Enter on a cell asks for the agreed score."""

    def __init__(self, panel: ConsensusPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._panel.set_consensus()
            return
        super().keyPressEvent(event)


class ConsensusPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ConsensusModel(self)
        self.table = ConsensusTable(self)
        self.table.setObjectName("consensus_grid")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(self.tr("Committee's combined scores"))
        self.table.setToolTip(self.tr("Enter sets the committee's agreed score for a cell"))
        self.table.horizontalHeader().setDefaultSectionSize(
            self.table.fontMetrics().horizontalAdvance("M") * 11
        )
        self.legend = QLabel(
            self.tr(
                "Each cell: the members' combined score. {flag} = discuss (scores differ by "
                "the district's threshold or more; deeper colour = further apart). "
                "{mark} = the committee's agreed score."
            ).format(flag=DISCUSS, mark=AGREED)
        )
        self.legend.setWordWrap(True)
        self.agree_button = QPushButton(self.tr("Set &agreed score…"))
        self.agree_button.setToolTip(self.tr("Record the committee's agreed score, with a reason"))
        self.agree_button.clicked.connect(self.set_consensus)
        self.clear_button = QPushButton(self.tr("&Clear agreed score"))
        self.clear_button.setToolTip(self.tr("Go back to the members' combined score"))
        self.clear_button.clicked.connect(self.clear_consensus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agree_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        cells = QWidget()
        cells_layout = QVBoxLayout(cells)
        cells_layout.setContentsMargins(0, 0, 0, 0)
        cells_layout.addWidget(self.legend)
        cells_layout.addWidget(self.table, 1)
        cells_layout.addLayout(buttons)
        # The heatmap is also a Rankings tab; here it sits beside the cells it marks, so the
        # chair can settle them without leaving the page.
        self.chart = FigureHost(self.tr("Where do we disagree?"))
        self.chart.set_builder(self._disagreement)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("consensus_tabs")
        self.tabs.setAccessibleName(self.tr("Combined scores and disagreement chart"))
        self.tabs.setToolTip(self.tr("Ctrl+Tab switches between the cells and the chart"))
        self.tabs.addTab(cells, self.tr("Combined scores"))
        self.tabs.addTab(self.chart, self.tr("Where do we disagree?"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _disagreement(self) -> Figure:
        from aligner.services.figures import disagreement_figure
        from ui.chart_words import chart_words

        return disagreement_figure(self.session.project.evaluation(), words=chart_words())

    def reload(self) -> None:
        current = self.table.currentIndex()
        try:
            grid = consensus_grid(self.session.project)
        except AlignerError as error:
            show_error(self, error)
            return
        self.model.set_grid(grid)
        self.chart.schedule()
        if self.model.rowCount() and self.model.columnCount():
            row = current.row() if current.isValid() else 0
            column = current.column() if current.isValid() else 0
            self.table.setCurrentIndex(self.model.index(row, column))

    def set_consensus(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.grid is None:
            return
        grid, cell = self.model.grid, self.model.cell(index)
        prompts = getattr(self.window(), "prompts", None)
        if prompts is None:
            return
        tool, outcome = grid.tool_names[index.row()], grid.outcome_names[index.column()]
        answer = prompts.consensus(
            tool,
            outcome,
            cell.consensus if cell.consensus is not None else cell.aggregate,
            (grid.rubric_min, grid.rubric_max),
        )
        if answer is None:
            return
        value, reason = answer
        text = self.tr("Agree {value:g} for {tool} on {outcome}").format(
            value=value, tool=tool, outcome=outcome
        )
        try:
            command = edits.set_consensus(
                cell.tool_id, cell.outcome_id, value, reason, self.session.project.actor
            )
            self.session.push(command, text)
        except AlignerError as error:
            show_error(self, error)

    def clear_consensus(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.cell(index).consensus is None:
            return
        cell = self.model.cell(index)
        self.session.push(
            edits.clear_consensus(cell.tool_id, cell.outcome_id),
            self.tr("Clear the agreed score"),
        )
