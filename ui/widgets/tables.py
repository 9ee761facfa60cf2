"""A sortable, read-only table view over a PlainTableModel, set up the same way everywhere."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.models.plain_table import PAYLOAD_ROLE, SORT_ROLE, PlainTableModel


class PlainTable(QTableView):
    def __init__(self, model: PlainTableModel, name: str) -> None:
        super().__init__()
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setObjectName(name.lower().replace(" ", "_"))
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def current_payload(self) -> object:
        index = self.currentIndex()
        return None if not index.isValid() else index.data(PAYLOAD_ROLE)

    def texts(self, column: int) -> list[str]:
        """The column's texts in the order shown (for tests and accessibility checks)."""
        return [str(self.proxy.index(row, column).data()) for row in range(self.proxy.rowCount())]
