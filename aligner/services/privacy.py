"""Privacy vetting: the checklist as versioned data, answers with evidence, the gate, overrides.

The checklist ships in resources/privacy_checklist.json (R5.1). Installing a newer version
updates the wording of items by id, keeps every answer already given (R5.2: never silently
re-mapped), and records the new items as "unknown" for every tool, so nothing new passes unseen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from aligner.config import resources_dir
from aligner.domain.enums import Answer
from aligner.domain.errors import ValidationError
from aligner.domain.governance import (
    DataAgreement,
    GateOverride,
    PrivacyAnswer,
    PrivacyItem,
    PrivacySummary,
)
from aligner.services.commands import (
    Applied,
    Batch,
    Command,
    DeleteRows,
    InsertRows,
    UpdateRow,
    Upsert,
)
from aligner.services.fields import iso_date, text, today
from aligner.services.project import Project
from aligner.storage import governance_rows, repositories, rows
from aligner.storage.tables import PrivacyItemRow, table_of

CHECKLIST_FILE = "privacy_checklist.json"
#: Version label of items the district wrote itself.
DISTRICT_VERSION = "district"
APPLIES_WHEN = ("always", "users_under_13", "high_stakes_use")


@dataclass(frozen=True, slots=True)
class Checklist:
    version: str
    items: tuple[PrivacyItem, ...]


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
    items = tuple(_item_from(raw, i, version) for i, raw in enumerate(data["items"]))
    keys = [item.key for item in items]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValidationError(f"Checklist item {duplicates[0]}", "id is used twice")
    return Checklist(version, items)


def load_checklist(path: Path | None = None) -> Checklist:
    path = path or resources_dir() / CHECKLIST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
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


@dataclass(frozen=True, slots=True)
class InstallChecklist:
    """Bring the project's checklist to ``checklist``'s version (see the module note)."""

    checklist: Checklist
    description: str = "Install privacy checklist"

    def apply(self, connection: Connection) -> Applied:
        items = table_of(PrivacyItemRow)
        stored = {r["key"]: dict(r) for r in connection.execute(select(items)).mappings()}
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


def _unknown(tool_id: int, item: PrivacyItem) -> dict[str, Any]:
    return {
        "tool_id": tool_id,
        "item_key": item.key,
        "answer": Answer.UNKNOWN.value,
        "checklist_version": item.checklist_version,
    }


def installed_version(project: Project) -> str | None:
    """The shipped-checklist version the project holds (None before any is installed)."""
    versions = {i.checklist_version for i in items(project) if not i.custom}
    return max(versions) if versions else None


def install_checklist(checklist: Checklist | None = None) -> InstallChecklist:
    chosen = checklist or load_checklist()
    return InstallChecklist(chosen, f"Install privacy checklist {chosen.version}")


@dataclass(frozen=True, slots=True)
class SetAnswer:
    """Answer one checklist item for one tool, with its evidence and reviewer."""

    tool_id: int
    item_key: str
    answer: str
    evidence: str = ""
    evidence_document: str = ""
    evidence_section: str = ""
    checked_on: str | date | None = None
    reviewer: str = ""
    description: str = "Answer privacy item"

    def apply(self, connection: Connection) -> Applied:
        try:
            answer = Answer(self.answer).value
        except ValueError:
            raise ValidationError(
                f"Privacy answer {self.item_key}",
                f"must be one of yes, no, unknown, na; got {self.answer!r}",
            ) from None
        item = rows.get_row(connection, "privacy_item", (self.item_key,))
        if item is None:
            raise ValidationError("Privacy item", f"{self.item_key!r} is not on the checklist")
        values = {
            "answer": answer,
            "evidence": text()("Evidence", self.evidence),
            "evidence_document": text()("Evidence document", self.evidence_document),
            "evidence_section": text(limit=200)("Evidence section", self.evidence_section),
            "checked_on": iso_date()("Date checked", self.checked_on),
            "reviewer": text(limit=200)("Reviewer", self.reviewer),
            "checklist_version": item["checklist_version"],
        }
        return Upsert(
            "privacy_answer",
            (("tool_id", self.tool_id), ("item_key", self.item_key)),
            tuple(sorted(values.items())),
            self.description,
        ).apply(connection)


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
) -> InsertRows:
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
    return InsertRows((rows.pack("privacy_item", _item_values(item)),), f"Add item {key}")


def set_agreement(
    tool_id: int,
    kind: str,
    *,
    signed_on: str | date | None = None,
    expires_on: str | date | None = None,
    covers_ai: bool = False,
    document: str = "",
) -> Upsert:
    values = {
        "kind": text(required=True, limit=100)("Agreement kind", kind),
        "signed_on": iso_date()("Agreement signed", signed_on),
        "expires_on": iso_date()("Agreement expiry", expires_on),
        "covers_ai": bool(covers_ai),
        "document": text()("Agreement document", document),
    }
    if values["signed_on"] and values["expires_on"] and values["expires_on"] < values["signed_on"]:
        raise ValidationError("Agreement expiry", "is before the date it was signed")
    return Upsert(
        "data_agreement", (("tool_id", tool_id),), tuple(sorted(values.items())), "Data agreement"
    )


def override_gate(
    tool_id: int, person: str, reason: str, granted_on: str | date | None = None
) -> InsertRows:
    """Let a blocked tool be ranked; the named person and the reason go into the audit log."""
    values = {
        "tool_id": tool_id,
        "person": text(required=True, limit=200)("Override: person", person),
        "reason": text(required=True)("Override: reason", reason),
        "granted_on": iso_date(optional=False)("Override: date", granted_on or today()),
    }
    return InsertRows((rows.pack("gate_override", values),), "Override privacy gate")


def withdraw_override(tool_id: int) -> DeleteRows:
    return DeleteRows((("gate_override", (tool_id,)),), "Withdraw privacy override")


# --- reading -------------------------------------------------------------------------------


def items(project: Project) -> list[PrivacyItem]:
    with project.reading() as c:
        return governance_rows.privacy_items(c)


def answers(project: Project, tool_id: int | None = None) -> dict[tuple[int, str], PrivacyAnswer]:
    with project.reading() as c:
        found = governance_rows.privacy_answers(c, tool_id)
    return {(a.tool_id, a.item_key): a for a in found}


def blocked(project: Project) -> dict[int, tuple[str, ...]]:
    with project.reading() as c:
        return governance_rows.gate(c)


def overrides(project: Project) -> dict[int, GateOverride]:
    with project.reading() as c:
        return governance_rows.overrides(c)


def agreements(project: Project) -> dict[int, DataAgreement]:
    with project.reading() as c:
        return governance_rows.agreements(c)


def agreement_status(agreement: DataAgreement | None, on: date) -> str:
    if agreement is None:
        return "none on file"
    if agreement.expires_on and agreement.expires_on < on.isoformat():
        return f"expired {agreement.expires_on}"
    status = "signed" if agreement.signed_on else "not signed"
    if agreement.expires_on:
        status += f", expires {agreement.expires_on}"
    if not agreement.covers_ai:
        status += "; does not cover AI features"
    return status


def summaries(project: Project, on: date | None = None) -> list[PrivacySummary]:
    """R5.3: per tool, the blockers failed, the unknowns and the agreement."""
    on = on or today()
    with project.reading() as c:
        tools = repositories.tools(c)
        item_list = governance_rows.privacy_items(c)
        given = {(a.tool_id, a.item_key): a for a in governance_rows.privacy_answers(c)}
        gate = governance_rows.gate(c)
        all_overrides = governance_rows.overrides(c)
        all_agreements = governance_rows.agreements(c)
        unknown_blocks = repositories.district(c).unknown_blocks
    result = []
    for tool in tools:
        answered = [given.get((tool.id, item.key)) for item in item_list]
        values = [a.answer if a else Answer.UNKNOWN for a in answered]
        stopping = {Answer.NO, Answer.UNKNOWN} if unknown_blocks else {Answer.NO}
        failed = tuple(
            item.key
            for item, value in zip(item_list, values, strict=True)
            if item.blocker and value in stopping
        )
        agreement = all_agreements.get(tool.id)
        result.append(
            PrivacySummary(
                tool_id=tool.id,
                tool_name=tool.name,
                blockers_failed=failed,
                unknowns=sum(v is Answer.UNKNOWN for v in values),
                answered=sum(v is not Answer.UNKNOWN for v in values),
                items=len(item_list),
                agreement=agreement,
                agreement_status=agreement_status(agreement, on),
                blocked=tool.id in gate,
                override=all_overrides.get(tool.id),
                checklist_versions=tuple(sorted({a.checklist_version for a in answered if a})),
            )
        )
    return result
