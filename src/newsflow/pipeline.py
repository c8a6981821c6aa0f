"""The main job: the whole pipeline in one process, fed with pages, run until drained."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from newsflow.client import Producer
from newsflow.shared.app import running_stages
from newsflow.shared.backlog import GroupBacklog, backlog
from newsflow.shared.broker import ensure_groups, redis_client
from newsflow.shared.contracts import DeadLetter, Page
from newsflow.shared.deadletters import list_letters
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.sink.app import SINK
from newsflow.splitter.app import SPLITTER
from newsflow.store.store import ArticleStore
from newsflow.worker.app import WORKER

log = get_logger(__name__)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


Progress = Callable[[list[GroupBacklog]], None]


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did."""

    pages: int
    articles: int
    dead_letters: list[DeadLetter]
    seconds: float


async def wait_drained(
    settings: Settings, url: str, on_progress: Progress | None = None, poll: float = 0.1
) -> None:
    """Return once every stage has read and acknowledged everything in its stream.

    Each stage publishes its outputs and acknowledges its input in one
    transaction, so "no lag and nothing pending anywhere" cannot be seen
    while a page is still between two stages.
    """
    redis = redis_client(url)
    try:
        while True:
            state = await backlog(redis, settings.streams)
            if on_progress is not None:
                on_progress(state)
            if all(g.idle for g in state):
                return
            await asyncio.sleep(poll)
    finally:
        await redis.aclose()


async def run_pipeline(
    pages: list[Page], settings: Settings, url: str, on_progress: Progress | None = None
) -> RunSummary:
    """Run splitter, worker and sink against ``url``, submit ``pages``, wait until all are handled."""
    started = time.perf_counter()
    streams = settings.streams
    redis = redis_client(url)
    store = ArticleStore(settings.database_url)
    try:
        await ensure_groups(redis, streams)
        last = await redis.xrevrange(streams.dead, count=1)
        dead_after = f"({_text(last[0][0])}" if last else "-"  # this run's letters come after it
        async with running_stages([SPLITTER, WORKER, SINK], settings, url):
            await Producer(redis, streams, settings.max_backlog).submit_many(pages)
            log.info("run.submitted", pages=len(pages))
            await wait_drained(settings, url, on_progress)
        dead = [
            item.letter for item in await list_letters(redis, streams.dead, count=1_000_000, start=dead_after)
        ]
        stored = await store.count_for_pages([p.id for p in pages])
    finally:
        await store.close()
        await redis.aclose()
    return RunSummary(len(pages), stored, dead, time.perf_counter() - started)
