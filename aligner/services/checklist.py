"""The privacy checklist as versioned data: read it, install it, and let the district shape it.

The checklist ships in resources/privacy_checklist.json (R5.1). Installing a newer version
updates the wording of items by id, keeps every answer already given (R5.2: never silently
re-mapped), and records the new items as "unknown" for every tool, so nothing new passes unseen.
The district's own choices outlive an update: which items block, and the items it wrote itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from aligner.compute.privacy_gate import CONDITIONS
from aligner.config import resources_dir
from aligner.domain.enums import Answer
from aligner.domain.errors import ValidationError
from aligner.domain.governance import PrivacyItem
from aligner.services.commands import Applied, Batch, Command, DeleteRows, InsertRows, UpdateRow
from aligner.services.fields import text
from aligner.services.project import Project
from aligner.storage import governance_rows, repositories, rows
from aligner.storage.tables import PrivacyItemRow, table_of

CHECKLIST_FILE = "privacy_checklist.json"
#: Version label of items the district wrote itself.
DISTRICT_VERSION = "district"
APPLIES_WHEN = CONDITIONS


@dataclass(frozen=True, slots=True)
class Checklist:
    version: str
    items: tuple[PrivacyItem, ...]


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order versions as people read them: 2026.10 comes after 2026.9."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.split(r"[.\-]", version.strip())
    )


def _item_from(raw: Any, index: int, version: str) -> PrivacyItem:
    where = f"Checklist item {index + 1}"
    if not isinstance(raw, dict):
        raise ValidationError(where, "must be an object")
    key = raw.get("id")
    if not isinstance(key, str) or not key.strip():
        raise ValidationError(where, "needs an id")
    where = f"Checklist item {key}"
    for name in ("title", "question", "guidance"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise ValidationError(where, f"needs a {name}")
    sources = raw.get("sources")
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise ValidationError(where, "must cite at least one source")
    applies = raw.get("applies_when", "always")
    if applies not in APPLIES_WHEN:
        raise ValidationError(where, f"applies_when must be one of {', '.join(APPLIES_WHEN)}")
    if not isinstance(raw.get("blocker"), bool):
        raise ValidationError(where, "blocker must be true or false")
    return PrivacyItem(
        key=key.strip(),
        title=raw["title"].strip(),
        question=raw["question"].strip(),
        guidance=raw["guidance"].strip(),
        sources=tuple(s.strip() for s in sources),
        applies_when=applies,
        blocker=raw["blocker"],
        custom=False,
        checklist_version=version,
    )


def parse_checklist(data: Any) -> Checklist:
    """Validate checklist data; the error names the item and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ValidationError("Checklist", "must be an object with a list of items")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise ValidationError("Checklist", "needs a version")
    if version.strip() == DISTRICT_VERSION:
        raise ValidationError("Checklist version", f"{DISTRICT_VERSION!r} is kept for own items")
    items = tuple(_item_from(raw, i, version.strip()) for i, raw in enumerate(data["items"]))
    keys = [item.key for item in items]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValidationError(f"Checklist item {duplicates[0]}", "id is used twice")
    return Checklist(version.strip(), items)


def load_checklist(path: Path | None = None) -> Checklist:
    """The shipped checklist, or the one in ``path`` (e.g. a newer version sent to the district)."""
    path = path or resources_dir() / CHECKLIST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(str(path), f"cannot be read as a checklist: {exc}") from None
    return parse_checklist(data)


def _item_values(item: PrivacyItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "title": item.title,
        "question": item.question,
        "guidance": item.guidance,
        "sources": json.dumps(list(item.sources)),
        "applies_when": item.applies_when,
        "blocker": item.blocker,
        "custom": item.custom,
        "checklist_version": item.checklist_version,
    }


def _installed(stored: list[dict[str, Any]]) -> str | None:
    versions = {r["checklist_version"] for r in stored if not r["custom"]}
    return max(versions, key=version_key) if versions else None


