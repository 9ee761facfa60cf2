"""Hash-chained audit events (reliability-anchors R4.7).

Each event's hash covers its own fields and the previous event's hash, so editing, deleting or
reordering any stored event breaks the chain from that event on, and `verify_chain` names it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select

from aligner.storage.tables import AuditEventRow, table_of

GENESIS_HASH = "0" * 64
_AUDIT = table_of(AuditEventRow)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """What one change did, before it is chained and stored."""

    action: str
    entity: str
    entity_key: str = ""
    before: object = None
    after: object = None


def _canonical(value: object) -> str:
    if value is None:
        return ""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, fields: dict[str, str]) -> str:
    """Return the chain hash of one event given its stored text fields."""
    payload = json.dumps({"prev": prev_hash, **fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(connection: Connection) -> tuple[int, str]:
    """Return (id, hash) of the newest event, or (0, GENESIS_HASH) for an empty log."""
    row = connection.execute(
        select(_AUDIT.c.id, _AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def first_hash(connection: Connection) -> str:
    """Hash of the oldest event (the project's creation): a stable identity for the project.

    It never changes once written, travels with every copy and Save As of the file, and
    differs between projects because it covers the creation time, the creator and the name.
    """
    row = connection.execute(select(_AUDIT.c.hash).order_by(_AUDIT.c.id).limit(1)).first()
    return GENESIS_HASH if row is None else str(row[0])


def append(connection: Connection, actor: str, entry: AuditEntry) -> str:
    """Append one event inside the caller's transaction; return its hash."""
    return append_many(connection, actor, (entry,))


def append_many(connection: Connection, actor: str, entries: Sequence[AuditEntry]) -> str:
    """Append events in order inside the caller's transaction; return the new head hash.

    One read of the head and one multi-row insert, however many rows a command touched
    (deleting a challenge audits every score that goes with it).
    """
    _, prev_hash = head(connection)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    rows = []
    for entry in entries:
        fields = {
            "at": at,
            "actor": actor,
            "action": entry.action,
            "entity": entry.entity,
            "entity_key": entry.entity_key,
            "before": _canonical(entry.before),
            "after": _canonical(entry.after),
        }
        prev_hash_of_row = prev_hash
        prev_hash = event_hash(prev_hash, fields)
        rows.append({**fields, "prev_hash": prev_hash_of_row, "hash": prev_hash})
    if rows:
        connection.execute(insert(_AUDIT), rows)
    return prev_hash


def count(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(_AUDIT)).scalar_one())


def verify_chain(connection: Connection) -> int | None:
    """Recompute the chain; return the id of the first broken event, or None when intact."""
    prev_hash = GENESIS_HASH
    columns = [_AUDIT.c[name] for name in ("id", *_FIELDS, "prev_hash", "hash")]
    for row in connection.execute(select(*columns).order_by(_AUDIT.c.id)):
        values = row._asdict()
        fields = {name: str(values[name]) for name in _FIELDS}
        if values["prev_hash"] != prev_hash or event_hash(prev_hash, fields) != values["hash"]:
            return int(values["id"])
        prev_hash = str(values["hash"])
    return None


_FIELDS = ("at", "actor", "action", "entity", "entity_key", "before", "after")
