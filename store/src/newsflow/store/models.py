"""What the read side returns: stored articles as typed models.

Serialised (``model_dump(mode="json")``) they are the JSON documents ``newsflow articles``, the
exports and the api have always written: the Article fields, plus ``revision``, ``language`` and
``stored_at``; instants in UTC with a ``Z``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from newsflow.shared.contracts import Span
from newsflow.shared.enrichment import (
    Entities,
    Keywords,
    Language,
    Length,
    NearDuplicate,
    Numbers,
    Places,
    Quotes,
    Summary,
    Tone,
)


def instant_text(value: datetime) -> str:
    """An instant as the JSON documents write it: UTC, ISO 8601 with a ``Z``."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class _Stored(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoredEnrichment(BaseModel):
    """Enricher name → its output, each known enricher's output read as its model.

    Enrichment is stored as it came: an output not of its model's shape (an older or newer
    enricher version), or one of an enricher unknown here, is kept as stored (``other`` in
    Python) and written back unchanged.
    """

    model_config = ConfigDict(frozen=True, json_schema_extra={"additionalProperties": True})

    language: Language | None = Field(default=None, description="The body's language.")
    entities: Entities | None = Field(default=None, description="People, organisations, places, groups.")
    places: Places | None = Field(default=None, description="Places resolved against the gazetteer.")
    quotes: Quotes | None = Field(default=None, description="Quotes with their speakers.")
    numbers: Numbers | None = Field(default=None, description="Numbers with what they count.")
    tone: Tone | None = Field(default=None, description="Lexicon tone of the body.")
    keywords: Keywords | None = Field(default=None, description="Keyphrases, best first.")
    summary: Summary | None = Field(default=None, description="Extractive summary.")
    length: Length | None = Field(default=None, description="Words, sentences, reading time.")
    near_duplicates: NearDuplicate | None = Field(default=None, description="An earlier same story.")

    _other: dict[str, Any] = PrivateAttr(default_factory=dict)
    _order: tuple[str, ...] = PrivateAttr(default=())

    @property
    def other(self) -> dict[str, Any]:
        """Outputs kept as stored: unknown enrichers, and outputs that do not read as their model."""
        return self._other

    @model_validator(mode="wrap")
    @classmethod
    def _read(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> StoredEnrichment:
        """Read an ``enricher name → output`` mapping: each output as its model, or else as it is."""
        if isinstance(data, StoredEnrichment):
            return data
        typed: dict[str, BaseModel] = {}
        other: dict[str, Any] = {}
        for name, value in dict(data).items():
            model = OUTPUT_MODELS.get(name)
            if model is not None:
                try:
                    typed[name] = model.model_validate(value)
                    continue
                except ValidationError:
                    pass
            other[name] = value
        read: StoredEnrichment = handler(typed)
        read._other = other
        read._order = tuple(data)
        return read

    # Not annotated: pydantic would take a return annotation as this model's JSON schema.
    @model_serializer(mode="wrap")
    def _as_stored(self, _handler: SerializerFunctionWrapHandler, info: SerializationInfo):  # type: ignore[no-untyped-def]
        """The mapping as stored: only the outputs there are, each with the keys it was stored with."""
        out: dict[str, Any] = {}
        for name in self._order or OUTPUT_MODELS:
            value = getattr(self, name) if name in OUTPUT_MODELS else None
            if value is not None:
                out[name] = value.model_dump(mode=info.mode, exclude_unset=True)
            elif name in self._other:
                out[name] = self._other[name]
        return out


#: The model of each enricher's output, by the enricher's name.
OUTPUT_MODELS: dict[str, type[BaseModel]] = {
    "language": Language,
    "entities": Entities,
    "places": Places,
    "quotes": Quotes,
    "numbers": Numbers,
    "tone": Tone,
    "keywords": Keywords,
    "summary": Summary,
    "length": Length,
    "near_duplicates": NearDuplicate,
}


class StoredArticle(_Stored):
    """A stored article: the Article it was stored from, plus what the store adds to it."""

    schema_version: Literal[1] = Field(default=1, description="Version of the Article schema.")
    id: str = Field(description="Article id: stable across versions of the page.")
    page_id: str = Field(description="Id of the page it came from.")
    source_uri: str = Field(description="The page's uri.")
    segment: int = Field(description="Index of the article on its page.")
    segment_count: int = Field(description="Articles on the page, in the version stored.")
    title: str | None = Field(default=None, description="Headline.")
    body: str = Field(description="Body paragraphs separated by one blank line.")
    published_at: str | None = Field(default=None, description="Publication time as the page gave it.")
    updated_at: str | None = Field(default=None, description="Last update time as the page gave it.")
    category: str | None = Field(default=None, description="Section or category label.")
    authors: list[str] = Field(default_factory=list, description="Byline names.")
    captions: list[str] = Field(default_factory=list, description="Image captions, kept apart.")
    provenance: dict[str, Span] = Field(
        default_factory=dict, description="Field name → where in the page it came from."
    )
    content_hash: str = Field(description="Fingerprint of title + body; changes bump revisions.")
    fetched_at: datetime = Field(description="When the version stored was fetched (UTC).")
    parser: str = Field(description="Name and version of the parser that produced it.")
    enrichment: StoredEnrichment = Field(
        default_factory=StoredEnrichment, description="Enricher name → its output."
    )
    enrichment_errors: dict[str, str] = Field(
        default_factory=dict, description="Enricher name → error, for enrichers that failed."
    )
    enrichers: dict[str, str] = Field(
        default_factory=dict, description="Enricher name → version, for every enricher that ran."
    )
    url: str | None = Field(default=None, description="The article's own link.")
    metadata: dict[str, str] = Field(
        default_factory=dict, description="The producer's page metadata (site, feed, ...)."
    )
    revision: int = Field(description="1 when first stored, one more with each changed version.")
    language: str | None = Field(description="ISO 639-1 code of the detected language.")
    stored_at: datetime = Field(description="When this revision was stored (UTC).")
    dated_at: datetime | None = Field(
        default=None,
        exclude=True,
        description="What filters and ordering use: publication time in UTC, else fetch time "
        "(not in the JSON document: published_at and fetched_at say it).",
    )


class StoredEntity(_Stored):
    """An ``entities`` row: one entity the article names."""

    name: str = Field(description="Canonical name: the fullest form the article uses.")
    key: str = Field(description="Case-folded canonical name: what filters match.")
    kind: str | None = Field(description="person, organization, place, group, facility, event, ...")
    label: str | None = Field(description="spaCy NER label of the canonical form.")
    mentions: int = Field(description="How many times the article mentions it.")
    forms: list[str] | None = Field(description="The distinct surface forms of its mentions, in body order.")


class StoredPlace(_Stored):
    """A ``places`` row: a place the article names, resolved against the gazetteer."""

    name: str = Field(description="Gazetteer name.")
    key: str = Field(description="Case-folded name.")
    country: str | None = Field(description="ISO 3166-1 alpha-2, upper case.")
    lat: float | None = Field(description="Latitude.")
    lon: float | None = Field(description="Longitude.")


class StoredQuote(_Stored):
    """A ``quotes`` row."""

    text: str = Field(description="What was said.")
    speaker: str | None = Field(description="Who said it.")
    speaker_key: str | None = Field(description="Case-folded speaker.")
    kind: str | None = Field(description="direct, reported or nested.")
    start_char: int | None = Field(description="Offset of the quote in the body.")
    end_char: int | None = Field(description="End offset (exclusive).")


class StoredFact(_Stored):
    """A ``facts`` row: a number in the body with what it counts."""

    value: float | None = Field(description="The number, scaled.")
    unit: str | None = Field(description="Unit or currency code.")
    counted: str | None = Field(description="What is counted.")
    qualifier: str | None = Field(description="over, nearly, about, ...")
    text: str | None = Field(description="The number as written.")


class StoredRevision(_Stored):
    """An ``article_revisions`` row: a version of the article a newer one replaced."""

    revision: int = Field(description="Its revision number.")
    content_hash: str = Field(description="Fingerprint of its title + body.")
    title: str | None = Field(description="Its headline.")
    body: str = Field(description="Its body.")
    published_at: str | None = Field(description="Its publication time as the page gave it.")
    category: str | None = Field(description="Its section or category label.")
    enrichment: StoredEnrichment = Field(description="Its enrichment.")
    parser: str = Field(description="Parser that produced it.")
    fetched_at: datetime = Field(description="When its page version was fetched (UTC).")
    stored_at: datetime = Field(description="When it was stored (UTC).")
    replaced_at: datetime = Field(description="When a newer version replaced it (UTC).")


class StoredPage(_Stored):
    """A ``pages`` row: the newest version seen of the article's page."""

    id: str = Field(description="Page id (stable across versions of a uri).")
    uri: str = Field(description="The page's uri.")
    fetched_at: datetime = Field(description="Fetch time of the newest version seen (UTC).")
    segment_count: int = Field(description="Articles in that newest version.")
    parser: str = Field(description="Parser that produced its articles.")
    first_stored_at: datetime = Field(description="When the page was first stored (UTC).")
    stored_at: datetime = Field(description="When its newest version was stored (UTC).")


class StoredArticleDetail(StoredArticle):
    """One stored article in full: its side rows, earlier revisions and page (``articles show``)."""

    entities: list[StoredEntity] = Field(description="Entities, in enrichment order.")
    places: list[StoredPlace] = Field(description="Places, in enrichment order.")
    quotes: list[StoredQuote] = Field(description="Quotes, in body order.")
    facts: list[StoredFact] = Field(description="Numeric facts, in body order.")
    countries: list[str] = Field(description="Country codes the article names, alphabetical.")
    revisions: list[StoredRevision] = Field(description="Earlier versions, newest first.")
    page: StoredPage | None = Field(description="The newest version seen of its page.")


class SearchHit(_Stored):
    """One search result: its score (higher is better), a highlighted excerpt and the article."""

    rank: float = Field(description="Relevance: higher is better.")
    snippet: str = Field(description="Excerpt with matches between « and ».")
    article: StoredArticle = Field(description="The article found.")
