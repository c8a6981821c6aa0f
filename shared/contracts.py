"""Every message that crosses a stream, as pydantic models: the wire contracts.

Each model carries ``schema_version``; consumers reject versions they do not
know instead of guessing. Field descriptions double as documentation of the
wire format for producers that write to Redis directly (see the README).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsflow.shared.ids import article_id_for, page_id_for

SCHEMA_VERSION: Literal[1] = 1


def _now() -> datetime:
    return datetime.now(UTC)


class ContentType(StrEnum):
    """What a page body is."""

    TEXT = "text/plain"
    HTML = "text/html"
    JSON = "application/json"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION, description="Version of this message's schema."
    )


class Page(_Contract):
    """A raw page submitted by a producer: what a scraper left behind."""

    id: str = Field(
        default="",
        description="Stable page id; derived from `uri` when empty, so every version of one uri shares it.",
    )
    uri: str = Field(min_length=1, description="Where the page came from (URL or file path).")
    content_type: ContentType = Field(
        default=ContentType.TEXT, description="text/plain, text/html or application/json."
    )
    body: str = Field(description="The page as fetched: innerText dump, HTML or JSON.")
    fetched_at: datetime = Field(
        default_factory=_now,
        description="When the page was fetched; relative dates resolve against it.",
    )
    metadata: dict[str, str] = Field(
        default_factory=dict, description="Free-form producer metadata (site, crawler, ...)."
    )

    @model_validator(mode="after")
    def _derive_id(self) -> Page:
        if not self.id:
            self.id = page_id_for(self.uri)
        return self


class Span(BaseModel):
    """Where a value was found in the page: 1-based inclusive line range."""

    model_config = ConfigDict(extra="forbid")

    start_line: int = Field(description="First line (1-based) the value came from.")
    end_line: int = Field(description="Last line (1-based, inclusive).")


DateOrderBasis = Literal["numbers", "weekday", "fetch-time", "page", "site", "clock", "default"]
"""What decided how a numeric date was read (see SplitHints.date_order_basis)."""


class SplitHints(BaseModel):
    """What the splitter learned about an article while cutting it out of the page."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, description="Headline found next to the article.")
    title_span: Span | None = Field(default=None, description="Where the headline was.")
    dateline: str | None = Field(default=None, description="Raw dateline text, if any.")
    dateline_span: Span | None = Field(default=None, description="Where the dateline was.")
    category: str | None = Field(default=None, description="Section label near the headline.")
    byline: str | None = Field(default=None, description="Raw byline text, if any.")
    captions: list[str] = Field(default_factory=list, description="Image captions seen.")
    body_span: Span | None = Field(default=None, description="Line range of the body.")
    published: str | None = Field(
        default=None, description="Publication time given by structured input (JSON, HTML meta)."
    )
    url: str | None = Field(default=None, description="Canonical URL given by structured input.")
    date_order: Literal["day-first", "month-first"] | None = Field(
        default=None,
        description='How the dateline\'s numeric date ("03/04/2025") was read; None when it prints none.',
    )
    date_order_basis: DateOrderBasis | None = Field(
        default=None,
        description=(
            'What settled date_order: the numbers themselves ("25/04"), a weekday printed with the '
            "date, the fetch time (one reading lies in the future), the page's other dates, the site's "
            "country (its domain), a 12-hour clock (the US habit), or day first by default."
        ),
    )


class Document(_Contract):
    """One article's worth of a page, as the splitter emits it to the workers."""

    id: str = Field(default="", description="Article id: derived from page id and segment.")
    page_id: str = Field(description="Id of the page this document was cut from.")
    uri: str = Field(description="The page's uri.")
    segment: int = Field(ge=0, description="Index of this article on its page (0-based).")
    segment_count: int = Field(ge=1, description="How many articles the page holds.")
    content_type: ContentType = Field(description="text/plain or text/html of `text`.")
    text: str = Field(description="The article's raw text (or HTML), chrome still around it.")
    first_line: int = Field(
        default=1, ge=1, description="Page line number of `text`'s first line (spans are page lines)."
    )
    hints: SplitHints = Field(default_factory=SplitHints, description="Splitter findings.")
    fetched_at: datetime = Field(description="The page's fetch time.")
    page_hash: str = Field(description="Fingerprint of the page version this came from.")

    @model_validator(mode="after")
    def _derive_id(self) -> Document:
        if not self.id:
            self.id = article_id_for(self.page_id, self.segment)
        return self


class Quote(BaseModel):
    """A quotation or reported statement, with who said it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="What was said.")
    speaker: str | None = Field(default=None, description="Who said it (canonical entity name).")
    kind: Literal["direct", "reported", "nested"] = Field(description="Quote form.")
    start: int = Field(description="Character offset of the quote in the body.")
    end: int = Field(description="End offset (exclusive).")


class Article(_Contract):
    """A parsed (and, once enriched, annotated) article: what the sink stores."""

    id: str = Field(description="Article id: stable across versions of the page.")
    page_id: str = Field(description="Id of the page it came from.")
    source_uri: str = Field(description="The page's uri.")
    segment: int = Field(ge=0, description="Index of the article on its page.")
    segment_count: int = Field(ge=1, description="Articles on the page.")
    title: str | None = Field(default=None, description="Headline.")
    body: str = Field(description="Body paragraphs separated by one blank line.")
    published_at: str | None = Field(
        default=None, description="Publication time, ISO 8601 (offset when the page gives one)."
    )
    updated_at: str | None = Field(default=None, description="Last update time, ISO 8601.")
    category: str | None = Field(default=None, description="Section or category label.")
    authors: list[str] = Field(default_factory=list, description="Byline names.")
    captions: list[str] = Field(default_factory=list, description="Image captions, kept apart.")
    provenance: dict[str, Span] = Field(
        default_factory=dict, description="Field name → where in the page it came from."
    )
    content_hash: str = Field(description="Fingerprint of title + body; changes bump revisions.")
    fetched_at: datetime = Field(description="When the page was fetched.")
    parser: str = Field(description="Name and version of the parser that produced it.")
    enrichment: dict[str, Any] = Field(
        default_factory=dict, description="Enricher name → its output (see the README)."
    )
    enrichment_errors: dict[str, str] = Field(
        default_factory=dict, description="Enricher name → error, for enrichers that failed."
    )
    enrichers: dict[str, str] = Field(
        default_factory=dict, description="Enricher name → version, for every enricher that ran."
    )


class Stage(StrEnum):
    """Pipeline stages, as named in dead letters."""

    SPLITTER = "splitter"
    WORKER = "worker"
    SINK = "sink"


class DeadLetter(_Contract):
    """A message that could not be processed, kept with everything needed to replay it."""

    stage: Stage = Field(description="Stage that gave up on the message.")
    reason: str = Field(description="Human-readable reason.")
    error_type: str = Field(description="Exception class name (or a fixed code).")
    attempts: int = Field(ge=1, description="Deliveries before giving up.")
    source_stream: str = Field(description="Stream the message was read from.")
    message_id: str = Field(description="Its entry id in that stream.")
    page_id: str | None = Field(default=None, description="Page id, when it could be read.")
    original: dict[str, str] = Field(
        description="The original stream entry's fields (undecodable bytes as \\x escapes)."
    )
    failed_at: datetime = Field(default_factory=_now, description="When it was dead-lettered.")
