"""The rubric scale as a table: value, label, description per level. Edits replace the scale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from aligner.domain.errors import AlignerError
from aligner.domain.model import RubricLevel
from aligner.services import edits
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.records import AnyIndex
from ui.session import Session

_NO_PARENT = QModelIndex()
_HEADERS = (
    QT_TRANSLATE_NOOP("RubricModel", "Score"),
    QT_TRANSLATE_NOOP("RubricModel", "Label"),
    QT_TRANSLATE_NOOP("RubricModel", "What it means"),
)
_FIELDS = ("value", "label", "description")


class RubricModel(QAbstractTableModel):
    def __init__(
        self, session: Session, on_error: Callable[[AlignerError], None], parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._on_error = on_error
        self.levels: tuple[RubricLevel, ...] = ()

    def set_levels(self, levels: tuple[RubricLevel, ...]) -> None:
        self.beginResetModel()
        self.levels = levels
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.levels)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = getattr(self.levels[index.row()], _FIELDS[index.column()])
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RubricModel", _HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = _FIELDS[index.column()]
        level = self.levels[index.row()]
        try:
            new_value: Any = int(value) if field == "value" else str(value)
        except ValueError:
            return False
        if new_value == getattr(level, field):
            return False
        levels = list(self.levels)
        levels[index.row()] = replace(level, **{field: new_value})
        return self.replace_levels(
            tuple(levels),
            QCoreApplication.translate("RubricModel", "Change rubric level {value}").format(
                value=level.value
            ),
        )

    def replace_levels(self, levels: tuple[RubricLevel, ...], text: str) -> bool:
        try:
            self._session.push(edits.set_rubric(levels), text)
        except AlignerError as error:
            self._on_error(error)
            return False
        return True
