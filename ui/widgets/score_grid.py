"""The scoring grid's keyboard: a digit scores the cell and moves on, Delete clears, A abstains,
Enter asks for the rationale. Arrow keys move; Tab leaves the grid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from aligner.domain.errors import AlignerError
from ui.errors import show_error
from ui.models.score_grid import ScoreGridModel


class ScoreGridView(QTableView):
    def __init__(
        self,
        model: ScoreGridModel,
        ask_rationale: Callable[[QModelIndex], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._grid = model
        self._ask_rationale = ask_rationale
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = event.key()
        text = event.text()
        if not index.isValid() or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if text.isdigit():
            self._apply(index, float(text))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._apply(index, None, move=False)
        elif key == Qt.Key.Key_A:
            self._apply(index, None, abstained=True)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._ask_rationale(index)
        else:
            super().keyPressEvent(event)

    def _apply(
        self, index: QModelIndex, value: float | None, *, abstained: bool = False, move: bool = True
    ) -> None:
        row, column = index.row(), index.column()
        try:
            applied = self._grid.set_cell(index, value, abstained=abstained)
        except AlignerError as error:
            show_error(self, error)
            return
        if applied is not None and move:
            self._move_on(row, column)
        else:
            self.setCurrentIndex(self._grid.index(row, column))

    def _move_on(self, row: int, column: int) -> None:
        """Next cell to the right, then the next tool's first outcome."""
        columns, rows = self._grid.columnCount(), self._grid.rowCount()
        for _ in range(rows * columns):
            column += 1
            if column >= columns:
                column, row = 0, (row + 1) % max(rows, 1)
            if not self._grid.cell(self._grid.index(row, column)).recused:
                break
        self.setCurrentIndex(self._grid.index(row, column))
