"""Row-level edits with exact inverses: insert, update and delete-with-cascade.

Services build their undoable commands on these. A delete captures every row that the
database would cascade away, so putting them back restores the store exactly; a RESTRICT
link (a decision on a tool) refuses the delete and names what holds it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, insert, select, update

from aligner.domain.errors import InUseError, NotFoundError
from aligner.storage.tables import Base

#: (table name, column values) of one stored row.
RowValues = tuple[str, tuple[tuple[str, Any], ...]]
#: Primary-key column values of one row, in key-column order.
Key = tuple[Any, ...]


def table(name: str) -> Table:
    found = Base.metadata.tables.get(name)
    if found is None:
        raise NotFoundError(f"no table {name!r}")
    return found


def _key_clause(tbl: Table, key: Key) -> Any:
    columns = list(tbl.primary_key.columns)
    return and_(*(column == value for column, value in zip(columns, key, strict=True)))


def pack(name: str, values: Mapping[str, Any]) -> RowValues:
    return (name, tuple(sorted(values.items())))


def get_row(connection: Connection, name: str, key: Key) -> dict[str, Any] | None:
    tbl = table(name)
    row = connection.execute(select(tbl).where(_key_clause(tbl, key))).mappings().first()
    return None if row is None else dict(row)


def key_of(name: str, values: Mapping[str, Any]) -> Key:
    return tuple(values[column.name] for column in table(name).primary_key.columns)


def has_every_column(name: str, values: Mapping[str, Any]) -> bool:
    """Whether ``values`` already hold the row's full primary key and every column."""
    return set(values) >= {column.name for column in table(name).columns}


def insert_rows(connection: Connection, rows: Iterable[RowValues]) -> list[Key]:
    """Insert rows in the given order (parents first); return the key of each."""
    keys: list[Key] = []
    for name, pairs in rows:
        tbl = table(name)
        values = dict(pairs)
        result = connection.execute(insert(tbl).values(**values))
        pk_columns = list(tbl.primary_key.columns)
        if len(pk_columns) == 1 and pk_columns[0].name not in values:
            inserted = result.inserted_primary_key
            assert inserted is not None
            keys.append((inserted[0],))
        else:
            keys.append(key_of(name, values))
    return keys


def update_row(
    connection: Connection, name: str, key: Key, values: Mapping[str, Any]
) -> dict[str, Any]:
    """Change some columns of one row; return their previous values."""
    current = get_row(connection, name, key)
    if current is None:
        raise NotFoundError(f"{name} {key} no longer exists")
    previous = {column: current[column] for column in values}
    tbl = table(name)
    connection.execute(update(tbl).where(_key_clause(tbl, key)).values(**values))
    return previous


@functools.cache
def _referencing(name: str) -> tuple[tuple[Table, str, str, str], ...]:
    """Tables with a foreign key to ``name``: (table, column, referred column, ondelete).

    Cached: the schema is fixed for the life of the process, and a cascade capture asks once
    per captured row (hundreds of scores when a challenge goes).
    """
    links = []
    for tbl in Base.metadata.sorted_tables:
        for fk in tbl.foreign_keys:
            if fk.column.table.name == name:
                links.append((tbl, fk.parent.name, fk.column.name, (fk.ondelete or "").upper()))
    return tuple(links)


def capture_cascade(connection: Connection, name: str, key: Key) -> list[RowValues]:
    """Return the row and everything that cascades from it, parents before children."""
    row = get_row(connection, name, key)
    if row is None:
        raise NotFoundError(f"{name} {key} no longer exists")
    return _capture(connection, name, row)


def _capture(connection: Connection, name: str, row: Mapping[str, Any]) -> list[RowValues]:
    captured = [pack(name, row)]
    for child, column, referred, ondelete in _referencing(name):
        children = connection.execute(
            select(child).where(child.c[column] == row[referred])
        ).mappings()
        for child_row in children:
            if ondelete != "CASCADE":
                raise InUseError(
                    f"{name} is still referred to by a {child.name} record; "
                    f"remove or reassign that first",
                    entity=name,
                    referenced_by=child.name,
                )
            captured.extend(_capture(connection, child.name, dict(child_row)))
    return captured


def delete_row(connection: Connection, name: str, key: Key) -> list[RowValues]:
    """Delete one row (the database cascades); return every row removed, for restoring."""
    captured = capture_cascade(connection, name, key)
    tbl = table(name)
    connection.execute(delete(tbl).where(_key_clause(tbl, key)))
    return captured


def dependents_summary(connection: Connection, name: str, key: Key) -> dict[str, int]:
    """Count what would go with a row if it were deleted, by table (the row itself excluded)."""
    counts: dict[str, int] = {}
    for child_name, _ in capture_cascade(connection, name, key)[1:]:
        counts[child_name] = counts.get(child_name, 0) + 1
    return counts
