"""Splitter wiring: pages stream → split_page → documents stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from faststream.redis import RedisBroker
from redis.asyncio import Redis

from newsflow.services.splitter.split import split_page
from newsflow.shared.app import delivery_policy, service_app
from newsflow.shared.consumer import subscribe_stage
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, transform_batch
from newsflow.shared.streams import SPLITTER_GROUP

log = get_logger(__name__)

SERVICE = "splitter"


def register(broker: RedisBroker, settings: Settings, limits: Limits) -> None:
    """Subscribe the splitter to the pages stream on ``broker``."""
    streams = settings.streams
    spec = StageSpec(
        Stage.SPLITTER,
        streams.pages,
        SPLITTER_GROUP,
        streams.dead,
        Page,
        max_deliveries=settings.max_deliveries,
        dead_letters=settings.dead_letters,
        max_seconds=limits.max_seconds_per_page,
    )
    work = partial(split_page, limits=limits)

    async def split_pages(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await transform_batch(redis, spec, entries, work, streams.documents)
        log.info(
            "pages.split",
            pages=len(outcome.done),
            documents=outcome.produced,
            dead=len(outcome.dead),
            retry=len(outcome.retry),
        )
        return outcome

    subscribe_stage(
        broker, spec, streams, settings.consumer_name, policy=delivery_policy(settings), work=split_pages
    )


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(SERVICE, settings, partial(register, settings=settings, limits=settings.limits))
