"""The store: pragmas, constraints and the schema refuse what they must."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from aligner.config import APPLICATION_ID, SCHEMA_VERSION
from aligner.services.project import Project
from aligner.storage.engine import open_engine, read_pragmas


def test_every_connection_reads_back_the_pragmas(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "w.sqlite")
    for _ in range(3):
        pragmas = read_pragmas(engine)
        assert pragmas["foreign_keys"] == 1
        assert pragmas["journal_mode"] == "wal"
        assert pragmas["synchronous"] == 2
        assert pragmas["trusted_schema"] == 0
        engine.dispose()  # the next read gets a brand-new connection


def test_project_connections_carry_the_pragmas_and_application_id(sample_project: Project) -> None:
    pragmas = read_pragmas(sample_project.engine)
    assert pragmas["foreign_keys"] == 1
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["application_id"] == APPLICATION_ID
    assert pragmas["user_version"] == SCHEMA_VERSION


def test_an_orphan_score_is_refused(sample_project: Project) -> None:
    with pytest.raises(exc.IntegrityError), sample_project.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO score (member_id, tool_id, outcome_id, value, abstained, rationale)"
                " VALUES (999, 1, 1, 2, 0, '')"
            )
        )


def test_a_negative_weight_is_refused_by_the_database(sample_project: Project) -> None:
    with pytest.raises(exc.IntegrityError), sample_project.engine.begin() as connection:
        connection.execute(text("UPDATE outcome SET weight = -1 WHERE id = 1"))


def test_a_score_off_the_rubric_is_refused_by_the_database(sample_project: Project) -> None:
    with pytest.raises(exc.IntegrityError), sample_project.engine.begin() as connection:
        connection.execute(text("UPDATE score SET value = 7 WHERE id = 1"))


def test_a_second_score_for_the_same_cell_is_refused(sample_project: Project) -> None:
    with pytest.raises(exc.IntegrityError), sample_project.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO score (member_id, tool_id, outcome_id, value, abstained, rationale)"
                " SELECT member_id, tool_id, outcome_id, 1, 0, '' FROM score LIMIT 1"
            )
        )


def test_published_file_is_a_plain_single_file_database(sample_file: Path) -> None:
    connection = sqlite3.connect(f"file:{sample_file}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        connection.close()
