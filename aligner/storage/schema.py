"""Schema version on open: refuse newer, migrate older (after a backup), build new from empty.

Migrations are Alembic scripts shipped inside the package and run in-process on the caller's
connection, with foreign keys off for the duration: batch mode rebuilds tables, and a rebuild
with foreign keys on would cascade-delete children of the table being copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from aligner.config import APPLICATION_ID, SCHEMA_REVISIONS, SCHEMA_VERSION
from aligner.domain.errors import AlignerError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    # Alembic is imported only when a migration runs: opening a current file never needs it,
    # and it would cost the desktop app a visible share of its start.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, *, to_version: int = SCHEMA_VERSION) -> None:
    """Migrate the database behind ``engine`` to ``to_version`` in one transaction."""
    revision = SCHEMA_REVISIONS[to_version - 1]
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        # Must run outside a transaction: inside one, SQLite ignores the pragma.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config = _alembic_config()
                config.attributes["connection"] = connection
                from alembic import command

                command.upgrade(config, revision)
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise AlignerError(f"migration left dangling references: {problems[:3]}")
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                connection.exec_driver_sql(f"PRAGMA user_version={to_version}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
