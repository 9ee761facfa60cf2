"""A date field that can also say "not recorded": the earliest date stands for no date."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

ISO = "yyyy-MM-dd"


class OptionalDate(QDateEdit):
    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(ISO)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setSpecialValueText(empty_text)
        self.setAccessibleName(name)
        self.set_value(None)

    def value(self) -> str | None:
        day = self.date()
        return None if day == self.minimumDate() else day.toString(ISO)

    def set_value(self, value: str | None) -> None:
        day = QDate.fromString(value or "", ISO)
        self.setDate(day if day.isValid() else self.minimumDate())
