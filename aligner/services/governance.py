"""Decisions with owners and frozen rankings, reviews due, monitoring, data systems, actors.

A decision stores the ranking the committee saw (scores and weights at that moment) as JSON,
so it can be shown later exactly as it was, whatever has been re-scored since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from aligner.compute.pipeline import evaluate
from aligner.domain.enums import DecisionKind, ToolStatus
from aligner.domain.errors import NotFoundError
from aligner.domain.governance import (
    DataSystem,
    Decision,
    DueItem,
    DueKind,
    ToolSystemLink,
)
from aligner.domain.model import Tool
from aligner.services.commands import Applied, Batch, Command, InsertRows, UpdateRow, Upsert
from aligner.services.fields import choice, clean, iso_date, text
from aligner.services.project import Project, current_actor
from aligner.services.ranking import ranking_from
from aligner.storage import governance_rows, repositories, rows, snapshot
from aligner.storage.tables import ActorRow, table_of

#: The lifecycle status a decision puts its tool in.
STATUS_AFTER: dict[DecisionKind, ToolStatus] = {
    DecisionKind.PILOT: ToolStatus.PILOTING,
    DecisionKind.ADOPT: ToolStatus.ADOPTED,
    DecisionKind.RENEW: ToolStatus.ADOPTED,
    DecisionKind.REJECT: ToolStatus.REJECTED,
    DecisionKind.DISCONTINUE: ToolStatus.DISCONTINUING,
}
#: Days ahead in which a coming date counts as "due".
DUE_HORIZON_DAYS = 30


@dataclass(frozen=True, slots=True)
class RecordDecision:
    """Record a decision, freeze the ranking as it stands, and move the tool's lifecycle on."""

    tool_id: int
    kind: str
    decided_on: str | date
    owner: str
    decided_by: str = ""
    rationale: str = ""
    conditions: str = ""
    review_on: str | date | None = None
    description: str = "Record decision"

    def _values(self, connection: Connection) -> dict[str, Any]:
        data = snapshot.load_evaluation(connection)
        frozen = ranking_from(evaluate(data)).to_json()
        frozen["taken_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        return {
            "tool_id": self.tool_id,
            "kind": choice(DecisionKind)("Decision kind", self.kind),
            "decided_on": iso_date(optional=False)("Decision date", self.decided_on),
            "owner": text(required=True, limit=200)("Accountable owner", self.owner),
            "decided_by": text(limit=200)("Decided by", self.decided_by),
            "rationale": text(limit=10000)("Rationale", self.rationale),
            "conditions": text(limit=10000)("Conditions", self.conditions),
            "review_on": iso_date()("Next review", self.review_on),
            "snapshot": json.dumps(frozen, sort_keys=True),
        }

    def apply(self, connection: Connection) -> Applied:
        if rows.get_row(connection, "tool", (self.tool_id,)) is None:
            raise NotFoundError(f"tool {self.tool_id} no longer exists")
        values = self._values(connection)
        kind = DecisionKind(values["kind"])
        commands: list[Command] = [
            InsertRows((rows.pack("decision", values),), ""),
            UpdateRow(
                "tool",
                (self.tool_id,),
                (
                    ("next_review", values["review_on"]),
                    ("owner", values["owner"]),
                    ("status", STATUS_AFTER[kind].value),
                ),
                "",
            ),
        ]
        if kind is DecisionKind.DISCONTINUE and not rows.get_row(
            connection, "retirement", (self.tool_id,)
        ):
            commands.append(
                InsertRows(
                    (
                        rows.pack(
                            "retirement",
                            {"tool_id": self.tool_id, "started_on": values["decided_on"]},
                        ),
                    ),
                    "",
                )
            )
        return Batch(tuple(commands), self.description).apply(connection)


def decisions(project: Project, tool_id: int | None = None) -> list[Decision]:
    with project.reading() as c:
        return governance_rows.decisions(c, tool_id)


def decision(project: Project, decision_id: int) -> Decision:
    with project.reading() as c:
        found = governance_rows.decision(c, decision_id)
    if found is None:
        raise NotFoundError(f"decision {decision_id} does not exist")
    return found


# --- what is due -----------------------------------------------------------------------------


