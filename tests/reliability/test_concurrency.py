"""Two Aligners, one project: the second is told who has it; take-over is safe; journals stay.

R4.4 (lock file, take-over), R1.2 step 3 (a journal beside the project file is copied with it,
never deleted) and R1.8 (the app never deletes or renames -wal, -shm or -journal files).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aligner import cli
from aligner.domain.errors import ProjectLockedError, RecoveryAvailableError, SaveFailedError
from aligner.services import edits
from aligner.services.project import Project, Recovery
from aligner.storage import workspace
from tests.sidecars import leave_a_wal

HOLDER = Path(__file__).with_name("project_holder.py")
SIDECARS = ("-wal", "-shm", "-journal")


class Holder:
    """Another Aligner process holding the project open."""

    def __init__(self, path: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HOLDER), str(path), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = self.read().split(" ", 2)
        assert first[0] == "open", first
        self.pid, self.working = int(first[1]), Path(first[2])

    def read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line:
            self.process.kill()
            pytest.fail(f"holder died: {self.process.communicate()[1]}")
        return line

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=30)


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.stop()


def test_a_second_process_is_told_the_project_is_in_use(
    sample_copy: Path, holders: list[Holder]
) -> None:
    holders.append(Holder(sample_copy))
    with pytest.raises(ProjectLockedError) as locked:
        Project.open(sample_copy)
    assert locked.value.pid == holders[0].pid
    assert locked.value.host == socket.gethostname()
    # The command line, a third process, gets the same answer as one line on stderr.
    run = subprocess.run(
        [sys.executable, "-m", "aligner", "info", str(sample_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "in use" in run.stderr and str(holders[0].pid) in run.stderr


def test_take_over_from_a_live_process_leaves_its_working_copy_alone(
    sample_copy: Path, holders: list[Holder], sqlite_checks
) -> None:
    first = Holder(sample_copy)
    holders.append(first)
    assert first.ask("add Unsaved Una") == "ok"

    # Regression: take-over found the first process's live working copy by its note and
    # offered it for recovery (or loaded the file over it while it was in use).
    second = Project.open(sample_copy, take_over=True)
    try:
        assert second._working.database != first.working
        assert "Unsaved Una" not in {m.name for m in second.members()}
        assert first.ask("add Still Stella") == "ok"
        assert first.ask("names").split("|")[-2:] == ["Unsaved Una", "Still Stella"]
        assert sqlite_checks(first.working) == ([("ok",)], [])

        second.execute(edits.add("member", name="Taker Tom", role="Principal"))
        second.save()
        # The first process closing must not remove the lock the second one now holds.
        assert first.ask("close") == "closed"
        holder = workspace.lock_holder(sample_copy)
        assert holder is None  # the lock is this process's own
        lock = json.loads(workspace.lock_path(sample_copy).read_text(encoding="utf-8"))
        assert lock["pid"] == os.getpid()
    finally:
        second.close()


def test_a_killed_holder_leaves_a_stale_lock_and_its_edits_for_recovery(
    sample_copy: Path, holders: list[Holder]
) -> None:
    first = Holder(sample_copy)
    holders.append(first)
    assert first.ask("add Crashed Carl") == "ok"
    first.stop()  # SIGKILL
    with pytest.raises(RecoveryAvailableError):
        Project.open(sample_copy)
    project = Project.open(sample_copy, recovery=Recovery.RECOVER)
    try:
        assert "Crashed Carl" in {m.name for m in project.members()}
    finally:
        project.close()


def test_a_lock_from_another_computer_is_shown_and_can_be_taken_over(sample_copy: Path) -> None:
    lock = {"user": "pat", "host": "library-pc-07", "pid": 4242, "since": "2026-11-30T08:05"}
    workspace.lock_path(sample_copy).write_text(json.dumps(lock), encoding="utf-8")
    with pytest.raises(ProjectLockedError) as locked:
        Project.open(sample_copy)
    assert "library-pc-07" in locked.value.message and "pat" in locked.value.message
    project = Project.open(sample_copy, take_over=True)
    try:
        assert json.loads(workspace.lock_path(sample_copy).read_text())["pid"] == os.getpid()
    finally:
        project.close()
    assert not workspace.lock_path(sample_copy).exists()


# --- journals: never deleted, never renamed (R1.8) ----------------------------------------------


@pytest.fixture
def journal_moves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every delete or rename of a -wal, -shm or -journal file done through Python's os module."""
    moves: list[str] = []

    def spy(name: str) -> None:
        real = getattr(os, name)

        def watched(*args: Any, **kwargs: Any) -> Any:
            for arg in args[:2]:
                if isinstance(arg, str | os.PathLike) and os.fspath(arg).endswith(SIDECARS):
                    moves.append(f"{name} {os.fspath(arg)}")
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, watched)

    for name in ("unlink", "remove", "rename", "replace", "rmdir"):
        spy(name)
    return moves


