"""The enrichment pipeline: independent, versioned, switchable steps run over every article.

Every enricher has a name and a version, both recorded on the article
(``Article.enrichers``). An enricher that raises does not lose the article:
its error is recorded in ``Article.enrichment_errors`` and the others still
run. This is the one place enricher errors are caught, because a broken
enricher must degrade the article, not dead-letter it. Enrichers built on
English word lists or models are skipped for articles surely in another
language. Enrichers are built once per process (models and gazetteers load
then) by :func:`build_enrichment`. A worker enriches the documents of a read
together (:meth:`Enrichment.enrich_group`), so that NER runs them as one
batch; every other step still sees one article at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pydantic import BaseModel

from newsflow.shared.contracts import Article
from newsflow.shared.enrichment import Language
from newsflow.shared.errors import TimeLimitExceeded, error_type, is_transient
from newsflow.shared.logging import get_logger
from newsflow.worker.enrich.context import Context

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
#: How an enrichment error that is a deliberate skip, not a failure, begins.
SKIPPED = "skipped: "
#: The enrichers that run the NER model (and what cannot run without it).
_NER = ("entities",)


class Enricher(Protocol):
    """One enrichment step."""

    name: str
    version: str
    requires: tuple[str, ...]
    english_only: bool  # word lists, lexicons or an English model: skipped for other languages

    def run(self, ctx: Context) -> BaseModel:
        """This step's output for the article in ``ctx``."""
        ...


@runtime_checkable
class GroupEnricher(Enricher, Protocol):
    """A step that is cheaper on several articles at once (a model that batches)."""

    def run_group(self, ctxs: Sequence[Context]) -> Sequence[BaseModel]:
        """This step's output for each article, in order; may raise for the group as a whole."""
        ...


class Enrichment:
    """The enabled enrichers, in dependency order; :meth:`enrich` runs them on one article."""

    def __init__(
        self, enrichers: Sequence[Enricher], model: str | None = None, max_ner_chars: int | None = None
    ) -> None:
        self.enrichers = tuple(enrichers)
        self.model = model
        self.max_ner_chars = max_ner_chars  # longer bodies skip NER: it could not finish in time

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.enrichers]

    def enrich(self, article: Article) -> Article:
        """``article`` with the enabled enrichers' outputs, versions and errors filled in."""
        return self.enrich_group([article])[0]

    def enrich_group(self, articles: Sequence[Article]) -> list[Article]:
        """Each article enriched as :meth:`enrich` would, with batching steps run once for all.

        Outputs are the same as one by one. A batching step that fails for the
        group is run again article by article, so its error lands on the
        article that caused it and the others keep their output.
        """
        ctxs = [Context(article) for article in articles]
        for enricher in self.enrichers:
            ready = [ctx for ctx in ctxs if self._ready(enricher, ctx)]
            outputs = _run_group(enricher, ready) if len(ready) > 1 else None
            for i, ctx in enumerate(ready):
                output = outputs[i] if outputs is not None else _run_one(enricher, ctx)
                if output is not None:
                    ctx.outputs[enricher.name] = output
                    ctx.article.enrichment[enricher.name] = output.model_dump(mode="json")
        return [ctx.article for ctx in ctxs]

    def _ready(self, enricher: Enricher, ctx: Context) -> bool:
        """Record that ``enricher`` applies to the article; False when it is skipped or cannot run."""
        if enricher.english_only and _other_language(ctx):
            return False
        article = ctx.article
        article.enrichers[enricher.name] = enricher.version
        size = len(article.body)
        if enricher.name in _NER and self.max_ner_chars is not None and size > self.max_ner_chars:
            article.enrichment_errors[enricher.name] = (
                f"{SKIPPED}body of {size} characters is over the {self.max_ner_chars} NER can read "
                "within the page time limit (max_seconds_per_page)"
            )
            return False
        failed = [r for r in enricher.requires if r not in ctx.outputs]
        if failed:
            skipped = all(article.enrichment_errors.get(r, "").startswith(SKIPPED) for r in failed)
            why = "which was skipped" if skipped else "which failed"
            article.enrichment_errors[enricher.name] = (
                f"{SKIPPED if skipped else ''}needs {', '.join(failed)}, {why}"
            )
            return False
        return True


