"""The only package importing SQLAlchemy and Alembic: engine, tables, migrations, reads."""
