"""Fault-injection harness: a Redis server the test owns, a deployment, and the final check.

Every fault test ends with :func:`assert_exactly_once`: the stored article ids
equal the expected ones, no row is stored twice, no consumer group has a
pending entry left, and the dead-letter stream holds exactly the poison pages.
Tests record their figures (pages, faults, lost, duplicates, time to resume)
with :func:`record`; ``benchmarks/faults.py`` collects and prints them.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from newsflow.shared.backlog import GroupBacklog, backlog
from newsflow.shared.contracts import ContentType, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.testing import Deployment, Service
from newsflow.worker.process import process_document

REDIS_SERVER = shutil.which("redis-server") or shutil.which("valkey-server")

FAST_RECLAIM = {
    "NEWSFLOW_CLAIM_IDLE_MS": "1000",
    "NEWSFLOW_RETRY_MAX_MS": "4000",
    "NEWSFLOW_BATCH_SIZE": "50",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    """A redis-server process on its own port, that a test may stop, restart and wipe."""

    port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newsflow-redis-")))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        assert REDIS_SERVER, "redis-server (or valkey-server) is needed for the fault tests"
        log = (self.workdir / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
                "--dbfilename", "dump.rdb",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.02)
        msg = f"redis-server did not start on port {self.port}"
        raise RuntimeError(msg)

    def stop(self, *, keep_data: bool) -> None:
        """Shut the server down, saving its data to disk first or losing all of it."""
        assert self.process is not None
        command = b"SHUTDOWN SAVE\r\n" if keep_data else b"SHUTDOWN NOSAVE\r\n"
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(command)
            sock.recv(64)
        self.process.wait(10)
        self.process = None
        if not keep_data:
            (self.workdir / "dump.rdb").unlink(missing_ok=True)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        shutil.rmtree(self.workdir, ignore_errors=True)


def synthetic_page(index: int, run: str) -> Page:
    """A small structured page that holds exactly one article."""
    uri = f"https://fault.example/{run}/story/{index}"
    body = json.dumps(
        {
            "url": uri,
            "title": f"Council approves plan number {index}",
            "published": "2025-05-12T09:30:00-04:00",
            "author": "Priya Natarajan",
            "text": f"The council approved plan {index} on Monday after a long debate about the budget."
            f"\n\nResidents said plan {index} would change how the town spends money on roads.",
        }
    )
    return Page(uri=uri, content_type=ContentType.JSON, body=body)


def pages(count: int, run: str) -> list[Page]:
    return [synthetic_page(i, run) for i in range(count)]


def expected_ids(good: Iterable[Page], limits: Limits | None = None) -> set[str]:
    """The article ids the pipeline must store for ``good`` pages (split and parsed offline)."""
    limits = limits or Limits()
    return {process_document(doc, limits).id for page in good for doc in split_page(page, limits)}


async def stored_ids(dep: Deployment) -> list[str]:
    return [a.id for a in await dep.stored()]


async def rewritten(dep: Deployment) -> list[str]:
    """Articles whose revision moved past 1: stored again with other content (never expected here)."""
    return [a.id for a in await dep.stored() if a.revision != 1]


async def progress(dep: Deployment) -> int:
    """How many articles are stored so far (read straight from the database; 0 while unreachable)."""
    if dep.database_url.startswith("postgresql"):
        import asyncpg

        try:
            conn = await asyncpg.connect(dep.database_url, timeout=5)
        except (OSError, asyncpg.PostgresError):
            return 0
        try:
            return int(await conn.fetchval("SELECT count(*) FROM articles"))
        except asyncpg.PostgresError:
            return 0
        finally:
            await conn.close()
    path = dep.database_url.removeprefix("sqlite:///")
    try:
        with closing(sqlite3.connect(path, timeout=5)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or locked by a fault test
        return 0


async def wait_until_stored(dep: Deployment, at_least: int, seconds: float = 120.0) -> None:
    """Wait until the sink stored ``at_least`` articles (to inject a fault mid-run)."""
    async with asyncio.timeout(seconds):
        while True:
            if await progress(dep) >= at_least:
                break
            await asyncio.sleep(0.05)


async def wait_drained(
    dep: Deployment,
    redis_url: str,
    *,
    expected: int,
    seconds: float = 180.0,
    stopped: Sequence[Service] = (),
) -> list[GroupBacklog]:
    """Wait until nothing lags or is pending in any group and ``expected`` articles are stored.

    Fails at once, with the logs, if a service other than the ``stopped`` ones exits.
    """
    redis = Redis.from_url(redis_url)
    state: list[GroupBacklog] = []
    count = 0
    try:
        async with asyncio.timeout(seconds):
            while True:
                try:
                    state = await backlog(redis, dep.streams)
                except (RedisError, OSError):
                    state = []
                exited = [
                    x.consumer for x in dep.services if x.process.poll() is not None and x not in stopped
                ]
                if exited:
                    msg = f"services exited: {exited}\n{dep.logs()[-6000:]}"
                    raise AssertionError(msg)
                if state and all(g.idle for g in state):
                    count = await progress(dep)
                    if count >= expected:
                        return state
                await asyncio.sleep(0.1)
    except TimeoutError:
        msg = f"not drained after {seconds}s: stored {count}/{expected}, {state}\n{dep.logs()[-6000:]}"
        raise AssertionError(msg) from None
    finally:
        await redis.aclose()


async def pending_total(redis: Redis, dep: Deployment) -> int:
    total = 0
    for stream, group in dep.streams.groups():
        summary = await redis.xpending(stream, group)
        total += int(summary["pending"])
    return total


async def dead_letters(redis: Redis, dep: Deployment) -> list[dict[str, Any]]:
    entries = await redis.xrange(dep.streams.dead)
    return [json.loads(fields[b"payload"]) for _id, fields in entries]


@dataclass
class Verdict:
    """The end-of-test check's findings, also the recorded figures."""

    expected: int
    stored: int
    lost: int
    duplicates: int
    pending: int
    dead_letters: int


