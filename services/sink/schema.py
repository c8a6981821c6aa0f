"""The storage schema, one definition for SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("page_id", String(64), nullable=False),
    Column("source_uri", Text, nullable=False),
    Column("segment", Integer, nullable=False),
    Column("segment_count", Integer, nullable=False),
    Column("title", Text),
    Column("body", Text, nullable=False),
    Column("published_at", String(40)),
    Column("updated_at", String(40)),
    Column("category", Text),
    Column("language", String(8)),
    Column("content_hash", String(64), nullable=False),
    Column("revision", Integer, nullable=False, default=1),
    Column("fetched_at", String(40), nullable=False),
    Column("stored_at", String(40), nullable=False),
    Column("document", JSON, nullable=False),
    Index("ix_articles_page", "page_id", "segment"),
    Index("ix_articles_published", "published_at"),
)
