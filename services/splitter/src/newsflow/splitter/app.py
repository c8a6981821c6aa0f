"""Splitter wiring: pages stream → split_page → documents stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from redis.asyncio import Redis

from newsflow.shared.app import StageDef, StageRun, service_app
from newsflow.shared.config import route, stage_spec
from newsflow.shared.contracts import Stage
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, transform_batch
from newsflow.splitter.split import split_page

log = get_logger(__name__)


def build(settings: Settings, redis_url: str) -> StageRun:
    """The splitter's stage: each page split into one document per article."""
    spec = stage_spec(settings, Stage.SPLITTER)
    output = route(settings.streams, Stage.SPLITTER).output
    assert output is not None
    work = partial(split_page, limits=settings.limits)

    async def split_pages(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await transform_batch(redis, spec, entries, work, output)
        log.info(
            "pages.split",
            pages=len(outcome.done),
            documents=outcome.produced,
            dead=len(outcome.dead),
            retry=len(outcome.retry),
        )
        return outcome

    return StageRun(spec, split_pages)


SPLITTER = StageDef("splitter", Stage.SPLITTER, build)


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(SPLITTER, settings)
