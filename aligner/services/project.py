"""Open, create, save and close a project; run edits; read it back as domain values.

The lifecycle follows DESIGN.md "Where the data lives": the user's file is validated on a
private copy, loaded into a local working copy, edited there one transaction per command, and
published back atomically on save. A crash leaves the working copy for the next open to offer.
"""

from __future__ import annotations

import contextlib
import getpass
import shutil
import socket
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Engine, insert

from aligner.config import FILE_SUFFIX, SCHEMA_VERSION
from aligner.domain.errors import ErrorCode, ProjectFileError, RecoveryAvailableError
from aligner.domain.model import (
    Challenge,
    District,
    Member,
    Outcome,
    ProjectCounts,
    RubricLevel,
    Score,
    Tool,
)
from aligner.services.commands import Applied, Command
from aligner.services.paths import Recovery, default_project_path
from aligner.storage import audit, governance_rows, repositories, schema, workspace
from aligner.storage import working_copies as wc
from aligner.storage.audit import AuditEntry
from aligner.storage.engine import open_engine
from aligner.storage.tables import DistrictRow, RubricLevelRow, table_of

if TYPE_CHECKING:
    from aligner.compute.pipeline import Evaluation

DEFAULT_RUBRIC = (
    RubricLevel(0, "No evidence", "Nothing suggests the tool moves this outcome."),
    RubricLevel(1, "Weak", "Vendor claims only, or evidence from unlike settings."),
    RubricLevel(2, "Promising", "Some evidence in similar districts, or a small local trial."),
    RubricLevel(3, "Strong", "Credible evidence in similar settings and a plausible local fit."),
    RubricLevel(4, "Proven here", "Measured improvement in our own pilot against the baseline."),
)


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Project:
    """An open project: its working copy, its lock and the file it saves to."""

    def __init__(self, working: wc.WorkingCopy, engine: Engine, actor: str) -> None:
        self._working = working
        self._engine = engine
        #: How the audit log names whoever edits: the OS user and the name they confirmed.
        self.actor = actor
        #: Things the user should be told about this open (e.g. a journal found beside the file).
        self.warnings: tuple[str, ...] = ()
        with engine.connect() as connection:
            name = governance_rows.actor_name(connection, actor)
        if name:
            self.actor = f"{actor} ({name})"

    # --- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        name: str = "My district",
        school_year: str = "",
        take_over: bool = False,
    ) -> Project:
        """Make a new empty project at ``path`` (published at once) and open it."""
        source = workspace.canonical(path)
        workspace.acquire_lock(source, take_over=take_over)
        try:
            working = wc.new(source)
            engine = open_engine(working.database)
            schema.upgrade(engine)
            with engine.begin() as connection:
                connection.execute(
                    insert(table_of(DistrictRow)).values(
                        id=1,
                        name=name,
                        school_year=school_year,
                        aggregation="mean",
                        min_raters=2,
                        unknown_blocks=False,
                        challenge_weight_method="direct",
                        is_sample=False,
                    )
                )
                connection.execute(
                    insert(table_of(RubricLevelRow)),
                    [
                        {"value": lv.value, "label": lv.label, "description": lv.description}
                        for lv in DEFAULT_RUBRIC
                    ],
                )
                audit.append(
                    connection,
                    current_actor(),
                    AuditEntry("create", "project", "", None, {"name": name}),
                )
            project = cls(working, engine, current_actor())
            from aligner.services.privacy import install_checklist  # privacy builds on Project

            project.execute(install_checklist())
            project.save()
        except BaseException:
            workspace.release_lock(source)
            raise
        return project

    @classmethod
    def open(
        cls, path: Path, *, take_over: bool = False, recovery: Recovery = Recovery.ASK
    ) -> Project:
        """Open the project at ``path``; the file itself is never written by opening.

        Raises:
            ProjectFileError: missing, not an Aligner project, damaged or from a newer Aligner.
            ProjectLockedError: another running Aligner has it open (pass take_over=True).
            RecoveryAvailableError: a crashed session left unsaved changes (pass recovery=...).
        """
        source = workspace.canonical(path)
        workspace.read_header(source)
        holder = workspace.lock_holder(source)
        workspace.acquire_lock(source, take_over=take_over)
        # Taking over from a live Aligner on this computer: its working copy is still in use by
        # it, so this process must neither offer it for recovery nor load over it.
        in_use_here = holder is not None and holder.host == socket.gethostname()
        try:
            return cls._open_locked(source, recovery, reuse=not in_use_here)
        except BaseException:
            workspace.release_lock(source)
            raise

    @classmethod
    def _open_locked(cls, source: Path, recovery: Recovery, *, reuse: bool) -> Project:
        left_over = wc.find(source) if reuse else None
        if left_over is not None:
            head_id = _head_of(left_over.database)
            if head_id is not None and head_id > left_over.saved_head:
                if recovery is Recovery.ASK:
                    raise RecoveryAvailableError(
                        working_copy=str(left_over.database),
                        last_change=_last_change(left_over.database),
                    )
                if recovery is Recovery.RECOVER:
                    workspace.validate_copy(left_over.database, source)
                    return cls(left_over, open_engine(left_over.database), current_actor())
        incoming = wc.scratch_file(FILE_SUFFIX)
        try:
            journals = workspace.copy_with_journals(source, incoming)
            version = workspace.validate_copy(incoming, source)
            working = left_over or wc.new(source)
            if version < SCHEMA_VERSION:
                _backup_before_migration(incoming, source, version)
            workspace.load_working_copy(incoming, working.database)
        finally:
            workspace.discard_scratch(incoming)
        engine = open_engine(working.database)
        if version < SCHEMA_VERSION:
            schema.upgrade(engine)
            with engine.begin() as connection:
                audit.append(
                    connection,
                    current_actor(),
                    AuditEntry(
                        "migrate", "project", "", {"schema": version}, {"schema": SCHEMA_VERSION}
                    ),
                )
        with engine.connect() as connection:
            saved = audit.head(connection)[0] if version == SCHEMA_VERSION else -1
        project = cls(working.with_saved_head(saved), engine, current_actor())
        project._working.write_note()
        if version < SCHEMA_VERSION:
            # A file from before the checklist shipped would otherwise gate nothing at all.
            from aligner.services.checklist import ensure_checklist  # builds on Project

            ensure_checklist(project)
        if journals:
            project.warnings = (
                f"{source}: another program had it open ({journals[0].name} is beside it); "
                "its unfinished work was applied to this copy only. Close that program before "
                "saving here, or save to another place.",
            )
        return project

    @property
    def path(self) -> Path:
        return self._working.source

    @property
    def is_dirty(self) -> bool:
        with self._engine.connect() as connection:
            return audit.head(connection)[0] != self._working.saved_head

    def save(self) -> None:
        """Publish the working copy to the project file atomically."""
        self._publish(self._working.source)

    def save_as(self, path: Path, *, take_over: bool = False) -> None:
        target = workspace.canonical(path)
        if target == self._working.source:
            self.save()
            return
        workspace.acquire_lock(target, take_over=take_over)
        try:
            self._publish(target)
        except BaseException:
            workspace.release_lock(target)
            raise
        workspace.release_lock(self._working.source)
        self._working = self._working.with_source(target)
        self._working.write_note()

    def _publish(self, target: Path) -> None:
        with self._raw() as raw:
            head_id = int(raw.execute("SELECT coalesce(max(id), 0) FROM audit_event").fetchone()[0])
            workspace.publish(raw, target)
        self._working = self._working.with_saved_head(head_id)
        self._working.write_note()

    def close(self) -> None:
        """Close and forget the working copy; unsaved changes are discarded on purpose."""
        self._engine.dispose()
        if not self._working.database.with_name(self._working.database.name + "-wal").exists():
            self._working.forget()
        workspace.release_lock(self._working.source)

    @contextlib.contextmanager
    def _raw(self) -> Iterator[sqlite3.Connection]:
        with self._engine.connect() as connection:
            # The pool hands out pysqlite connections; the backup API needs the raw one.
            yield cast(sqlite3.Connection, connection.connection.dbapi_connection)

    # --- editing -----------------------------------------------------------------------------

    def execute(self, command: Command) -> Applied:
        """Apply one command in one transaction, with its audit events; return its inverse."""
        with self._engine.begin() as connection:
            applied = command.apply(connection)
            audit.append_many(connection, self.actor, applied.audit)
        return applied

    # --- reading -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._engine.connect() as connection:
            yield connection

    def district(self) -> District:
        with self.reading() as c:
            return repositories.district(c)

    def challenges(self) -> list[Challenge]:
        with self.reading() as c:
            return repositories.challenges(c)

    def outcomes(self) -> list[Outcome]:
        with self.reading() as c:
            return repositories.outcomes(c)

    def tools(self) -> list[Tool]:
        with self.reading() as c:
            return repositories.tools(c)

    def members(self) -> list[Member]:
        with self.reading() as c:
            return repositories.members(c)

    def scores(self, member_id: int | None = None) -> list[Score]:
        with self.reading() as c:
            return repositories.scores(c, member_id)

    def counts(self) -> ProjectCounts:
        with self.reading() as c:
            return repositories.counts(c)

    def dependents(self, entity: str, record_id: int) -> dict[str, int]:
        """What else a delete of this record would remove, by table."""
        from aligner.storage.rows import dependents_summary

        with self.reading() as c:
            return dependents_summary(c, entity, (record_id,))

    def integrity(self) -> str:
        with self._raw() as raw:
            rows = raw.execute("PRAGMA integrity_check").fetchall()
        return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])

    def audit_chain_broken_at(self) -> int | None:
        with self.reading() as c:
            return audit.verify_chain(c)

    def evaluation(self) -> Evaluation:
        # numpy and the pipeline load on first use, not when the window starts.
        from aligner.compute.pipeline import evaluate
        from aligner.storage import snapshot

        with self.reading() as c:
            data = snapshot.load_evaluation(c)
        return evaluate(data)

    @property
    def engine(self) -> Engine:
        """For storage-level tests and benchmarks only; clients use the methods above."""
        return self._engine


def _head_of(database: Path) -> int | None:
    try:
        connection = sqlite3.connect(database, isolation_level=None)
        try:
            return int(
                connection.execute("SELECT coalesce(max(id),0) FROM audit_event").fetchone()[0]
            )
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _last_change(database: Path) -> str:
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        row = connection.execute("SELECT at FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else "an earlier session"


def _backup_before_migration(copy: Path, source: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = wc.backups_dir() / (
        f"{source.stem}.pre-migration-{version}-{SCHEMA_VERSION}-{stamp}{FILE_SUFFIX}"
    )
    shutil.copyfile(copy, target)
    workspace.validate_copy(target, target)
    return target


__all__ = ["ErrorCode", "Project", "ProjectFileError", "Recovery", "default_project_path"]
