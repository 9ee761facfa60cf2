"""Preferences: text size, what opens at start, and the user's name for the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.session import Session
from ui.settings import TEXT_SCALES, AppSettings


def apply_text_scale(app: QApplication, percent: int, base_point_size: float) -> None:
    font = app.font()
    font.setPointSizeF(base_point_size * percent / 100)
    app.setFont(font)


class PreferencesDialog(QDialog):
    def __init__(
        self, settings: AppSettings, parent: QWidget | None = None, session: Session | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = session
        self.setWindowTitle(self.tr("Preferences"))
        layout = QFormLayout(self)
        self.text_size = QComboBox()
        for percent in TEXT_SCALES:
            self.text_size.addItem(f"{percent}%", percent)
        self.text_size.setCurrentIndex(TEXT_SCALES.index(settings.text_scale))
        self.text_size.setToolTip(self.tr("Make all text in Aligner larger"))
        label = QLabel(self.tr("&Text size:"))
        label.setBuddy(self.text_size)
        self.text_size.setAccessibleName(self.tr("Text size"))
        layout.addRow(label, self.text_size)
        self.reopen = QCheckBox(self.tr("&Reopen the last project at start"))
        self.reopen.setChecked(settings.reopen_last)
        self.reopen.setToolTip(
            self.tr("Without this, Aligner opens your district's default project")
        )
        layout.addRow(self.reopen)
        self.display_name = QLineEdit(settings.display_name)
        self.display_name.setAccessibleName(self.tr("Your name"))
        self.display_name.setToolTip(
            self.tr("How the audit log names your changes, beside your computer account")
        )
        name_label = QLabel(self.tr("Your &name:"))
        name_label.setBuddy(self.display_name)
        layout.addRow(name_label, self.display_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def accept(self) -> None:
        percent = int(self.text_size.currentData())
        app = QApplication.instance()
        if isinstance(app, QApplication) and percent != self.settings.text_scale:
            base = app.font().pointSizeF() * 100 / self.settings.text_scale
            apply_text_scale(app, percent, base)
        self.settings.text_scale = percent
        self.settings.reopen_last = self.reopen.isChecked()
        name = self.display_name.text().strip()
        if name and name != self.settings.display_name:
            # Imported here: the app imports this module at start, before any project is open.
            from ui.display_name import remember

            if self.session is None:
                self.settings.display_name = name
            elif not remember(self.session, self.settings, name):
                return  # refused with a message; the dialog stays open to fix it
        super().accept()
