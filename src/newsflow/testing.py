"""An integration-test harness: newsflow end to end, as real processes or in this process.

For test suites that drive newsflow end to end (ours and its users'). Both
harnesses take a Redis server and a database, put every key under a prefix of
their own (a fresh one unless given), submit pages, wait until pages are
stored or dead-lettered, return typed :class:`Article` and :class:`DeadLetter`
models, and delete their keys when they close.

>>> async with Deployment(redis_url, "sqlite:///t.db") as dep:   # splitter, worker, sink processes
...     page_id = await dep.submit_page(page)
...     outcome = await dep.wait_for_articles(page_id)
...     outcome.articles[0].title

:class:`Pipeline` does the same with the three services in this process
(faster to start; for quick suites). The pytest plugin
(``newsflow.pytest_plugin``) wraps both in fixtures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from newsflow.client import Producer
from newsflow.files import read_page
from newsflow.shared.backlog import GroupBacklog, backlog
from newsflow.shared.broker import redis_client
from newsflow.shared.contracts import Article, DeadLetter, Page
from newsflow.shared.deadletters import list_letters
from newsflow.shared.settings import Settings
from newsflow.shared.streams import Streams
from newsflow.store.models import StoredArticle
from newsflow.store.store import ArticleStore

SERVICES = ("splitter", "worker", "sink")
STARTED_EVENT = "service.started"


def new_prefix() -> str:
    """A stream prefix no other test or deployment uses."""
    return f"nftest-{uuid.uuid4().hex[:12]}"


def as_page(page: Page | str | os.PathLike[str]) -> Page:
    """A Page as given, or the page in a file (read as ``newsflow run`` reads it)."""
    return page if isinstance(page, Page) else read_page(os.fspath(page))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of some pages: the articles stored from them and their dead letters."""

    articles: list[Article]
    dead_letters: list[DeadLetter]


def _article(stored: StoredArticle) -> Article:
    """A stored article as the Article contract (the store's own fields dropped)."""
    return Article.model_validate(stored.model_dump(include=set(Article.model_fields)))


async def delete_keys(redis: Redis, prefix: str) -> int:
    """Delete every key under ``prefix:``; returns how many."""
    keys = [k async for k in redis.scan_iter(match=f"{prefix}:*", count=500)]
    if keys:
        await redis.delete(*keys)
    return len(keys)


async def groups_exist(redis: Redis, streams: Streams) -> bool:
    """Whether every stream has its consumer group (the services create them at start)."""
    for stream, group in streams.groups():
        try:
            infos = await redis.xinfo_groups(stream)
        except ResponseError:  # no such stream yet
            return False
        names = {i["name"].decode() if isinstance(i["name"], bytes) else i["name"] for i in infos}
        if group not in names:
            return False
    return True


