"""Undoable edits. Each applies inside the caller's transaction and returns its exact inverse.

Commands are frozen values, so a client may keep them on an undo stack and apply them again
later; applying a command's inverse restores the store exactly, ids included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection

from aligner.services.changes import TABLE_CHANGES, Changes
from aligner.storage import rows
from aligner.storage.audit import AuditEntry
from aligner.storage.rows import Key, RowValues


@dataclass(frozen=True, slots=True)
class Applied:
    """The result of applying a command: how to undo it, what changed, what to audit."""

    inverse: Command
    changes: Changes
    audit: tuple[AuditEntry, ...]
    #: Keys of rows a command created, so callers can find what they just added.
    created: tuple[Key, ...] = ()


class Command(Protocol):
    """An edit of the store that knows how to describe and undo itself."""

    @property
    def description(self) -> str: ...

    def apply(self, connection: Connection) -> Applied: ...


def is_final(command: Command) -> bool:
    """Whether ``command`` finalises something (a decision) and so is never undone (R4.5).

    Its inverse still exists for tests of the store, but clients must not offer it: reversing
    a final act is a new, audited act.
    """
    return bool(getattr(command, "final", False))


def _changes(names: list[str]) -> Changes:
    result = Changes()
    for name in names:
        result = result | TABLE_CHANGES.get(name, Changes())
    return result


def _key_text(key: Key) -> str:
    return "/".join(str(part) for part in key)


@dataclass(frozen=True, slots=True)
class InsertRows:
    """Insert rows, parents first. Its inverse deletes them again."""

    rows: tuple[RowValues, ...]
    description: str

    def apply(self, connection: Connection) -> Applied:
        keys = rows.insert_rows(connection, self.rows)
        # Store generated ids and defaults so redo recreates the very same rows; rows being
        # restored already carry their keys and every column, so they need no read-back.
        stored = tuple(
            (name, pairs)
            if rows.has_every_column(name, dict(pairs))
            else rows.pack(name, rows.get_row(connection, name, key) or dict(pairs))
            for (name, pairs), key in zip(self.rows, keys, strict=True)
        )
        targets = tuple((name, key) for (name, _), key in zip(stored, keys, strict=True))
        audit = tuple(
            AuditEntry("create", name, _key_text(key), None, dict(pairs))
            for (name, pairs), key in zip(stored, keys, strict=True)
        )
        inverse = DeleteRows(tuple(reversed(targets)), f"Undo: {self.description}")
        return Applied(inverse, _changes([n for n, _ in stored]), audit, tuple(keys))


@dataclass(frozen=True, slots=True)
class DeleteRows:
    """Delete rows with everything that cascades from them. Its inverse puts them all back."""

    targets: tuple[tuple[str, Key], ...]
    description: str

    def apply(self, connection: Connection) -> Applied:
        removed: list[RowValues] = []
        for name, key in self.targets:
            if rows.get_row(connection, name, key) is None:
                continue  # already removed by an earlier target's cascade
            removed.extend(rows.delete_row(connection, name, key))
        audit = tuple(
            AuditEntry("delete", name, _key_text(rows.key_of(name, dict(pairs))), dict(pairs))
            for name, pairs in removed
        )
        inverse = InsertRows(tuple(removed), f"Undo: {self.description}")
        return Applied(inverse, _changes([n for n, _ in removed]), audit)


@dataclass(frozen=True, slots=True)
class UpdateRow:
    """Change some columns of one row. Its inverse sets them back."""

    table: str
    key: Key
    values: tuple[tuple[str, Any], ...]
    description: str

    def apply(self, connection: Connection) -> Applied:
        new = dict(self.values)
        previous = rows.update_row(connection, self.table, self.key, new)
        audit = AuditEntry("update", self.table, _key_text(self.key), previous, new)
        inverse = UpdateRow(
            self.table, self.key, tuple(sorted(previous.items())), f"Undo: {self.description}"
        )
        return Applied(inverse, _changes([self.table]), (audit,))


@dataclass(frozen=True, slots=True)
class Batch:
    """Several commands as one undoable step (e.g. importing a packet, setting all weights)."""

    commands: tuple[Command, ...]
    description: str

    def apply(self, connection: Connection) -> Applied:
        inverses: list[Command] = []
        changes = Changes()
        audit: list[AuditEntry] = []
        created: list[Key] = []
        for command in self.commands:
            applied = command.apply(connection)
            inverses.append(applied.inverse)
            changes = changes | applied.changes
            audit.extend(applied.audit)
            created.extend(applied.created)
        inverse = Batch(tuple(reversed(inverses)), f"Undo: {self.description}")
        return Applied(inverse, changes, tuple(audit), tuple(created))


@dataclass(frozen=True, slots=True)
class Upsert:
    """Set the columns of the row with this key, creating the row if it does not exist yet."""

    table: str
    key: tuple[tuple[str, Any], ...]
    values: tuple[tuple[str, Any], ...]
    description: str

    def apply(self, connection: Connection) -> Applied:
        key = tuple(value for _, value in self.key)
        if rows.get_row(connection, self.table, key) is None:
            return InsertRows(
                (rows.pack(self.table, {**dict(self.key), **dict(self.values)}),),
                self.description,
            ).apply(connection)
        return UpdateRow(self.table, key, self.values, self.description).apply(connection)
