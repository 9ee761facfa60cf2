"""The Governance page's register of data systems and each tool's connections to them.

Two tables (systems with their owners; tool -> system links with how they connect and which
student data flows) edited through the forms beside them, and the flow chart of the same links.
Every edit is an undoable, audited command; a bad value is refused with a message naming the
field and leaves the project as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aligner.charts.data_flow import FlowLink, data_flow_chart
from aligner.domain.governance import DATA_CATEGORIES, DataSystem, ToolSystemLink
from aligner.services import data_systems
from ui.models.plain_table import PAYLOAD_ROLE, Cell, PlainTableModel, Row
from ui.widgets.figure_host import FigureHost
from ui.widgets.form_helpers import labelled_row, refill
from ui.widgets.tables import PlainTable

if TYPE_CHECKING:
    from ui.pages.base import Page

#: Offered in the Kind box; the district may type any other.
SYSTEM_KINDS = (
    "Student information system (SIS)",
    "Learning management system (LMS)",
    "Assessment platform",
    "Identity provider (single sign-on)",
    "Family communications",
    "Special education system",
    "Data warehouse",
    "Library system",
)


class SystemsTab(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.flow: list[FlowLink] = []
        self.systems: list[DataSystem] = []
        self.systems_model = PlainTableModel([self.tr("System"), self.tr("Kind"), self.tr("Owner")])
        self.systems_table = PlainTable(self.systems_model, self.tr("Data systems"))
        self.links_model = PlainTableModel(
            [self.tr("Tool"), self.tr("System"), self.tr("How"), self.tr("Student data")]
        )
        self.links_table = PlainTable(self.links_model, self.tr("Tool connections"))
        self.chart = FigureHost(self.tr("Data flow chart"))
        self.chart.set_builder(lambda: data_flow_chart(self.flow))
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(QLabel(self.tr("The district's data systems and their owners")))
        tables_layout.addWidget(self.systems_table, 2)
        tables_layout.addWidget(QLabel(self.tr("How each tool connects, and what flows")))
        tables_layout.addWidget(self.links_table, 3)
        forms = QWidget()
        forms_layout = QVBoxLayout(forms)
        forms_layout.setContentsMargins(0, 0, 0, 0)
        forms_layout.addWidget(self._system_form())
        forms_layout.addWidget(self._link_form(), 1)
        register = QSplitter()
        register.addWidget(tables)
        register.addWidget(forms)
        register.setStretchFactor(0, 3)
        register.setStretchFactor(1, 2)
        # The flow chart needs the full width to keep its three columns apart.
        views = QTabWidget()
        views.setAccessibleName(self.tr("Data systems views"))
        views.addTab(register, self.tr("Systems and connections"))
        views.addTab(self.chart, self.tr("Flow chart"))
        self.views = views
        layout = QVBoxLayout(self)
        layout.addWidget(views)
        self.systems_table.selectionModel().currentChanged.connect(self._show_system)
        self.links_table.selectionModel().currentChanged.connect(self._show_link)

    def how_words(self) -> dict[str, str]:
        return {
            "rostering": self.tr("rostering standard"),
            "sso": self.tr("single sign-on"),
            "file_upload": self.tr("file upload"),
            "none": self.tr("none"),
        }

    # --- forms -----------------------------------------------------------------------------

    def _system_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data system"))
        form = QFormLayout(box)
        self.system_name = QLineEdit()
        self.system_name.setPlaceholderText(self.tr("e.g. Student information system"))
        self.system_kind = QComboBox()
        self.system_kind.setEditable(True)
        self.system_kind.addItems(list(SYSTEM_KINDS))
        self.system_kind.setCurrentIndex(-1)
        self.system_kind.setToolTip(self.tr("Choose a kind or type your own"))
        self.system_owner = QLineEdit()
        self.system_owner.setPlaceholderText(self.tr("Who is accountable for it"))
        for text, widget in (
            (self.tr("&Name:"), self.system_name),
            (self.tr("&Kind:"), self.system_kind),
            (self.tr("O&wner:"), self.system_owner),
        ):
            labelled_row(form, text, widget)
        editor = self.system_kind.lineEdit()
        if editor is not None:  # typed kinds are read out under the box's name
            editor.setAccessibleName(self.system_kind.accessibleName())
        self.add_system_button = QPushButton(self.tr("Add system"))
        self.save_system_button = QPushButton(self.tr("Save changes"))
        self.delete_system_button = QPushButton(self.tr("Delete system…"))
        self.save_system_button.setToolTip(self.tr("Change the system selected in the table"))
        buttons = QHBoxLayout()
        for button in (self.add_system_button, self.save_system_button, self.delete_system_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        self.add_system_button.clicked.connect(self.add_system)
        self.save_system_button.clicked.connect(self.save_system)
        self.delete_system_button.clicked.connect(self.delete_system)
        return box

    def _link_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Connection of a tool to a system"))
        form = QFormLayout(box)
        self.link_tool = QComboBox()
        self.link_system = QComboBox()
        self.link_how = QComboBox()
        for value, text in self.how_words().items():
            self.link_how.addItem(text, value)
        self.link_categories = QListWidget()
        self.link_categories.setToolTip(
            self.tr("Tick each kind of student data that flows over this connection")
        )
        for category in DATA_CATEGORIES:
            item = QListWidgetItem(category)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.link_categories.addItem(item)
        for text, widget in (
            (self.tr("&Tool:"), self.link_tool),
            (self.tr("S&ystem:"), self.link_system),
            (self.tr("&How:"), self.link_how),
            (self.tr("Student &data:"), self.link_categories),
        ):
            labelled_row(form, text, widget)
        self.save_link_button = QPushButton(self.tr("Save connection"))
        self.save_link_button.setToolTip(
            self.tr("Connect the tool to the system, or change how it connects")
        )
        self.remove_link_button = QPushButton(self.tr("Remove connection"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_link_button)
        buttons.addWidget(self.remove_link_button)
        form.addRow(buttons)
        self.save_link_button.clicked.connect(self.save_link)
        self.remove_link_button.clicked.connect(self.remove_link)
        return box

    def chosen_categories(self) -> list[str]:
        items = (self.link_categories.item(i) for i in range(self.link_categories.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_categories(self, chosen: tuple[str, ...] | list[str]) -> None:
        for i in range(self.link_categories.count()):
            item = self.link_categories.item(i)
            checked = item.text() in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _current_system(self) -> DataSystem | None:
        payload = self.systems_table.current_payload()
        return payload if isinstance(payload, DataSystem) else None

    def _show_system(self) -> None:
        system = self._current_system()
        if system is None:
            return
        self.system_name.setText(system.name)
        self.system_kind.setCurrentText(system.kind)
        self.system_owner.setText(system.owner)
        self.link_system.setCurrentIndex(max(self.link_system.findData(system.id), 0))

    def _show_link(self) -> None:
        link = self.links_table.current_payload()
        if not isinstance(link, ToolSystemLink):
            return
        self.link_tool.setCurrentIndex(self.link_tool.findData(link.tool_id))
        self.link_system.setCurrentIndex(self.link_system.findData(link.system_id))
        self.link_how.setCurrentIndex(self.link_how.findData(link.how.value))
        self.set_categories(link.categories)

    # --- edits -----------------------------------------------------------------------------

    def _system_values(self) -> dict[str, str]:
        return {
            "name": self.system_name.text(),
            "kind": self.system_kind.currentText(),
            "owner": self.system_owner.text(),
        }

    def add_system(self) -> None:
        values = self._system_values()
        applied = self.page.push_built(
            lambda: data_systems.add_system(**values),
            self.tr("Add data system {name}").format(name=values["name"].strip()),
        )
        if applied is not None and applied.created:
            self.select_system(int(applied.created[0][0]))

    def save_system(self) -> None:
        system = self._current_system()
        if system is None:
            return
        values = self._system_values()
        self.page.push_built(
            lambda: data_systems.update_system(system.id, **values),
            self.tr("Edit data system {name}").format(name=system.name),
        )
        self.select_system(system.id)

    def delete_system(self) -> None:
        system = self._current_system()
        if system is None:
            return
        links = sum(
            1
            for link in data_systems.tool_systems(self.page.session.project)
            if link.system_id == system.id
        )
        text = self.tr("Delete the data system “{name}”?").format(name=system.name)
        if links:
            text += " " + self.tr("This also removes its {n} tool connection(s).").format(n=links)
        text += " " + self.tr("You can undo this with Ctrl+Z.")
        prompts = getattr(self.window(), "prompts", None)
        if prompts is None or not prompts.confirm(
            self.tr("Delete data system"), text, self.tr("Delete")
        ):
            return
        self.page.push(
            data_systems.delete_system(system.id),
            self.tr("Delete data system {name}").format(name=system.name),
        )

    def save_link(self) -> None:
        tool_id, system_id = self.link_tool.currentData(), self.link_system.currentData()
        if tool_id is None or system_id is None:
            return
        how, categories = str(self.link_how.currentData()), self.chosen_categories()
        self.page.push_built(
            lambda: data_systems.link_tool(int(tool_id), int(system_id), how, categories),
            self.tr("Connect {tool} to {system}").format(
                tool=self.link_tool.currentText(), system=self.link_system.currentText()
            ),
        )

    def remove_link(self) -> None:
        link = self.links_table.current_payload()
        if isinstance(link, ToolSystemLink):
            tool = self.link_tool.itemText(self.link_tool.findData(link.tool_id))
            system = self.link_system.itemText(self.link_system.findData(link.system_id))
            self.page.push(
                data_systems.unlink_tool(link.tool_id, link.system_id),
                self.tr("Disconnect {tool} from {system}").format(tool=tool, system=system),
            )

    def select_system(self, system_id: int) -> None:
        for row in range(self.systems_table.proxy.rowCount()):
            index = self.systems_table.proxy.index(row, 0)
            if self.systems_table.proxy.data(index, PAYLOAD_ROLE).id == system_id:
                self.systems_table.setCurrentIndex(index)
                return

    # --- showing ---------------------------------------------------------------------------

    def reload(self) -> None:
        project = self.page.session.project
        tools: dict[int, str] = {t.id: t.name for t in project.tools()}
        self.systems = data_systems.data_systems(project)
        names = {s.id: s.name for s in self.systems}
        refill(self.link_tool, tools)
        refill(self.link_system, names)
        self.systems_model.set_rows(
            [Row((Cell(s.name), Cell(s.kind), Cell(s.owner)), s) for s in self.systems]
        )
        how = self.how_words()
        links = data_systems.tool_systems(project)
        self.links_model.set_rows(
            [
                Row(
                    (
                        Cell(tools[link.tool_id]),
                        Cell(names[link.system_id]),
                        Cell(how[link.how.value]),
                        Cell(", ".join(link.categories), tooltip="\n".join(link.categories)),
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
