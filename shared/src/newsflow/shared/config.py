"""The one mapping from :class:`Settings` to what a process runs.

Stage specs, the delivery policy, limits and the enrichment set are derived here and nowhere else, so a
default or a bound is written once (in ``Settings``) and every service, ``newsflow run`` and ``newsflow
parse`` read the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from newsflow.shared.contracts import Article, Document, Page, Stage
from newsflow.shared.pending import DeliveryPolicy
from newsflow.shared.settings import Settings
from newsflow.shared.stage import StageSpec
from newsflow.shared.streams import SINK_GROUP, SPLITTER_GROUP, WORKER_GROUP, Streams


@dataclass(frozen=True, slots=True)
class StageRoute:
    """Where a stage reads (stream and group), what it reads, and where its output goes."""

    source: str
    group: str
    model: type[BaseModel]
    output: str | None


def route(streams: Streams, stage: Stage) -> StageRoute:
    """The streams and contract of ``stage`` under ``streams``' prefix."""
    return {
        Stage.SPLITTER: StageRoute(streams.pages, SPLITTER_GROUP, Page, streams.documents),
        Stage.WORKER: StageRoute(streams.documents, WORKER_GROUP, Document, streams.articles),
        Stage.SINK: StageRoute(streams.articles, SINK_GROUP, Article, None),
    }[stage]


def stage_spec(settings: Settings, stage: Stage) -> StageSpec[Any]:
    """Where ``stage`` reads, what it reads, its delivery bound and its time limit per entry."""
    where = route(settings.streams, stage)
    return StageSpec(
        stage,
        where.source,
        where.group,
        settings.streams.dead,
        where.model,
        max_deliveries=settings.max_deliveries,
        # the sink's work is a database commit, bounded by the driver, not by a page's parse time
        max_seconds=None if stage is Stage.SINK else settings.max_seconds_per_page,
        group_size=settings.work_group_size if stage is Stage.WORKER else 1,
        # the worker's child process enforces the limit itself (killed when it overruns): no SIGALRM
        self_timed=stage is Stage.WORKER,
        dead_letters=settings.dead_letters,
    )


def delivery_policy(settings: Settings, stage: Stage | None = None) -> DeliveryPolicy:
    """How ``stage`` reads, reclaims and gives up (see shared.consumer).

    A worker reads one work group at a time (``work_group_size``, at most
    ``batch_size``): documents it has read are held from every other worker
    until it commits, so it takes no more than it starts on at once, and a
    burst spreads evenly over the workers rather than in batch-sized lumps.
    """
    batch_size = settings.batch_size
    if stage is Stage.WORKER:
        batch_size = min(batch_size, settings.work_group_size)
    return DeliveryPolicy(
        batch_size=batch_size,
        block_ms=settings.block_ms,
        claim_idle_ms=settings.claim_idle_ms,
        retry_max_ms=settings.retry_max_ms,
        trim_every_s=settings.trim_every_s,
    )


@dataclass(frozen=True, slots=True)
class EnrichmentConfig:
    """Which enrichers run and with what: the worker and ``newsflow parse`` build the same set from it."""

    disabled: tuple[str, ...]
    spacy_model: str
    redis_url: str | None
    key_prefix: str
    near_duplicate_threshold: float
    near_duplicate_days: float


def enrichment_config(settings: Settings, redis_url: str | None = None) -> EnrichmentConfig:
    """The enrichment of ``settings``; ``redis_url`` (default: the configured one) holds the
    near-duplicate index, and without any URL near-duplicate detection is off."""
    return EnrichmentConfig(
        disabled=tuple(settings.enrichers_disabled),
        spacy_model=settings.spacy_model,
        redis_url=redis_url or settings.redis_url,
        key_prefix=settings.stream_prefix,
        near_duplicate_threshold=settings.near_duplicate_threshold,
        near_duplicate_days=settings.near_duplicate_days,
    )
