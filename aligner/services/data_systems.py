"""The register of the district's data systems, and how each tool connects to them.

A system has a name, a kind (student information system, LMS, assessment platform...) and an
owner; a connection says how a tool reaches a system (rostering standard, single sign-on, file
upload, none) and which student data categories flow over it. Every edit is an undoable,
audited command; deleting a system takes its connections with it, and undo brings them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from aligner.domain.errors import NotFoundError, ValidationError
from aligner.domain.governance import DataSystem, ToolSystemLink
from aligner.services import edits
from aligner.services.commands import Applied, Command, DeleteRows, Upsert
from aligner.services.fields import clean
from aligner.services.project import Project
from aligner.storage import governance_rows, rows


@dataclass(frozen=True, slots=True)
class _UniqueName:
    """Run ``command`` only if no other data system already has ``name``."""

    command: Command
    name: str | None
    system_id: int | None = None

    @property
    def description(self) -> str:
        return self.command.description

    def apply(self, connection: Connection) -> Applied:
        if self.name is not None:
            table = rows.table("data_system")
            query = select(table.c.id).where(table.c.name == self.name)
            if self.system_id is not None:
                query = query.where(table.c.id != self.system_id)
            if connection.execute(query).first() is not None:
                raise ValidationError(
                    "Data system name", f"{self.name!r} is already a data system; use another"
                )
        return self.command.apply(connection)


def add_system(name: str, kind: str = "", owner: str = "") -> _UniqueName:
    command = edits.add("data_system", None, name=name, kind=kind, owner=owner)
    return _UniqueName(command, dict(command.rows[0][1])["name"])


def update_system(system_id: int, **values: Any) -> _UniqueName:
    command = edits.update("data_system", system_id, "Edit data system", **values)
    return _UniqueName(command, dict(command.values).get("name"), system_id)


def delete_system(system_id: int) -> DeleteRows:
    """Remove a system and every tool's connection to it (undo restores them all)."""
    return edits.delete("data_system", system_id, "Delete data system")


def link_tool(
    tool_id: int, system_id: int, how: str, categories: list[str] | tuple[str, ...] = ()
) -> Upsert:
    """Connect a tool to a system, or change how it connects and what flows."""
    values = clean("tool_system", {"how": how, "categories": list(categories)}, partial=True)
    return Upsert(
        "tool_system",
        (("tool_id", tool_id), ("system_id", system_id)),
        tuple(sorted(values.items())),
        "Connect tool to data system",
    )


@dataclass(frozen=True, slots=True)
class _Unlink:
    tool_id: int
    system_id: int
    description: str = "Disconnect tool from data system"

    def apply(self, connection: Connection) -> Applied:
        key = (self.tool_id, self.system_id)
        if rows.get_row(connection, "tool_system", key) is None:
            raise NotFoundError("that tool is not connected to that data system")
        return DeleteRows((("tool_system", key),), self.description).apply(connection)


def unlink_tool(tool_id: int, system_id: int) -> _Unlink:
    return _Unlink(tool_id, system_id)


def data_systems(project: Project) -> list[DataSystem]:
    with project.reading() as c:
        return governance_rows.data_systems(c)


def tool_systems(project: Project) -> list[ToolSystemLink]:
    with project.reading() as c:
        return governance_rows.tool_systems(c)
