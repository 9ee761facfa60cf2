"""T1.1: kill -9 a writer at a random moment, many times; nothing acknowledged is ever lost.

The writer (crash_writer.py) uses the production path, Project.open + Project.execute, on the
working copy. After each kill the working copy is checked the way the app would find it: SQLite
integrity and foreign keys, every acknowledged transaction present and whole, the audit chain
intact, and Project.open offering the unsaved changes for recovery.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.domain.errors import RecoveryAvailableError
from aligner.services.project import Project, Recovery
from aligner.storage import working_copies, workspace

WRITER = Path(__file__).with_name("crash_writer.py")
CHILDREN = 20


def _run_and_kill(project: Path, rng: random.Random) -> tuple[list[int], str]:
    """Start a writer, SIGKILL it at a random moment; return the numbers it acknowledged."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(project), str(CHILDREN)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    # Most kills land among the commits; one in ten lands while it is still opening/recovering.
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0.0, 1.5))
    else:
        first = writer.stdout.readline()
        if first.strip() != "ready":
            writer.kill()
            _, err = writer.communicate()
            pytest.fail(f"writer did not start: {first!r} {err}")
        time.sleep(rng.uniform(0.0, 0.5))
    writer.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    out, err = writer.communicate(timeout=30)
    # A writer may die of a real error before the kill: that is a failure, not a crash test.
    # -9 is SIGKILL on POSIX; TerminateProcess leaves exit code 1 on Windows.
    if writer.returncode not in (-9, 1) or "Traceback" in err:
        pytest.fail(f"writer failed on its own (exit {writer.returncode}): {err}")
    acknowledged = [int(line) for line in out.split() if line.isdigit()]
    return acknowledged, err


def _transactions(database: Path) -> dict[int, int]:
    """Child-row count per crash-loop transaction found in the working copy."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        rows = connection.execute(
            "SELECT substr(c.title, 5), count(o.id) FROM challenge c LEFT JOIN outcome o"
            " ON o.challenge_id = c.id WHERE c.title LIKE 'txn %' GROUP BY c.id"
        ).fetchall()
    finally:
        connection.close()
    return {int(n): int(k) for n, k in rows}


def test_killed_writers_lose_no_acknowledged_commit(
    sample_copy: Path, rounds, figures, sqlite_checks
) -> None:
    kills = rounds(4, 200)
    rng = random.Random(20261130)
    source = workspace.canonical(sample_copy)
    acknowledged: set[int] = set()
    survived = 0
    for kill in range(kills):
        numbers, _ = _run_and_kill(sample_copy, rng)
        acknowledged.update(numbers)
        working = working_copies.find(source)
        assert working is not None, f"kill {kill}: the working copy is gone"

        integrity, foreign = sqlite_checks(working.database)
        assert integrity == [("ok",)], f"kill {kill}: {integrity[:3]}"
        assert foreign == [], f"kill {kill}: {foreign[:3]}"
        found = _transactions(working.database)
        missing = acknowledged - set(found)
        assert not missing, f"kill {kill}: acknowledged commits lost: {sorted(missing)[:5]}"
        torn = {n: k for n, k in found.items() if k != CHILDREN}
        assert not torn, f"kill {kill}: transactions only partly stored: {torn}"

        if acknowledged:
            with pytest.raises(RecoveryAvailableError) as offered:
                Project.open(sample_copy)
            assert offered.value.working_copy == str(working.database)
        survived += 1
    figures("crash loop", kills_survived=f"{survived}/{kills}", commits=len(acknowledged))

    # Recovering and saving puts every acknowledged transaction into the user's file.
    project = Project.open(sample_copy, recovery=Recovery.RECOVER)
    try:
        assert project.audit_chain_broken_at() is None
        project.save()
    finally:
        project.close()
    integrity, foreign = sqlite_checks(sample_copy)
    assert (integrity, foreign) == ([("ok",)], [])
    assert acknowledged <= set(_transactions(sample_copy))
