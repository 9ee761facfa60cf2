"""Privacy vetting: answers with evidence, data agreements, the gate and its overrides.

The checklist itself (versions, the district's blockers and own items) lives in checklist.py;
its names are re-exported here so callers need one module for privacy vetting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from aligner.compute.privacy_gate import applies, audience_of, failed_items
from aligner.domain.enums import Answer
from aligner.domain.errors import ValidationError
from aligner.domain.governance import (
    DataAgreement,
    GateOverride,
    PrivacyAnswer,
    PrivacySummary,
)
from aligner.services.checklist import (
    APPLIES_WHEN,
    CHECKLIST_FILE,
    DISTRICT_VERSION,
    AddItem,
    Checklist,
    InstallChecklist,
    RemoveItem,
    add_item,
    ensure_checklist,
    install_checklist,
    installed_version,
    items,
    load_checklist,
    parse_checklist,
    set_blocker,
    version_key,
)
from aligner.services.commands import Applied, DeleteRows, InsertRows, Upsert
from aligner.services.fields import iso_date, text, today
from aligner.services.project import Project
from aligner.storage import governance_rows, repositories, rows

__all__ = [
    "APPLIES_WHEN",
    "CHECKLIST_FILE",
    "DISTRICT_VERSION",
    "AddItem",
    "Checklist",
    "InstallChecklist",
    "RemoveItem",
    "SetAnswer",
    "add_item",
    "ensure_checklist",
    "install_checklist",
    "installed_version",
    "items",
    "load_checklist",
    "parse_checklist",
    "set_blocker",
    "version_key",
]


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


def remove_agreement(tool_id: int) -> DeleteRows:
    return DeleteRows((("data_agreement", (tool_id,)),), "Remove data agreement")


# --- reading -------------------------------------------------------------------------------


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
    """R5.3: per tool, the blockers failed, the unknowns and the agreement.

    Items that do not apply to a tool (e.g. COPPA items for a high-school-only tool) are left
    out of its counts, as the gate leaves them out.
    """
    on = on or today()
    with project.reading() as c:
        tools = repositories.tools(c)
        item_list = governance_rows.privacy_items(c)
        given = {(a.tool_id, a.item_key): a for a in governance_rows.privacy_answers(c)}
        gate = governance_rows.gate(c)
        all_overrides = governance_rows.overrides(c)
        all_agreements = governance_rows.agreements(c)
        unknown_blocks = repositories.district(c).unknown_blocks
    blockers = {i.key: (i.title, i.applies_when) for i in item_list if i.blocker}
    stored = {key: a.answer.value for key, a in given.items()}
    result = []
    for tool in tools:
        audience = audience_of(tool)
        relevant = [i for i in item_list if applies(i.applies_when, audience)]
        answered = [given.get((tool.id, item.key)) for item in relevant]
        values = [a.answer if a else Answer.UNKNOWN for a in answered]
        failed = failed_items(tool.id, blockers, stored, audience, unknown_blocks=unknown_blocks)
        agreement = all_agreements.get(tool.id)
        result.append(
            PrivacySummary(
                tool_id=tool.id,
                tool_name=tool.name,
                blockers_failed=tuple(reason.split()[0] for reason in failed),
                unknowns=sum(v is Answer.UNKNOWN for v in values),
                answered=sum(v is not Answer.UNKNOWN for v in values),
                items=len(relevant),
                agreement=agreement,
                agreement_status=agreement_status(agreement, on),
                blocked=tool.id in gate,
                override=all_overrides.get(tool.id),
                checklist_versions=tuple(
                    sorted({a.checklist_version for a in answered if a}, key=version_key)
                ),
            )
        )
    return result
