"""Fixtures for the fault tests: a private Redis server per test and a deployment factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from newsflow.testing import Deployment
from tests.faults.harness import FAST_RECLAIM, RedisServer

DeploymentFactory = Callable[..., Deployment]


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def deployment(redis_server: RedisServer, sqlite_url: str, prefix: str) -> Iterator[DeploymentFactory]:
    """Build (not start) a deployment on the private server; every service is stopped afterwards."""
    made: list[Deployment] = []

    def make(workers: int = 1, **env: str) -> Deployment:
        dep = Deployment(redis_server.url, sqlite_url, prefix, workers=workers, env={**FAST_RECLAIM, **env})
        made.append(dep)
        return dep

    yield make
    for dep in made:
        dep.stop()
