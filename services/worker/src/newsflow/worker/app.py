"""Worker wiring: documents stream → process_documents (in a supervised child process) → articles stream."""

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
from newsflow.shared.health import FailureWatch
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, transform_batch
from newsflow.worker.pool import WorkPool
from newsflow.worker.process import enricher_outcomes, ner_bound, process_reporting_runs, worker_enrichment

log = get_logger(__name__)


def build(settings: Settings, redis_url: str) -> StageRun:
    """The worker's stage; its enrichers load here, once. ``redis_url`` holds the near-duplicate index."""
    spec = stage_spec(settings, Stage.WORKER)
    output = route(settings.streams, Stage.WORKER).output
    assert output is not None
    limits = settings.limits
    enrichment = worker_enrichment(
        enrichment_config(settings, redis_url), ner_max_chars=ner_bound(limits.max_seconds_per_page)
    )
    metrics.instrument_enrichment(enrichment)
    liveness.mark_loaded("models", ", ".join(enrichment.names))
    # Forked now, once the models are loaded (the child shares their memory), and before the
    # service's threads exist; killed and replaced when a group overruns its limit.
    pool = WorkPool(partial(process_reporting_runs, limits=limits, enrichment=enrichment)).start()
    watch = FailureWatch("enricher")

    async def stop_child() -> None:
        pool.close()

    def work_group(docs: Sequence[Document]) -> list[Sequence[BaseModel]]:
        processed = pool.run(docs, limits.max_seconds_per_page)
        metrics.record_enricher_runs(processed.enricher_runs)
        articles = processed.articles
        watch.observe(enricher_outcomes(articles))
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

    return StageRun(spec, parse_documents, shutdown=[stop_child], checks={"models": loaded_check("models")})


WORKER = StageDef("worker", Stage.WORKER, build)


def create_app(settings: Settings) -> FastStream:
    """The stand-alone service, as `newsflow serve` and docker compose run it."""
    return service_app(WORKER, settings)
