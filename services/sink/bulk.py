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
from datetime import UTC, datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import JSON, Table
from sqlalchemy.ext.asyncio import AsyncConnection

from newsflow.services.sink.schema import UTCDateTime

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
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def _pg_instant(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@cache
def _plan(table: Table, dialect: str) -> tuple[tuple[str, ...], tuple[Encoder | None, ...], str]:
    """Columns written (all but autoincrement keys), their encoders, and the INSERT statement."""
    names: list[str] = []
    encoders: list[Encoder | None] = []
    for column in table.columns:
        if column.primary_key and column.autoincrement is True:
            continue
        names.append(column.name)
        if isinstance(column.type, JSON) or isinstance(getattr(column.type, "impl", None), JSON):
            encoders.append(_json)
        elif isinstance(column.type, UTCDateTime):
            encoders.append(_sqlite_instant if dialect == "sqlite" else _pg_instant)
        else:
            encoders.append(None)
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" * len(names))
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608 (our own schema)
    return tuple(names), tuple(encoders), statement


def encode(table: Table, dialect: str, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """``rows`` as tuples in the driver's representation, in the plan's column order."""
    names, encoders, _ = _plan(table, dialect)
    pairs = list(zip(names, encoders, strict=True))
    return [tuple(row[n] if e is None else e(row[n]) for n, e in pairs) for row in rows]


async def insert(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` within ``conn``'s transaction, the driver's fastest way."""
    if not rows:
        return
    dialect = conn.dialect.name
    names, _, statement = _plan(table, dialect)
    records = encode(table, dialect, rows)
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg.Connection or aiosqlite.Connection
    if dialect == "postgresql":
        await driver.copy_records_to_table(table.name, records=records, columns=list(names))
    else:
        await driver.executemany(statement, records)
