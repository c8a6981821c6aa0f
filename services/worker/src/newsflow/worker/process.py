"""The worker's unit of work: one document in, one parsed and enriched article out (or several, together)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsflow.extraction.parse import parse_document
from newsflow.shared import metrics
from newsflow.shared.config import EnrichmentConfig
from newsflow.shared.contracts import Article, Document
from newsflow.shared.limits import Limits
from newsflow.worker.enrich.pipeline import SKIPPED

if TYPE_CHECKING:
    from redis import Redis

    from newsflow.worker.enrich import Enrichment


#: C0 controls but tab, line feed and carriage return, and DEL: no store keeps a NUL
#: (PostgreSQL refuses it) and none means anything in an article.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")
#: Controls that ``str.splitlines`` takes for line breaks: kept as line breaks, so that
#: the page line numbers the splitter gave stay right.
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROLS.sub("", _BREAKS.sub("\n", value))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


#: Every character :func:`_clean` changes: a page holds none on most days.
_CHANGED = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


def _holds_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`_clean` changes: one substring search per
    character (a fast scan in C) costs a page a fraction of what a character-class pattern does."""
    return any(c in text for c in _CHANGED)


def without_controls(doc: Document) -> Document:
    """``doc`` with NUL and the other C0 control characters taken out of its text and hints."""
    if not _holds_controls(doc.text):
        hints = doc.hints.model_dump_json()
        if not (_holds_controls(hints) or "\\u00" in hints):
            return doc
    return Document.model_validate(_clean(doc.model_dump()))


def process_document(doc: Document, limits: Limits, enrichment: Enrichment | None = None) -> Article:
    """Parse ``doc``, then run ``enrichment`` (built once per process) over it, when given."""
    article = parse_document(without_controls(doc), limits)
    return enrichment.enrich(article) if enrichment is not None else article


def process_documents(
    docs: Sequence[Document], limits: Limits, enrichment: Enrichment | None = None
) -> list[Article]:
    """:func:`process_document` for each of ``docs``, with the enrichment run over them as a group.

    The articles are the same as one by one; NER reads them as one batch.
    The first document that fails to parse raises, for the whole group.
    """
    articles = [parse_document(without_controls(doc), limits) for doc in docs]
    return enrichment.enrich_group(articles) if enrichment is not None else articles


@dataclass(frozen=True, slots=True)
class Processed:
    """What a group's work gives back from the worker's child: the articles and the enricher runs
    recorded while making them (counted and traced by the parent, which holds the batch's spans)."""

    articles: list[Article]
    enricher_runs: list[metrics.EnricherRun]


def process_reporting_runs(docs: Sequence[Document], limits: Limits, enrichment: Enrichment) -> Processed:
    """:func:`process_documents`, with the enricher runs it recorded (see :class:`Processed`)."""
    metrics.take_enricher_runs()  # nothing left over from a failed group
    articles = process_documents(docs, limits, enrichment)
    return Processed(articles, metrics.take_enricher_runs())


#: Characters of body NER is given per second of the page time limit. spaCy's small model
#: reads about 200,000 a second on a quiet core; this leaves room for a loaded machine
#: and for the other enrichers, so that a body under the bound finishes in time.
NER_CHARS_PER_SECOND = 25_000


def ner_bound(max_seconds: float | None) -> int | None:
    """The longest body NER is run on within ``max_seconds`` (decided by size, before NER starts)."""
    return int(max_seconds * NER_CHARS_PER_SECOND) if max_seconds else None


def enricher_outcomes(articles: Sequence[Article]) -> Iterator[tuple[str, bool]]:
    """(enricher, failed) for every enricher that ran on each article; a skip is not a failure."""
    for article in articles:
        for name in article.enrichers:
            error = article.enrichment_errors.get(name)
            yield name, error is not None and not error.startswith(SKIPPED)


def worker_enrichment(config: EnrichmentConfig, *, ner_max_chars: int | None = None) -> Enrichment:
    """The enrichment a worker process runs (see ``shared.config``); loads the models now.

    Near-duplicate detection needs ``config.redis_url`` (its index is shared by all
    workers through Redis) and is off without it. Bodies longer than
    ``ner_max_chars`` are enriched without NER (and what needs it), recorded
    as skipped on the article.
    """
    from newsflow.worker.enrich import build_enrichment

    redis: Redis | None = None
    if config.redis_url and "near_duplicates" not in config.disabled:
        from redis import Redis

        redis = Redis.from_url(config.redis_url)
    enrichment = build_enrichment(
        disabled=list(config.disabled),
        spacy_model=config.spacy_model,
        redis=redis,
        key_prefix=config.key_prefix,
        near_duplicate_threshold=config.near_duplicate_threshold,
        near_duplicate_days=config.near_duplicate_days,
    )
    enrichment.max_ner_chars = ner_max_chars
    return enrichment
