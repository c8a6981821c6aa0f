"""Sink wiring: articles stream → ArticleStore.upsert, acknowledged after the commit."""

from __future__ import annotations

from functools import partial

from faststream import AckPolicy, FastStream
from faststream.redis import RedisBroker
from faststream.redis.annotations import Redis, RedisBatchStreamMessage

from newsflow.services.sink.store import ArticleStore
from newsflow.shared.app import service_app
from newsflow.shared.broker import batch_sub, entries_of, no_decoder, raw_batch_parser
from newsflow.shared.contracts import Article, Stage
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import StageSpec, store_batch
from newsflow.shared.streams import SINK_GROUP

log = get_logger(__name__)

SERVICE = "sink"


def register(broker: RedisBroker, settings: Settings, store: ArticleStore) -> None:
    """Subscribe the sink to the articles stream on ``broker``, writing to ``store``."""
    streams = settings.streams
    spec = StageSpec(Stage.SINK, streams.articles, SINK_GROUP, streams.dead, Article)

    @broker.subscriber(
        stream=batch_sub(
            streams.articles, SINK_GROUP, settings.consumer_name, settings.batch_size, settings.block_ms
        ),
        parser=raw_batch_parser,
        decoder=no_decoder,
        ack_policy=AckPolicy.MANUAL,
    )
    async def store_articles(message: RedisBatchStreamMessage, redis: Redis) -> None:
        outcome = await store_batch(redis, spec, entries_of(message), store.upsert)
        log.info("articles.stored", articles=len(outcome.done) - len(outcome.dead), dead=len(outcome.dead))


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
