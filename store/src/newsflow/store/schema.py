"""The storage schema, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

Alembic migrations (``migrations/versions``) create exactly these tables; a
test compares a migrated database with this metadata on both engines. What
Core cannot express portably is added by the migrations per engine and named
here so that queries can refer to it: the SQLite FTS5 table over title and
body, and the PostgreSQL ``search`` tsvector column with its GIN index.

Enrichment is kept whole as JSON on the article (lossless round trip) and,
for querying, flattened into side tables keyed by article id: entities,
places, countries, quotes and numeric facts. The reasons are in
``docs/storage.md``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator, TypeEngine

#: Text search configuration: English stemming on both engines (FTS5 porter, PostgreSQL 'english').
FTS_TABLE = "articles_fts"
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
PG_TS_CONFIG = "english"


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, always in UTC: timestamptz on PostgreSQL, a sortable naive string on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json() -> TypeEngine[Any]:
    return JSON().with_variant(postgresql.JSONB(), "postgresql")


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    }
)

pages = Table(
    "pages",
    metadata,
    Column("id", String(64), primary_key=True, comment="Page id (stable across versions of a uri)."),
    Column("uri", Text, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False, comment="Fetch time of the newest version seen."),
    Column("segment_count", Integer, nullable=False, comment="Articles in that newest version."),
    Column("parser", Text, nullable=False, comment="Parser that produced its articles."),
    Column("first_stored_at", UTCDateTime, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    # An integer key of our own: SQLite's FTS5 external-content table needs a rowid
    # that VACUUM cannot renumber, i.e. an INTEGER PRIMARY KEY.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("page_id", String(64), ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("source_uri", Text, nullable=False),
    Column("segment", Integer, nullable=False),
    Column("segment_count", Integer, nullable=False),
    Column("title", Text),
    Column("body", Text, nullable=False),
    Column("published_at", Text, comment="As the page gave it (ISO 8601)."),
    Column("updated_at", Text),
    Column("dated_at", UTCDateTime, nullable=False, comment="Publication time in UTC, else fetch time."),
    Column("category", Text),
    Column("language", String(16)),
    Column("authors", _json(), nullable=False),
    Column("captions", _json(), nullable=False),
    Column("provenance", _json(), nullable=False, comment="Field → line span in the page."),
    Column("parser", Text, nullable=False),
    Column("enrichment", _json(), nullable=False),
    Column("enrichment_errors", _json(), nullable=False),
    Column("extra", _json(), nullable=False, comment="Article fields without a column of their own."),
    Column("content_hash", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False),
    Index(None, "page_id", "segment"),
    Index(None, "dated_at"),
    Index(None, "language"),
    Index(None, "category"),
)

article_revisions = Table(
    "article_revisions",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("body", Text, nullable=False),
    Column("published_at", Text),
    Column("category", Text),
    Column("enrichment", _json(), nullable=False),
    Column("parser", Text, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False, comment="When this version was stored."),
    Column("replaced_at", UTCDateTime, nullable=False, comment="When a newer version replaced it."),
    PrimaryKeyConstraint("article_id", "revision"),
)


def _side(name: str, *columns: Column[Any], indexes: tuple[Index, ...] = ()) -> Table:
    return Table(
        name,
        metadata,
        Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("position", Integer, nullable=False, comment="Order in the enrichment output."),
        *columns,
        PrimaryKeyConstraint("article_id", "position"),
        *indexes,
    )


entities = _side(
    "entities",
    Column("name", Text, nullable=False, comment="Canonical name: the fullest form the article uses."),
    Column("key", Text, nullable=False, comment="Case-folded canonical name: what filters match."),
    Column("kind", String(16), comment="person, organization, place, group, facility, event, product, work."),
    Column("label", String(32), comment="spaCy NER label of the canonical form (PERSON, ORG, GPE, ...)."),
    Column("mentions", Integer, nullable=False, comment="How many times the article mentions it."),
    Column("forms", _json(), comment="The distinct surface forms of its mentions, in body order."),
    indexes=(Index(None, "key"),),
)

places = _side(
    "places",
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("country", String(8), comment="ISO 3166-1 alpha-2, upper case."),
    Column("lat", Float),
    Column("lon", Float),
    indexes=(Index(None, "key"), Index(None, "country")),
)

quotes = _side(
    "quotes",
    Column("text", Text, nullable=False),
    Column("speaker", Text),
    Column("speaker_key", Text),
    Column("kind", String(16)),
    Column("start_char", Integer, comment="Offset of the quote in the body."),
    Column("end_char", Integer),
    indexes=(Index(None, "speaker_key"),),
)

facts = _side(
    "facts",
    Column("value", Float),
    Column("unit", Text),
    Column("counted", Text, comment="What is counted (people, barrels, ...)."),
    Column("qualifier", Text, comment="over, nearly, about, ..."),
    Column("text", Text, comment="The number as written."),
    indexes=(Index(None, "unit"), Index(None, "counted")),
)

article_countries = Table(
    "article_countries",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("country", String(8), nullable=False),
    PrimaryKeyConstraint("article_id", "country"),
    Index(None, "country"),
)

#: Side tables rewritten with each new revision of an article, in insertion order.
SIDE_TABLES = (entities, places, quotes, facts, article_countries)


def not_in_metadata(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic filter: False for the engine-specific search objects the migrations add by hand."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    return not (type_ == "column" and name == "search") and name != "ix_articles_search"
