"""Sink wiring: articles stream → ArticleStore.upsert, acknowledged after the commit."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from faststream.redis import RedisBroker
from redis.asyncio import Redis

from newsflow.services.sink.store import ArticleStore
from newsflow.shared.app import delivery_policy, service_app
from newsflow.shared.consumer import subscribe_stage
from newsflow.shared.contracts import Article, Stage
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, store_batch
from newsflow.shared.streams import SINK_GROUP

log = get_logger(__name__)

SERVICE = "sink"


def register(broker: RedisBroker, settings: Settings, store: ArticleStore) -> None:
    """Subscribe the sink to the articles stream on ``broker``, writing to ``store``."""
    streams = settings.streams
    spec = StageSpec(
        Stage.SINK,
        streams.articles,
        SINK_GROUP,
        streams.dead,
        Article,
        max_deliveries=settings.max_deliveries,
        dead_letters=settings.dead_letters,
    )

    async def store_articles(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await store_batch(redis, spec, entries, store.upsert)
        log.info("articles.stored", articles=len(outcome.done) - len(outcome.dead), dead=len(outcome.dead))
        return outcome

    subscribe_stage(
        broker, spec, streams, settings.consumer_name, policy=delivery_policy(settings), work=store_articles
    )


def create_app(settings: Settings) -> FastStream:
    """The stand-alone sink, as `newsflow serve sink` and docker compose run it."""
    store = ArticleStore(settings.database_url)
    return service_app(
        "sink",
        settings,
        partial(register, settings=settings, store=store),
        startup=[store.create],
        shutdown=[store.close],
    )
