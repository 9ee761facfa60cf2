"""Pairwise comparisons (AHP): the upper triangle is typed, the reciprocal fills in below,
the consistency ratio updates live, and the judgement to revise first is marked."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.errors import AlignerError
from aligner.services.weighting import CONSISTENCY_LIMIT, AhpResult, pairwise_weights
from ui.models.records import AnyIndex

_NO_PARENT = QModelIndex()
REVISE = "⚠"


def judgement_text(value: float) -> str:
    """3 -> '3', 0.3333 -> '1/3'."""
    if value >= 1:
        return f"{value:g}"
    fraction = Fraction(1 / value).limit_denominator(9)
    return f"1/{fraction.numerator}" if fraction.denominator == 1 else f"{value:.3g}"


def parse_judgement(text: str) -> float:
    text = text.strip()
    if "/" in text:
        top, bottom = text.split("/", 1)
        return float(top) / float(bottom)
    return float(text)


class PairwiseModel(QAbstractTableModel):
    changed = Signal()

    def __init__(self, names: list[str], matrix: list[list[float]], parent: QObject | None):
        super().__init__(parent)
        self.names = names
        self.matrix = [row[:] for row in matrix]
        self.result: AhpResult | None = None
        self.error = ""
        self._evaluate()

    def _evaluate(self) -> None:
        try:
            self.result, self.error = pairwise_weights(self.matrix), ""
        except AlignerError as error:
            self.result, self.error = None, error.message

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.names)

    def _is_revise(self, row: int, column: int) -> bool:
        revise = self.result.revise if self.result is not None else None
        return revise is not None and {row, column} == {revise.row, revise.column}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        value = self.matrix[row][column]
        flagged = self._is_revise(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            text = judgement_text(value)
            return f"{REVISE} {text}" if flagged else text
        if role == Qt.ItemDataRole.EditRole:
            return judgement_text(value)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.tr("{a} compared with {b}: {v}").format(
                a=self.names[row], b=self.names[column], v=judgement_text(value)
            )
            if flagged and self.result is not None and self.result.revise is not None:
                text += "\n" + self.tr(
                    "{mark} Revise this first: about {c} would be consistent"
                ).format(mark=REVISE, c=judgement_text(self.result.revise.consistent))
            return text
        looks = {
            Qt.ItemDataRole.BackgroundRole: QBrush(QColor(230, 120, 0, 110)) if flagged else None,
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignCenter,
        }
        return looks.get(Qt.ItemDataRole(role))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.names[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() > index.row():
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            number = parse_judgement(str(value))
        except (ValueError, ZeroDivisionError):
            return False
        if not 1 / 9 - 1e-9 <= number <= 9 + 1e-9:
            return False
        row, column = index.row(), index.column()
        self.matrix[row][column] = number
        self.matrix[column][row] = 1 / number
        self._evaluate()
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(self.names) - 1, len(self.names) - 1)
        )
        self.changed.emit()
        return True


class PairwiseDialog(QDialog):
    def __init__(self, names: list[str], matrix: list[list[float]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare in pairs"))
        self.model = PairwiseModel(names, matrix, self)
        intro = QLabel(
            self.tr(
                "In each cell above the diagonal, say how much more the row matters than the "
                "column: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely "
                "(1/3, 1/5 … if it matters less). The mirror cell fills in by itself."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("pairwise_matrix")
        self.table.setAccessibleName(self.tr("Pairwise comparisons"))
        self.table.setToolTip(
            self.tr("Type a judgement such as 3 or 1/5 in a cell above the diagonal")
        )
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.consistency = QLabel()
        self.consistency.setObjectName("consistency")
        self.consistency.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.consistency)
        layout.addWidget(buttons)
        self.model.changed.connect(self._show_consistency)
        self._show_consistency()
        self.resize(720, 420)

    def _show_consistency(self) -> None:
        result = self.model.result
        if result is None:
            self.consistency.setText(self.model.error)
            self.ok.setEnabled(False)
            return
        self.ok.setEnabled(True)
        if result.consistent:
            text = self.tr("Consistency ratio {cr:.2f}: consistent (at most {limit:.2f}).")
        else:
            text = self.tr(
                "{mark} Consistency ratio {cr:.2f} is above {limit:.2f}: the judgements "
                "contradict each other. Revise the marked cell first."
            )
        self.consistency.setText(text.format(cr=result.cr, limit=CONSISTENCY_LIMIT, mark=REVISE))

    def weights(self) -> list[float]:
        assert self.model.result is not None
        return [float(w) for w in self.model.result.weights]
