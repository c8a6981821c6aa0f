"""The enrichment pipeline: independent, versioned, switchable steps run over every article.

Every enricher has a name and a version, both recorded on the article
(``Article.enrichers``). An enricher that raises does not lose the article:
its error is recorded in ``Article.enrichment_errors`` and the others still
run. This is the one place enricher errors are caught, because a broken
enricher must degrade the article, not dead-letter it. Enrichers built on
English word lists or models are skipped for articles surely in another
language. Enrichers are built once per process (models and gazetteers load
then) by :func:`build_enrichment`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from newsflow.services.worker.enrich.context import Context
from newsflow.shared.contracts import Article
from newsflow.shared.enrichment import Language
from newsflow.shared.errors import error_type
from newsflow.shared.logging import get_logger

if TYPE_CHECKING:
    from redis import Redis

log = get_logger(__name__)

ENRICHERS = (
    "language",
    "length",
    "entities",
    "places",
    "quotes",
    "numbers",
    "tone",
    "keywords",
    "summary",
    "near_duplicates",
)
_SURE = 0.9


class Enricher(Protocol):
    """One enrichment step."""

    name: str
    version: str
    requires: tuple[str, ...]
    english_only: bool  # word lists, lexicons or an English model: skipped for other languages

    def run(self, ctx: Context) -> BaseModel:
        """This step's output for the article in ``ctx``."""
        ...


class Enrichment:
    """The enabled enrichers, in dependency order; :meth:`enrich` runs them on one article."""

    def __init__(self, enrichers: Sequence[Enricher], model: str | None = None) -> None:
        self.enrichers = tuple(enrichers)
        self.model = model

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.enrichers]

    def enrich(self, article: Article) -> Article:
        """``article`` with the enabled enrichers' outputs, versions and errors filled in."""
        ctx = Context(article)
        for enricher in self.enrichers:
            if enricher.english_only and _other_language(ctx):
                continue
            article.enrichers[enricher.name] = enricher.version
            failed = [r for r in enricher.requires if r not in ctx.outputs]
            if failed:
                article.enrichment_errors[enricher.name] = f"needs {', '.join(failed)}, which failed"
                continue
            try:
                output = enricher.run(ctx)
            except Exception as exc:  # one broken enricher degrades the article, never loses it
                article.enrichment_errors[enricher.name] = f"{error_type(exc)}: {exc}"
                log.warning(
                    "enricher.failed", enricher=enricher.name, article_id=article.id, error=error_type(exc)
                )
                continue
            ctx.outputs[enricher.name] = output
            article.enrichment[enricher.name] = output.model_dump(mode="json")
        return article


def _other_language(ctx: Context) -> bool:
    """True when the article is surely not English (English-only enrichers would emit noise)."""
    language = ctx.output("language", Language)
    return language is not None and language.code != "en" and language.confidence >= _SURE


def build_enrichment(
    *,
    disabled: Collection[str] = (),
    spacy_model: str | None = None,
    redis: Redis | None = None,
    key_prefix: str = "newsflow",
    near_duplicate_threshold: float = 0.7,
) -> Enrichment:
    """Every enricher not in ``disabled``, with its models loaded now (once per process).

    Enrichers whose inputs are disabled are left out too (places needs
    entities). Near-duplicate detection needs ``redis`` (a sync client) and
    is left out without one.
    """
    from newsflow.services.worker.enrich.nlp import DEFAULT_MODEL

    unknown = set(disabled) - set(ENRICHERS)
    if unknown:
        msg = f"unknown enrichers {sorted(unknown)}; known: {', '.join(ENRICHERS)}"
        raise ValueError(msg)
    off = set(disabled)
    if "entities" in off:
        off.add("places")
    if redis is None:
        off.add("near_duplicates")
    model = (spacy_model or DEFAULT_MODEL) if "entities" not in off else None
    enrichers: list[Enricher] = []
    for name in ENRICHERS:
        if name in off:
            continue
        enrichers.append(_make(name, model, redis, key_prefix, near_duplicate_threshold))
    log.info("enrichment.ready", enrichers=[e.name for e in enrichers], model=model)
    return Enrichment(enrichers, model)


def _make(name: str, model: str | None, redis: Redis | None, key_prefix: str, threshold: float) -> Enricher:
    if name == "language":
        from newsflow.services.worker.enrich.language import LanguageEnricher

        return LanguageEnricher()
    if name == "length":
        from newsflow.services.worker.enrich.length import LengthEnricher

        return LengthEnricher()
    if name == "entities":
        from newsflow.services.worker.enrich.entities import EntityEnricher

        assert model is not None
        return EntityEnricher(model)
    if name == "places":
        from newsflow.services.worker.enrich.places import PlaceEnricher

        return PlaceEnricher()
    if name == "quotes":
        from newsflow.services.worker.enrich.quotes import QuoteEnricher

        return QuoteEnricher()
    if name == "numbers":
        from newsflow.services.worker.enrich.numbers import NumberEnricher

        return NumberEnricher()
    if name == "tone":
        from newsflow.services.worker.enrich.tone import ToneEnricher

        return ToneEnricher()
    if name == "keywords":
        from newsflow.services.worker.enrich.keywords import KeywordEnricher

        return KeywordEnricher()
    if name == "summary":
        from newsflow.services.worker.enrich.summary import SummaryEnricher

        return SummaryEnricher()
    from newsflow.services.worker.enrich.duplicates import NearDuplicateEnricher

    assert redis is not None
    return NearDuplicateEnricher(redis, key_prefix, threshold)
