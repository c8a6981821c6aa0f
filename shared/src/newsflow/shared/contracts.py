"""Every message that crosses a stream, as pydantic models: the wire contracts.

Each model carries ``schema_version``; consumers reject versions they do not
know instead of guessing. Field descriptions double as documentation of the
wire format for producers that write to Redis directly (see the README).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from newsflow.shared.ids import article_id_for, page_id_for

SCHEMA_VERSION: Literal[1] = 1


def _now() -> datetime:
    return datetime.now(UTC)


#: The earliest fetch time taken: nothing was fetched from the web before it.
EARLIEST_FETCH = datetime(1990, 1, 1, tzinfo=UTC)
#: How far a producer's clock may run ahead of ours.
CLOCK_SKEW = timedelta(minutes=5)


def _aware_instant(value: datetime) -> datetime:
    """A time every stage can compare and store: aware (naive is taken as UTC), expressible in UTC.

    An aware time keeps its offset, because relative datelines resolve in the
    page's own zone.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)
    try:
        value.astimezone(UTC)
    except OverflowError:
        msg = f"{value.isoformat()} cannot be expressed in UTC"
        raise ValueError(msg) from None
    return value


def _sane_instant(value: datetime) -> datetime:
    """A producer's fetch time: aware, expressible in UTC, not before 1990 and not in the future.

    Checked at the edge (the Page), so that no later stage meets a naive time
    next to an aware one; a version from the future would win over every
    later real update, so it is refused.
    """
    value = _aware_instant(value)
    utc = value.astimezone(UTC)
    if utc < EARLIEST_FETCH:
        msg = f"{value.isoformat()} is before {EARLIEST_FETCH.year}"
        raise ValueError(msg)
    latest = _now() + CLOCK_SKEW
    if utc > latest:
        msg = f"{value.isoformat()} is in the future (later than now + {CLOCK_SKEW.seconds // 60} min)"
        raise ValueError(msg)
    return value


FetchTime = Annotated[datetime, AfterValidator(_sane_instant)]
AwareTime = Annotated[datetime, AfterValidator(_aware_instant)]


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
        description="Stable page id, derived from `key` (or `uri`), so every version of one uri shares it. "
        "Producers leave it empty: any other value than the derived one is refused.",
    )
    uri: str = Field(min_length=1, description="Where the page came from (URL or file path).")
    key: str | None = Field(
        default=None,
        description="The page's identity when it is not `uri` (a local file's resolved path, a producer's "
        "own namespace such as `feed:1234`); the id derives from it.",
    )
    content_type: ContentType = Field(
        default=ContentType.TEXT, description="text/plain, text/html or application/json."
    )
    body: str = Field(description="The page as fetched: innerText dump, HTML or JSON.")
    fetched_at: FetchTime = Field(
        default_factory=_now,
        description="When the page was fetched (naive: UTC; not before 1990, not in the future); "
        "relative dates resolve against it.",
    )
    metadata: dict[str, str] = Field(
        default_factory=dict, description="Free-form producer metadata (site, crawler, ...)."
    )

    @model_validator(mode="after")
    def _derive_id(self) -> Page:
        derived = page_id_for(self.key or self.uri)
        if self.id and self.id != derived:
            msg = (
                f"id {self.id[:40]!r} is not the one derived from "
                f"{'key' if self.key else 'uri'} ({derived}): leave id empty, or name the page with key"
            )
            raise ValueError(msg)
        self.id = derived
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
    fetched_at: AwareTime = Field(description="The page's fetch time.")
    metadata: dict[str, str] = Field(
        default_factory=dict, description="The page's producer metadata, carried to the article."
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_page_hash(cls, data: Any) -> Any:
        # Documents written before this field left (same schema version) still decode.
        if isinstance(data, dict) and "page_hash" in data:
            data = {k: v for k, v in data.items() if k != "page_hash"}
        return data

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
    fetched_at: AwareTime = Field(description="When the page was fetched.")
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
    url: str | None = Field(
        default=None,
        description="The article's own link: a JSON item's url, else the page's uri if it is a web address.",
    )
    metadata: dict[str, str] = Field(
        default_factory=dict, description="The producer's page metadata (site, feed, ...), as submitted."
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
        description="The original stream entry's fields (undecodable bytes as \\x escapes); "
        "only each field's head when `truncated`."
    )
    original_bytes: int | None = Field(default=None, description="Size of the original entry's fields.")
    original_sha256: str | None = Field(
        default=None, description="SHA-256 of the original entry's fields (name, value, in order)."
    )
    truncated: bool = Field(
        default=False, description="The original was over the size cap: only its head is kept (no replay)."
    )
    failed_at: datetime = Field(default_factory=_now, description="When it was dead-lettered.")
