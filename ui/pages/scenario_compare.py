"""Two or three scenarios side by side: each tool's rank under each, with arrows for moves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from aligner.services.scenarios import (
    ComparedTool,
    Comparison,
    Scenario,
    compare_scenarios,
    weights_by_id,
)

if TYPE_CHECKING:
    from ui.pages.rankings import RankingsPage

_NO_PARENT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
MAX_COMPARED = 3


def move_text(rank: int | None, move: int | None) -> str:
    """ "3 ▲2": third, two places up on the first scenario; arrows read without colour."""
    if rank is None:
        return "—"
    if move is None or move == 0:
        return f"{rank}  ="
    return f"{rank}  ▲{move}" if move > 0 else f"{rank}  ▼{-move}"


class ComparisonModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.comparison = Comparison((), ())

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.endResetModel()

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.comparison.tools)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 1 + len(self.comparison.names)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.tr("Tool") if section == 0 else self.comparison.names[section - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tool: ComparedTool = self.comparison.tools[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return tool.name
            rank = tool.ranks[column - 1]
            # The reference column states ranks; the others say how far each tool moved.
            return move_text(rank, tool.moves()[column - 1]) if column > 1 else str(rank or "—")
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            score = tool.scores[column - 1]
            return self.tr("Score {score:.1f}").format(score=score) if score is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CompareDialog(QDialog):
    """Tick two or three scenarios (or the weights on the sliders) to see ranks side by side."""

    def __init__(self, page: RankingsPage, scenarios: Sequence[Scenario]) -> None:
        super().__init__(page)
        self.page = page
        self.setWindowTitle(self.tr("Compare scenarios"))
        self.setAccessibleName(self.tr("Compare scenarios"))
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("Scenarios to compare"))
        self.choices.setToolTip(self.tr("Tick two or three; the first ticked is the reference"))
        self._scenarios = [self._current(), *scenarios]
        for position, scenario in enumerate(self._scenarios):
            item = QListWidgetItem(scenario.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = position < MAX_COMPARED
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        self.choices.setMaximumWidth(260)
        self.choices.itemChanged.connect(lambda _item: self.update_table())
        self.model = ComparisonModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rank of each tool under each scenario"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter()
        splitter.addWidget(self.choices)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self.update_table()

    def _current(self) -> Scenario:
        what_if = self.page.what_if
        assert what_if is not None
        challenges, outcomes = weights_by_id(
            what_if.data, what_if.challenge_weights, what_if.outcome_weights
        )
        return Scenario(0, self.tr("Weights on the sliders"), challenges, outcomes)

    def ticked(self) -> list[Scenario]:
        return [
            scenario
            for position, scenario in enumerate(self._scenarios)
            if self.choices.item(position).checkState() == Qt.CheckState.Checked
        ]

    def update_table(self) -> None:
        chosen = self.ticked()[:MAX_COMPARED]
        what_if = self.page.what_if
        assert what_if is not None
        self.model.set_comparison(compare_scenarios(what_if.data, chosen))
        self.note.setText(
            self.tr("▲ up, ▼ down: places moved against {first}.").format(first=chosen[0].name)
            if chosen
            else self.tr("Tick two or three scenarios to compare.")
        )
