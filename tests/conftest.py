"""Shared fixtures: a real Redis for the session, a private stream prefix per test.

Redis comes from newsflow's own pytest plugin (``newsflow_redis``):
NEWSFLOW_TEST_REDIS_URL when set, else a testcontainers Redis when a Docker
engine answers, else an embedded Valkey server. Each test gets its own stream
prefix and removes its keys after, so tests can share a server with other users of it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

# Registered by the installed package's pytest11 entry point too; pytest loads it once.
pytest_plugins = ["newsflow.pytest_plugin", "pytester"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d6a69832709aa93b.txt"


@pytest.fixture(scope="session")
def redis_url(newsflow_redis: str) -> str:
    """URL of a real Redis-protocol server for this test session (the newsflow plugin's)."""
    return newsflow_redis


@pytest.fixture(scope="session", autouse=True)
def service_log_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Service logs of the harness go under pytest's temp dir, which pytest prunes."""
    path = tmp_path_factory.mktemp("service-logs")
    saved = os.environ.get("NEWSFLOW_TEST_LOG_DIR")
    os.environ["NEWSFLOW_TEST_LOG_DIR"] = str(path)
    yield path
    if saved is None:
        os.environ.pop("NEWSFLOW_TEST_LOG_DIR", None)
    else:
        os.environ["NEWSFLOW_TEST_LOG_DIR"] = saved


@pytest.fixture
def prefix() -> str:
    """A stream prefix no other test (or deployment) uses."""
    return f"nftest-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def redis(redis_url: str, prefix: str) -> AsyncIterator[Redis]:
    """A client on the test server; deletes the test's keys afterwards."""
    client = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        keys = [k async for k in client.scan_iter(match=f"{prefix}:*", count=500)]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsflow.db'}"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# PostgreSQL: a database of its own for each test that asks for one, dropped afterwards.
# The server comes from NEWSFLOW_TEST_POSTGRES_URL (CI's .ci/run starts it); when it is
# down the PostgreSQL cases are skipped locally and fail under CI.

POSTGRES_URL = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


async def _pg_execute(url: str, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=5)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """URL of a database on the test PostgreSQL server, to create and drop others from."""
    import asyncio

    try:
        asyncio.run(_pg_execute(POSTGRES_URL, "SELECT 1"))
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc!r}")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc!r}")
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database (nftest_<uuid>) on the test server; dropped after the test."""
    import asyncio

    from sqlalchemy.engine import make_url

    name = f"nftest_{uuid.uuid4().hex}"
    asyncio.run(_pg_execute(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE template0'))
    try:
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_pg_execute(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each engine in turn: SQLite in a temp dir, then PostgreSQL."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))
