"""Worker wiring: documents stream → process_document → articles stream."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from faststream import FastStream
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.shared import liveness, metrics
from newsflow.shared.app import StageDef, StageRun, service_app
from newsflow.shared.config import enrichment_config, route, stage_spec
from newsflow.shared.contracts import Document, Stage
from newsflow.shared.endpoints import loaded_check
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, transform_batch
from newsflow.worker.process import process_documents, worker_enrichment

log = get_logger(__name__)


def build(settings: Settings, redis_url: str) -> StageRun:
    """The worker's stage; its enrichers load here, once. ``redis_url`` holds the near-duplicate index."""
    spec = stage_spec(settings, Stage.WORKER)
    output = route(settings.streams, Stage.WORKER).output
    assert output is not None
    enrichment = worker_enrichment(enrichment_config(settings, redis_url))
    metrics.instrument_enrichment(enrichment)
    liveness.mark_loaded("models", ", ".join(enrichment.names))
    process_group = partial(process_documents, limits=settings.limits, enrichment=enrichment)

    def work_group(docs: Sequence[Document]) -> list[Sequence[BaseModel]]:
        try:
            articles = process_group(docs)
        finally:
            metrics.record_enricher_runs(metrics.take_enricher_runs())
        for article in articles:
            log.debug("article.parsed", document_id=article.id, page_id=article.page_id, title=article.title)
        return [(article,) for article in articles]

    def work(doc: Document) -> Sequence[BaseModel]:
        return work_group([doc])[0]  # a group of one: the same parse and enrichment

    async def parse_documents(redis: Redis, entries: Sequence[Entry]) -> BatchOutcome:
        outcome = await transform_batch(redis, spec, entries, work, output, work_group=work_group)
        log.info(
            "documents.parsed", articles=outcome.produced, dead=len(outcome.dead), retry=len(outcome.retry)
        )
        return outcome

    return StageRun(spec, parse_documents, checks={"models": loaded_check("models")})


WORKER = StageDef("worker", Stage.WORKER, build)


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(WORKER, settings)
