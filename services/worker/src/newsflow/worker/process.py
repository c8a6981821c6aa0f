"""The worker's unit of work: one document in, one parsed and enriched article out (or several, together)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsflow.extraction.parse import parse_document
from newsflow.shared.config import EnrichmentConfig
from newsflow.shared.contracts import Article, Document
from newsflow.shared.limits import Limits

if TYPE_CHECKING:
    from redis import Redis

    from newsflow.worker.enrich import Enrichment


def process_document(doc: Document, limits: Limits, enrichment: Enrichment | None = None) -> Article:
    """Parse ``doc``, then run ``enrichment`` (built once per process) over it, when given."""
    article = parse_document(doc, limits)
    return enrichment.enrich(article) if enrichment is not None else article


def process_documents(
    docs: Sequence[Document], limits: Limits, enrichment: Enrichment | None = None
) -> list[Article]:
    """:func:`process_document` for each of ``docs``, with the enrichment run over them as a group.

    The articles are the same as one by one; NER reads them as one batch.
    The first document that fails to parse raises, for the whole group.
    """
    articles = [parse_document(doc, limits) for doc in docs]
    return enrichment.enrich_group(articles) if enrichment is not None else articles


def worker_enrichment(config: EnrichmentConfig) -> Enrichment:
    """The enrichment a worker process runs (see ``shared.config``); loads the models now.

    Near-duplicate detection needs ``config.redis_url`` (its index is shared by all
    workers through Redis) and is off without it.
    """
    from newsflow.worker.enrich import build_enrichment

    redis: Redis | None = None
    if config.redis_url and "near_duplicates" not in config.disabled:
        from redis import Redis

        redis = Redis.from_url(config.redis_url)
    return build_enrichment(
        disabled=list(config.disabled),
        spacy_model=config.spacy_model,
        redis=redis,
        key_prefix=config.key_prefix,
        near_duplicate_threshold=config.near_duplicate_threshold,
        near_duplicate_days=config.near_duplicate_days,
    )
