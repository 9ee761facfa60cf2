"""A read-only table model over rows of prepared cells (text, sort key, colour, tooltip).

The governance pages show service values that are edited through forms and commands, never in
the cell, so one small model serves the due list, decisions, systems and the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_NO_PARENT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    sort: Any = None
    background: str | None = None
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    #: What the row stands for (a tool id, a decision, an event), for the page's detail pane.
    payload: Any = None


class PlainTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows: list[Row] = []
        self._header_tips: list[str] = ["" for _ in headers]
        #: Names down the side, for tables whose rows must stay labelled while scrolling across.
        self._row_headers: list[str] = []

    def set_headers(self, headers: Sequence[str], tips: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._header_tips = list(tips) if tips is not None else ["" for _ in headers]
        self.endResetModel()

    def set_rows(self, rows: Sequence[Row], row_headers: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_headers = list(row_headers)
        self.endResetModel()

    def set_table(
        self,
        headers: Sequence[str],
        tips: Sequence[str],
        rows: Sequence[Row],
        row_headers: Sequence[str] = (),
    ) -> None:
        """Headers and rows in one reset, for tables whose columns change with the data."""
        self.beginResetModel()
        self._headers = list(headers)
        self._header_tips = list(tips)
        self._rows = list(rows)
        self._row_headers = list(row_headers)
        self.endResetModel()

    def row(self, index: int) -> Row:
        return self._rows[index]

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        cell = row.cells[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if not cell.background:
                return None
            # Black text stays readable on the light tints cells use.
            colour = cell.background if role == Qt.ItemDataRole.BackgroundRole else "#000000"
            return QBrush(QColor(colour))
        values = {
            SORT_ROLE: cell.text if cell.sort is None else cell.sort,
            Qt.ItemDataRole.ToolTipRole: cell.tooltip or None,
            PAYLOAD_ROLE: row.payload,
        }
        return values.get(role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        labelled = orientation == Qt.Orientation.Vertical and section < len(self._row_headers)
        if labelled and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._row_headers[section]
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips[section] or None
        return super().headerData(section, orientation, role)
