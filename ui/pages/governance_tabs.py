"""The Governance page's monitoring, data systems and retirement tabs."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aligner.charts.data_flow import FlowLink, data_flow_chart
from aligner.charts.monitoring import monitoring_chart
from aligner.domain.governance import MonitoringLine, Progress, Retirement
from aligner.services import data_systems, monitoring, retirement
from ui.models.plain_table import Cell, PlainTableModel, Row
from ui.pages.base import Page
from ui.widgets.figure_host import FigureHost
from ui.widgets.tables import PlainTable

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
        self.model = PlainTableModel(
            [self.tr("Tool"), self.tr("Outcome"), self.tr("Status"), self.tr("Why")]
        )
        self.table = PlainTable(self.model, self.tr("Monitoring status"))
        self.chart = FigureHost(self.tr("Monitoring chart"))
        self.chart.set_builder(lambda: monitoring_chart(self.lines))
        # The status table is short; the chart gets the page's full width below it.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([200, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def status_words(self) -> dict[Progress, str]:
        return {
            Progress.ON_TRACK: self.tr("on track"),
            Progress.BEHIND: self.tr("behind"),
            Progress.NO_DATA: self.tr("no data"),
        }

    def reload(self) -> None:
        self.lines = monitoring.monitoring(self.page.session.project)
        words = self.status_words()
        rows = []
        for line in self.lines:
            symbol, colour = PROGRESS_LOOK[line.progress]
            state = Cell(f"{symbol} {words[line.progress]}", line.progress.value, colour)
            rows.append(
                Row((Cell(line.tool_name), Cell(line.outcome_name), state, Cell(line.explanation)))
            )
        self.model.set_rows(rows)
        self.chart.schedule()


class SystemsTab(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.flow: list[FlowLink] = []
        self.systems_model = PlainTableModel([self.tr("System"), self.tr("Kind"), self.tr("Owner")])
        self.systems_table = PlainTable(self.systems_model, self.tr("Data systems"))
        self.links_model = PlainTableModel(
            [self.tr("Tool"), self.tr("System"), self.tr("How"), self.tr("Student data that flows")]
        )
        self.links_table = PlainTable(self.links_model, self.tr("Tool connections"))
        self.chart = FigureHost(self.tr("Data flow chart"))
        self.chart.set_builder(lambda: data_flow_chart(self.flow))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("The district's data systems and their owners")))
        left_layout.addWidget(self.systems_table, 1)
        left_layout.addWidget(QLabel(self.tr("How each tool connects, and what flows")))
        left_layout.addWidget(self.links_table, 2)
        # The flow chart needs the full width to keep its three columns apart.
        views = QTabWidget()
        views.setAccessibleName(self.tr("Data systems views"))
        views.addTab(left, self.tr("Systems and connections"))
        views.addTab(self.chart, self.tr("Flow chart"))
        self.views = views
        layout = QVBoxLayout(self)
        layout.addWidget(views)

    def reload(self) -> None:
        project = self.page.session.project
        tools: dict[int, str] = {t.id: t.name for t in project.tools()}
        systems = data_systems.data_systems(project)
        names = {s.id: s.name for s in systems}
        self.systems_model.set_rows(
            [Row((Cell(s.name), Cell(s.kind), Cell(s.owner)), s) for s in systems]
        )
        how = {
            "rostering": self.tr("rostering standard"),
            "sso": self.tr("single sign-on"),
            "file_upload": self.tr("file upload"),
            "none": self.tr("none"),
        }
        links = data_systems.tool_systems(project)
        self.links_model.set_rows(
            [
                Row(
                    (
                        Cell(tools[link.tool_id]),
                        Cell(names[link.system_id]),
                        Cell(how[link.how.value]),
                        Cell(", ".join(link.categories)),
                    ),
                    link,
                )
                for link in links
            ]
        )
        self.flow = [
            FlowLink(tools[link.tool_id], names[link.system_id], link.how.value, link.categories)
            for link in links
        ]
        self.chart.schedule()


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
