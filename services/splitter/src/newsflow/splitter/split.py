"""Pages → article documents, for each content type. Pure functions, no broker."""

from __future__ import annotations

import json
from typing import Any

from newsflow.extraction.dates import date_reading, page_date_order
from newsflow.extraction.lines import Line, caption_text
from newsflow.extraction.text import split_text
from newsflow.shared.contracts import ContentType, Document, Page, Span, SplitHints
from newsflow.shared.errors import BadInput, LimitExceeded, NoArticles
from newsflow.shared.limits import Limits
from newsflow.splitter.binary import refuse_binary

Part = tuple[ContentType, str, SplitHints, int]
"""(content type, text, hints, page line of the text's first line)."""

_JSON_TEXT_KEYS = ("text", "body", "content", "article", "articleBody")
_JSON_HTML_KEYS = ("html", "content_html", "raw_html")
_JSON_TITLE_KEYS = ("title", "headline", "name")
_JSON_DATE_KEYS = ("published", "published_at", "datePublished", "date", "pubDate", "time")


def _check_size(page: Page, limits: Limits) -> None:
    size = len(page.body.encode("utf-8", "surrogatepass"))
    if size > limits.max_page_bytes:
        msg = f"page is {size} bytes, over the {limits.max_page_bytes}-byte cap"
        raise LimitExceeded(msg)


def _documents(page: Page, parts: list[Part], limits: Limits) -> list[Document]:
    if not parts:
        msg = "no article found on the page"
        raise NoArticles(msg)
    if len(parts) > limits.max_articles_per_page:
        msg = f"page holds {len(parts)} articles, over the cap of {limits.max_articles_per_page}"
        raise LimitExceeded(msg)
    return [
        Document(
            page_id=page.id,
            uri=page.uri,
            segment=index,
            segment_count=len(parts),
            content_type=ctype,
            text=text,
            first_line=first_line,
            hints=hints,
            fetched_at=page.fetched_at,
            metadata=page.metadata,
        )
        for index, (ctype, text, hints, first_line) in enumerate(parts)
    ]


def _span(line: Line | None) -> Span | None:
    return Span(start_line=line.number, end_line=line.number) if line is not None else None


def _text_parts(page: Page) -> list[Part]:
    body = page.body
    _lines, segments = split_text(body)
    raw_lines = body.splitlines()
    order = page_date_order([seg.dateline.text for seg in segments if seg.dateline], page.uri, raw_lines)
    parts: list[Part] = []
    for seg in segments:
        first, last = seg.region
        reading = date_reading(seg.dateline.text, page.fetched_at, order) if seg.dateline else None
        hints = SplitHints(
            title=seg.title_text,
            title_span=_span(seg.title),
            dateline=seg.dateline.text if seg.dateline else None,
            dateline_span=_span(seg.dateline),
            category=seg.category.text if seg.category else None,
            byline=seg.byline.text if seg.byline else None,
            captions=[caption_text(c.text) or c.text for c in seg.captions],
            body_span=Span(start_line=seg.body[0].number, end_line=seg.body[-1].number),
            date_order=reading.name if reading else None,
            date_order_basis=reading.basis if reading else None,
        )
        region = "\n".join(raw_lines[first - 1 : last])
        parts.append((ContentType.TEXT, region, hints, first))
    return parts


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _joined(value: object) -> str | None:
    """A JSON list of author names (strings, or objects with a "name") as one "A, B" string."""
    if not isinstance(value, list):
        return None
    names = [v if isinstance(v, str) else v.get("name") if isinstance(v, dict) else None for v in value]
    kept = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return ", ".join(kept) or None


def _json_parts(body: str) -> list[Part]:
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        msg = f"application/json page is not valid JSON: {exc}"
        raise BadInput(msg) from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    parts: list[Part] = []
    for item in items:
        if not isinstance(item, dict):
            msg = f"JSON page items must be objects, got {type(item).__name__}"
            raise BadInput(msg)
        hints = SplitHints(
            title=_first(item, _JSON_TITLE_KEYS),
            published=_first(item, _JSON_DATE_KEYS),
            url=_first(item, ("url", "link", "uri")),
            category=_first(item, ("category", "section")),
            byline=_first(item, ("author", "byline")) or _joined(item.get("authors")),
        )
        html = _first(item, _JSON_HTML_KEYS)
        text = _first(item, _JSON_TEXT_KEYS)
        if html is not None:
            parts.append((ContentType.HTML, html, hints, 1))
        elif text is not None:
            parts.append((ContentType.TEXT, text, hints, 1))
    return parts


def split_page(page: Page, limits: Limits) -> list[Document]:
    """Cut ``page`` into one document per article; bad input raises a BadInput error."""
    _check_size(page, limits)
    if page.content_type is ContentType.JSON:
        parts = _json_parts(page.body)
        for ctype, text, _hints, _line in parts:
            refuse_binary(text, prose=ctype is ContentType.TEXT)
        return _documents(page, parts, limits)
    refuse_binary(page.body, prose=page.content_type is ContentType.TEXT)
    if page.content_type is ContentType.HTML:
        if not page.body.strip():
            msg = "empty HTML page"
            raise NoArticles(msg)
        return _documents(page, [(ContentType.HTML, page.body, SplitHints(), 1)], limits)
    return _documents(page, _text_parts(page), limits)
