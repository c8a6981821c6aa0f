"""Article documents → parsed articles (title, dates, category, body). Pure functions.

Text documents arrive with the splitter's hints (headline, dateline, body
line range); the parser cleans the body and reads the dates. HTML goes
through trafilatura for the main text and metadata; structured hints given
by JSON pages take precedence over anything guessed.
"""

from __future__ import annotations

import re

from newsflow.services.splitter.lines import is_chrome, normalize
from newsflow.services.worker.dates import Dateline, parse_dateline
from newsflow.shared.contracts import Article, ContentType, Document, Span
from newsflow.shared.errors import LimitExceeded, NoArticles
from newsflow.shared.ids import content_hash
from newsflow.shared.limits import Limits

PARSER = "newsflow-parser/1"
_BYLINE = re.compile(r"^(?:by|written by|author:)\s+(?P<names>[^|•]{3,120})$", re.I)


def _authors(text: str) -> list[str]:
    m = _BYLINE.match(text.strip())
    if not m:
        return []
    names = re.split(r",\s*|\s+and\s+|\s*&\s*", m["names"].strip())
    return [n.strip() for n in names if n.strip()]


def _clean_paragraphs(lines: list[str], title: str | None) -> tuple[list[str], list[str], list[str]]:
    """Body paragraphs, captions and bylines found among ``lines``."""
    title_key = normalize(title) if title else None
    body: list[str] = []
    captions: list[str] = []
    authors: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        text = " ".join(raw.split())
        if not text:
            continue
        key = normalize(text)
        if title_key and key == title_key:
            continue
        if text.lower().startswith(("photo:", "image:", "caption:")):
            captions.append(text.split(":", 1)[1].strip())
            continue
        if names := _authors(text):
            authors.extend(names)
            continue
        if is_chrome(text) or (key in seen and len(key) < 200):
            continue
        seen.add(key)
        body.append(text)
    return body, captions, authors


def _dates(doc: Document) -> Dateline:
    if doc.hints.published:
        parsed = parse_dateline(doc.hints.published, doc.fetched_at)
        if parsed is not None:
            return parsed
    if doc.hints.dateline:
        parsed = parse_dateline(doc.hints.dateline, doc.fetched_at)
        if parsed is not None:
            return parsed
    return Dateline(published=None, updated=None)


def _parse_text(doc: Document) -> tuple[str | None, list[str], list[str], list[str], dict[str, Span]]:
    lines = doc.text.splitlines()
    provenance: dict[str, Span] = {}
    span = doc.hints.body_span
    if span is not None:
        body_lines = lines[span.start_line - doc.first_line : span.end_line - doc.first_line + 1]
        provenance["body"] = span
    else:
        body_lines = lines
    title = doc.hints.title
    if doc.hints.title_span:
        provenance["title"] = doc.hints.title_span
    if doc.hints.dateline_span:
        provenance["published_at"] = doc.hints.dateline_span
    body, captions, authors = _clean_paragraphs(body_lines, title)
    return title, body, captions + list(doc.hints.captions), authors, provenance


def _parse_html(doc: Document) -> tuple[str | None, list[str], list[str], list[str], str | None, str | None]:
    """(title, body, captions, authors, date, category) from trafilatura's reading of the HTML."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        doc.text, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
    )
    if extracted is None:
        return doc.hints.title, [], [], [], None, None
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    title = doc.hints.title or data.get("title")
    body, captions, authors = _clean_paragraphs((data.get("text") or "").split("\n"), title)
    if not authors and data.get("author"):
        authors = [a.strip() for a in re.split(r"[;,]", data["author"]) if a.strip()]
    categories = data.get("categories")
    category = ", ".join(categories) if isinstance(categories, list) and categories else None
    return title, body, captions, authors, data.get("date"), category


def parse_document(doc: Document, limits: Limits) -> Article:
    """The article in ``doc``; raises NoArticles when nothing article-like is left."""
    provenance: dict[str, Span] = {}
    category = doc.hints.category
    dates = _dates(doc)
    if doc.content_type is ContentType.HTML:
        title, body, captions, authors, html_date, html_category = _parse_html(doc)
        if dates.published is None and html_date:
            dates = parse_dateline(html_date, doc.fetched_at) or dates
        category = category or html_category
    else:
        title, body, captions, authors, provenance = _parse_text(doc)
    if doc.hints.byline and not authors:
        authors = [doc.hints.byline]
    if not body:
        msg = f"segment {doc.segment} of page {doc.page_id} has no body text"
        raise NoArticles(msg)
    if len(body) > limits.max_paragraphs:
        msg = f"article has {len(body)} paragraphs, over the cap of {limits.max_paragraphs}"
        raise LimitExceeded(msg)
    body_text = "\n\n".join(body)
    return Article(
        id=doc.id,
        page_id=doc.page_id,
        source_uri=doc.uri,
        segment=doc.segment,
        segment_count=doc.segment_count,
        title=title,
        body=body_text,
        published_at=dates.published,
        updated_at=dates.updated,
        category=category,
        authors=authors,
        captions=captions,
        provenance=provenance,
        content_hash=content_hash(title or "", body_text, dates.published or ""),
        fetched_at=doc.fetched_at,
        parser=PARSER,
    )
