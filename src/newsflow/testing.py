"""An integration-test harness: a real newsflow deployment as local processes.

For test suites that drive newsflow end to end (ours and its users'): start
the splitter, workers and sink as ``newsflow serve`` subprocesses against a
Redis server and a database you name, submit pages, wait until the pipeline
has drained, and read back what was stored.

>>> with Deployment(redis_url, database_url, prefix="t1") as dep:
...     asyncio.run(dep.submit([page]))
...     asyncio.run(dep.wait_drained())
...     stored = asyncio.run(dep.stored())
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from newsflow.client import Producer
from newsflow.services.sink.store import ArticleStore
from newsflow.shared.backlog import GroupBacklog, backlog
from newsflow.shared.broker import redis_client
from newsflow.shared.contracts import Page
from newsflow.shared.streams import Streams

SERVICES = ("splitter", "worker", "sink")


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
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(5)


def _new_log_dir() -> Path:
    """A fresh folder for service logs, under $NEWSFLOW_TEST_LOG_DIR when set (else the temp dir)."""
    return Path(tempfile.mkdtemp(prefix="newsflow-logs-", dir=os.environ.get("NEWSFLOW_TEST_LOG_DIR")))


@dataclass
class Deployment:
    """Splitter, ``workers`` workers and a sink, as subprocesses."""

    redis_url: str
    database_url: str
    prefix: str
    workers: int = 1
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path = field(default_factory=_new_log_dir)
    services: list[Service] = field(default_factory=list)

    @property
    def streams(self) -> Streams:
        return Streams(self.prefix)

    def service_env(self, consumer: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
        env.update(
            NEWSFLOW_REDIS_URL=self.redis_url,
            NEWSFLOW_DATABASE_URL=self.database_url,
            NEWSFLOW_STREAM_PREFIX=self.prefix,
            NEWSFLOW_CONSUMER_NAME=consumer,
            NEWSFLOW_LOG_FORMAT="json",
            NEWSFLOW_BLOCK_MS="100",
        )
        env.update(self.env)
        return env

    def start_service(self, name: str, consumer: str | None = None) -> Service:
        """Start one ``newsflow serve NAME`` process (consumer name kept for restarts)."""
        consumer = consumer or f"{name}-{len(self.services)}"
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

    def start(self) -> Deployment:
        self.start_service("splitter", "splitter-0")
        for index in range(self.workers):
            self.start_service("worker", f"worker-{index}")
        self.start_service("sink", "sink-0")
        return self

    def stop(self) -> dict[str, int]:
        """Stop every service; returns consumer name → exit code."""
        return {s.consumer: s.stop() for s in self.services if s.process.poll() is None} | {
            s.consumer: s.process.returncode for s in self.services if s.process.returncode is not None
        }

    def __enter__(self) -> Deployment:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def logs(self) -> str:
        return "\n".join(f"== {s.consumer}\n{s.log_path.read_text(errors='replace')}" for s in self.services)

    async def submit(self, pages: Sequence[Page]) -> int:
        async with Producer.connect(self.redis_url, self.prefix) as producer:
            return await producer.submit_many(pages)

    async def wait_drained(self, seconds: float = 60.0, poll: float = 0.1) -> None:
        """Wait until every stage has read and acknowledged everything (TimeoutError otherwise)."""
        redis = redis_client(self.redis_url)
        state: list[GroupBacklog] = []
        try:
            async with asyncio.timeout(seconds):
                while True:
                    state = await backlog(redis, self.streams)
                    if all(g.idle for g in state) and state[0].length > 0:
                        return
                    dead = [s.consumer for s in self.services if s.process.poll() is not None]
                    if dead:
                        msg = f"services exited: {dead}\n{self.logs()[-4000:]}"
                        raise RuntimeError(msg)
                    await asyncio.sleep(poll)
        except TimeoutError:
            msg = f"pipeline not drained after {seconds}s: {state}"
            raise TimeoutError(msg) from None
        finally:
            await redis.aclose()

    async def stored(self, page_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """What the sink stored, as JSON documents (with their revision)."""
        store = ArticleStore(self.database_url)
        try:
            return await store.documents(page_ids)
        finally:
            await store.close()

    async def dead_letters(self) -> list[dict[bytes, bytes]]:
        redis = redis_client(self.redis_url)
        try:
            entries = await redis.xrange(self.streams.dead)
            return [
                {bytes(k): bytes(v) for k, v in (fields or {}).items()}  # type: ignore[arg-type]
                for _id, fields in entries or ()
            ]
        finally:
            await redis.aclose()
