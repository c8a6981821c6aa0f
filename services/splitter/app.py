"""Splitter wiring: pages stream → split_page → documents stream."""

from __future__ import annotations

from functools import partial

from faststream import AckPolicy, FastStream
from faststream.redis import RedisBroker
from faststream.redis.annotations import Redis, RedisBatchStreamMessage

from newsflow.services.splitter.split import split_page
from newsflow.shared.app import service_app
from newsflow.shared.broker import batch_sub, entries_of, no_decoder, raw_batch_parser
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import StageSpec, transform_batch
from newsflow.shared.streams import SPLITTER_GROUP

log = get_logger(__name__)

SERVICE = "splitter"


def register(broker: RedisBroker, settings: Settings, limits: Limits) -> None:
    """Subscribe the splitter to the pages stream on ``broker``."""
    streams = settings.streams
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page)
    work = partial(split_page, limits=limits)

    @broker.subscriber(
        stream=batch_sub(
            streams.pages, SPLITTER_GROUP, settings.consumer_name, settings.batch_size, settings.block_ms
        ),
        parser=raw_batch_parser,
        decoder=no_decoder,
        ack_policy=AckPolicy.MANUAL,
    )
    async def split_pages(message: RedisBatchStreamMessage, redis: Redis) -> None:
        outcome = await transform_batch(redis, spec, entries_of(message), work, streams.documents)
        log.info(
            "pages.split",
            pages=len(outcome.done),
            documents=outcome.produced,
            dead=len(outcome.dead),
            retry=len(outcome.retry),
        )


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(SERVICE, settings, partial(register, settings=settings, limits=settings.limits))
