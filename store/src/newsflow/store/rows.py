"""An Article as database rows: its article row and its enrichment side rows.

Enrichment output is read through its models (``shared/enrichment.py``): enrichers are optional and
may fail, so an absent output, or one that does not validate, yields no side rows for it, never an
error. The whole ``enrichment`` dict is kept on the article row as it came, so nothing is lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from newsflow.shared.contracts import Article
from newsflow.shared.enrichment import Entities, Language, Numbers, Places, Quotes
from newsflow.shared.logging import get_logger

log = get_logger(__name__)

M = TypeVar("M", bound=BaseModel)


def utc(value: datetime) -> datetime:
    """``value`` in UTC (naive values are taken to be UTC already)."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def parse_instant(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as a UTC instant, or None when it is not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return utc(parsed)


def fold(value: str) -> str:
    """The matching key of a name: case-folded, inner whitespace collapsed."""
    return " ".join(value.casefold().split())


def output(enrichment: dict[str, Any], name: str, model: type[M]) -> M | None:
    """Enricher ``name``'s output read as its model, or None when absent or not of that shape.

    The whole ``enrichment`` stays on the article row as it came; an output that does not
    validate (an older or newer enricher version) only costs its side rows, logged once per article.
    """
    value = enrichment.get(name)
    if value is None:
        return None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        log.warning("enrichment.unreadable", enricher=name, errors=exc.error_count())
        return None


def language_of(enrichment: dict[str, Any]) -> str | None:
    """The detected language's ISO 639-1 code."""
    found = output(enrichment, "language", Language)
    return found.code.lower() if found else None


def entity_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    found = output(enrichment, "entities", Entities)
    return [
        {
            "article_id": article_id,
            "position": position,
            "name": entity.name,
            "key": fold(entity.name),
            "kind": entity.kind,
            "label": entity.label[:32],
            "mentions": entity.count,
            "forms": list(dict.fromkeys(mention.text for mention in entity.mentions)),
        }
        for position, entity in enumerate(found.items if found else [])
    ]


def _coordinate(value: float | None, bound: float) -> float | None:
    return value if value is not None and math.isfinite(value) and -bound <= value <= bound else None


def place_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    found = output(enrichment, "places", Places)
    return [
        {
            "article_id": article_id,
            "position": position,
            "name": place.name,
            "key": fold(place.name),
            "country": place.country_code.upper() if place.country_code else None,
            "lat": _coordinate(place.latitude, 90),
            "lon": _coordinate(place.longitude, 180),
        }
        for position, place in enumerate(found.items if found else [])
    ]


def quote_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    found = output(enrichment, "quotes", Quotes)
    return [
        {
            "article_id": article_id,
            "position": position,
            "text": quote.text,
            "speaker": quote.speaker,
            "speaker_key": fold(quote.speaker) if quote.speaker else None,
            "kind": quote.kind,
            "start_char": quote.start,
            "end_char": quote.end,
        }
        for position, quote in enumerate(found.items if found else [])
    ]


def fact_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    found = output(enrichment, "numbers", Numbers)
    return [
        {
            "article_id": article_id,
            "position": position,
            "value": fact.value if math.isfinite(fact.value) else None,
            "unit": fact.unit,
            "counted": fact.counted,
            "qualifier": fact.qualifier,
            "text": fact.text,
        }
        for position, fact in enumerate(found.items if found else [])
    ]


def countries_of(enrichment: dict[str, Any], places: list[dict[str, Any]]) -> list[str]:
    """Countries the article names: the enricher's main ones first, then its places' countries."""
    found = output(enrichment, "places", Places)
    codes = dict.fromkeys(code.upper() for code in (found.main_countries if found else []))
    codes.update(dict.fromkeys(place["country"] for place in places if place["country"]))
    return list(codes)


@dataclass(slots=True)
class ArticleRows:
    """What one article writes: its ``articles`` row and its side-table rows by table name."""

    article: dict[str, Any]
    side: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def article_rows(article: Article, now: datetime) -> ArticleRows:
    """The rows storing ``article`` (revision 1; updates bump it in SQL)."""
    enrichment = article.enrichment
    fetched = utc(article.fetched_at)
    article_id = article.id
    places = place_rows(enrichment, article_id)
    side = {
        "entities": entity_rows(enrichment, article_id),
        "places": places,
        "quotes": quote_rows(enrichment, article_id),
        "facts": fact_rows(enrichment, article_id),
        "article_countries": [
            {"article_id": article_id, "country": code} for code in countries_of(enrichment, places)
        ],
    }
    row = {
        "id": article.id,
        "page_id": article.page_id,
        "source_uri": article.source_uri,
        "segment": article.segment,
        "segment_count": article.segment_count,
        "title": article.title,
        "body": article.body,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "dated_at": parse_instant(article.published_at) or fetched,
        "category": article.category,
        "language": language_of(enrichment),
        "authors": article.authors,
        "captions": article.captions,
        "provenance": {
            name: {"start_line": span.start_line, "end_line": span.end_line}
            for name, span in article.provenance.items()
        },
        "parser": article.parser,
        "enrichment": enrichment,
        "enrichment_errors": article.enrichment_errors,
        "extra": {name: to_jsonable_python(getattr(article, name)) for name in EXTRA_FIELDS},
        "content_hash": article.content_hash,
        "revision": 1,
        "fetched_at": fetched,
        "stored_at": now,
    }
    return ArticleRows(row, side)


#: Article fields with a column of their own, in the order of the JSON document.
DOCUMENT_FIELDS = (
    "id",
    "page_id",
    "source_uri",
    "segment",
    "segment_count",
    "title",
    "body",
    "published_at",
    "updated_at",
    "category",
    "authors",
    "captions",
    "provenance",
    "content_hash",
    "fetched_at",
    "parser",
    "enrichment",
    "enrichment_errors",
)


#: Article fields stored in the ``extra`` JSON column (fields added to the contract after the schema).
EXTRA_FIELDS = frozenset(Article.model_fields) - {"schema_version", *DOCUMENT_FIELDS}
