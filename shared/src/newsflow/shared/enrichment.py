"""What each enricher writes into ``Article.enrichment``: typed outputs, stored as JSON.

``Article.enrichment`` maps an enricher's name to ``model_dump()`` of its
output model here; ``Article.enrichers`` records the name and version of
every enricher that ran. Offsets (``start``/``end``) are character offsets
into ``Article.body``, end exclusive.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsflow.shared.contracts import Quote

EntityKind = Literal["person", "organization", "place", "group", "facility", "event", "product", "work"]


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Output):
    """One occurrence of something in the body."""

    text: str = Field(description="The text as written.")
    start: int = Field(description="Character offset in the body.")
    end: int = Field(description="End offset (exclusive).")


class Language(_Output):
    """The body's language."""

    code: str = Field(description="ISO 639-1 code, e.g. 'en'.")
    confidence: float = Field(ge=0, le=1, description="Probability of that language.")


class Entity(_Output):
    """A person, organisation, place or group, with every mention of it."""

    name: str = Field(description="Canonical form: the fullest name the article uses.")
    kind: EntityKind = Field(description="What it is.")
    label: str = Field(description="spaCy NER label of the canonical form (PERSON, ORG, GPE, ...).")
    count: int = Field(ge=1, description="How many mentions.")
    mentions: list[Mention] = Field(description="Every mention, in body order.")


class Entities(_Output):
    items: list[Entity] = Field(default_factory=list, description="Entities, most mentioned first.")


class Place(_Output):
    """A place named in the body, resolved offline against the gazetteer."""

    name: str = Field(description="Gazetteer name ('Hangzhou', 'United States', 'Middle East').")
    kind: Literal["country", "province", "city", "region"] = Field(description="Gazetteer level.")
    country_code: str | None = Field(description="ISO 3166-1 alpha-2; None for multi-country regions.")
    latitude: float | None = Field(description="Latitude (centroid for countries/regions/provinces).")
    longitude: float | None = Field(description="Longitude.")
    count: int = Field(ge=1, description="Mentions, demonyms included ('Israeli' counts for Israel).")
    mentions: list[Mention] = Field(description="Where it is named.")


class Places(_Output):
    items: list[Place] = Field(default_factory=list, description="Resolved places, most mentioned first.")
    unresolved: list[str] = Field(default_factory=list, description="Place names not in the gazetteer.")
    main_countries: list[str] = Field(
        default_factory=list, description="Country codes the article is mostly about, strongest first."
    )


class AttributedQuote(Quote):
    """A quote (direct, nested or reported) with its speaker and the words that attribute it."""

    speaker_start: int | None = Field(default=None, description="Offset of the speaker's name.")
    speaker_end: int | None = Field(default=None, description="End offset of the speaker's name.")
    verb: str | None = Field(default=None, description="The speech verb ('said', 'warned').")


class Quotes(_Output):
    items: list[AttributedQuote] = Field(default_factory=list, description="Quotes in body order.")


class NumericFact(_Output):
    """A number in the body with what it counts."""

    text: str = Field(description="The whole expression ('over 280 new businesses').")
    value: float = Field(description="The number, scaled ('17 million' → 17000000).")
    unit: str | None = Field(description="Unit or currency code: 'percent', 'CNY', 'USD', 'km', ...")
    counted: str | None = Field(description="What is counted ('new businesses', 'members').")
    qualifier: str | None = Field(description="'over', 'nearly', 'at least', ... as normalised words.")
    start: int = Field(description="Character offset of the expression.")
    end: int = Field(description="End offset (exclusive).")


class Numbers(_Output):
    items: list[NumericFact] = Field(default_factory=list, description="Numeric facts in body order.")


class SentenceTone(_Output):
    start: int = Field(description="Sentence offset.")
    end: int = Field(description="Sentence end offset.")
    score: float = Field(ge=-1, le=1, description="Sentence tone, -1 (negative) to 1 (positive).")


class Tone(_Output):
    """Lexicon tone (VADER word valences) of the body and its spread over sentences."""

    label: Literal["positive", "negative", "neutral"] = Field(description="Overall tone.")
    score: float = Field(ge=-1, le=1, description="Mean sentence tone.")
    positive: float = Field(ge=0, le=1, description="Share of words with positive valence.")
    negative: float = Field(ge=0, le=1, description="Share of words with negative valence.")
    spread: float = Field(ge=0, description="Standard deviation of sentence tones.")
    most_positive: SentenceTone | None = Field(description="The most positive sentence.")
    most_negative: SentenceTone | None = Field(description="The most negative sentence.")
    sentences: list[SentenceTone] = Field(description="Every sentence with a non-zero tone.")


class Keyphrase(_Output):
    text: str = Field(description="The phrase, lower-cased.")
    score: float = Field(description="Relevance score (higher is better).")
    count: int = Field(ge=1, description="Occurrences.")
    start: int = Field(description="Offset of its first occurrence.")
    end: int = Field(description="End offset of its first occurrence.")


class Keywords(_Output):
    items: list[Keyphrase] = Field(default_factory=list, description="Best keyphrases first.")


class SummarySentence(_Output):
    text: str = Field(description="The sentence.")
    start: int = Field(description="Offset in the body.")
    end: int = Field(description="End offset.")


class Summary(_Output):
    text: str = Field(description="The chosen sentences joined, in body order.")
    sentences: list[SummarySentence] = Field(description="Where they are.")


class Length(_Output):
    words: int = Field(ge=0, description="Words in the body.")
    sentences: int = Field(ge=0, description="Sentences in the body.")
    reading_seconds: int = Field(ge=0, description="Reading time at 230 words per minute.")


class NearDuplicate(_Output):
    """Whether the same story was already seen (any worker process, any source)."""

    duplicate_of: str | None = Field(description="Id of the earlier article this one duplicates.")
    similarity: float | None = Field(description="Estimated Jaccard similarity of word shingles.")
