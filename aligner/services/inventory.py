"""Import challenges, outcomes and tools from a file, all or nothing.

Phase 1 reads the file and checks every value with the app's own field rules, collecting
every problem with its sheet, row and column. Only when there is none does phase 2 add the
records, in one transaction, as one undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from aligner.domain.errors import FileRejectedError, ValidationError
from aligner.exchange.guard import Formula
from aligner.exchange.inventory import (
    SHEETS,
    Problem,
    RawRow,
    read_inventory,
    words_to_code,
    write_template,
)
from aligner.services.commands import Applied, Batch, InsertRows
from aligner.services.fields import SPECS
from aligner.services.project import Project
from aligner.storage import rows

_DEFAULTS: dict[str, dict[str, Any]] = {
    "challenge": {"weight": 1.0, "priority": 3, "outcome_weight_method": "direct"},
    "outcome": {"direction": "higher", "weight": 1.0},
    "tool": {"status": "candidate"},
}
_TEXT_DEFAULTS = {
    "challenge": ("description", "evidence", "owner"),
    "outcome": ("metric", "unit"),
    "tool": ("vendor", "purpose", "owner"),
}


@dataclass(frozen=True, slots=True)
class InventoryCounts:
    challenges: int
    outcomes: int
    tools: int


@dataclass(frozen=True, slots=True)
class ImportInventory:
    """Add challenges, then their outcomes (linked by position or to existing ids), then tools.

    Outcomes of new challenges need ids that exist only once the challenges are in, so this
    command inserts in two steps inside the one transaction; its inverse deletes them all.
    """

    challenges: tuple[dict[str, Any], ...]
    #: (existing challenge id or None, index into ``challenges`` or None, outcome values)
    outcomes: tuple[tuple[int | None, int | None, dict[str, Any]], ...]
    tools: tuple[dict[str, Any], ...]
    description: str = "Import inventory"

    def apply(self, connection: Connection) -> Applied:
        first = InsertRows(tuple(rows.pack("challenge", c) for c in self.challenges), "").apply(
            connection
        )
        new_ids = [int(key[0]) for key in first.created]
        outcome_rows = tuple(
            rows.pack(
                "outcome", {**values, "challenge_id": _challenge_id(existing, index, new_ids)}
            )
            for existing, index, values in self.outcomes
        )
        tool_rows = tuple(rows.pack("tool", t) for t in self.tools)
        second = InsertRows(outcome_rows + tool_rows, "").apply(connection)
        return Applied(
            Batch((second.inverse, first.inverse), f"Undo: {self.description}"),
            first.changes | second.changes,
            first.audit + second.audit,
            first.created + second.created,
        )


def _challenge_id(existing: int | None, index: int | None, new_ids: list[int]) -> int:
    if existing is not None:
        return existing
    assert index is not None  # the planner sets exactly one of the two
    return new_ids[index]


def _check_value(entity: str, name: str, value: Any) -> Any:
    check = SPECS[entity][name]
    if name in ("category", "direction", "status"):
        value = words_to_code(value)
    return check(name.replace("_", " "), value)


def _clean_row(entity: str, raw: RawRow, problems: list[Problem]) -> dict[str, Any] | None:
    _, columns = SHEETS[raw.sheet]
    headers = {c.field: c for c in columns}
    cleaned: dict[str, Any] = dict(_DEFAULTS[entity])
    cleaned.update(dict.fromkeys(_TEXT_DEFAULTS[entity], ""))
    ok = True
    for name, value in raw.values.items():
        column = headers[name]
        if isinstance(value, Formula):
            ok = False  # already reported by the reader, with its place
            continue
        if name == "challenge":
            if value is None or not str(value).strip():
                problems.append(
                    Problem(
                        raw.sheet,
                        raw.row,
                        raw.letters[name],
                        column.header,
                        "is empty",
                        column.expected,
                    )
                )
                ok = False
            cleaned[name] = str(value or "").strip()
            continue
        if value is None and not column.required:
            continue
        try:
            cleaned[name] = _check_value(entity, name, value)
        except ValidationError as exc:
            message = exc.message.split(": ", 1)[-1]
            problems.append(
                Problem(
                    raw.sheet, raw.row, raw.letters[name], column.header, message, column.expected
                )
            )
            ok = False
    return cleaned if ok else None


def plan_inventory_import(
    project: Project, path: Path
) -> tuple[list[Problem], ImportInventory | None, InventoryCounts]:
    """Phase 1: read and check everything; return every problem, or the command to run."""
    raw = read_inventory(path)
    problems = list(raw.problems)
    existing_challenges = {c.title.casefold(): c.id for c in project.challenges()}
    existing_tools = {t.name.casefold() for t in project.tools()}
    challenges: list[dict[str, Any]] = []
    titles: dict[str, int] = {}
    for record in raw.rows.get("Challenges", []):
        cleaned = _clean_row("challenge", record, problems)
        if cleaned is None:
            continue
        key = cleaned["title"].casefold()
        if key in titles or key in existing_challenges:
            problems.append(
                Problem(
                    record.sheet,
                    record.row,
                    record.letters["title"],
                    "Title",
                    f"{cleaned['title']!r} is already a challenge",
                    "a title not used yet",
                )
            )
            continue
        titles[key] = len(challenges)
        challenges.append(cleaned)
    outcomes: list[tuple[int | None, int | None, dict[str, Any]]] = []
    for record in raw.rows.get("Outcomes", []):
        cleaned = _clean_row("outcome", record, problems)
        if cleaned is None:
            continue
        reference = cleaned.pop("challenge").casefold()
        if reference in titles:
            outcomes.append((None, titles[reference], cleaned))
        elif reference in existing_challenges:
            outcomes.append((existing_challenges[reference], None, cleaned))
        else:
            problems.append(
                Problem(
                    record.sheet,
                    record.row,
                    record.letters["challenge"],
                    "Challenge",
                    f"no challenge is titled {reference!r}",
                    "the title of a challenge in this file or already in the project",
                )
            )
    tools: list[dict[str, Any]] = []
    names: set[str] = set()
    for record in raw.rows.get("Tools", []):
        cleaned = _clean_row("tool", record, problems)
        if cleaned is None:
            continue
        key = cleaned["name"].casefold()
        if key in names or key in existing_tools:
            problems.append(
                Problem(
                    record.sheet,
                    record.row,
                    record.letters["name"],
                    "Tool",
                    f"{cleaned['name']!r} is already a tool",
                    "a tool name not used yet",
                )
            )
            continue
        names.add(key)
        tools.append(cleaned)
    counts = InventoryCounts(len(challenges), len(outcomes), len(tools))
    if problems or not (challenges or outcomes or tools):
        return problems, None, counts
    command = ImportInventory(
        tuple(challenges), tuple(outcomes), tuple(tools), f"Import inventory from {path.name}"
    )
    return problems, command, counts


def import_inventory(project: Project, path: Path) -> InventoryCounts:
    """Phase 1 then phase 2; raises FileRejectedError naming every problem, writing nothing."""
    problems, command, counts = plan_inventory_import(project, path)
    if problems:
        described = tuple(p.describe(path.name) for p in problems)
        raise FileRejectedError(
            f"{path.name}: {len(problems)} problem(s); nothing was imported. "
            + " | ".join(described[:3])
            + (" | ..." if len(described) > 3 else ""),
            problems=described,
        )
    if command is None:
        raise FileRejectedError(
            f"{path.name}: sheets Challenges, Outcomes and Tools hold no records below their "
            "headers; nothing was imported"
        )
    project.execute(command)
    return counts


def write_inventory_template(target: Path) -> None:
    """The empty, documented inventory workbook (`aligner template OUT.xlsx`)."""
    write_template(target)
