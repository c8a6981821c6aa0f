"""Worker wiring: documents stream → process_document → articles stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import AckPolicy, FastStream
from faststream.redis import RedisBroker
from faststream.redis.annotations import Redis, RedisBatchStreamMessage
from pydantic import BaseModel

from newsflow.services.worker.process import process_document
from newsflow.shared.app import service_app
from newsflow.shared.broker import batch_sub, entries_of, no_decoder, raw_batch_parser
from newsflow.shared.contracts import Document, Stage
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import StageSpec, transform_batch
from newsflow.shared.streams import WORKER_GROUP

log = get_logger(__name__)

SERVICE = "worker"


def register(broker: RedisBroker, settings: Settings, limits: Limits) -> None:
    """Subscribe a worker to the documents stream on ``broker``."""
    streams = settings.streams
    spec = StageSpec(Stage.WORKER, streams.documents, WORKER_GROUP, streams.dead, Document)
    process = partial(process_document, limits=limits)

    def work(doc: Document) -> Sequence[BaseModel]:
        article = process(doc)
        log.debug("article.parsed", title=article.title, paragraphs=article.body.count("\n\n") + 1)
        return (article,)

    @broker.subscriber(
        stream=batch_sub(
            streams.documents, WORKER_GROUP, settings.consumer_name, settings.batch_size, settings.block_ms
        ),
        parser=raw_batch_parser,
        decoder=no_decoder,
        ack_policy=AckPolicy.MANUAL,
    )
    async def parse_documents(message: RedisBatchStreamMessage, redis: Redis) -> None:
        outcome = await transform_batch(redis, spec, entries_of(message), work, streams.articles)
        log.info(
            "documents.parsed", articles=outcome.produced, dead=len(outcome.dead), retry=len(outcome.retry)
        )


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(SERVICE, settings, partial(register, settings=settings, limits=settings.limits))