class _Harness:
    """What both harnesses share: a prefix, a Redis client, submitting and reading back."""

    def __init__(self, redis_url: str, database_url: str, prefix: str | None, keep_keys: bool) -> None:
        self.redis_url = redis_url
        self.database_url = database_url
        self.prefix = prefix or new_prefix()
        self.keep_keys = keep_keys
        self._redis: Redis | None = None

    @property
    def streams(self) -> Streams:
        return Streams(self.prefix)

    @property
    def redis(self) -> Redis:
        if self._redis is None:
            self._redis = redis_client(self.redis_url)
        return self._redis

    async def _close_redis(self) -> None:
        if self._redis is not None:
            if not self.keep_keys:
                await delete_keys(self._redis, self.prefix)
            await self._redis.aclose()
            self._redis = None

    def _check_alive(self) -> None:
        """Raise when a service has died (the process harness checks its processes)."""

    async def submit(self, pages: Iterable[Page | str | os.PathLike[str]]) -> int:
        """Publish pages (models or file paths); returns how many."""
        producer = Producer(self.redis, self.streams)
        return await producer.submit_many(as_page(p) for p in pages)

    async def submit_page(self, page: Page | str | os.PathLike[str]) -> str:
        """Publish one page (a model or a file path); returns its page id."""
        model = as_page(page)
        await self.submit([model])
        return model.id

    async def wait_drained(self, seconds: float = 60.0, poll: float = 0.05) -> list[GroupBacklog]:
        """Wait until every stage has read and acknowledged everything in its stream.

        Returns at once when nothing was submitted. Each stage publishes and
        acknowledges in one transaction, so an idle pipeline has no page in flight.
        """
        state: list[GroupBacklog] = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._check_alive()
            state = await backlog(self.redis, self.streams)
            if all(g.idle for g in state):
                return state
            await asyncio.sleep(poll)
        waiting = ", ".join(f"{g.group}: {g.lag} unread, {g.pending} pending" for g in state)
        msg = f"pipeline {self.prefix} not drained after {seconds:g}s ({waiting})"
        raise TimeoutError(msg)

    async def wait_for_articles(self, page_ids: str | Sequence[str], seconds: float = 60.0) -> Outcome:
        """Wait until the pages are handled; their stored articles and dead letters.

        A timeout names the pages with no outcome yet and where the pipeline is stuck.
        """
        ids = [page_ids] if isinstance(page_ids, str) else list(page_ids)
        try:
            await self.wait_drained(seconds)
        except TimeoutError as exc:
            outcome = await self.outcome(ids)
            missing = self._missing(ids, outcome)
            msg = f"no articles or dead letters yet for page(s) {', '.join(missing) or '(none)'}: {exc}"
            raise TimeoutError(msg) from None
        outcome = await self.outcome(ids)
        missing = self._missing(ids, outcome)
        if missing:
            msg = (
                f"the pipeline is idle but page(s) {', '.join(missing)} were neither stored nor "
                "dead-lettered: were they submitted (same prefix, same page id)?"
            )
            raise LookupError(msg)
        return outcome

    @staticmethod
    def _missing(ids: Sequence[str], outcome: Outcome) -> list[str]:
        seen = {a.page_id for a in outcome.articles} | {d.page_id for d in outcome.dead_letters}
        return [i for i in ids if i not in seen]

    async def outcome(self, page_ids: Sequence[str] | None = None) -> Outcome:
        """Stored articles and dead letters of these pages (all when None), as they are now."""
        letters = await self.dead_letters()
        if page_ids is not None:
            wanted = set(page_ids)
            letters = [d for d in letters if d.page_id in wanted]
        return Outcome(await self.articles(page_ids), letters)

    async def stored(self, page_ids: Sequence[str] | None = None) -> list[StoredArticle]:
        """What the sink stored (with revision, language, stored_at), in page and segment order."""
        store = ArticleStore(self.database_url)
        try:
            await store.create()
            return await store.documents(page_ids)
        finally:
            await store.close()

    async def articles(self, page_ids: Sequence[str] | None = None) -> list[Article]:
        """What the sink stored, as Article models (in page and segment order)."""
        return [_article(doc) for doc in await self.stored(page_ids)]

    async def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter under this prefix, oldest first."""
        return [item.letter for item in await list_letters(self.redis, self.streams.dead, count=1_000_000)]


@dataclass
class Service:
    """One running service process and where its log goes."""

    name: str
    consumer: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def signal(self, sig: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)

    def http_port(self, within: float = 120.0) -> int:
        """The port its HTTP server bound (``NEWSFLOW_HTTP_PORT=0``), from its ``service.started`` line."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            for line in self.log_path.read_text(errors="replace").splitlines():
                if '"service.started"' in line:
                    return int(json.loads(line)["http_port"])
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        msg = (
            f"{self.consumer} logged no service.started:\n{self.log_path.read_text(errors='replace')[-3000:]}"
        )
        raise RuntimeError(msg)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, then SIGKILL if it has not exited within ``timeout``."""
        self.signal(signal.SIGTERM)
        return self.wait(timeout)

    def wait(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(5)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""


async def service_ready(service: Service) -> bool:
    """Whether one service process is ready to work.

    Until the services expose a readiness endpoint, ready means it has logged
    ``service.started`` (logged after its consumer groups, model and schema are set up).
    """
    return f'"{STARTED_EVENT}"' in service.log_text()


def _new_log_dir() -> Path:
    """A fresh folder for service logs, under $NEWSFLOW_TEST_LOG_DIR when set (else the temp dir)."""
    return Path(tempfile.mkdtemp(prefix="newsflow-logs-", dir=os.environ.get("NEWSFLOW_TEST_LOG_DIR")))


class Deployment(_Harness):
    """Splitter, ``workers`` workers and a sink as ``newsflow serve`` subprocesses.

    ``async with`` starts them and waits until they are ready; leaving stops
    them (in parallel), deletes the prefix's keys and, unless ``keep_logs``,
    the log folder. ``start()``/``stop()`` do the same by hand.
    """

    def __init__(
        self,
        redis_url: str,
        database_url: str,
        prefix: str | None = None,
        *,
        workers: int = 1,
        env: dict[str, str] | None = None,
        log_dir: Path | None = None,
        keep_keys: bool = False,
        keep_logs: bool = False,
    ) -> None:
        super().__init__(redis_url, database_url, prefix, keep_keys)
        self.workers = workers
        self.env = dict(env or {})
        self.log_dir = log_dir or _new_log_dir()
        self.keep_logs = keep_logs
        self.services: list[Service] = []

    def service_env(self, consumer: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
        env.update(
            NEWSFLOW_REDIS_URL=self.redis_url,
            NEWSFLOW_DATABASE_URL=self.database_url,
            NEWSFLOW_STREAM_PREFIX=self.prefix,
            NEWSFLOW_CONSUMER_NAME=consumer,
            NEWSFLOW_LOG_FORMAT="json",
            NEWSFLOW_LOG_LEVEL="INFO",
            NEWSFLOW_BLOCK_MS="100",
        )
        env.update(self.env)
        return env

    def start_service(self, name: str, consumer: str | None = None) -> Service:
        """Start one ``newsflow serve NAME`` process (consumer name kept for restarts)."""
        consumer = consumer or f"{name}-{len(self.services)}"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / f"{consumer}.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "newsflow", "serve", name],
                env=self.service_env(consumer),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        service = Service(name, consumer, process, log_path)
        self.services.append(service)
        return service

    def start(self) -> Self:
        """Start every service without waiting for it (see :meth:`wait_ready`)."""
        self.start_service("splitter", "splitter-0")
        for index in range(self.workers):
            self.start_service("worker", f"worker-{index}")
        self.start_service("sink", "sink-0")
        return self

    def _check_alive(self) -> None:
        dead = [
            f"{s.consumer} (exit {s.process.returncode})"
            for s in self.services
            if s.process.poll() is not None
        ]
        if dead:
            msg = f"services exited: {', '.join(dead)}\n{self.logs()[-4000:]}"
            raise RuntimeError(msg)

    async def wait_ready(self, seconds: float = 120.0, poll: float = 0.1) -> None:
        """Wait until the consumer groups exist and every running service is ready."""
        deadline = time.monotonic() + seconds
        while True:
            self._check_alive()
            waiting = [s.consumer for s in self.services if not await service_ready(s)]
            if not waiting and await groups_exist(self.redis, self.streams):
                return
            if time.monotonic() > deadline:
                msg = f"services not ready after {seconds:g}s: {', '.join(waiting) or 'consumer groups'}"
                raise TimeoutError(f"{msg}\n{self.logs()[-4000:]}")
            await asyncio.sleep(poll)

    def stop(self, timeout: float = 30.0) -> dict[str, int]:
        """Stop every service (SIGTERM to all at once, SIGKILL after ``timeout``); consumer → exit code."""
        for service in self.services:
            service.signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        return {s.consumer: s.wait(max(0.0, deadline - time.monotonic())) for s in self.services}

    async def __aenter__(self) -> Self:
        self.start()
        try:
            await self.wait_ready()
        except BaseException:
            await self.aclose()
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> dict[str, int]:
        """Stop the services, then delete the prefix's keys and the logs (unless kept)."""
        codes = await asyncio.to_thread(self.stop)
        await self._close_redis()
        if not self.keep_logs:
            shutil.rmtree(self.log_dir, ignore_errors=True)
        return codes

    def logs(self) -> str:
        return "\n".join(f"== {s.consumer}\n{s.log_text()}" for s in self.services)


