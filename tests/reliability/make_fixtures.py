"""Write tests/reliability/fixtures/schema-N.aligner for each released schema version N.

Run once per new schema revision: ``.venv/bin/python tests/reliability/make_fixtures.py``.
Existing fixtures are never rewritten: they stand for files districts already have on disk, so
they must stay exactly as an older Aligner saved them.

Each fixture holds the sample district's data, copied column by column into a database built by
the migrations up to N only (tables and columns of later revisions are left out), with the sample's
audit trail, and is published by the production save path.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().with_name("fixtures")


def fixture_path(version: int) -> Path:
    return FIXTURES / f"schema-{version}.aligner"


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _copy_rows(sample: sqlite3.Connection, target: sqlite3.Connection) -> None:
    from aligner.storage.tables import Base

    for table in Base.metadata.sorted_tables:  # parents before children
        present = _columns(target, table.name)
        if not present:
            continue  # a table of a later revision
        shared = [c for c in _columns(sample, table.name) if c in present]
        names = ", ".join(f'"{c}"' for c in shared)
        rows = sample.execute(f'SELECT {names} FROM "{table.name}"').fetchall()
        marks = ", ".join("?" for _ in shared)
        target.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def write_fixture(version: int, work: Path) -> Path:
    from aligner.services.sample import write_sample
    from aligner.storage import schema, workspace
    from aligner.storage.engine import open_engine

    sample_path = work / "sample.aligner"
    write_sample(sample_path)
    database = work / f"v{version}.sqlite"
    engine = open_engine(database)
    schema.upgrade(engine, to_version=version)
    engine.dispose()

    sample = sqlite3.connect(sample_path)
    target = sqlite3.connect(database, isolation_level=None)
    try:
        target.execute("BEGIN")
        _copy_rows(sample, target)
        target.execute("COMMIT")
        problems = target.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems
        workspace.publish(target, fixture_path(version))
    finally:
        sample.close()
        target.close()
    return fixture_path(version)


def main() -> int:
    from aligner.config import SCHEMA_REVISIONS

    FIXTURES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        os.environ["ALIGNER_DATA_DIR"] = str(Path(work) / "data")
        for version in range(1, len(SCHEMA_REVISIONS) + 1):
            if fixture_path(version).exists():
                continue
            print(f"wrote {write_fixture(version, Path(work))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
