"""A table model over a list of frozen records (challenges, tools, members) from the services.

Columns are declared as ``Field`` values. Editing a cell builds an update command and pushes it
through the session: ``setData`` never writes the database, and every edit can be undone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from aligner.domain.errors import AlignerError
from aligner.services import edits
from ui.labels import label
from ui.session import Session

_NO_PARENT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Field:
    """One column: the record attribute (and edit field) it shows, and how."""

    name: str
    #: Header, translated in context "Fields".
    header: str
    editable: bool = True
    #: How a number is shown, e.g. "{:,.0f}".
    number_format: str = ""

    def title(self) -> str:
        return QCoreApplication.translate("Fields", self.header)

    def display(self, record: Any) -> str:
        value = getattr(record, self.name)
        if value is None:
            return ""
        if isinstance(value, StrEnum):
            return label(value)
        if isinstance(value, float) and self.number_format:
            return self.number_format.format(value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def sort_key(self, record: Any) -> Any:
        value = getattr(record, self.name)
        if value is None:
            return (1, "")
        if isinstance(value, StrEnum):
            return (0, label(value))
        return (0, value)


def record_name(record: Any) -> str:
    return str(getattr(record, "title", None) or getattr(record, "name", ""))


class RecordsModel(QAbstractTableModel):
    """Adapts records to a view; holds no business rules."""

    def __init__(
        self,
        session: Session,
        entity: str,
        fields: Sequence[Field],
        on_error: Callable[[AlignerError], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._entity = entity
        self._fields = tuple(fields)
        self._on_error = on_error
        self._records: list[Any] = []

    @property
    def fields(self) -> tuple[Field, ...]:
        return self._fields

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == record_id), -1)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._fields)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, field = self._records[index.row()], self._fields[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return field.display(record)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(record, field.name)
            return "" if value is None else (f"{value:g}" if isinstance(value, float) else value)
        readers: dict[int, Callable[[], Any]] = {
            Qt.ItemDataRole.ToolTipRole: lambda: f"{field.title()}: {field.display(record)}",
            SORT_ROLE: lambda: field.sort_key(record),
            RECORD_ROLE: lambda: record,
        }
        reader = readers.get(role)
        return reader() if reader else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._fields[section].title()
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._fields[index.column()].editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        record, field = self._records[index.row()], self._fields[index.column()]
        current = self.data(index, Qt.ItemDataRole.EditRole)
        if str(value).strip() == str(current).strip():
            return False
        try:
            command = edits.update(self._entity, record.id, **{field.name: value})
            text = QCoreApplication.translate("RecordsModel", "Change {field} of {name}").format(
                field=field.title().lower(), name=record_name(record)
            )
            self._session.push(command, text)
        except AlignerError as error:
            self._on_error(error)
            return False
        return True


class RecordFilter(QSortFilterProxyModel):
    """Sorts by native values; filters by free text and by one enum field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._field = ""
        self._value: str | None = None

    def set_text(self, text: str) -> None:
        self._text = text.strip().lower()
        self._refilter()

    def set_choice(self, field: str, value: str | None) -> None:
        self._field, self._value = field, value
        self._refilter()

    def _refilter(self) -> None:
        # Qt 6.9+ wants begin/endFilterChange; older versions only have invalidateFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RecordsModel)
        record = model.record(source_row)
        if self._value is not None and str(getattr(record, self._field)) != self._value:
            return False
        if not self._text:
            return True
        haystack = " ".join(str(v) for v in _texts(record)).lower()
        return self._text in haystack


def _texts(record: Any) -> list[Any]:
    return [
        getattr(record, name) for name in record.__slots__ if isinstance(getattr(record, name), str)
    ]
