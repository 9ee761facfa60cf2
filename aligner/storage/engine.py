"""The one place engines are made: SQLite pragmas on every connection, one writer.

Rules from reliability-anchors R1.3, R1.5 and R2.1: foreign keys on (read back), WAL,
synchronous FULL, trusted_schema OFF, and BEGIN IMMEDIATE so a write never meets a
lock upgrade half way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from aligner.domain.errors import AlignerError

#: What every connection must read back after setup. journal_mode is checked only where set.
REQUIRED_PRAGMAS: dict[str, object] = {
    "foreign_keys": 1,
    "synchronous": 2,
    "trusted_schema": 0,
}


def configure_connection(dbapi_connection: sqlite3.Connection, *, wal: bool = True) -> None:
    """Apply and read back the pragmas every Aligner connection needs."""
    # Autocommit at the driver level so the pragmas run outside any implicit transaction
    # (a pragma inside a transaction is silently ignored); SQLAlchemy emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA trusted_schema=OFF")
        cursor.execute("PRAGMA cell_size_check=ON")
        if wal:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise AlignerError(f"could not switch the working copy to WAL (got {mode})")
        cursor.execute("PRAGMA synchronous=FULL")
        for name, expected in REQUIRED_PRAGMAS.items():
            actual = cursor.execute(f"PRAGMA {name}").fetchone()[0]
            if actual != expected:
                raise AlignerError(f"PRAGMA {name} reads {actual}, expected {expected}")
    finally:
        cursor.close()


def open_engine(path: Path) -> Engine:
    """Return the single-writer engine over a working copy at ``path``."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=30,
        connect_args={"check_same_thread": False, "timeout": 15},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        configure_connection(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def read_pragmas(engine: Engine) -> dict[str, object]:
    """Read back the pragmas of a connection from ``engine`` (for tests and `aligner info`)."""
    with engine.connect() as connection:
        names = [*REQUIRED_PRAGMAS, "journal_mode", "application_id", "user_version"]
        return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar_one() for name in names}
