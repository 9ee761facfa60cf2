"""The questions the window asks the user, in one replaceable place.

Tests swap a ``Prompts`` for a scripted one, so file handling is tested without modal dialogs.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from aligner.config import FILE_SUFFIX
from aligner.domain.errors import ProjectLockedError, RecoveryAvailableError
from aligner.services.project import Recovery
from ui.errors import describe


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Prompts(QObject):
    """Modal questions with plain-words choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = parent
        self._parent = parent

    def _filter(self) -> str:
        return self.tr("Aligner projects (*{suffix})").format(suffix=FILE_SUFFIX)

    def open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Open project"), folder, self._filter()
        )
        return Path(name) if name else None

    def save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save project as"), suggested, self._filter()
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)

    def district_name(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(
            self._parent,
            self.tr("New project"),
            self.tr("Your district's name:"),
            text=current,
        )
        return text.strip() if ok and text.strip() else None

    def take_over(self, error: ProjectLockedError) -> bool:
        title, text = describe(error)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._parent)
        anyway = box.addButton(self.tr("Open anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Don't open"), QMessageBox.ButtonRole.RejectRole)
        box.setAccessibleName(title)
        box.exec()
        return box.clickedButton() is anyway

    def recovery(self, error: RecoveryAvailableError) -> Recovery | None:
        title, text = describe(error)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self._parent)
        box.setInformativeText(
            self.tr(
                "Recover them to continue where you left off, or discard them "
                "to open the file as last saved."
            )
        )
        recover = box.addButton(self.tr("Recover changes"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(recover)
        box.setAccessibleName(title)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return Recovery.RECOVER
        if clicked is discard:
            return Recovery.DISCARD
        return None

    def unsaved(self, file_name: str) -> Unsaved:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {name} before closing?").format(name=file_name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setAccessibleName(self.tr("Unsaved changes"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return Unsaved.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Unsaved.DISCARD
        return Unsaved.CANCEL

    def confirm(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self._parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAccessibleName(title)
        box.exec()
        return box.clickedButton() is ok

    def text(self, title: str, label: str, current: str = "") -> str | None:
        value, ok = QInputDialog.getMultiLineText(self._parent, title, label, current)
        return value if ok else None
