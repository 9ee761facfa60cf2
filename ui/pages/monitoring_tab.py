"""The Governance page's monitoring: status per outcome, the chart, and the forms that feed them.

A measurement (outcome, date, value, source) is recorded for a tool in pilot or in use; the
status (on track, behind, no data) and the chart follow at once. A pilot's end date is set here
too, and a pilot past its end appears on the due list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aligner.charts.monitoring import monitoring_chart
from aligner.domain.enums import ToolStatus
from aligner.domain.governance import Measurement, MonitoringLine, Progress
from aligner.services import governance, monitoring
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.decisions_tab import date_edit
from ui.widgets.figure_host import FigureHost
from ui.widgets.form_helpers import labelled_row, refill
from ui.widgets.optional_date import OptionalDate
from ui.widgets.tables import PlainTable

if TYPE_CHECKING:
    from ui.pages.base import Page

PROGRESS_LOOK = {
    Progress.ON_TRACK: ("✓", "#BFE5D9"),
    Progress.BEHIND: ("!", "#F5C8A8"),
    Progress.NO_DATA: ("?", "#E4E4E4"),
}


class MonitoringTab(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.lines: list[MonitoringLine] = []
        self.outcome_names: dict[int, str] = {}
        self._measured: dict[int, list[Measurement]] = {}
        self._pilot_ends: dict[int, str | None] = {}
        self.model = PlainTableModel(
            [self.tr("Tool"), self.tr("Outcome"), self.tr("Status"), self.tr("Why")]
        )
        self.table = PlainTable(self.model, self.tr("Monitoring status"))
        self.chart = FigureHost(self.tr("Monitoring chart"))
        self.chart.set_builder(lambda: monitoring_chart(self.lines))
        # The status table is short; the chart gets the column's full height below it.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(self.chart)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 4)
        left.setSizes([200, 1000])
        forms = QWidget()
        forms_layout = QVBoxLayout(forms)
        forms_layout.setContentsMargins(0, 0, 0, 0)
        forms_layout.addWidget(self._measurement_form())
        forms_layout.addWidget(self._measurements_box(), 1)
        forms_layout.addWidget(self._pilot_form())
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setWidget(forms)
        side.setAccessibleName(self.tr("Monitoring forms"))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.table.selectionModel().currentChanged.connect(self._on_line)

    def status_words(self) -> dict[Progress, str]:
        return {
            Progress.ON_TRACK: self.tr("on track"),
            Progress.BEHIND: self.tr("behind"),
            Progress.NO_DATA: self.tr("no data"),
        }

    # --- forms -----------------------------------------------------------------------------

    def _measurement_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Record a measurement"))
        form = QFormLayout(box)
        self.tool = QComboBox()
        self.tool.setToolTip(self.tr("Only tools in pilot or in use are monitored"))
        self.outcome = QComboBox()
        self.measured_on = date_edit(self.tr("Date measured"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("e.g. 52.5, in the outcome's unit"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("e.g. spring benchmark report"))
        for text, widget in (
            (self.tr("&Tool:"), self.tool),
            (self.tr("&Outcome:"), self.outcome),
            (self.tr("&Date:"), self.measured_on),
            (self.tr("&Value:"), self.value),
            (self.tr("&Source:"), self.source),
        ):
            labelled_row(form, text, widget)
        self.record_button = QPushButton(self.tr("Record measurement"))
        form.addRow(self.record_button)
        self.record_button.clicked.connect(self.record)
        self.value.returnPressed.connect(self.record)
        self.tool.currentIndexChanged.connect(self._show_measurements)
        return box

    def _measurements_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Measurements of the chosen tool"))
        layout = QVBoxLayout(box)
        self.measurements_model = PlainTableModel(
            [self.tr("Date"), self.tr("Value"), self.tr("Outcome"), self.tr("Source")]
        )
        self.measurements_table = PlainTable(self.measurements_model, self.tr("Measurements"))
        self.measurements_table.setMinimumHeight(110)
        self.delete_button = QPushButton(self.tr("Delete measurement"))
        self.delete_button.setToolTip(self.tr("Remove the selected measurement (Ctrl+Z undoes)"))
        layout.addWidget(self.measurements_table, 1)
        layout.addWidget(self.delete_button)
        self.delete_button.clicked.connect(self.delete_measurement)
        return box

    def _pilot_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Pilot end"))
        form = QFormLayout(box)
        self.pilot_tool = QComboBox()
        self.pilot_ends_on = OptionalDate(self.tr("Pilot ends"), self.tr("not set"))
        labelled_row(form, self.tr("Pi&lot:"), self.pilot_tool)
        labelled_row(form, self.tr("&Ends:"), self.pilot_ends_on)
        self.set_pilot_button = QPushButton(self.tr("Set pilot end"))
        self.set_pilot_button.setToolTip(self.tr("A pilot past its end is listed as due"))
        self.clear_pilot_button = QPushButton(self.tr("No end date"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_pilot_button)
        buttons.addWidget(self.clear_pilot_button)
        form.addRow(buttons)
        self.set_pilot_button.clicked.connect(self.set_pilot_end)
        self.clear_pilot_button.clicked.connect(lambda: self.set_pilot_end(clear=True))
        self.pilot_tool.currentIndexChanged.connect(self._show_pilot)
        return box

    # --- edits -----------------------------------------------------------------------------

    def record(self) -> None:
        tool_id, outcome_id = self.tool.currentData(), self.outcome.currentData()
        if tool_id is None or outcome_id is None:
            return
        day = self.measured_on.date().toString("yyyy-MM-dd")
        value, source = self.value.text(), self.source.text()
        applied = self.page.push_built(
            lambda: monitoring.add_measurement(int(tool_id), int(outcome_id), day, value, source),
            self.tr("Record measurement of {outcome}").format(outcome=self.outcome.currentText()),
        )
        if applied is not None:
            self.value.clear()

    def delete_measurement(self) -> None:
        measurement = self.measurements_table.current_payload()
        if isinstance(measurement, Measurement):
            self.page.push(
                monitoring.delete_measurement(measurement.id), self.tr("Delete measurement")
            )

    def set_pilot_end(self, *, clear: bool = False) -> None:
        tool_id = self.pilot_tool.currentData()
        if tool_id is None:
            return
        ends = None if clear else self.pilot_ends_on.value()
        self.page.push(
            governance.SetPilotEnd(int(tool_id), ends),
            self.tr("Set the end of the {tool} pilot").format(tool=self.pilot_tool.currentText()),
        )

    # --- showing ---------------------------------------------------------------------------

    def _on_line(self, current: QModelIndex, previous: QModelIndex) -> None:
        line = self.table.current_payload()
        if isinstance(line, MonitoringLine):
            self.tool.setCurrentIndex(self.tool.findData(line.tool_id))
            if line.outcome_id is not None:
                self.outcome.setCurrentIndex(self.outcome.findData(line.outcome_id))

    def _show_measurements(self) -> None:
        tool_id = self.tool.currentData()
        found = [] if tool_id is None else self._measured.get(int(tool_id), [])
        if found and not self.value.text():
            # The next measurement is most likely of what was measured last for this tool.
            self.outcome.setCurrentIndex(self.outcome.findData(found[-1].outcome_id))
        self.measurements_model.set_rows(
            [
                Row(
                    (
                        Cell(m.measured_on, (m.measured_on, m.id)),
                        Cell(f"{m.value:g}", m.value),
                        Cell(self.outcome_names.get(m.outcome_id, "?")),
                        Cell(m.source, tooltip=m.source),
                    ),
                    m,
                )
                for m in reversed(found)
            ]
        )

    def _show_pilot(self) -> None:
        tool_id = self.pilot_tool.currentData()
        self.pilot_ends_on.set_value(
            self._pilot_ends.get(int(tool_id)) if tool_id is not None else None
        )
        for widget in (self.pilot_ends_on, self.set_pilot_button, self.clear_pilot_button):
            widget.setEnabled(tool_id is not None)

    def reload(self) -> None:
        project = self.page.session.project
        self.lines = monitoring.monitoring(project)
        tools = [t for t in project.tools() if t.status in monitoring.MONITORED]
        pilots = [t for t in tools if t.status is ToolStatus.PILOTING]
        self._pilot_ends = {t.id: t.pilot_ends_on for t in pilots}
        self._measured = {}
        for m in monitoring.measurements(project):
            self._measured.setdefault(m.tool_id, []).append(m)
        outcomes = sorted(project.outcomes(), key=lambda o: o.name)
        self.outcome_names = {o.id: o.name for o in outcomes}
        refill(self.outcome, {o.id: f"{o.name} ({o.unit})" if o.unit else o.name for o in outcomes})
        refill(self.tool, {t.id: t.name for t in tools})
        refill(self.pilot_tool, {t.id: t.name for t in pilots})
        for widget in (self.record_button, self.value, self.source):
            widget.setEnabled(bool(tools))
        self._show_measurements()
        self._show_pilot()
        words = self.status_words()
        rows = []
        for line in self.lines:
            symbol, colour = PROGRESS_LOOK[line.progress]
            state = Cell(f"{symbol} {words[line.progress]}", line.progress.value, colour)
            cells = (Cell(line.tool_name), Cell(line.outcome_name), state, Cell(line.explanation))
            rows.append(Row(cells, line))
        self.model.set_rows(rows)
        self.chart.schedule()