def _leave_a_hot_journal(path: Path, statement: str) -> None:
    """Another program dies in the middle of a big rollback-journal transaction."""
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1')\n"  # spill changed pages into the file early
        "c.execute('BEGIN')\n"
        "c.execute(sys.argv[2])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path), statement], check=True)


def _snapshot(path: Path) -> dict[str, bytes]:
    files = [path, *(path.with_name(path.name + s) for s in SIDECARS)]
    return {f.name: f.read_bytes() for f in files if f.exists()}


def test_a_wal_beside_the_project_is_applied_to_the_copy_and_left_alone(
    sample_copy: Path, tmp_path: Path, journal_moves: list[str]
) -> None:
    leave_a_wal(sample_copy, "INSERT INTO member(name, role) VALUES ('Walter WAL', 'Clerk')")
    before = _snapshot(sample_copy)
    assert sample_copy.name + "-wal" in before

    project = Project.open(sample_copy)
    try:
        # The other program's committed row lives only in the -wal: it is there, and said.
        assert "Walter WAL" in {m.name for m in project.members()}
        assert project.warnings and "-wal" in project.warnings[0]
        project.execute(edits.add("member", name="Mine Mia", role="Teacher"))
        # Saving over it would pair that -wal with a different file: refused, nothing changed.
        with pytest.raises(SaveFailedError, match="another program"):
            project.save()
        assert _snapshot(sample_copy) == before
        elsewhere = tmp_path / "elsewhere.aligner"
        project.save_as(elsewhere)
        assert workspace.validate_copy(elsewhere, elsewhere)
    finally:
        project.close()
    assert _snapshot(sample_copy) == before
    assert journal_moves == []


def test_a_hot_journal_beside_the_project_is_rolled_back_on_the_copy(
    sample_copy: Path, journal_moves: list[str]
) -> None:
    query = "SELECT id, rationale FROM score ORDER BY id"
    connection = sqlite3.connect(sample_copy)
    committed = connection.execute(query).fetchall()
    connection.close()
    # The audit log is append-only (a trigger refuses UPDATE), so the interrupted write hits
    # the scores: a large change, spilled to the file before the crash.
    _leave_a_hot_journal(sample_copy, "UPDATE score SET rationale = hex(randomblob(300))")
    before = _snapshot(sample_copy)
    assert sample_copy.name + "-journal" in before

    project = Project.open(sample_copy)
    try:
        # The interrupted transaction is rolled back: the copy is the file as last committed.
        with project.reading() as reading:
            assert [tuple(row) for row in reading.exec_driver_sql(query)] == committed
        assert project.audit_chain_broken_at() is None
        assert project.integrity() == "ok"
        assert project.warnings and "-journal" in project.warnings[0]
    finally:
        project.close()
    assert _snapshot(sample_copy) == before
    assert journal_moves == []


def test_closing_while_the_working_copy_has_a_wal_keeps_it(
    sample_copy: Path, journal_moves: list[str]
) -> None:
    project = Project.open(sample_copy)
    working = project._working.database
    project.execute(edits.add("member", name="Kept Kim", role="Teacher"))
    # Something else (a backup tool, a second reader) still has the working copy open, so
    # SQLite cannot fold the -wal in when Aligner closes.
    reader = sqlite3.connect(working)
    reader.execute("SELECT count(*) FROM member").fetchone()
    try:
        project.close()
        wal = working.with_name(working.name + "-wal")
        assert working.exists() and wal.exists()
        assert working.with_suffix(".json").exists(), "the note of a live copy was removed"
    finally:
        reader.close()
    assert journal_moves == []
    # The unsaved edit is still offered next time.
    with pytest.raises(RecoveryAvailableError):
        Project.open(sample_copy)
    recovered = Project.open(sample_copy, recovery=Recovery.RECOVER)
    try:
        assert "Kept Kim" in {m.name for m in recovered.members()}
    finally:
        recovered.close()


def test_the_command_line_says_when_another_programs_wal_was_applied(
    sample_copy: Path, capsys: pytest.CaptureFixture[str], journal_moves: list[str]
) -> None:
    leave_a_wal(sample_copy, "INSERT INTO member(name, role) VALUES ('Walter WAL', 'Clerk')")
    before = _snapshot(sample_copy)

    assert cli.main(["info", str(sample_copy)]) == 0

    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "-wal" in err and "another program" in err
    assert _snapshot(sample_copy) == before
    assert journal_moves == []
