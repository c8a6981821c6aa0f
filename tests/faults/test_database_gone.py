"""The database is not there, or goes away, under a real sink: it waits, holds, and resumes.

- the database is missing when the sink starts: it waits (one WARNING line, no
  traceback) and stores everything once the database exists;
- the SQLite file is deleted while the sink runs: it stops committing into the
  unlinked file and holds its entries until the file is back;
- the PostgreSQL database is dropped and created empty: the sink migrates it
  again and resumes, logging each distinct error once.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from newsflow.shared.backlog import backlog
from newsflow.testing import Deployment, Service
from tests.conftest import _pg_execute
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    FAST_RECLAIM,
    RedisServer,
    assert_exactly_once,
    expected_ids,
    pages,
    record,
    time_to_progress,
    wait_drained,
    wait_until_stored,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PAGES = 600


def log_lines(service: Service) -> list[dict[str, Any]]:
    lines = []
    for line in service.log_path.read_text(errors="replace").splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            lines.append({"event": "(not json)", "text": line})
    return lines


def exists(path: Path) -> bool:
    return path.exists()


def sink_of(dep: Deployment) -> Service:
    return next(s for s in dep.services if s.name == "sink")


async def logged(service: Service, event: str, seconds: float = 60.0) -> dict[str, Any]:
    """The first ``event`` line ``service`` logs (waiting for it); fails if the process exits."""
    async with asyncio.timeout(seconds):
        while True:
            for line in log_lines(service):
                if line.get("event") == event:
                    return line
            assert service.process.poll() is None, service.log_path.read_text()[-4000:]
            await asyncio.sleep(0.1)


async def articles_unacknowledged(dep: Deployment, redis_url: str) -> int:
    redis = Redis.from_url(redis_url)
    try:
        articles = (await backlog(redis, dep.streams))[2]
    finally:
        await redis.aclose()
    return articles.lag + articles.pending


async def articles_waiting(dep: Deployment, redis_url: str, seconds: float = 120.0) -> None:
    """Wait until the workers have published articles for the sink (so resume times are the sink's)."""
    async with asyncio.timeout(seconds):
        while True:
            if await articles_unacknowledged(dep, redis_url) > 0:
                break
            await asyncio.sleep(0.1)
    await asyncio.sleep(1)


def assert_waited_quietly(sink: Service) -> list[dict[str, Any]]:
    """No traceback; the wait logged as store.unavailable lines, each a distinct error."""
    text = sink.log_path.read_text(errors="replace")
    assert "Traceback" not in text, text[-4000:]
    waits = [line for line in log_lines(sink) if line.get("event") == "store.unavailable"]
    assert waits and len({w["error"] for w in waits}) == len(waits), waits
    return waits


async def test_sink_started_before_its_sqlite_database_can_open_waits_then_stores_everything(
    redis_server: RedisServer, prefix: str, tmp_path: Path
) -> None:
    folder = tmp_path / "not-yet"
    batch = pages(PAGES // 3, "nodb")
    expected = expected_ids(batch)
    dep = Deployment(redis_server.url, f"sqlite:///{folder}/newsflow.db", prefix, env=dict(FAST_RECLAIM))
    try:
        dep.start()
        await dep.submit(batch)
        first = await logged(sink_of(dep), "store.unavailable")
        assert first["at"] == "startup" and first["level"] == "warning"
        await articles_waiting(dep, redis_server.url)
        assert sink_of(dep).process.poll() is None
        folder.mkdir()
        back = time.monotonic()
        resumed = await time_to_progress(dep, redis_server.url, back)
        await wait_drained(dep, redis_server.url, expected=len(expected))
        (_wait,) = assert_waited_quietly(sink_of(dep))
        verdict = await assert_exactly_once(dep, redis_server.url, expected)
    finally:
        dep.stop()
    record(
        "SQLite database unopenable at sink start-up", verdict, pages=len(batch), faults=1, resume_s=[resumed]
    )


@pytest.mark.postgres
async def test_sink_started_before_its_postgresql_database_exists_waits_then_stores_everything(
    redis_server: RedisServer, postgres_server: str, postgres_url: str, prefix: str
) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(postgres_url).database
    await _pg_execute(postgres_server, f'DROP DATABASE "{name}" WITH (FORCE)')
    batch = pages(PAGES // 3, "nopg")
    expected = expected_ids(batch)
    dep = Deployment(redis_server.url, postgres_url, prefix, env=dict(FAST_RECLAIM))
    try:
        dep.start()
        await dep.submit(batch)
        first = await logged(sink_of(dep), "store.unavailable")
        assert first["at"] == "startup" and "does not exist" in first["error"]
        await articles_waiting(dep, redis_server.url)
        assert sink_of(dep).process.poll() is None
        await _pg_execute(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE template0')
        resumed = await time_to_progress(dep, redis_server.url, time.monotonic())
        await wait_drained(dep, redis_server.url, expected=len(expected))
        (_wait,) = assert_waited_quietly(sink_of(dep))
        verdict = await assert_exactly_once(dep, redis_server.url, expected)
    finally:
        dep.stop()
    record(
        "PostgreSQL database missing at sink start-up",
        verdict,
        pages=len(batch),
        faults=1,
        resume_s=[resumed],
    )


async def test_sqlite_file_deleted_under_the_sink_holds_entries_until_it_is_back(
    deployment: DeploymentFactory, redis_server: RedisServer, tmp_path: Path
) -> None:
    batch = pages(PAGES, "unlinked")
    expected = expected_ids(batch)
    dep = deployment(workers=1).start()
    path = Path(dep.database_url.removeprefix("sqlite:///"))
    await dep.submit(batch[: PAGES // 2])
    await wait_until_stored(dep, PAGES // 10)

    # The file goes (kept aside under another name, to be put back): a sink that keeps
    # committing into its open, unlinked file would acknowledge articles stored nowhere.
    aside = tmp_path / "aside.db"
    os.link(path, aside)
    os.unlink(path)
    gone = time.monotonic()
    await dep.submit(batch[PAGES // 2 :])
    waiting = await logged(sink_of(dep), "store.unavailable")
    assert "deleted" in waiting["error"]
    await asyncio.sleep(2)
    assert await articles_unacknowledged(dep, redis_server.url) > 0
    assert not exists(path)  # the sink did not create an empty database in its place
    os.rename(aside, path)
    outage = time.monotonic() - gone
    resumed = await time_to_progress(dep, redis_server.url, time.monotonic())
    await wait_drained(dep, redis_server.url, expected=len(expected))
    assert "store.available" in sink_of(dep).log_path.read_text()
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record(
        f"SQLite file deleted {outage:.0f} s, then put back",
        verdict,
        pages=PAGES,
        faults=1,
        resume_s=[resumed],
    )


@pytest.mark.postgres
async def test_postgresql_database_dropped_and_recreated_empty_is_migrated_and_resumed(
    redis_server: RedisServer, postgres_server: str, postgres_url: str, prefix: str
) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(postgres_url).database
    batch = pages(PAGES, "pgdrop")
    expected = expected_ids(batch)
    dep = Deployment(redis_server.url, postgres_url, prefix, env=dict(FAST_RECLAIM))
    try:
        dep.start()
        await dep.submit(batch[: PAGES // 2])
        await wait_until_stored(dep, PAGES // 10)
        await _pg_execute(postgres_server, f'DROP DATABASE "{name}" WITH (FORCE)')
        dropped = time.monotonic()
        await dep.submit(batch[PAGES // 2 :])
        await logged(sink_of(dep), "store.unavailable")
        await asyncio.sleep(2)
        assert await articles_unacknowledged(dep, redis_server.url) > 0
        await _pg_execute(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE template0')
        outage = time.monotonic() - dropped
        resumed = await time_to_progress(dep, redis_server.url, time.monotonic())
        await logged(sink_of(dep), "store.schema_missing")
        # What was stored before the drop went with the database: its producers submit it again.
        await dep.submit(batch[: PAGES // 2])
        await wait_drained(dep, redis_server.url, expected=len(expected))
        waits = assert_waited_quietly(sink_of(dep))
        verdict = await assert_exactly_once(dep, redis_server.url, expected)
    finally:
        dep.stop()
    assert len(waits) >= 1
    record(
        f"PostgreSQL database dropped {outage:.0f} s, created empty (pages resubmitted)",
        verdict,
        pages=PAGES,
        faults=1,
        resume_s=[resumed],
    )
