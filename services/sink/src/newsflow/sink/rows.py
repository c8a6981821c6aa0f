"""An Article as database rows: its article row and its enrichment side rows.

Enrichment output is read defensively: enrichers are optional, may fail, and
their output evolves, so a missing key, an unexpected shape or an odd value
yields fewer side rows, never an error. The whole ``enrichment`` dict is kept
on the article row as it came, so nothing is lost by what is skipped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python

from newsflow.shared.contracts import Article

SCHEMA_VERSION = 1


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


def _text(value: Any, limit: int | None = None) -> str | None:
    if value.__class__ is str or isinstance(value, str):
        stripped = value.strip()
        if stripped:
            return stripped[:limit] if limit else stripped
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _items(enrichment: dict[str, Any], *keys: str) -> list[dict[str, Any]]:
    """The dict items of the first list found under ``keys`` (also one level down, under ``items``)."""
    for key in keys:
        value = enrichment.get(key)
        if isinstance(value, dict):
            value = value.get("items", value.get(key))
        if isinstance(value, list):
            return [item for item in value if isinstance(item, dict)]
    return []


def _country(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("code") or value.get("country") or value.get("iso")
    code = _text(value)
    return code.upper() if code and len(code) <= 8 else None


def language_of(enrichment: dict[str, Any]) -> str | None:
    """The detected language code (``{"code": "en", ...}`` or a bare ``"en"``)."""
    value = enrichment.get("language")
    if isinstance(value, dict):
        value = value.get("code") or value.get("language")
    code = _text(value)
    return code.lower() if code and len(code) <= 16 else None


def entity_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in _items(enrichment, "entities"):
        name = _text(item.get("text")) or _text(item.get("name")) or _text(item.get("canonical"))
        if name is None:
            continue
        canonical = _text(item.get("canonical"))
        mentions = _int(item.get("count", item.get("mentions")))
        rows.append(
            {
                "article_id": article_id,
                "position": len(rows),
                "name": name,
                "canonical": canonical,
                "key": fold(canonical or name),
                "label": _text(item.get("label") or item.get("type"), 32),
                "mentions": mentions if mentions is not None and mentions > 0 else 1,
            }
        )
    return rows


def place_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in _items(enrichment, "places", "locations"):
        name = _text(item.get("name")) or _text(item.get("text"))
        if name is None:
            continue
        lat = _float(item.get("lat", item.get("latitude")))
        lon = _float(item.get("lon", item.get("lng", item.get("longitude"))))
        rows.append(
            {
                "article_id": article_id,
                "position": len(rows),
                "name": name,
                "key": fold(name),
                "country": _country(item.get("country") or item.get("country_code")),
                "lat": lat if lat is not None and -90 <= lat <= 90 else None,
                "lon": lon if lon is not None and -180 <= lon <= 180 else None,
            }
        )
    return rows


def quote_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in _items(enrichment, "quotes"):
        text = _text(item.get("text"))
        if text is None:
            continue
        speaker = _text(item.get("speaker"))
        rows.append(
            {
                "article_id": article_id,
                "position": len(rows),
                "text": text,
                "speaker": speaker,
                "speaker_key": fold(speaker) if speaker else None,
                "kind": _text(item.get("kind"), 16),
                "start_char": _int(item.get("start")),
                "end_char": _int(item.get("end")),
            }
        )
    return rows


def fact_rows(enrichment: dict[str, Any], article_id: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in _items(enrichment, "numbers", "facts"):
        value = _float(item.get("value"))
        written = _text(item.get("text")) or _text(item.get("raw"))
        if value is None and written is None:
            continue
        rows.append(
            {
                "article_id": article_id,
                "position": len(rows),
                "value": value,
                "unit": _text(item.get("unit")),
                "counted": _text(item.get("counted")),
                "qualifier": _text(item.get("qualifier")),
                "text": written,
            }
        )
    return rows


def countries_of(enrichment: dict[str, Any], places: list[dict[str, Any]]) -> list[str]:
    """Countries the article names: the enricher's main ones first, then its places' countries."""
    found: dict[str, None] = {}
    places_output = enrichment.get("places")
    for listed in (
        enrichment.get("countries"),
        places_output.get("main_countries") if isinstance(places_output, dict) else None,
    ):
        for value in listed if isinstance(listed, list) else ():
            if code := _country(value):
                found[code] = None
    for place in places:
        if place["country"]:
            found[place["country"]] = None
    return list(found)


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


def instant_text(value: datetime) -> str:
    """An instant as JSON documents write it (pydantic's form: UTC with a ``Z``)."""
    return utc(value).isoformat().replace("+00:00", "Z")


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


def document(row: Any) -> dict[str, Any]:
    """A stored article as its JSON document: the Article fields plus revision, language and stored_at."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for name in DOCUMENT_FIELDS:
        doc[name] = mapping[name]
    doc.update(mapping["extra"] or {})
    doc["fetched_at"] = instant_text(mapping["fetched_at"])
    doc["revision"] = mapping["revision"]
    doc["language"] = mapping["language"]
    doc["stored_at"] = instant_text(mapping["stored_at"])
    return doc