@dataclass
class _Running:
    stages: contextlib.AbstractAsyncContextManager[Any]


class Pipeline(_Harness):
    """Splitter, worker and sink in this process and event loop, as ``newsflow run`` runs them."""

    def __init__(
        self,
        redis_url: str,
        database_url: str,
        prefix: str | None = None,
        *,
        env: dict[str, str] | None = None,
        keep_keys: bool = False,
    ) -> None:
        super().__init__(redis_url, database_url, prefix, keep_keys)
        self.env = dict(env or {})
        self._running: _Running | None = None

    def settings(self) -> Settings:
        """The services' settings: defaults, then ``env`` (NEWSFLOW_* names; not os.environ), then ours."""
        given: dict[str, Any] = {"block_ms": 100}
        given.update({k.removeprefix("NEWSFLOW_").lower(): v for k, v in self.env.items()})
        given.update(redis_url=self.redis_url, database_url=self.database_url, stream_prefix=self.prefix)
        return Settings.model_validate(given)

    async def start(self) -> Self:
        from newsflow.shared.app import running_stages
        from newsflow.sink.app import SINK
        from newsflow.splitter.app import SPLITTER
        from newsflow.worker.app import WORKER

        stages = running_stages([SPLITTER, WORKER, SINK], self.settings(), self.redis_url)
        await stages.__aenter__()
        self._running = _Running(stages)
        return self

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        running, self._running = self._running, None
        try:
            if running is not None:
                await running.stages.__aexit__(None, None, None)
        finally:
            await self._close_redis()
