"""The questions the window asks the user, in one replaceable place.

Tests swap a ``Prompts`` for a scripted one, so file handling is tested without modal dialogs.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from aligner.config import FILE_SUFFIX
from aligner.domain.errors import ProjectLockedError, RecoveryAvailableError
from aligner.services.paths import Recovery
from ui.errors import describe

if TYPE_CHECKING:
    # Types only: weighting imports numpy, kept off the window's first-paint path.
    from aligner.services.weighting import OutcomeTemplate


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

    def checklist_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("Install a privacy checklist"),
            "",
            self.tr("Privacy checklists (*.json)"),
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

    def display_name(self, suggested: str) -> str | None:
        """Ask once who is editing, for the audit log; None if the user declines."""
        text, ok = QInputDialog.getText(
            self._parent,
            self.tr("Your name"),
            self.tr(
                "Your name as the audit log should record your changes (asked once; "
                "Preferences can change it):"
            ),
            text=suggested,
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

    def consensus(
        self, tool: str, outcome: str, current: float | None, scale: tuple[float, float]
    ) -> tuple[float, str] | None:
        """Ask for the committee's agreed score of one cell and the reason for it."""
        dialog = QDialog(self._parent)
        dialog.setWindowTitle(self.tr("Agreed score"))
        form = QFormLayout(dialog)
        form.addRow(QLabel(self.tr("{tool} on {outcome}").format(tool=tool, outcome=outcome)))
        value = QDoubleSpinBox()
        value.setRange(*scale)
        value.setDecimals(1)
        value.setSingleStep(1.0)
        value.setValue(round(current) if current is not None else scale[0])
        value.setAccessibleName(self.tr("Agreed score"))
        value.setToolTip(self.tr("The score the committee agreed on"))
        value_label = QLabel(self.tr("&Score:"))
        value_label.setBuddy(value)
        form.addRow(value_label, value)
        reason = QPlainTextEdit()
        reason.setTabChangesFocus(True)
        reason.setAccessibleName(self.tr("Reason"))
        reason.setToolTip(self.tr("Why the committee agreed on this score (required)"))
        reason_label = QLabel(self.tr("&Why:"))
        reason_label.setBuddy(reason)
        form.addRow(reason_label, reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return value.value(), reason.toPlainText()

    def template(self, templates: list[OutcomeTemplate]) -> OutcomeTemplate | None:
        from ui.widgets.template_dialog import TemplateDialog

        dialog = TemplateDialog(templates, self._parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def text(self, title: str, label: str, current: str = "") -> str | None:
        value, ok = QInputDialog.getMultiLineText(self._parent, title, label, current)
        return value if ok else None
