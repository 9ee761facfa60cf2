"""Decisions with owners and frozen rankings, reviews due, monitoring, data systems, actors.

A decision stores the ranking the committee saw (scores and weights at that moment) as JSON,
so it can be shown later exactly as it was, whatever has been re-scored since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import Connection

from aligner.compute.pipeline import evaluate
from aligner.domain.enums import DecisionKind, ToolStatus
from aligner.domain.errors import NotFoundError, ValidationError
from aligner.domain.governance import Decision, DueItem, DueKind
from aligner.domain.model import Tool
from aligner.services.commands import Applied, Batch, Command, InsertRows, UpdateRow, Upsert
from aligner.services.fields import choice, iso_date, text
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
    """Record a decision, freeze the ranking as it stands, and move the tool's lifecycle on.

    A decision is final (R4.5): clients must not offer to undo it. A correction is a new
    decision that names the one it amends, so both stay on record and in the audit log.
    """

    #: Read by clients: a final command goes on no undo stack.
    final: ClassVar[bool] = True

    tool_id: int
    kind: str
    decided_on: str | date
    owner: str
    decided_by: str = ""
    rationale: str = ""
    conditions: str = ""
    review_on: str | date | None = None
    #: The earlier decision on the same tool that this one corrects.
    amends_id: int | None = None
    #: For a pilot: the day it ends, which puts it on the due list.
    pilot_ends_on: str | date | None = None
    description: str = "Record decision"

    def _values(self, connection: Connection) -> dict[str, Any]:
        values = {
            "tool_id": self.tool_id,
            "kind": choice(DecisionKind)("Decision kind", self.kind),
            "decided_on": iso_date(optional=False)("Decision date", self.decided_on),
            "owner": text(required=True, limit=200)("Accountable owner", self.owner),
            "decided_by": text(limit=200)("Decided by", self.decided_by),
            "rationale": text(limit=10000)("Rationale", self.rationale),
            "conditions": text(limit=10000)("Conditions", self.conditions),
            "review_on": iso_date()("Next review", self.review_on),
            "amends_id": self._amends(connection),
        }
        # Frozen last: a refused decision must not cost the committee a full evaluation.
        data = snapshot.load_evaluation(connection)
        frozen = ranking_from(evaluate(data)).to_json()
        frozen["taken_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        values["snapshot"] = json.dumps(frozen, sort_keys=True)
        return values

    def _amends(self, connection: Connection) -> int | None:
        if self.amends_id is None:
            return None
        earlier = governance_rows.decision(connection, self.amends_id)
        if earlier is None:
            raise ValidationError("Amends decision", f"decision {self.amends_id} does not exist")
        if earlier.tool_id != self.tool_id:
            raise ValidationError(
                "Amends decision", f"decision {self.amends_id} is about another tool"
            )
        later = governance_rows.amended_by(connection, self.amends_id)
        if later is not None:
            raise ValidationError(
                "Amends decision",
                f"decision {self.amends_id} was already amended by decision {later}; "
                "amend that one",
            )
        return self.amends_id

    def _tool_values(self, kind: DecisionKind, values: dict[str, Any]) -> tuple[Any, ...]:
        changes: list[tuple[str, Any]] = [
            ("next_review", values["review_on"]),
            ("owner", values["owner"]),
            ("status", STATUS_AFTER[kind].value),
        ]
        if kind is DecisionKind.PILOT and self.pilot_ends_on not in (None, ""):
            changes.append(("pilot_ends_on", iso_date()("Pilot ends", self.pilot_ends_on)))
        return tuple(sorted(changes))

    def apply(self, connection: Connection) -> Applied:
        if rows.get_row(connection, "tool", (self.tool_id,)) is None:
            raise NotFoundError(f"tool {self.tool_id} no longer exists")
        values = self._values(connection)
        kind = DecisionKind(values["kind"])
        commands: list[Command] = [
            InsertRows((rows.pack("decision", values),), ""),
            UpdateRow("tool", (self.tool_id,), self._tool_values(kind, values), ""),
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


def policy_recheck_days(project: Project) -> int:
    """How old a privacy-policy check may get before it is due again (a district setting)."""
    with project.reading() as c:
        return governance_rows.policy_recheck_days(c)


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


@dataclass(frozen=True, slots=True)
class SetPilotEnd:
    """Set (or clear) the day a pilot ends; a pilot past its end is due for a decision."""

    tool_id: int
    ends_on: str | date | None
    description: str = "Set pilot end"

    def apply(self, connection: Connection) -> Applied:
        day = iso_date()("Pilot ends", self.ends_on)
        tool = rows.get_row(connection, "tool", (self.tool_id,))
        if tool is None:
            raise NotFoundError(f"tool {self.tool_id} no longer exists")
        if tool["status"] != ToolStatus.PILOTING.value:
            raise ValidationError(
                "Pilot ends", f"{tool['name']} is not being piloted (it is {tool['status']})"
            )
        return UpdateRow(
            "tool", (self.tool_id,), (("pilot_ends_on", day),), self.description
        ).apply(connection)


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


def use_display_name(project: Project, display_name: str) -> None:
    """Name the audit's actor for this session only, e.g. from the user's preferences."""
    name = text(required=True, limit=200)("Your name", display_name)
    project.actor = f"{current_actor()} ({name})"


def actor_needs_name(project: Project) -> bool:
    with project.reading() as c:
        return governance_rows.actor_name(c, current_actor()) is None
