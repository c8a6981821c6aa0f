"""The database goes away under the store: it holds (transient) until it is back, then goes on."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import structlog

from newsflow.shared.errors import Transient
from newsflow.store.availability import DatabaseGone
from newsflow.store.store import ArticleStore
from tests.conftest import _pg_execute
from tests.test_store import make


def exists(path: Path) -> bool:
    return path.exists()


def stored_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


async def test_a_deleted_sqlite_file_holds_writes_until_it_is_back(sqlite_url: str, tmp_path: Path) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    store = ArticleStore(sqlite_url)
    try:
        await store.migrate()
        await store.upsert([make(0, page="before", count=1)])
        aside = tmp_path / "aside.db"
        os.link(path, aside)
        os.unlink(path)
        for attempt in range(2):
            with pytest.raises(DatabaseGone, match="deleted"):
                await store.upsert([make(0, page=f"during-{attempt}", count=1)])
        assert not exists(path)  # nothing created a new, empty file meanwhile
        os.rename(aside, path)
        await store.upsert([make(0, page="after", count=1)])
        assert await store.count() == 2
    finally:
        await store.close()
    assert stored_in(path) == 2


async def test_a_replaced_sqlite_file_is_reopened_and_migrated(sqlite_url: str, tmp_path: Path) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    store = ArticleStore(sqlite_url)
    try:
        await store.migrate()
        await store.upsert([make(0, page="before", count=1)])
        for suffix in ("", "-wal", "-shm"):
            os.unlink(f"{path}{suffix}")
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY))  # an operator starts afresh under the sink
        with pytest.raises(DatabaseGone, match="replaced"):
            await store.upsert([make(0, page="after", count=1)])
        await store.upsert([make(0, page="after", count=1)])  # reopened, found empty, migrated
        assert await store.count() == 1
    finally:
        await store.close()
    assert stored_in(path) == 1


@pytest.mark.postgres
async def test_a_postgresql_database_dropped_and_created_empty_is_migrated_again(
    postgres_server: str, postgres_url: str
) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(postgres_url).database
    store = ArticleStore(postgres_url)
    try:
        await store.migrate()
        await store.upsert([make(0, page="before", count=1)])
        await _pg_execute(postgres_server, f'DROP DATABASE "{name}" WITH (FORCE)')
        with structlog.testing.capture_logs() as logs:
            for _ in range(2):
                with pytest.raises(Transient):
                    await store.upsert([make(0, page="after", count=1)])
            await _pg_execute(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE template0')
            await store.upsert([make(0, page="after", count=1)])
        assert await store.count() == 1
    finally:
        await store.close()
    events = [e["event"] for e in logs]
    assert "store.schema_missing" in events  # (INFO lines such as store.available may be filtered here)
    unavailable = [e for e in logs if e["event"] == "store.unavailable"]
    assert len(unavailable) == len({e["error"] for e in unavailable}) >= 1  # each distinct error once


@pytest.mark.postgres
async def test_wait_ready_waits_for_a_database_that_does_not_exist_yet(
    postgres_server: str, postgres_url: str
) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(postgres_url).database
    await _pg_execute(postgres_server, f'DROP DATABASE "{name}" WITH (FORCE)')
    store = ArticleStore(postgres_url)
    try:
        with structlog.testing.capture_logs() as logs:
            waiting = asyncio.create_task(store.wait_ready())
            await asyncio.sleep(1.5)
            assert not waiting.done()
            await _pg_execute(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE template0')
            await asyncio.wait_for(waiting, 10)
        await store.upsert([make(0, count=1)])
    finally:
        await store.close()
    warnings = [e for e in logs if e["log_level"] == "warning"]
    assert [e["event"] for e in warnings] == ["store.unavailable"]
    assert "does not exist" in warnings[0]["error"] and warnings[0]["at"] == "startup"