async def assert_exactly_once(
    dep: Deployment, redis_url: str, expected: set[str], poison: int = 0, exhausted: int = 0
) -> Verdict:
    """Stored ids = expected ids, no duplicates, empty pending lists, only the poison dead-lettered."""
    ids = await stored_ids(dep)
    redis = Redis.from_url(redis_url)
    try:
        pending = await pending_total(redis, dep)
        letters = await dead_letters(redis, dep)
    finally:
        await redis.aclose()
    verdict = Verdict(
        expected=len(expected),
        stored=len(set(ids)),
        lost=len(expected - set(ids)),
        duplicates=len(ids) - len(set(ids)),
        pending=pending,
        dead_letters=len(letters),
    )
    missing, extra = sorted(expected - set(ids)), sorted(set(ids) - expected)
    assert set(ids) == expected, f"lost {missing[:5]}, extra {extra[:5]}"
    assert verdict.duplicates == 0
    assert await rewritten(dep) == []
    assert pending == 0
    gave_up = [letter for letter in letters if letter["error_type"] == "DeliveriesExhausted"]
    assert len(gave_up) == exhausted, gave_up[:3]  # no good page given up on after retries
    assert len(letters) == poison, [(d["error_type"], d["reason"][:80]) for d in letters][:10]
    return verdict


def record(test: str, verdict: Verdict, *, pages: int, faults: int, resume_s: Sequence[float] = ()) -> None:
    """Append this test's figures to $NEWSFLOW_FAULT_REPORT (JSON lines), when set."""
    path = os.environ.get("NEWSFLOW_FAULT_REPORT")
    if not path:
        return
    row = {
        "test": test,
        "pages": pages,
        "faults": faults,
        "articles_expected": verdict.expected,
        "articles_lost": verdict.lost,
        "duplicates": verdict.duplicates,
        "dead_letters": verdict.dead_letters,
        "resume_s": [round(s, 3) for s in resume_s],
    }
    with Path(path).open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


async def time_to_progress(dep: Deployment, redis_url: str, since: float, seconds: float = 30.0) -> float:
    """Seconds from ``since`` (monotonic) until the pipeline visibly moves again (an article stored).

    Polled every 20 ms; the figure is for the report, not asserted on.
    """
    before = await progress(dep)
    async with asyncio.timeout(seconds):
        while True:
            if await progress(dep) != before:
                break
            await asyncio.sleep(0.02)
    return time.monotonic() - since


async def held_by(redis: Redis, stream: str, group: str, consumer: str) -> int:
    """How many entries of ``stream`` are pending on ``consumer`` (delivered, not acknowledged)."""
    summary = await redis.xpending(stream, group)
    for row in summary.get("consumers") or ():
        if row["name"] in (consumer, consumer.encode()):
            return int(row["pending"])
    return 0


async def signal_while_holding(
    redis: Redis, service: Service, stream: str, group: str, sig: int, seconds: float = 60.0
) -> None:
    """Send ``sig`` to ``service`` at a moment it holds unacknowledged entries (mid-batch)."""
    async with asyncio.timeout(seconds):
        while True:
            if await held_by(redis, stream, group, service.consumer) != 0:
                break
            await asyncio.sleep(0.001)
    service.signal(sig)


async def wait_released(redis: Redis, stream: str, group: str, consumer: str, seconds: float = 60.0) -> None:
    """Wait until ``consumer`` holds nothing any more (its entries were claimed or finished)."""
    async with asyncio.timeout(seconds):
        while True:
            if await held_by(redis, stream, group, consumer) <= 0:
                break
            await asyncio.sleep(0.02)


def reconnect_delays(dep: Deployment, since: float, down: float) -> list[float]:
    """Per service: seconds from ``since`` (wall clock, Redis back) to its first use of the broker again.

    That is its first ``broker.reconnected`` (read loop) or ``stage.resumed``
    (batch retried in place) log line after ``down`` (Redis stopped): a
    service can reconnect as soon as the server listens, before the test has
    read the clock, so such a line counts as a delay of 0.
    """
    delays: list[float] = []
    for service in dep.services:
        if service.process.poll() is not None:
            continue
        for line in service.log_path.read_text(errors="replace").splitlines():
            if '"broker.reconnected"' not in line and '"stage.resumed"' not in line:
                continue
            stamp = datetime.fromisoformat(json.loads(line)["timestamp"]).timestamp()
            if stamp >= down:
                delays.append(max(0.0, stamp - since))
                break
    return delays
