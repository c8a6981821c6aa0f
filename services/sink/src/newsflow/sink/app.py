"""Sink wiring: articles stream → ArticleStore.upsert, acknowledged after the commit."""

from __future__ import annotations

from collections.abc import Sequence

from faststream import FastStream
from redis.asyncio import Redis

from newsflow.shared import metrics
from newsflow.shared.app import StageDef, StageRun, service_app
from newsflow.shared.config import stage_spec
from newsflow.shared.contracts import Stage
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, store_batch
from newsflow.store.store import ArticleStore

log = get_logger(__name__)


def build(settings: Settings, redis_url: str) -> StageRun:
    """The sink's stage: each batch upserted in one commit; the store opens at start-up, closes at the end."""
    spec = stage_spec(settings, Stage.SINK)
    store = ArticleStore(settings.database_url)
    upsert = metrics.timed_upsert(store)  # commit latency and rows written

    async def store_articles(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await store_batch(redis, spec, entries, upsert)
        log.info("articles.stored", articles=len(outcome.done) - len(outcome.dead), dead=len(outcome.dead))
        return outcome

    return StageRun(
        spec,
        store_articles,
        startup=[store.wait_ready],
        shutdown=[store.close],
        checks={"database": store.check},
    )


SINK = StageDef("sink", Stage.SINK, build)


def create_app(settings: Settings) -> FastStream:
    """The stand-alone sink, as `newsflow serve sink` and docker compose run it."""
    return service_app(SINK, settings)
