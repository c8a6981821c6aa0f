"""Initial schema: pages, articles, revisions, enrichment side tables, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"  # frozen copy of schema.FTS_TOKENIZE
PG_TS_CONFIG = "english"

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', "
    f"content_rowid='seq', tokenize='{FTS_TOKENIZE}')",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END""",
]

PG_FTS = [
    f"""ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{PG_TS_CONFIG}', coalesce(title, '')), 'A')
        || setweight(to_tsvector('{PG_TS_CONFIG}', body), 'B')) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING gin (search)",
]


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pages",
        sa.Column("id", sa.String(64), nullable=False, comment="Page id (stable across versions of a uri)."),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("fetched_at", _when(), nullable=False, comment="Fetch time of the newest version seen."),
        sa.Column("segment_count", sa.Integer(), nullable=False, comment="Articles in that newest version."),
        sa.Column("parser", sa.Text(), nullable=False, comment="Parser that produced its articles."),
        sa.Column("first_stored_at", _when(), nullable=False),
        sa.Column("stored_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pages"),
    )
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("page_id", sa.String(64), nullable=False),
        sa.Column("source_uri", sa.Text(), nullable=False),
        sa.Column("segment", sa.Integer(), nullable=False),
        sa.Column("segment_count", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.Text(), comment="As the page gave it (ISO 8601)."),
        sa.Column("updated_at", sa.Text()),
        sa.Column("dated_at", _when(), nullable=False, comment="Publication time in UTC, else fetch time."),
        sa.Column("category", sa.Text()),
        sa.Column("language", sa.String(16)),
        sa.Column("authors", _json(), nullable=False),
        sa.Column("captions", _json(), nullable=False),
        sa.Column("provenance", _json(), nullable=False, comment="Field → line span in the page."),
        sa.Column("parser", sa.Text(), nullable=False),
        sa.Column("enrichment", _json(), nullable=False),
        sa.Column("enrichment_errors", _json(), nullable=False),
        sa.Column("extra", _json(), nullable=False, comment="Article fields without a column of their own."),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("fetched_at", _when(), nullable=False),
        sa.Column("stored_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"], ondelete="CASCADE", name="fk_articles_page_id"),
    )
    for column in (("page_id", "segment"), ("dated_at",), ("language",), ("category",)):
        op.create_index(f"ix_articles_{'_'.join(column)}", "articles", list(column))
    op.create_table(
        "article_revisions",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.Text()),
        sa.Column("category", sa.Text()),
        sa.Column("enrichment", _json(), nullable=False),
        sa.Column("parser", sa.Text(), nullable=False),
        sa.Column("fetched_at", _when(), nullable=False),
        sa.Column("stored_at", _when(), nullable=False, comment="When this version was stored."),
        sa.Column("replaced_at", _when(), nullable=False, comment="When a newer version replaced it."),
        sa.PrimaryKeyConstraint("article_id", "revision", name="pk_article_revisions"),
        _fk("article_revisions"),
    )
    _side(
        "entities",
        [
            sa.Column("name", sa.Text(), nullable=False, comment="Surface form in the text."),
            sa.Column("canonical", sa.Text(), comment="Canonical name, when the enricher resolved one."),
            sa.Column(
                "key",
                sa.Text(),
                nullable=False,
                comment="Case-folded canonical (or name): what filters match.",
            ),
            sa.Column("label", sa.String(32), comment="Entity type (PERSON, ORG, ...)."),
            sa.Column("mentions", sa.Integer(), nullable=False),
        ],
        ["key"],
    )
    _side(
        "places",
        [
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("key", sa.Text(), nullable=False),
            sa.Column("country", sa.String(8), comment="ISO 3166-1 alpha-2, upper case."),
            sa.Column("lat", sa.Float()),
            sa.Column("lon", sa.Float()),
        ],
        ["key", "country"],
    )
    _side(
        "quotes",
        [
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("speaker", sa.Text()),
            sa.Column("speaker_key", sa.Text()),
            sa.Column("kind", sa.String(16)),
            sa.Column("start_char", sa.Integer(), comment="Offset of the quote in the body."),
            sa.Column("end_char", sa.Integer()),
        ],
        ["speaker_key"],
    )
    _side(
        "facts",
        [
            sa.Column("value", sa.Float()),
            sa.Column("unit", sa.Text()),
            sa.Column("counted", sa.Text(), comment="What is counted (people, barrels, ...)."),
            sa.Column("qualifier", sa.Text(), comment="over, nearly, about, ..."),
            sa.Column("text", sa.Text(), comment="The number as written."),
        ],
        ["unit", "counted"],
    )
    op.create_table(
        "article_countries",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "country", name="pk_article_countries"),
        _fk("article_countries"),
    )
    op.create_index("ix_article_countries_country", "article_countries", ["country"])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else PG_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def _fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"], ["articles.id"], ondelete="CASCADE", name=f"fk_{table}_article_id"
    )


def _side(table: str, columns: list[sa.Column[object]], indexed: list[str]) -> None:
    op.create_table(
        table,
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="Order in the enrichment output."),
        *columns,
        sa.PrimaryKeyConstraint("article_id", "position", name=f"pk_{table}"),
        _fk(table),
    )
    for column in indexed:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in (
        "article_countries",
        "facts",
        "quotes",
        "places",
        "entities",
        "article_revisions",
        "articles",
        "pages",
    ):
        op.drop_table(table)
