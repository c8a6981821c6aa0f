"""Worker wiring: documents stream → process_documents (in a supervised child process) → articles stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from faststream.redis import RedisBroker
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.services.worker.pool import WorkPool
from newsflow.services.worker.process import (
    enricher_outcomes,
    ner_bound,
    process_documents,
    worker_enrichment,
)
from newsflow.shared.app import delivery_policy, service_app
from newsflow.shared.consumer import subscribe_stage
from newsflow.shared.contracts import Document, Stage
from newsflow.shared.health import FailureWatch
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, transform_batch
from newsflow.shared.streams import WORKER_GROUP

log = get_logger(__name__)

SERVICE = "worker"


def register(
    broker: RedisBroker, settings: Settings, limits: Limits, redis_url: str | None = None
) -> WorkPool:
    """Subscribe a worker to the documents stream on ``broker``; its enrichers load here, once.

    ``redis_url`` (default: the configured one) holds the near-duplicate index.
    Parse and enrich run in the returned pool's child process, under the page
    time limit; close the pool when the service stops.
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
        self_timed=True,  # the pool kills an overrunning child: no SIGALRM inside the work
    )
    enrichment = worker_enrichment(
        settings.enrichers_disabled,
        settings.spacy_model,
        redis_url or settings.redis_url,
        settings.stream_prefix,
        settings.near_duplicate_threshold,
        window_days=settings.near_duplicate_days,
        ner_max_chars=ner_bound(limits.max_seconds_per_page),
    )
    pool = WorkPool(partial(process_documents, limits=limits, enrichment=enrichment)).start()
    watch = FailureWatch("enricher")

    def work_group(docs: Sequence[Document]) -> list[Sequence[BaseModel]]:
        articles = pool.run(docs, limits.max_seconds_per_page)
        watch.observe(enricher_outcomes(articles))
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
    return pool


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    pools: list[WorkPool] = []

    def wire(broker: RedisBroker) -> None:
        pools.append(register(broker, settings, settings.limits))

    async def stop_children() -> None:
        for pool in pools:
            pool.close()

    return service_app(SERVICE, settings, wire, shutdown=[stop_children])
