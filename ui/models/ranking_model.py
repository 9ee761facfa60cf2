"""The rankings table: a read-only model over the service's result lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from aligner.services.whatif import ResultLine
from ui.i18n import QT_TRANSLATE_NOOP

_NO_PARENT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    RANK = 0
    TOOL = 1
    SCORE = 2
    TOPSIS = 3
    COVERAGE = 4
    COST = 5
    STATUS = 6
    REASONS = 7


_HEADERS = {
    Column.RANK: QT_TRANSLATE_NOOP("RankingModel", "Rank"),
    Column.TOOL: QT_TRANSLATE_NOOP("RankingModel", "Tool"),
    Column.SCORE: QT_TRANSLATE_NOOP("RankingModel", "Score"),
    Column.TOPSIS: QT_TRANSLATE_NOOP("RankingModel", "TOPSIS rank"),
    Column.COVERAGE: QT_TRANSLATE_NOOP("RankingModel", "Coverage"),
    Column.COST: QT_TRANSLATE_NOOP("RankingModel", "Pts/$1k"),
    Column.STATUS: QT_TRANSLATE_NOOP("RankingModel", "Status"),
    Column.REASONS: QT_TRANSLATE_NOOP("RankingModel", "Why blocked"),
}
_TIPS = {
    Column.SCORE: QT_TRANSLATE_NOOP("RankingModel", "Weighted total on 0-100"),
    Column.TOPSIS: QT_TRANSLATE_NOOP(
        "RankingModel", "Rank by TOPSIS, the second method: closeness to the ideal tool"
    ),
    Column.COVERAGE: QT_TRANSLATE_NOOP(
        "RankingModel", "Share of the total weight resting on outcomes the tool was scored on"
    ),
    Column.COST: QT_TRANSLATE_NOOP(
        "RankingModel", "Score points per $1,000 of cost per student served"
    ),
}
_STATUS = {
    "ranked": QT_TRANSLATE_NOOP("RankingModel", "ranked"),
    "blocked": QT_TRANSLATE_NOOP("RankingModel", "⛔ blocked"),
    "unscored": QT_TRANSLATE_NOOP("RankingModel", "not scored"),
}

RANKED_COLUMNS = (
    Column.RANK,
    Column.TOOL,
    Column.SCORE,
    Column.TOPSIS,
    Column.COVERAGE,
    Column.COST,
    Column.STATUS,
)
BLOCKED_COLUMNS = (Column.TOOL, Column.SCORE, Column.REASONS)


_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_LEFT = frozenset({Column.TOOL, Column.STATUS, Column.REASONS})
_ROLES = frozenset(
    {
        *_TEXT_ROLES,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        LINE_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RankingModel", text)


def _optional(value: float | None, form: str, missing: str = "—") -> str:
    return missing if value is None else format(value, form)


_TEXT: dict[Column, Callable[[ResultLine], str]] = {
    Column.RANK: lambda line: _optional(line.rank, "d", ""),
    Column.TOOL: lambda line: line.name,
    Column.SCORE: lambda line: _optional(line.score, ".1f"),
    Column.TOPSIS: lambda line: _optional(line.topsis_rank, "d", ""),
    Column.COVERAGE: lambda line: f"{line.coverage:.0%}",
    Column.COST: lambda line: _optional(line.cost_effectiveness, ".1f"),
    Column.STATUS: lambda line: _tr(_STATUS.get(line.status, line.status)),
    Column.REASONS: lambda line: "; ".join(line.blocked_reasons),
}


def _text(line: ResultLine, column: Column) -> str:
    return _TEXT[column](line)


def _sort_key(line: ResultLine, column: Column) -> Any:
    values: dict[Column, Any] = {
        Column.RANK: line.rank if line.rank is not None else 10**9,
        Column.SCORE: -1.0 if line.score is None else line.score,
        Column.TOPSIS: line.topsis_rank if line.topsis_rank is not None else 10**9,
        Column.COVERAGE: line.coverage,
        Column.COST: -1.0 if line.cost_effectiveness is None else line.cost_effectiveness,
    }
    return values.get(column, _text(line, column))


class RankingModel(QAbstractTableModel):
    """Lines best first; ``set_lines`` updates in place when the tools are the same."""

    def __init__(self, columns: Sequence[Column] = RANKED_COLUMNS) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.lines: list[ResultLine] = []
        #: Cell texts per row, made on the row's first paint (None until then): a slider step
        #: formats the dozen rows on screen, not all 200.
        self._texts: list[list[str] | None] = []
        self._left = [column in _LEFT for column in self.columns]

    def set_lines(self, lines: Sequence[ResultLine]) -> None:
        new = list(lines)
        old = self.lines
        if len(new) == len(old) and new:
            # Same number of rows: repaint the rows that changed, keep selection and scroll.
            changed = [row for row, line in enumerate(new) if line != old[row]]
            self.lines = new
            for row in changed:
                self._texts[row] = None
            if changed:
                last = len(self.columns) - 1
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
            return
        self.beginResetModel()
        self.lines, self._texts = new, [None] * len(new)
        self.endResetModel()

    def texts(self, row: int) -> list[str]:
        """The cell texts of one row, as the table shows them."""
        texts = self._texts[row]
        if texts is None:
            line = self.lines[row]
            texts = self._texts[row] = [_text(line, column) for column in self.columns]
        return texts

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in _TIPS:
            return _tr(_TIPS[column])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and about seven roles on each repaint (one slider step):
        # the roles the table has nothing for leave first, before any other call.
        row = index.row()
        if role not in _ROLES or row < 0:
            return None
        if role in _TEXT_ROLES:
            return self.texts(row)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if self._left[index.column()] else _RIGHT
        line = self.lines[row]
        if role == SORT_ROLE:
            return _sort_key(line, self.columns[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(line.blocked_reasons) or None
        return line
