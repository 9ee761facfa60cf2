"""The audit log as the committee reads it: events with filters, the chain head, verification.

The chain proves integrity only relative to a head recorded elsewhere (R4.7): anyone with the
file can rebuild a consistent chain, so exports print the head and the app shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligner.domain.governance import AuditEvent
from aligner.services.project import Project
from aligner.storage import audit, governance_rows


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The result of recomputing the chain."""

    events: int
    head_id: int
    head_hash: str
    broken_at: int | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def message(self) -> str:
        if self.broken_at is None:
            return f"Audit trail verified ({self.events} events, head {self.head_hash[:12]})"
        return f"Audit trail broken at event {self.broken_at}: it was changed after it was written"


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which events to list; empty fields match everything."""

    text: str = ""
    actor: str = ""
    entity: str = ""
    action: str = ""

    def matches(self, event: AuditEvent) -> bool:
        if self.actor and self.actor.lower() not in event.actor.lower():
            return False
        if self.entity and self.entity != event.entity:
            return False
        if self.action and self.action != event.action:
            return False
        if self.text:
            needle = self.text.lower()
            haystack = " ".join((event.entity_key, event.before, event.after, event.entity))
            return needle in haystack.lower()
        return True


def events(project: Project, where: AuditFilter | None = None) -> list[AuditEvent]:
    with project.reading() as c:
        found = governance_rows.audit_events(c)
    return [e for e in found if where is None or where.matches(e)]


def head(project: Project) -> tuple[int, str]:
    with project.reading() as c:
        return audit.head(c)


def verify(project: Project) -> ChainCheck:
    with project.reading() as c:
        broken = audit.verify_chain(c)
        head_id, head_hash = audit.head(c)
        count = audit.count(c)
    return ChainCheck(count, head_id, head_hash, broken)
