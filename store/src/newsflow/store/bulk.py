"""Bulk inserts on the driver's fastest path, inside the store's SQLAlchemy transaction.

New articles and their side rows are most of what the sink writes. Going
through SQLAlchemy's per-parameter processing for them costs more than the
database's own work on SQLite, so they are encoded here once, per column, into
the driver's representation and handed to ``executemany`` (SQLite) or binary
``COPY`` (asyncpg's ``copy_records_to_table``, PostgreSQL) on the connection the
transaction already holds. The encodings are the ones SQLAlchemy's types use,
so rows read back through SQLAlchemy are the same either way (a test checks).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import JSON, Table
from sqlalchemy.ext.asyncio import AsyncConnection

from newsflow.store.schema import UTCDateTime

Encoder = Callable[[Any], Any]


def dumps_json(value: Any) -> str:
    """JSON text for a column: orjson's (fast) where it can, the standard library's otherwise."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # e.g. integers beyond 64 bits, non-string keys
        return json.dumps(value)


def _json(value: Any) -> str | None:
    return None if value is None else dumps_json(value)


def _sqlite_instant(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite DATETIME storage format, in UTC: "YYYY-MM-DD HH:MM:SS.ffffff".
    if value is None:
        return None
    if value.tzinfo is not UTC and value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _pg_instant(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Plan:
    names: tuple[str, ...]
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    encoders: tuple[tuple[int, Encoder], ...]
    statement: str


@cache
def _plan(table: Table, dialect: str) -> _Plan:
    """Columns written (all but autoincrement keys), how to encode them, and the SQLite INSERT."""
    names: list[str] = []
    encoders: list[tuple[int, Encoder]] = []
    for column in table.columns:
        if column.primary_key and column.autoincrement is True:
            continue
        if isinstance(column.type, JSON) or isinstance(getattr(column.type, "impl", None), JSON):
            encoders.append((len(names), _json))
        elif isinstance(column.type, UTCDateTime):
            encoders.append((len(names), _sqlite_instant if dialect == "sqlite" else _pg_instant))
        names.append(column.name)
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" * len(names))
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608 (our own schema)
    pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    return _Plan(tuple(names), pick, tuple(encoders), statement)


def encode(table: Table, dialect: str, rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """``rows`` as value lists in the driver's representation, in the plan's column order."""
    plan = _plan(table, dialect)
    pick, encoders = plan.pick, plan.encoders
    instants: dict[datetime, Any] = {}  # a batch shares its stored_at, a page its fetched_at
    records = []
    for row in rows:
        values = list(pick(row))
        for index, encoder in encoders:
            value = values[index]
            if value.__class__ is datetime:
                encoded = instants.get(value)
                if encoded is None:
                    encoded = instants[value] = encoder(value)
                values[index] = encoded
            else:
                values[index] = encoder(value)
        records.append(values)
    return records


async def insert(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` within ``conn``'s transaction, the driver's fastest way."""
    if not rows:
        return
    dialect = conn.dialect.name
    plan = _plan(table, dialect)
    records = encode(table, dialect, rows)
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg.Connection or aiosqlite.Connection
    if dialect == "postgresql":
        await driver.copy_records_to_table(table.name, records=records, columns=list(plan.names))
    else:
        await driver.executemany(plan.statement, records)


def _sqlite_read_instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


async def select_in(
    conn: AsyncConnection, table: Table, columns: Sequence[str], key: str, values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows of ``table`` whose ``key`` is one of ``values``, on the driver directly.

    The store's hot-path lookups: a third of what SQLAlchemy spends rendering
    an expanding ``IN`` each time. Instants come back as aware UTC datetimes.
    """
    if not values:
        return []
    dialect = conn.dialect.name
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    names = ", ".join(f'"{c}"' for c in columns)
    if dialect == "postgresql":
        statement = f'SELECT {names} FROM "{table.name}" WHERE "{key}" = ANY($1::text[])'  # noqa: S608
        return [tuple(record) for record in await driver.fetch(statement, list(values))]
    marks = ", ".join("?" * len(values))
    statement = f'SELECT {names} FROM "{table.name}" WHERE "{key}" IN ({marks})'  # noqa: S608
    instants = [isinstance(table.c[c].type, UTCDateTime) for c in columns]
    rows = await driver.execute_fetchall(statement, list(values))
    return [
        tuple(_sqlite_read_instant(v) if instant else v for v, instant in zip(row, instants, strict=True))
        for row in rows
    ]
