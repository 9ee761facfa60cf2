"""Opening, saving, locking and recovering: the user's file is never damaged or surprised."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert

from aligner.config import SCHEMA_VERSION
from aligner.domain.errors import (
    ErrorCode,
    ProjectFileError,
    ProjectLockedError,
    RecoveryAvailableError,
    SaveFailedError,
)
from aligner.services import edits
from aligner.services.project import Project, Recovery
from aligner.storage import schema, workspace
from aligner.storage.engine import open_engine
from aligner.storage.tables import RubricLevelRow


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_text_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "notes.aligner"
    path.write_text("minutes of the meeting")
    before = digest(path)
    with pytest.raises(ProjectFileError) as caught:
        Project.open(path)
    assert caught.value.code is ErrorCode.NOT_SQLITE
    assert "not an Aligner project" in caught.value.message
    assert digest(path) == before
    assert not workspace.lock_path(path).exists()


def test_another_applications_database_is_refused_with_its_own_message(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(ProjectFileError) as caught:
        Project.open(path)
    assert caught.value.code is ErrorCode.NOT_ALIGNER
    assert "another application" in caught.value.message
    assert digest(path) == before


def test_a_newer_schema_is_refused_and_left_byte_identical(sample_copy: Path) -> None:
    connection = sqlite3.connect(sample_copy)
    connection.execute("PRAGMA user_version=99")
    connection.commit()
    connection.close()
    before = digest(sample_copy)
    with pytest.raises(ProjectFileError) as caught:
        Project.open(sample_copy)
    assert caught.value.code is ErrorCode.SCHEMA_TOO_NEW
    assert "newer Aligner" in caught.value.message
    assert digest(sample_copy) == before


def test_a_damaged_file_is_refused_naming_the_check(sample_copy: Path) -> None:
    data = bytearray(sample_copy.read_bytes())
    for offset in range(4096 * 3, 4096 * 3 + 200):  # scribble over a b-tree page
        data[offset] ^= 0xFF
    sample_copy.write_bytes(bytes(data))
    before = digest(sample_copy)
    with pytest.raises(ProjectFileError) as caught:
        Project.open(sample_copy)
    assert caught.value.code is ErrorCode.DAMAGED
    assert "damaged" in caught.value.message
    assert digest(sample_copy) == before


def _write_schema_1_project(path: Path) -> None:
    working = path.with_suffix(".build")
    engine = open_engine(working)
    schema.upgrade(engine, to_version=1)
    with engine.begin() as connection:
        # Plain SQL with schema 1's columns: the mapped table has grown since then.
        connection.exec_driver_sql(
            "INSERT INTO district (id, name, school_year, aggregation, min_raters,"
            " unknown_blocks, challenge_weight_method, is_sample)"
            " VALUES (1, 'Old district', '2024-25', 'mean', 2, 0, 'direct', 0)"
        )
        connection.execute(
            insert(RubricLevelRow.__table__),
            [
                {"value": 0, "label": "None", "description": ""},
                {"value": 4, "label": "Strong", "description": ""},
            ],
        )
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        workspace.backup_into(raw, path)
    engine.dispose()


def test_an_older_schema_is_backed_up_then_migrated(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "old.aligner"
    _write_schema_1_project(path)
    before = digest(path)
    project = Project.open(path)
    try:
        backups = list(
            (data_dir / "backups").glob(f"old.pre-migration-1-{SCHEMA_VERSION}-*.aligner")
        )
        assert len(backups) == 1
        assert digest(backups[0]) == before
        assert project.district().name == "Old district"
        assert project.integrity() == "ok"
        with project.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
            # the migrated schema holds the newer tables
            assert connection.exec_driver_sql("SELECT count(*) FROM decision").scalar_one() == 0
        assert project.is_dirty  # migrated, not yet saved
        assert digest(path) == before  # opening never writes the user's file
    finally:
        project.close()


def test_save_publishes_and_reopen_sees_the_edit(sample_copy: Path) -> None:
    project = Project.open(sample_copy)
    project.execute(edits.update_district(name="Lakeside USD"))
    assert project.is_dirty
    project.save()
    assert not project.is_dirty
    project.close()
    reopened = Project.open(sample_copy)
    try:
        assert reopened.district().name == "Lakeside USD"
    finally:
        reopened.close()


@pytest.mark.parametrize("failing_step", ["backup_into", "_fsync_file", "replace"])
def test_a_failed_save_leaves_the_old_file_and_no_temp(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, failing_step: str
) -> None:
    project = Project.open(sample_copy)
    try:
        project.execute(edits.update_district(name="Changed"))
        before = digest(sample_copy)

        def fail(*_args: object, **_kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        if failing_step == "replace":
            monkeypatch.setattr(workspace.os, "replace", fail)
        else:
            monkeypatch.setattr(workspace, failing_step, fail)
        with pytest.raises(SaveFailedError) as caught:
            project.save()
        assert "No space left" in caught.value.message
        assert digest(sample_copy) == before
        assert [p.name for p in sample_copy.parent.iterdir() if p.name.endswith(".saving")] == []
        assert project.district().name == "Changed"  # working copy intact
        assert project.is_dirty
    finally:
        monkeypatch.undo()
        project.close()


def test_a_second_open_is_refused_with_who_and_since(sample_copy: Path) -> None:
    project = Project.open(sample_copy)
    try:
        lock = workspace.lock_path(sample_copy)
        # Pretend the holder is another machine, so liveness cannot be checked locally.
        lock.write_text(lock.read_text().replace('"host": "', '"host": "other-'))
        with pytest.raises(ProjectLockedError) as caught:
            Project.open(sample_copy)
        assert "in use by" in caught.value.message
        assert caught.value.since
        taken = Project.open(sample_copy, take_over=True)
        taken.close()
    finally:
        project.close()


def test_a_stale_lock_of_a_dead_process_is_taken_over_silently(sample_copy: Path) -> None:
    lock = workspace.lock_path(sample_copy)
    import json
    import socket

    lock.write_text(
        json.dumps(
            {
                "user": "x",
                "host": socket.gethostname(),
                "pid": 2**22 + 7,
                "since": "2026-01-01T09:00",
            }
        )
    )
    project = Project.open(sample_copy)
    project.close()


def test_after_a_crash_the_working_copy_is_offered_for_recovery(sample_copy: Path) -> None:
    project = Project.open(sample_copy)
    project.execute(edits.update_district(name="Unsaved name"))
    # A crash: no save, no close. Drop the connections and the lock as the OS would.
    project.engine.dispose()
    workspace.lock_path(sample_copy).unlink()
    with pytest.raises(RecoveryAvailableError):
        Project.open(sample_copy)
    recovered = Project.open(sample_copy, recovery=Recovery.RECOVER)
    try:
        assert recovered.district().name == "Unsaved name"
        assert recovered.is_dirty
    finally:
        recovered.engine.dispose()
        workspace.lock_path(sample_copy).unlink()
    discarded = Project.open(sample_copy, recovery=Recovery.DISCARD)
    try:
        assert discarded.district().name != "Unsaved name"
        assert not discarded.is_dirty
    finally:
        discarded.close()


def test_save_as_moves_the_project_and_its_lock(sample_copy: Path, tmp_path: Path) -> None:
    project = Project.open(sample_copy)
    target = tmp_path / "elsewhere" / "copy.aligner"
    target.parent.mkdir()
    try:
        project.save_as(target)
        assert project.path == workspace.canonical(target)
        assert workspace.lock_path(target).exists()
        assert not workspace.lock_path(sample_copy).exists()
    finally:
        project.close()
    assert not workspace.lock_path(target).exists()
    assert target.stat().st_size > 0


def test_create_makes_a_saved_empty_project(tmp_path: Path) -> None:
    path = tmp_path / "new.aligner"
    project = Project.create(path, name="Fresh district")
    try:
        assert path.exists()
        assert not project.is_dirty
        assert project.district().rubric_max == 4
        assert project.tools() == []
    finally:
        project.close()