def _item(kind: DueKind, tool: Any, due_on: str, on: date, detail: str) -> DueItem:
    return DueItem(kind, tool.id, tool.name, due_on, due_on < on.isoformat(), detail)


def due_list(project: Project, on: date, *, horizon_days: int = DUE_HORIZON_DAYS) -> list[DueItem]:
    """Everything due within ``horizon_days`` of ``on`` or already overdue, oldest first."""
    with project.reading() as c:
        return due_at(c, on, horizon_days=horizon_days)


def due_at(connection: Connection, on: date, *, horizon_days: int) -> list[DueItem]:
    until = (on + timedelta(days=horizon_days)).isoformat()
    tools: dict[int, Tool] = {t.id: t for t in repositories.tools(connection)}
    active = {
        t.id
        for t in tools.values()
        if t.status not in (ToolStatus.DISCONTINUED, ToolStatus.REJECTED)
    }
    in_use = {ToolStatus.PILOTING, ToolStatus.ADOPTED, ToolStatus.UNDER_REVIEW}
    found: list[DueItem] = []
    latest: dict[int, Decision] = {}
    for d in governance_rows.decisions(connection):
        latest[d.tool_id] = d  # decisions come oldest first: the last one stands
    for tool_id, d in latest.items():
        if tool_id in active and d.review_on and d.review_on <= until:
            detail = f"review of the {d.kind.value} decision of {d.decided_on} (owner {d.owner})"
            found.append(_item(DueKind.DECISION_REVIEW, tools[tool_id], d.review_on, on, detail))
    for tool_id, a in governance_rows.agreements(connection).items():
        if tool_id in active and a.expires_on and a.expires_on <= until:
            detail = f"{a.kind} expires"
            found.append(_item(DueKind.AGREEMENT_EXPIRY, tools[tool_id], a.expires_on, on, detail))
    recheck = governance_rows.policy_recheck_days(connection)
    oldest = (on - timedelta(days=recheck)).isoformat()
    for tool in tools.values():
        if tool.status not in in_use:
            continue
        if tool.policy_checked_on is None:
            found.append(
                _item(
                    DueKind.POLICY_RECHECK, tool, on.isoformat(), on, "privacy policy never checked"
                )
            )
        elif tool.policy_checked_on <= oldest:
            due = (date.fromisoformat(tool.policy_checked_on) + timedelta(days=recheck)).isoformat()
            detail = f"privacy policy last checked {tool.policy_checked_on}"
            found.append(_item(DueKind.POLICY_RECHECK, tool, due, on, detail))
        if (
            tool.status is ToolStatus.PILOTING
            and tool.pilot_ends_on
            and tool.pilot_ends_on <= until
        ):
            found.append(_item(DueKind.PILOT_END, tool, tool.pilot_ends_on, on, "pilot ends"))
    return sorted(found, key=lambda item: (item.due_on, item.tool_name, item.kind.value))


# --- data systems ----------------------------------------------------------------------------


def link_tool(
    tool_id: int, system_id: int, how: str, categories: list[str] | tuple[str, ...] = ()
) -> Upsert:
    values = clean("tool_system", {"how": how, "categories": list(categories)}, partial=True)
    return Upsert(
        "tool_system",
        (("tool_id", tool_id), ("system_id", system_id)),
        tuple(sorted(values.items())),
        "Connect tool to data system",
    )


def data_systems(project: Project) -> list[DataSystem]:
    with project.reading() as c:
        return governance_rows.data_systems(c)


def tool_systems(project: Project) -> list[ToolSystemLink]:
    with project.reading() as c:
        return governance_rows.tool_systems(c)


# --- who is acting ---------------------------------------------------------------------------


def confirm_actor(project: Project, display_name: str) -> None:
    """Record the display name of the person at this OS account (R4.8); audit names them so."""
    name = text(required=True, limit=200)("Your name", display_name)
    user = current_actor()
    project.execute(
        Upsert(
            table_of(ActorRow).name,
            (("os_user", user),),
            (
                ("confirmed_at", datetime.now(UTC).isoformat(timespec="seconds")),
                ("display_name", name),
            ),
            "Confirm your name",
        )
    )
    project.actor = f"{user} ({name})"


def actor_needs_name(project: Project) -> bool:
    with project.reading() as c:
        return governance_rows.actor_name(c, current_actor()) is None
