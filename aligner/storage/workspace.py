"""Where project data lives: validation, working copies, locks and atomic publishing.

The user's file is never opened by SQLite for writing (reliability-anchors D1, R1.1). Opening
byte-copies it to a private temp file, validates that copy, and loads it into a local working
copy with the backup API; every edit commits there. Save publishes by backing the working copy up
into a temp file beside the target, verifying it, fsyncing it and renaming it over the target.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import shutil
import socket
import sqlite3
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aligner.config import APPLICATION_ID, SCHEMA_VERSION
from aligner.domain.errors import ErrorCode, ProjectFileError, ProjectLockedError, SaveFailedError

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_USER_VERSION_OFFSET = 60
_APPLICATION_ID_OFFSET = 68


def canonical(path: Path) -> Path:
    """Resolve symlinks and relative parts so one file has one name (R1.10)."""
    return Path(os.path.normcase(path.expanduser().resolve()))


# --- validation -------------------------------------------------------------------------------


def read_header(path: Path) -> tuple[int, int]:
    """Check the SQLite header of ``path`` without SQLite; return (application_id, version).

    Raises:
        ProjectFileError: the file is missing, not SQLite, or not an Aligner project.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except FileNotFoundError:
        raise ProjectFileError(
            ErrorCode.FILE_NOT_FOUND, f"{path}: no such file", path=str(path), check="exists"
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            ErrorCode.FILE_NOT_FOUND,
            f"{path}: cannot be read ({exc.strerror})",
            path=str(path),
            check="readable",
        ) from None
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise ProjectFileError(
            ErrorCode.NOT_SQLITE,
            f"{path}: not an Aligner project (the file is not an SQLite database"
            f"{', it is empty' if not header else ''})",
            path=str(path),
            check="header",
        )
    (version,) = struct.unpack_from(">i", header, _USER_VERSION_OFFSET)
    (app_id,) = struct.unpack_from(">i", header, _APPLICATION_ID_OFFSET)
    if app_id != APPLICATION_ID:
        raise ProjectFileError(
            ErrorCode.NOT_ALIGNER,
            f"{path}: not an Aligner project (it is an SQLite database of another application)",
            path=str(path),
            check="application id",
        )
    _check_version(path, version)
    return app_id, version


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            ErrorCode.SCHEMA_TOO_NEW,
            f"{path}: made by a newer Aligner (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update Aligner to open it",
            path=str(path),
            version=version,
            check="schema version",
        )
    if version < 1:
        raise ProjectFileError(
            ErrorCode.DAMAGED,
            f"{path}: damaged (no schema version)",
            path=str(path),
            check="schema version",
        )


def validate_copy(copy: Path, shown_as: Path) -> int:
    """Run the full check sequence (R1.4) on a private copy; return its schema version."""
    read_header(copy)
    connection = sqlite3.connect(copy, isolation_level=None)
    # Text comes back as bytes: a damaged file may hold text that is not UTF-8, even in the
    # integrity report itself, and decoding it must be a finding, not a crash.
    connection.text_factory = bytes
    try:
        connection.execute("PRAGMA trusted_schema=OFF")
        checks: list[tuple[str, str, list[tuple[object, ...]]]] = [
            ("application id", "PRAGMA application_id", [(APPLICATION_ID,)]),
            ("integrity check", "PRAGMA integrity_check", [(b"ok",)]),
            ("foreign key check", "PRAGMA foreign_key_check", []),
        ]
        for label, sql, expected in checks:
            if connection.execute(sql).fetchall() != expected:
                raise _damaged(shown_as, label)
        # integrity_check does not look inside text values; reading one later would fail.
        if _undecodable_text(connection):
            raise _damaged(shown_as, "text encoding")
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # SQLite's own message can quote damaged (non-UTF-8) names; Python fails decoding it.
        reason = exc if isinstance(exc, sqlite3.DatabaseError) else "unreadable schema"
        raise ProjectFileError(
            ErrorCode.DAMAGED,
            f"{shown_as}: damaged ({reason}); open a backup instead",
            path=str(shown_as),
            check="sqlite",
        ) from None
    finally:
        connection.close()
    _check_version(shown_as, version)
    return version


def _damaged(shown_as: Path, check: str) -> ProjectFileError:
    return ProjectFileError(
        ErrorCode.DAMAGED,
        f"{shown_as}: damaged ({check} failed); open a backup instead",
        path=str(shown_as),
        check=check,
    )


def _quoted(name: bytes) -> str:
    return '"' + name.decode("utf-8").replace('"', '""') + '"'


def _undecodable_text(connection: sqlite3.Connection) -> bool:
    """True when some stored text (or a table or column name) is not valid UTF-8."""
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for column in connection.execute(f"PRAGMA table_info({_quoted(table)})"):
                name = _quoted(column[1])
                sql = f"SELECT {name} FROM {_quoted(table)} WHERE typeof({name}) = 'text'"
                for (value,) in connection.execute(sql):
                    value.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# --- copies --------------------------------------------------------------------------------------


