"""The read side: stored articles out of the database as typed models.

Listing, export and search read ``articles`` rows as :class:`StoredArticle`;
``get`` adds the article's side rows, earlier revisions and page
(:class:`StoredArticleDetail`). Every function takes the engine it reads
through, so the api and the CLI read without the write path's state.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Row, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from newsflow.store.models import (
    SearchHit,
    StoredArticle,
    StoredArticleDetail,
    StoredEntity,
    StoredFact,
    StoredPage,
    StoredPlace,
    StoredQuote,
    StoredRevision,
)
from newsflow.store.query import ArticleFilter, filtered, ordered
from newsflow.store.rows import DOCUMENT_FIELDS, EXTRA_FIELDS
from newsflow.store.schema import (
    article_countries,
    article_revisions,
    articles,
    entities,
    facts,
    pages,
    places,
    quotes,
)
from newsflow.store.search import search_statement

_CHUNK = 1000  # ids per IN (...) list
#: The side tables ``get`` reads with the model of their rows (a table's name is its field's).
_SIDE_ROWS: tuple[tuple[Table, type[BaseModel]], ...] = (
    (entities, StoredEntity),
    (places, StoredPlace),
    (quotes, StoredQuote),
    (facts, StoredFact),
)


def _in_chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


def _article_values(row: Row[Any]) -> dict[str, Any]:
    """An ``articles`` row as the fields of :class:`StoredArticle` (``extra`` spread out)."""
    mapping = row._mapping
    values = {name: mapping[name] for name in DOCUMENT_FIELDS}
    values.update({k: v for k, v in (mapping["extra"] or {}).items() if k in EXTRA_FIELDS})
    for name in ("revision", "language", "stored_at", "dated_at"):
        values[name] = mapping[name]
    return values


def stored_article(row: Row[Any]) -> StoredArticle:
    """An ``articles`` row (or a row holding its columns) as a :class:`StoredArticle`."""
    return StoredArticle.model_validate(_article_values(row))


async def count(engine: AsyncEngine) -> int:
    """How many articles are stored."""
    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(articles))).scalar_one())


async def count_for_pages(engine: AsyncEngine, page_ids: Sequence[str]) -> int:
    """How many stored articles came from the pages ``page_ids``."""
    total = 0
    async with engine.connect() as conn:
        for chunk in _in_chunks(page_ids):
            query = select(func.count()).select_from(articles).where(articles.c.page_id.in_(chunk))
            total += int((await conn.execute(query)).scalar_one())
    return total


async def documents(engine: AsyncEngine, page_ids: Sequence[str] | None = None) -> list[StoredArticle]:
    """Stored articles (all, or those of ``page_ids``), by uri and segment."""
    query = select(articles).order_by(articles.c.source_uri, articles.c.segment)
    async with engine.connect() as conn:
        if page_ids is None:
            return [stored_article(row) for row in await conn.execute(query)]
        found: list[StoredArticle] = []
        for chunk in _in_chunks(page_ids):
            result = await conn.execute(query.where(articles.c.page_id.in_(chunk)))
            found.extend(stored_article(row) for row in result)
    found.sort(key=lambda a: (a.source_uri, a.segment))
    return found


async def stream(engine: AsyncEngine, where: ArticleFilter | None = None) -> AsyncIterator[StoredArticle]:
    """Stored articles matching ``where``, newest first, read in batches (for exports)."""
    where = where or ArticleFilter()
    query = ordered(filtered(select(articles), where), where)
    async with engine.connect() as conn:
        result = await conn.stream(query.execution_options(yield_per=500))
        async for row in result:
            yield stored_article(row)


async def find(engine: AsyncEngine, where: ArticleFilter | None = None) -> list[StoredArticle]:
    """Stored articles matching ``where``, newest first."""
    return [article async for article in stream(engine, where)]


async def _row_by_id_or_prefix(conn: AsyncConnection, article_id: str) -> Row[Any] | None:
    """The article ``article_id``, else the one article whose id starts with it (LookupError if several)."""
    row = (await conn.execute(select(articles).where(articles.c.id == article_id))).first()
    if row is not None or not article_id:
        return row
    prefix = article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = select(articles).where(articles.c.id.like(prefix + "%", escape="\\")).limit(2)
    rows = (await conn.execute(query)).all()
    if len(rows) > 1:
        raise LookupError(f"article id prefix {article_id!r} is ambiguous")
    return rows[0] if rows else None


def _side_values(row: Row[Any]) -> dict[str, Any]:
    return {k: v for k, v in row._mapping.items() if k not in ("article_id", "position")}


async def _side_rows(conn: AsyncConnection, article_id: str) -> dict[str, Any]:
    """The article's side rows, revisions and page, by the name each has in :class:`StoredArticleDetail`."""
    side: dict[str, Any] = {}
    for table, model in _SIDE_ROWS:
        query = select(table).where(table.c.article_id == article_id).order_by(table.c.position)
        side[table.name] = [model.model_validate(_side_values(r)) for r in await conn.execute(query)]
    query = (
        select(article_countries.c.country)
        .where(article_countries.c.article_id == article_id)
        .order_by(article_countries.c.country)
    )
    side["countries"] = list((await conn.execute(query)).scalars())
    query = (
        select(article_revisions)
        .where(article_revisions.c.article_id == article_id)
        .order_by(article_revisions.c.revision.desc())
    )
    side["revisions"] = [StoredRevision.model_validate(_side_values(r)) for r in await conn.execute(query)]
    return side


async def get(engine: AsyncEngine, article_id: str) -> StoredArticleDetail | None:
    """One article in full by id, or by an unambiguous id prefix; None when there is none.

    Raises LookupError when the prefix matches more than one article.
    """
    async with engine.connect() as conn:
        row = await _row_by_id_or_prefix(conn, article_id)
        if row is None:
            return None
        values = _article_values(row)
        side = await _side_rows(conn, values["id"])
        page = (await conn.execute(select(pages).where(pages.c.id == values["page_id"]))).first()
    stored_page = StoredPage.model_validate(dict(page._mapping)) if page is not None else None
    return StoredArticleDetail.model_validate({**values, **side, "page": stored_page})


async def search(engine: AsyncEngine, query: str, where: ArticleFilter | None = None) -> list[SearchHit]:
    """Articles matching the full-text ``query``, best first."""
    where = where or ArticleFilter()
    stmt = search_statement(engine.dialect.name, query, where)
    if stmt is None:
        return []
    async with engine.connect() as conn:
        result = await conn.execute(stmt)
        return [SearchHit(rank=float(r.rank), snippet=r.snippet, article=stored_article(r)) for r in result]
