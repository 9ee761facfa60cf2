"""T1.4 and T1.5: damaged and wrong files are refused, named, and never changed.

The fuzz runs in a subprocess (damage_opener.py) with a timeout, so a hang or a crash inside
SQLite fails the test and names the seed. A byte flipped in unused space or inside a text value
may leave a file that still opens: the rule is then that what opens passes integrity_check, can
be read, and the file on disk stays byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from aligner.config import SCHEMA_VERSION
from aligner.domain.errors import ErrorCode, ProjectFileError
from aligner.services.project import Project

OPENER = Path(__file__).with_name("damage_opener.py")
CHECKS = {
    "header",
    "application id",
    "schema version",
    "integrity check",
    "foreign key check",
    "text encoding",
    "sqlite",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_copies_are_refused_or_open_intact(
    sample_file: Path, tmp_path: Path, rounds, figures
) -> None:
    seeds = rounds(25, 500)
    work = tmp_path / "damaged"
    work.mkdir()
    try:
        run = subprocess.run(
            [sys.executable, str(OPENER), str(sample_file), str(work), "0", str(seeds)],
            capture_output=True,
            text=True,
            timeout=30 + 2 * seeds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        done = (exc.stdout or b"").decode().count("\n")
        pytest.fail(f"opening a damaged file hung: seed {done}")
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    if len(reports) < seeds:
        pytest.fail(f"the opener died at seed {len(reports)} (exit {run.returncode}): {run.stderr}")

    crashed = [r for r in reports if r["result"] == "crashed" or "reading" in r]
    assert not crashed, crashed[:2]
    assert all(r["same_bytes"] for r in reports), "a damaged file was changed by opening it"
    refused = [r for r in reports if r["result"] == "refused"]
    opened = [r for r in reports if r["result"] == "opened"]
    assert all(r["check"] in CHECKS and r["names_file"] for r in refused), refused[:2]
    assert all(r["integrity"] == "ok" for r in opened), opened[:2]
    # Damage that breaks the file must be caught: most seeds flip the header or page 1.
    assert len(refused) > len(opened)
    figures(
        "damaged files",
        refused=f"{len(refused)}/{seeds}",
        opened_intact=len(opened),
        crashed_or_hung=0,
    )


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _other_app_db(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id=1234")
    connection.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes(body) VALUES ('grocery list')")
    connection.commit()
    connection.close()


def _newer_project(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    connection.close()


@pytest.mark.parametrize(
    ("kind", "code", "check"),
    [
        ("empty", ErrorCode.NOT_SQLITE, "header"),
        ("text", ErrorCode.NOT_SQLITE, "header"),
        ("png", ErrorCode.NOT_SQLITE, "header"),
        ("other sqlite app", ErrorCode.NOT_ALIGNER, "application id"),
        ("newer schema", ErrorCode.SCHEMA_TOO_NEW, "schema version"),
    ],
)
def test_wrong_files_get_their_own_message_and_stay_unchanged(
    kind: str, code: ErrorCode, check: str, sample_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "offered.aligner"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("Minutes of the March meeting\n", encoding="utf-8")
    elif kind == "png":
        path.write_bytes(_png())
    elif kind == "other sqlite app":
        _other_app_db(path)
    else:
        _newer_project(path, sample_file)
    before = _digest(path)
    with pytest.raises(ProjectFileError) as refused:
        Project.open(path)
    assert refused.value.code is code
    assert refused.value.params["check"] == check
    assert str(path) in refused.value.message
    assert _digest(path) == before
    assert not list(tmp_path.glob(".*saving")), "a temp file was left beside it"


def test_text_that_is_not_utf8_is_refused_not_a_crash_later(sample_copy: Path) -> None:
    # Regression: a flipped byte inside a stored name passed integrity_check, opened, and then
    # the audit page failed with "Could not decode to UTF-8".
    connection = sqlite3.connect(sample_copy)
    connection.execute("UPDATE tool SET name = CAST(X'4d61ff68' AS TEXT) WHERE id = 1")
    connection.commit()
    connection.close()
    before = _digest(sample_copy)
    with pytest.raises(ProjectFileError) as refused:
        Project.open(sample_copy)
    assert refused.value.params["check"] == "text encoding"
    assert _digest(sample_copy) == before
