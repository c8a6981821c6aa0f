"""Filters over stored articles, as SQL that runs the same on SQLite and PostgreSQL.

Names (entities, countries) are matched through the indexed side tables on
their folded keys, so a filter is an index lookup plus a semi-join, not a scan
of JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, select

from newsflow.store.rows import fold, utc
from newsflow.store.schema import article_countries, articles, entities


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles to return; every field left at None matches everything.

    ``since`` is inclusive and ``until`` exclusive, both against the article's
    publication time (its fetch time when the page gave none).
    """

    since: datetime | None = None
    until: datetime | None = None
    source: str | None = None
    language: str | None = None
    country: str | None = None
    entity: str | None = None
    category: str | None = None
    limit: int | None = None
    offset: int | None = None


def _like_escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filtered(query: Select[Any], where: ArticleFilter) -> Select[Any]:
    """``query`` (over ``articles``) restricted to what ``where`` asks for."""
    if where.since is not None:
        query = query.where(articles.c.dated_at >= utc(where.since))
    if where.until is not None:
        query = query.where(articles.c.dated_at < utc(where.until))
    if where.source:
        pattern = f"%{_like_escaped(where.source.lower())}%"
        query = query.where(func.lower(articles.c.source_uri).like(pattern, escape="\\"))
    if where.language:
        query = query.where(articles.c.language == where.language.strip().lower())
    if where.category:
        query = query.where(func.lower(articles.c.category) == where.category.strip().lower())
    if where.country:
        query = query.where(
            exists(
                select(article_countries.c.article_id).where(
                    article_countries.c.article_id == articles.c.id,
                    article_countries.c.country == where.country.strip().upper(),
                )
            )
        )
    if where.entity:
        query = query.where(
            exists(
                select(entities.c.article_id).where(
                    entities.c.article_id == articles.c.id, entities.c.key == fold(where.entity)
                )
            )
        )
    return query


def ordered(query: Select[Any], where: ArticleFilter) -> Select[Any]:
    """Newest first (by publication, else fetch time), then by id; limited and offset as asked."""
    query = query.order_by(articles.c.dated_at.desc(), articles.c.id)
    if where.offset:
        query = query.offset(where.offset)
    return query.limit(where.limit) if where.limit is not None else query
