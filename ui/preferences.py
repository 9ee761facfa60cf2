"""Preferences: text size and what opens at start. UI preferences only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from ui.settings import TEXT_SCALES, AppSettings


def apply_text_scale(app: QApplication, percent: int, base_point_size: float) -> None:
    font = app.font()
    font.setPointSizeF(base_point_size * percent / 100)
    app.setFont(font)


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
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
        super().accept()
