"""Worker wiring: documents stream → process_document → articles stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from faststream.redis import RedisBroker
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.services.worker.process import process_documents, worker_enrichment
from newsflow.shared.app import delivery_policy, service_app
from newsflow.shared.consumer import subscribe_stage
from newsflow.shared.contracts import Document, Stage
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, transform_batch
from newsflow.shared.streams import WORKER_GROUP

log = get_logger(__name__)

SERVICE = "worker"


def register(broker: RedisBroker, settings: Settings, limits: Limits, redis_url: str | None = None) -> None:
    """Subscribe a worker to the documents stream on ``broker``; its enrichers load here, once.

    ``redis_url`` (default: the configured one) holds the near-duplicate index.
    """
    streams = settings.streams
    spec = StageSpec(
        Stage.WORKER,
        streams.documents,
        WORKER_GROUP,
        streams.dead,
        Document,
        max_deliveries=settings.max_deliveries,
        dead_letters=settings.dead_letters,
        max_seconds=limits.max_seconds_per_page,
        group_size=settings.work_group_size,
    )
    enrichment = worker_enrichment(
        settings.enrichers_disabled,
        settings.spacy_model,
        redis_url or settings.redis_url,
        settings.stream_prefix,
        settings.near_duplicate_threshold,
        window_days=settings.near_duplicate_days,
    )
    process_group = partial(process_documents, limits=limits, enrichment=enrichment)

    def work_group(docs: Sequence[Document]) -> list[Sequence[BaseModel]]:
        articles = process_group(docs)
        for article in articles:
            log.debug("article.parsed", document_id=article.id, page_id=article.page_id, title=article.title)
        return [(article,) for article in articles]

    def work(doc: Document) -> Sequence[BaseModel]:
        return work_group([doc])[0]  # a group of one: the same parse and enrichment

    async def parse_documents(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await transform_batch(redis, spec, entries, work, streams.articles, work_group=work_group)
        log.info(
            "documents.parsed", articles=outcome.produced, dead=len(outcome.dead), retry=len(outcome.retry)
        )
        return outcome

    subscribe_stage(
        broker, spec, streams, settings.consumer_name, policy=delivery_policy(settings), work=parse_documents
    )


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(SERVICE, settings, partial(register, settings=settings, limits=settings.limits))
