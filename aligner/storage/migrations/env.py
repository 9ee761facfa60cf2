"""Alembic environment run in-process: the caller hands over an open connection."""

from __future__ import annotations

from alembic import context

from aligner.storage.tables import Base

connection = context.config.attributes["connection"]
# SQLite has almost no ALTER TABLE; batch mode rebuilds tables ("move and copy").
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
