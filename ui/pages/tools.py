"""Tools: the inventory of AI tools under consideration or in use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aligner.domain.enums import ToolStatus
from aligner.domain.model import Tool
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.records import Field
from ui.pages.records import RecordListPage
from ui.widgets.record_form import FormField


class ToolsPage(RecordListPage):
    entity = "tool"
    noun = QT_TRANSLATE_NOOP("RecordListPage", "tool")
    changes_flag = "tools"
    choice_filter = ("status", ToolStatus, QT_TRANSLATE_NOOP("RecordListPage", "Every status"))
    columns = (
        Field("name", QT_TRANSLATE_NOOP("Fields", "Name")),
        Field("vendor", QT_TRANSLATE_NOOP("Fields", "Vendor")),
        Field("purpose", QT_TRANSLATE_NOOP("Fields", "Purpose")),
        Field("annual_cost", QT_TRANSLATE_NOOP("Fields", "Annual cost"), number_format="{:,.0f}"),
        Field(
            "cost_per_student", QT_TRANSLATE_NOOP("Fields", "Per student"), number_format="{:,.2f}"
        ),
        Field("students_served", QT_TRANSLATE_NOOP("Fields", "Students")),
        Field("status", QT_TRANSLATE_NOOP("Fields", "Status"), editable=False),
        Field("owner", QT_TRANSLATE_NOOP("Fields", "Owner")),
    )
    form_fields = (
        FormField(
            "name",
            QT_TRANSLATE_NOOP("Fields", "&Name:"),
            QT_TRANSLATE_NOOP("Fields", "The product's name"),
        ),
        FormField(
            "vendor",
            QT_TRANSLATE_NOOP("Fields", "Vendo&r:"),
            QT_TRANSLATE_NOOP("Fields", "The company that sells it"),
        ),
        FormField(
            "purpose",
            QT_TRANSLATE_NOOP("Fields", "&Purpose:"),
            QT_TRANSLATE_NOOP("Fields", "What the district would use it for"),
            kind="text",
        ),
        FormField(
            "annual_cost",
            QT_TRANSLATE_NOOP("Fields", "Annual &cost:"),
            QT_TRANSLATE_NOOP("Fields", "Total cost per year, in dollars; blank if unknown"),
        ),
        FormField(
            "cost_per_student",
            QT_TRANSLATE_NOOP("Fields", "Cost per s&tudent:"),
            QT_TRANSLATE_NOOP("Fields", "Dollars per student per year; blank if unknown"),
        ),
        FormField(
            "students_served",
            QT_TRANSLATE_NOOP("Fields", "&Students served:"),
            QT_TRANSLATE_NOOP("Fields", "How many students would use it"),
        ),
        FormField(
            "status",
            QT_TRANSLATE_NOOP("Fields", "Stat&us:"),
            QT_TRANSLATE_NOOP("Fields", "Where the tool is in its life in the district"),
            kind="choice",
            choices=ToolStatus,
        ),
        FormField(
            "owner",
            QT_TRANSLATE_NOOP("Fields", "&Owner:"),
            QT_TRANSLATE_NOOP("Fields", "Who is accountable for this tool"),
        ),
        FormField(
            "next_review",
            QT_TRANSLATE_NOOP("Fields", "Ne&xt review:"),
            QT_TRANSLATE_NOOP("Fields", "Date of the next review, as YYYY-MM-DD"),
        ),
    )

    def load(self) -> Sequence[Tool]:
        return self.session.project.tools()

    def new_values(self) -> dict[str, Any]:
        names = {tool.name for tool in self.model_records()}
        base = self.tr("New tool")
        name, n = base, 2
        while name in names:  # tool names are unique in a project
            name, n = f"{base} {n}", n + 1
        return {"name": name, "status": ToolStatus.CANDIDATE}

    def copy_values(self, record: Any) -> dict[str, Any]:
        values = super().copy_values(record)
        names = {tool.name for tool in self.model_records()}
        base, n = values["name"], 2
        while values["name"] in names:
            values["name"], n = f"{base} {n}", n + 1
        return values

    def model_records(self) -> list[Tool]:
        return [self.model.record(row) for row in range(self.model.rowCount())]