@dataclass(frozen=True, slots=True)
class InstallChecklist:
    """Bring the project's checklist to ``checklist``'s version (see the module note)."""

    checklist: Checklist
    description: str = "Install privacy checklist"

    def apply(self, connection: Connection) -> Applied:
        items = table_of(PrivacyItemRow)
        stored = {r["key"]: dict(r) for r in connection.execute(select(items)).mappings()}
        current = _installed(list(stored.values()))
        if current is not None and version_key(self.checklist.version) < version_key(current):
            raise ValidationError(
                "Checklist version",
                f"{self.checklist.version} is older than the installed {current}; "
                "answers are never moved back to an older checklist",
            )
        clash = sorted(k for k, r in stored.items() if r["custom"] and k in self._keys())
        if clash:
            raise ValidationError(
                f"Checklist item {clash[0]}",
                "the district already has its own item with this id; rename it first",
            )
        tool_ids = [tool.id for tool in repositories.tools(connection)]
        commands: list[Command] = []
        for item in self.checklist.items:
            values = _item_values(item)
            if item.key in stored:
                # The district's choice of blockers outlives a new wording of the item.
                values.pop("blocker")
                changed = {k: v for k, v in values.items() if stored[item.key][k] != v}
                if changed:
                    commands.append(
                        UpdateRow("privacy_item", (item.key,), tuple(sorted(changed.items())), "")
                    )
                continue
            commands.append(InsertRows((rows.pack("privacy_item", values),), ""))
            if stored:  # a new item in a later version: every tool starts at "unknown"
                commands.extend(
                    InsertRows((rows.pack("privacy_answer", _unknown(t, item)),), "")
                    for t in tool_ids
                )
        return Batch(tuple(commands), self.description).apply(connection)

    def _keys(self) -> frozenset[str]:
        return frozenset(item.key for item in self.checklist.items)


def _unknown(tool_id: int, item: PrivacyItem) -> dict[str, Any]:
    return {
        "tool_id": tool_id,
        "item_key": item.key,
        "answer": Answer.UNKNOWN.value,
        "checklist_version": item.checklist_version,
    }


def install_checklist(checklist: Checklist | None = None) -> InstallChecklist:
    chosen = checklist or load_checklist()
    return InstallChecklist(chosen, f"Install privacy checklist {chosen.version}")


def items(project: Project) -> list[PrivacyItem]:
    with project.reading() as c:
        return governance_rows.privacy_items(c)


def installed_version(project: Project) -> str | None:
    """The shipped-checklist version the project holds (None before any is installed)."""
    versions = {i.checklist_version for i in items(project) if not i.custom}
    return max(versions, key=version_key) if versions else None


def ensure_checklist(project: Project) -> str | None:
    """Install the shipped checklist into a project that has none (e.g. one made by an older
    Aligner); return the version installed, or None when the project already had one."""
    if installed_version(project) is not None:
        return None
    command = install_checklist()
    project.execute(command)
    return command.checklist.version


def set_blocker(item_key: str, blocker: bool) -> UpdateRow:
    verb = "Make" if blocker else "Stop making"
    return UpdateRow(
        "privacy_item", (item_key,), (("blocker", blocker),), f"{verb} {item_key} a blocker"
    )


def add_item(
    key: str,
    title: str,
    question: str,
    sources: list[str],
    *,
    guidance: str = "",
    applies_when: str = "always",
    blocker: bool = False,
) -> AddItem:
    """A district's own checklist item; it must still say where it comes from."""
    key = text(required=True, limit=40)("Item id", key)
    cited = [s.strip() for s in sources if s.strip()]
    if not cited:
        raise ValidationError(f"Checklist item {key}", "must cite at least one source")
    if applies_when not in APPLIES_WHEN:
        raise ValidationError(f"Checklist item {key}", "applies_when is not recognised")
    item = PrivacyItem(
        key=key,
        title=text(required=True, limit=200)("Item title", title),
        question=text(required=True)("Item question", question),
        guidance=text()("Item guidance", guidance),
        sources=tuple(cited),
        applies_when=applies_when,
        blocker=blocker,
        custom=True,
        checklist_version=DISTRICT_VERSION,
    )
    return AddItem(item, f"Add item {key}")


@dataclass(frozen=True, slots=True)
class AddItem:
    """Insert a district item; an id already on the checklist is refused by name."""

    item: PrivacyItem
    description: str

    def apply(self, connection: Connection) -> Applied:
        if rows.get_row(connection, "privacy_item", (self.item.key,)) is not None:
            raise ValidationError("Item id", f"{self.item.key!r} is already on the checklist")
        values = _item_values(self.item)
        return InsertRows((rows.pack("privacy_item", values),), self.description).apply(connection)


@dataclass(frozen=True, slots=True)
class RemoveItem:
    """Remove one of the district's own items with its answers; shipped items stay."""

    key: str
    description: str = "Remove checklist item"

    def apply(self, connection: Connection) -> Applied:
        found = rows.get_row(connection, "privacy_item", (self.key,))
        if found is None:
            raise ValidationError("Checklist item", f"{self.key!r} is not on the checklist")
        if not found["custom"]:
            raise ValidationError(
                f"Checklist item {self.key}",
                "ships with the checklist and cannot be removed; stop it blocking instead",
            )
        return DeleteRows((("privacy_item", (self.key,)),), self.description).apply(connection)
