"""A detail form for one record, built from field specs; each edit is one undoable command.

A field commits when the user leaves it (or picks a choice), so typing a title and pressing Tab
is one step on the undo stack. Labels are buddies of their editors, which gives every editor an
accessible name and an Alt mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ui.labels import label


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    #: Label with & mnemonic, translated in context "Fields".
    text: str
    tip: str
    kind: str = "line"  # line, text, choice, int
    choices: type[StrEnum] | None = None
    minimum: int = 0
    maximum: int = 100


class _FocusOut(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class RecordForm(QWidget):
    """Shows one record; emits ``edited(field, value)`` when the user changes a field."""

    edited = Signal(str, object)

    def __init__(self, fields: tuple[FormField, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields = fields
        self._editors: dict[str, QWidget] = {}
        self._values: dict[str, Any] = {}
        self._filling = False
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in fields:
            editor = self._make_editor(spec)
            caption = QLabel(QCoreApplication.translate("Fields", spec.text))
            caption.setBuddy(editor)
            editor.setAccessibleName(caption.text().replace("&", ""))
            tip = QCoreApplication.translate("Fields", spec.tip)
            editor.setToolTip(tip)
            editor.setObjectName(f"field_{spec.name}")
            layout.addRow(caption, editor)
            self._editors[spec.name] = editor

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def _make_editor(self, spec: FormField) -> QWidget:
        if spec.kind == "choice":
            assert spec.choices is not None
            combo = QComboBox()
            for member in spec.choices:
                combo.addItem(label(member), member.value)
            combo.activated.connect(lambda _i, n=spec.name: self._commit(n))
            return combo
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            spin.editingFinished.connect(lambda n=spec.name: self._commit(n))
            return spin
        if spec.kind == "text":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(text.fontMetrics().lineSpacing() * 3)
            text.installEventFilter(_FocusOut(partial(self._commit, spec.name), text))
            return text
        line = QLineEdit()
        line.editingFinished.connect(lambda n=spec.name: self._commit(n))
        return line

    def value(self, name: str) -> Any:
        editor = self._editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def set_record(self, record: Any | None) -> None:
        self._filling = True
        try:
            self.setEnabled(record is not None)
            for spec in self._fields:
                raw = None if record is None else getattr(record, spec.name)
                self._set(spec, raw)
                self._values[spec.name] = self.value(spec.name)
        finally:
            self._filling = False

    def _set(self, spec: FormField, raw: Any) -> None:
        editor = self._editors[spec.name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(raw) if raw is not None else "")))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(raw or spec.minimum))
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != (raw or ""):
                editor.setPlainText(raw or "")
        else:
            assert isinstance(editor, QLineEdit)
            text = "" if raw is None else (f"{raw:g}" if isinstance(raw, float) else str(raw))
            editor.setText(text)

    def _commit(self, name: str) -> None:
        if self._filling or not self.isEnabled():
            return
        value = self.value(name)
        if value == self._values.get(name):
            return
        self._values[name] = value
        self.edited.emit(name, value)
