"""Read privacy vetting and governance records: rows in, frozen domain values out."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from aligner.compute.privacy_gate import Audience, audience_of, blocked_tools
from aligner.domain.enums import Answer, DecisionKind
from aligner.domain.governance import (
    AuditEvent,
    DataAgreement,
    DataSystem,
    Decision,
    GateOverride,
    Measurement,
    PrivacyAnswer,
    PrivacyItem,
    Retirement,
    ToolSystemLink,
)
from aligner.domain.governance import (
    Connection as Link,
)
from aligner.storage import repositories
from aligner.storage.tables import (
    ActorRow,
    AuditEventRow,
    DataAgreementRow,
    DataSystemRow,
    DecisionRow,
    DistrictRow,
    GateOverrideRow,
    MeasurementRow,
    PrivacyAnswerRow,
    PrivacyItemRow,
    RetirementRow,
    ToolSystemRow,
    table_of,
)

_ITEM = table_of(PrivacyItemRow)
_ANSWER = table_of(PrivacyAnswerRow)
_AGREEMENT = table_of(DataAgreementRow)
_OVERRIDE = table_of(GateOverrideRow)
_DECISION = table_of(DecisionRow)
_MEASUREMENT = table_of(MeasurementRow)
_SYSTEM = table_of(DataSystemRow)
_LINK = table_of(ToolSystemRow)
_RETIREMENT = table_of(RetirementRow)
_AUDIT = table_of(AuditEventRow)
_ACTOR = table_of(ActorRow)


def json_list(text: str | None) -> tuple[str, ...]:
    return tuple(str(v) for v in json.loads(text or "[]"))


def privacy_items(connection: Connection) -> list[PrivacyItem]:
    rows = connection.execute(select(_ITEM).order_by(_ITEM.c.custom, _ITEM.c.key)).mappings()
    return [
        PrivacyItem(
            key=r["key"],
            title=r["title"],
            question=r["question"],
            guidance=r["guidance"],
            sources=json_list(r["sources"]),
            applies_when=r["applies_when"],
            blocker=bool(r["blocker"]),
            custom=bool(r["custom"]),
            checklist_version=r["checklist_version"],
        )
        for r in rows
    ]


def _answer(r: Any) -> PrivacyAnswer:
    return PrivacyAnswer(
        tool_id=r["tool_id"],
        item_key=r["item_key"],
        answer=Answer(r["answer"]),
        evidence=r["evidence"],
        evidence_document=r["evidence_document"],
        evidence_section=r["evidence_section"],
        checked_on=r["checked_on"],
        reviewer=r["reviewer"],
        checklist_version=r["checklist_version"],
    )


def privacy_answers(connection: Connection, tool_id: int | None = None) -> list[PrivacyAnswer]:
    query = select(_ANSWER).order_by(_ANSWER.c.tool_id, _ANSWER.c.item_key)
    if tool_id is not None:
        query = query.where(_ANSWER.c.tool_id == tool_id)
    return [_answer(r) for r in connection.execute(query).mappings()]


def agreements(connection: Connection) -> dict[int, DataAgreement]:
    return {
        r["tool_id"]: DataAgreement(
            r["tool_id"],
            r["kind"],
            r["signed_on"],
            r["expires_on"],
            bool(r["covers_ai"]),
            r["document"],
        )
        for r in connection.execute(select(_AGREEMENT)).mappings()
    }


def overrides(connection: Connection) -> dict[int, GateOverride]:
    return {
        r["tool_id"]: GateOverride(r["tool_id"], r["person"], r["reason"], r["granted_on"])
        for r in connection.execute(select(_OVERRIDE)).mappings()
    }


def gate(connection: Connection) -> dict[int, tuple[str, ...]]:
    """Tool id -> the blocking items it fails, overridden tools left out."""
    unknown_blocks = bool(
        connection.execute(select(table_of(DistrictRow).c.unknown_blocks)).scalar_one()
    )
    query = select(_ITEM.c.key, _ITEM.c.title, _ITEM.c.applies_when).where(
        _ITEM.c.blocker.is_(True)
    )
    blockers = {str(key): (str(title), str(when)) for key, title, when in connection.execute(query)}
    if not blockers:
        return {}
    answers = {
        (tool_id, key): answer
        for tool_id, key, answer in connection.execute(
            select(_ANSWER.c.tool_id, _ANSWER.c.item_key, _ANSWER.c.answer)
        )
    }
    audiences: dict[int, Audience] = {
        tool.id: audience_of(tool) for tool in repositories.tools(connection)
    }
    overridden = frozenset(row[0] for row in connection.execute(select(_OVERRIDE.c.tool_id)))
    return blocked_tools(
        list(audiences),
        blockers,
        answers,
        unknown_blocks=unknown_blocks,
        overridden=overridden,
        audiences=audiences,
    )


def _decision(r: Any) -> Decision:
    return Decision(
        id=r["id"],
        tool_id=r["tool_id"],
        kind=DecisionKind(r["kind"]),
        decided_on=r["decided_on"],
        decided_by=r["decided_by"],
        owner=r["owner"],
        rationale=r["rationale"],
        conditions=r["conditions"],
        review_on=r["review_on"],
        snapshot=json.loads(r["snapshot"]) if r["snapshot"] else {},
        amends_id=r["amends_id"],
    )


def decisions(connection: Connection, tool_id: int | None = None) -> list[Decision]:
    query = select(_DECISION).order_by(_DECISION.c.decided_on, _DECISION.c.id)
    if tool_id is not None:
        query = query.where(_DECISION.c.tool_id == tool_id)
    return [_decision(r) for r in connection.execute(query).mappings()]


def decision(connection: Connection, decision_id: int) -> Decision | None:
    row = connection.execute(select(_DECISION).where(_DECISION.c.id == decision_id)).mappings()
    found = row.first()
    return None if found is None else _decision(found)


def amended_by(connection: Connection, decision_id: int) -> int | None:
    """The id of the decision that corrects ``decision_id``, if one does."""
    query = select(_DECISION.c.id).where(_DECISION.c.amends_id == decision_id)
    found = connection.execute(query.order_by(_DECISION.c.id).limit(1)).scalar_one_or_none()
    return None if found is None else int(found)


def measurements(connection: Connection, tool_id: int | None = None) -> list[Measurement]:
    query = select(_MEASUREMENT).order_by(_MEASUREMENT.c.measured_on, _MEASUREMENT.c.id)
    if tool_id is not None:
        query = query.where(_MEASUREMENT.c.tool_id == tool_id)
    return [
        Measurement(
            r["id"], r["tool_id"], r["outcome_id"], r["measured_on"], r["value"], r["source"]
        )
        for r in connection.execute(query).mappings()
    ]


def data_systems(connection: Connection) -> list[DataSystem]:
    rows = connection.execute(select(_SYSTEM).order_by(_SYSTEM.c.name)).mappings()
    return [DataSystem(r["id"], r["name"], r["kind"], r["owner"]) for r in rows]


def tool_systems(connection: Connection) -> list[ToolSystemLink]:
    rows = connection.execute(select(_LINK).order_by(_LINK.c.tool_id, _LINK.c.system_id))
    return [
        ToolSystemLink(r["tool_id"], r["system_id"], Link(r["how"]), json_list(r["categories"]))
        for r in rows.mappings()
    ]


def retirements(connection: Connection) -> dict[int, Retirement]:
    return {
        r["tool_id"]: Retirement(
            tool_id=r["tool_id"],
            started_on=r["started_on"],
            users_notified_on=r["users_notified_on"],
            access_removed_on=r["access_removed_on"],
            deletion_requested_on=r["deletion_requested_on"],
            deletion_confirmed_on=r["deletion_confirmed_on"],
            deletion_evidence=r["deletion_evidence"],
            completed_on=r["completed_on"],
        )
        for r in connection.execute(select(_RETIREMENT)).mappings()
    }


def audit_events(connection: Connection) -> list[AuditEvent]:
    rows = connection.execute(select(_AUDIT).order_by(_AUDIT.c.id)).mappings()
    return [
        AuditEvent(
            r["id"],
            r["at"],
            r["actor"],
            r["action"],
            r["entity"],
            r["entity_key"],
            r["before"],
            r["after"],
            r["hash"],
        )
        for r in rows
    ]


def actor_name(connection: Connection, os_user: str) -> str | None:
    query = select(_ACTOR.c.display_name).where(_ACTOR.c.os_user == os_user)
    found = connection.execute(query).scalar_one_or_none()
    return None if found is None else str(found)


def policy_recheck_days(connection: Connection) -> int:
    query = select(table_of(DistrictRow).c.policy_recheck_days)
    return int(connection.execute(query).scalar_one())