def _run_one(enricher: Enricher, ctx: Context) -> BaseModel | None:
    try:
        return enricher.run(ctx)
    except TimeLimitExceeded:
        raise  # the page's time is up: the stage dead-letters it rather than store it half-enriched
    except Exception as exc:  # one broken enricher degrades the article, never loses it
        if is_transient(exc):
            raise  # an outage (its Redis index refusing writes): retried, never stored degraded
        article = ctx.article
        article.enrichment_errors[enricher.name] = f"{error_type(exc)}: {exc}"
        log.warning("enricher.failed", enricher=enricher.name, article_id=article.id, error=error_type(exc))
        return None


def _run_group(enricher: Enricher, ctxs: Sequence[Context]) -> Sequence[BaseModel] | None:
    """The step's outputs for all of ``ctxs`` at once, or None to run them one by one."""
    if not isinstance(enricher, GroupEnricher):
        return None
    try:
        outputs = enricher.run_group(ctxs)
        if len(outputs) != len(ctxs):
            msg = f"{enricher.name} gave {len(outputs)} outputs for {len(ctxs)} articles"
            raise ValueError(msg)
        return outputs
    except TimeLimitExceeded:
        raise  # the group's time is up: the stage redoes it page by page, each with its own limit
    except Exception as exc:  # redone one by one, where each article gets its own error
        if is_transient(exc):
            raise
        log.info("enricher.group_failed", enricher=enricher.name, articles=len(ctxs), error=error_type(exc))
        return None


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
    near_duplicate_days: float = 0,
) -> Enrichment:
    """Every enricher not in ``disabled``, with its models loaded now (once per process).

    Enrichers whose inputs are disabled are left out too (places needs
    entities). Near-duplicate detection needs ``redis`` (a sync client) and
    is left out without one; with ``near_duplicate_days`` its index keeps
    one to two windows of that many days.
    """
    from newsflow.worker.enrich.nlp import DEFAULT_MODEL

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
        enrichers.append(
            _make(
                name,
                model,
                redis,
                key_prefix,
                near_duplicate_threshold,
                window_s=near_duplicate_days * 86_400,
            )
        )
    log.info("enrichment.ready", enrichers=[e.name for e in enrichers], model=model)
    return Enrichment(enrichers, model)


def _make(
    name: str, model: str | None, redis: Redis | None, key_prefix: str, threshold: float, *, window_s: float
) -> Enricher:
    if name == "language":
        from newsflow.worker.enrich.language import LanguageEnricher

        return LanguageEnricher()
    if name == "length":
        from newsflow.worker.enrich.length import LengthEnricher

        return LengthEnricher()
    if name == "entities":
        from newsflow.worker.enrich.entities import EntityEnricher

        assert model is not None
        return EntityEnricher(model)
    if name == "places":
        from newsflow.worker.enrich.places import PlaceEnricher

        return PlaceEnricher()
    if name == "quotes":
        from newsflow.worker.enrich.quotes import QuoteEnricher

        return QuoteEnricher()
    if name == "numbers":
        from newsflow.worker.enrich.numbers import NumberEnricher

        return NumberEnricher()
    if name == "tone":
        from newsflow.worker.enrich.tone import ToneEnricher

        return ToneEnricher()
    if name == "keywords":
        from newsflow.worker.enrich.keywords import KeywordEnricher

        return KeywordEnricher()
    if name == "summary":
        from newsflow.worker.enrich.summary import SummaryEnricher

        return SummaryEnricher()
    from newsflow.worker.enrich.duplicates import NearDuplicateEnricher

    assert redis is not None
    return NearDuplicateEnricher(redis, key_prefix, threshold, window_s)
