"""Retiring a tool: a checklist that cannot finish until deletion is confirmed in writing.

Discontinuing puts the tool in "discontinuing"; it becomes "discontinued" only when the vendor
has confirmed deletion of student data (date and evidence), so a district never loses track of
data it can no longer see (mission-anchors §3.9: vendors going silent, deletion not proven).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from aligner.domain.enums import ToolStatus
from aligner.domain.errors import NotFoundError, ValidationError
from aligner.domain.governance import Retirement
from aligner.services.commands import Applied, Batch, InsertRows, UpdateRow
from aligner.services.fields import iso_date, text
from aligner.services.project import Project
from aligner.storage import governance_rows, rows

STEPS = ("users_notified_on", "access_removed_on", "deletion_requested_on", "deletion_confirmed_on")


def start(tool_id: int, started_on: str | date) -> Batch:
    """Begin retiring a tool (a "discontinue" decision does this too)."""
    day = iso_date(optional=False)("Retirement start", started_on)
    return Batch(
        (
            InsertRows((rows.pack("retirement", {"tool_id": tool_id, "started_on": day}),), ""),
            UpdateRow("tool", (tool_id,), (("status", ToolStatus.DISCONTINUING.value),), ""),
        ),
        "Start retirement",
    )


def record_step(tool_id: int, **dates: Any) -> UpdateRow:
    """Tick steps of the checklist with their dates (and the deletion evidence)."""
    values: dict[str, Any] = {}
    for name, value in dates.items():
        if name == "deletion_evidence":
            values[name] = text()("Deletion evidence", value)
        elif name in STEPS:
            values[name] = iso_date()(name.replace("_", " ").capitalize(), value)
        else:
            raise ValidationError(f"Retirement {name}", "is not a step of the checklist")
    if not values:
        raise ValidationError("Retirement", "nothing to record")
    return UpdateRow("retirement", (tool_id,), tuple(sorted(values.items())), "Retirement step")


@dataclass(frozen=True, slots=True)
class Finish:
    """Mark the tool discontinued; refused while deletion is not confirmed in writing."""

    tool_id: int
    finished_on: str | date
    description: str = "Finish retirement"

    def apply(self, connection: Connection) -> Applied:
        found = governance_rows.retirements(connection).get(self.tool_id)
        if found is None:
            raise NotFoundError(f"tool {self.tool_id} is not being retired")
        if not found.can_finish:
            raise ValidationError(
                "Retirement",
                "cannot finish until the vendor's deletion of student data is confirmed "
                "in writing (date and evidence)",
            )
        day = iso_date(optional=False)("Retirement end", self.finished_on)
        return Batch(
            (
                UpdateRow("retirement", (self.tool_id,), (("completed_on", day),), ""),
                UpdateRow(
                    "tool", (self.tool_id,), (("status", ToolStatus.DISCONTINUED.value),), ""
                ),
            ),
            self.description,
        ).apply(connection)


def retirements(project: Project) -> dict[int, Retirement]:
    with project.reading() as c:
        return governance_rows.retirements(c)
