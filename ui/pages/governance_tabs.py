"""The Governance page's retirement tab."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.governance import Retirement
from aligner.services import retirement
from ui.pages.base import Page


class RetirementTab(QWidget):
    """The retirement checklist of one tool being discontinued."""

    STEPS = (
        "users_notified_on",
        "access_removed_on",
        "deletion_requested_on",
        "deletion_confirmed_on",
    )

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.records: dict[int, Retirement] = {}
        self.tool = QComboBox()
        self.tool.setAccessibleName(self.tr("Tool being retired"))
        self.state = QLabel()
        self.state.setObjectName("retirement_state")
        self.state.setWordWrap(True)
        box = QGroupBox(self.tr("Retirement checklist"))
        form = QFormLayout(box)
        form.addRow(self.tr("Tool"), self.tool)
        labels = (
            self.tr("Users notified"),
            self.tr("Access removed"),
            self.tr("Deletion of student data requested"),
            self.tr("Deletion confirmed in writing"),
        )
        self.dates: dict[str, QDateEdit] = {}
        for step, label in zip(self.STEPS, labels, strict=True):
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setSpecialValueText(self.tr("not yet"))
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setAccessibleName(label)
            self.dates[step] = edit
            form.addRow(label, edit)
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName(self.tr("Deletion evidence"))
        self.evidence.setPlaceholderText(self.tr("e.g. vendor's letter of 3 Dec, ref 118"))
        form.addRow(self.tr("Deletion evidence"), self.evidence)
        self.save_button = QPushButton(self.tr("Save steps"))
        self.finish_button = QPushButton(self.tr("Finish retirement"))
        self.finish_button.setToolTip(
            self.tr("Marks the tool discontinued; only once deletion is confirmed in writing")
        )
        form.addRow(self.save_button)
        form.addRow(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.state)
        layout.addStretch(1)
        self.tool.currentIndexChanged.connect(self._show)
        self.save_button.clicked.connect(self.save_steps)
        self.finish_button.clicked.connect(self.finish)

    def reload(self) -> None:
        project = self.page.session.project
        self.records = retirement.retirements(project)
        names: dict[int, str] = {t.id: t.name for t in project.tools()}
        current = self.tool.currentData()
        self.tool.blockSignals(True)
        self.tool.clear()
        for tool_id in self.records:
            self.tool.addItem(names.get(tool_id, "?"), tool_id)
        self.tool.setCurrentIndex(max(self.tool.findData(current), 0))
        self.tool.blockSignals(False)
        self._show()

    def _current(self) -> Retirement | None:
        tool_id = self.tool.currentData()
        return None if tool_id is None else self.records.get(int(tool_id))

    def _show(self) -> None:
        record = self._current()
        for widget in (*self.dates.values(), self.evidence, self.save_button, self.finish_button):
            widget.setEnabled(record is not None and record.completed_on is None)
        if record is None:
            self.state.setText(self.tr("No tool is being retired."))
            return
        for step, edit in self.dates.items():
            value = getattr(record, step)
            edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else edit.minimumDate())
        self.evidence.setText(record.deletion_evidence)
        if record.completed_on:
            text = self.tr("✓ Retired on {day}.").format(day=record.completed_on)
        elif record.can_finish:
            text = self.tr("Deletion confirmed: the retirement can be finished.")
        else:
            text = self.tr(
                "⚠ Still being discontinued: the vendor has not confirmed deletion of student "
                "data in writing."
            )
        self.state.setText(text)

    def save_steps(self) -> None:
        record = self._current()
        if record is None:
            return
        values: dict[str, object] = {"deletion_evidence": self.evidence.text()}
        for step, edit in self.dates.items():
            day = edit.date()
            values[step] = None if day == edit.minimumDate() else day.toString("yyyy-MM-dd")
        self.page.push(retirement.record_step(record.tool_id, **values))

    def finish(self) -> None:
        record = self._current()
        if record is not None:
            day = QDate.currentDate().toString("yyyy-MM-dd")
            self.page.push(retirement.Finish(record.tool_id, day))