def backup_into(source: sqlite3.Connection, target: Path, *, journal: str = "DELETE") -> None:
    """Copy a live database into ``target`` with the SQLite backup API (R1.7)."""
    destination = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(destination)
        destination.execute(f"PRAGMA journal_mode={journal}")
    finally:
        destination.close()


#: Files SQLite keeps beside a database it has open or was interrupted in (R1.2, R1.8).
JOURNAL_SUFFIXES = ("-wal", "-journal")


def journals_beside(database: Path) -> list[Path]:
    """The write-ahead log or rollback journal another program left beside ``database``."""
    beside = (database.with_name(database.name + suffix) for suffix in JOURNAL_SUFFIXES)
    return [path for path in beside if path.exists()]


def copy_with_journals(source: Path, copy: Path) -> list[Path]:
    """Byte-copy ``source`` and any journal beside it to ``copy``; return the journals copied.

    A journal beside a project file means another program opened it with SQLite. The database
    is only whole together with its journal (howtocorrupt §1.3-1.4), so both are copied and
    SQLite completes or rolls back the work on the private copy; the originals are not touched.
    """
    shutil.copyfile(source, copy)
    journals = journals_beside(source)
    for journal in journals:
        shutil.copyfile(journal, copy.with_name(copy.name + journal.name[len(source.name) :]))
    return journals


def discard_scratch(copy: Path) -> None:
    """Remove a private scratch copy and whatever SQLite left beside it.

    Only for files this process made and no other program knows; SQLite normally removes
    their journals itself when the last connection closes.
    """
    for path in (copy, *(copy.with_name(copy.name + s) for s in (*JOURNAL_SUFFIXES, "-shm"))):
        if path.exists():
            path.unlink()


def load_working_copy(published_copy: Path, working: Path) -> None:
    """Make ``working`` hold exactly the database in ``published_copy`` (a private file)."""
    source = sqlite3.connect(published_copy, isolation_level=None)
    try:
        backup_into(source, working, journal="WAL")
    finally:
        source.close()


#: What fsync on a directory says where the filesystem cannot sync directories at all.
_DIR_SYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES})


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; only "not supported here" is ignored, a real I/O error is not."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a directory; its rename is durable without this
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_SYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(source: sqlite3.Connection, target: Path) -> None:
    """Atomically replace ``target`` with a verified copy of ``source`` (R1.1, T1.3).

    Raises:
        SaveFailedError: nothing changed at ``target`` and no temp file is left.
    """
    temp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.saving")
    journals = journals_beside(target)
    if journals:
        # Renaming over a database whose journal stays beside it would pair the journal with
        # the wrong file; the next program to open it would "recover" it into garbage.
        raise SaveFailedError(
            f"could not save to {target}: another program has it open or was interrupted "
            f"({journals[0].name} is beside it); close that program, or save to another place",
            path=str(target),
            journal=str(journals[0]),
        )
    try:
        free = shutil.disk_usage(target.parent).free
        size = int(source.execute("PRAGMA page_count").fetchone()[0]) * int(
            source.execute("PRAGMA page_size").fetchone()[0]
        )
        if free < 2 * size:
            raise OSError(28, "not enough free space")
        backup_into(source, temp)
        validate_copy(temp, target)
        _fsync_file(temp)
        os.replace(temp, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error, ProjectFileError) as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SaveFailedError(
            f"could not save to {target}: {reason}; your work is safe in the working copy, "
            "try again or save to another place",
            path=str(target),
        ) from exc


# --- locks ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a project open."""

    user: str
    host: str
    pid: int
    since: str


def lock_path(project: Path) -> Path:
    return project.with_name(f".~lock.{project.name}#")


def _read_lock(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lock_holder(project: Path) -> LockInfo | None:
    """Who else has ``project`` open: a live process here, or any process on another computer."""
    existing = _read_lock(lock_path(project))
    if existing is None:
        return None
    if existing.host == socket.gethostname() and (
        existing.pid == os.getpid() or not _alive(existing.pid)
    ):
        return None  # ours, or left by a process that has died: stale
    return existing


def acquire_lock(project: Path, *, take_over: bool = False) -> Path:
    """Record that this process has ``project`` open; refuse if another live process has it."""
    path = lock_path(project)
    existing = lock_holder(project)
    if existing is not None and not take_over:
        raise ProjectLockedError(
            user=existing.user, host=existing.host, pid=existing.pid, since=existing.since
        )
    info = {
        "user": getpass.getuser(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).astimezone().isoformat(timespec="minutes"),
    }
    temp = path.with_name(path.name + f".{os.getpid()}")
    temp.write_text(json.dumps(info), encoding="utf-8")
    temp.replace(path)
    return path


def release_lock(project: Path) -> None:
    path = lock_path(project)
    held = _read_lock(path)
    if held is not None and held.pid == os.getpid() and held.host == socket.gethostname():
        with contextlib.suppress(OSError):
            path.unlink()
