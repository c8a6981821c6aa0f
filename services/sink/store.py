"""Idempotent, batched article storage: upsert by article id, revisions on change.

A repeated delivery of the same article is a no-op (same content hash); a
changed version of a page updates its articles in place and bumps their
revision; an older version arriving late never overwrites a newer one; and
articles a newer version of a page no longer holds are removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from newsflow.services.sink.schema import articles, metadata
from newsflow.shared.contracts import Article
from newsflow.shared.errors import BadInput, Transient


def async_url(database_url: str) -> str:
    """The SQLAlchemy async URL for a ``sqlite:///`` or ``postgresql://`` setting."""
    if database_url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + database_url.removeprefix("sqlite:///")
    if database_url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + database_url.removeprefix("postgresql://")
    return database_url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _row(article: Article, now: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "page_id": article.page_id,
        "source_uri": article.source_uri,
        "segment": article.segment,
        "segment_count": article.segment_count,
        "title": article.title,
        "body": article.body,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "category": article.category,
        "language": (article.enrichment.get("language") or {}).get("code"),
        "content_hash": article.content_hash,
        "revision": 1,
        "fetched_at": article.fetched_at.astimezone(UTC).isoformat(),
        "stored_at": now,
        "document": article.model_dump(mode="json"),
    }


class ArticleStore:
    """Articles in SQLite or PostgreSQL through one SQLAlchemy async engine."""

    def __init__(self, database_url: str) -> None:
        self.url = async_url(database_url)
        self.engine: AsyncEngine = create_async_engine(self.url)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)

    async def create(self) -> None:
        """Create the tables if they are missing."""
        async with self.engine.begin() as conn:
            await conn.run_sync(metadata.create_all)

    async def close(self) -> None:
        await self.engine.dispose()

    async def upsert(self, batch: Sequence[Article]) -> None:
        """Write ``batch`` in one transaction; classify failures as transient or bad input."""
        if not batch:
            return
        latest: dict[str, Article] = {}
        for article in batch:  # the same id twice in a batch: keep the newest
            kept = latest.get(article.id)
            if kept is None or article.fetched_at >= kept.fetched_at:
                latest[article.id] = article
        now = datetime.now(UTC).isoformat()
        rows = [_row(a, now) for a in latest.values()]
        insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        stmt = insert(articles).values(rows)
        excluded = stmt.excluded
        stmt = stmt.on_conflict_do_update(
            index_elements=[articles.c.id],
            set_={
                **{c: excluded[c] for c in rows[0] if c not in ("id", "revision")},
                "revision": articles.c.revision + 1,
            },
            where=and_(
                articles.c.content_hash != excluded.content_hash,
                articles.c.fetched_at <= excluded.fetched_at,
            ),
        )
        pages = {(a.page_id, a.segment_count, _row(a, now)["fetched_at"]) for a in latest.values()}
        try:
            async with self.engine.begin() as conn:
                await conn.execute(stmt)
                for page_id, count, fetched in pages:
                    await conn.execute(
                        delete(articles).where(
                            articles.c.page_id == page_id,
                            articles.c.segment >= count,
                            articles.c.fetched_at < fetched,
                        )
                    )
        except IntegrityError as exc:
            raise BadInput(f"article rejected by the database: {exc.orig}") from exc
        except (OperationalError, DBAPIError, OSError, ConnectionError) as exc:
            raise Transient(f"database unavailable: {type(exc).__name__}") from exc

    async def count(self) -> int:
        """How many articles are stored."""
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(articles))).scalar_one())

    async def count_for_pages(self, page_ids: Sequence[str]) -> int:
        """How many stored articles came from the pages ``page_ids``."""
        total = 0
        ids = list(dict.fromkeys(page_ids))
        async with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = select(func.count()).select_from(articles).where(articles.c.page_id.in_(chunk))
                total += int((await conn.execute(query)).scalar_one())
        return total

    async def documents(self, page_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Stored articles (all, or those of ``page_ids``) as JSON documents, by uri and segment."""
        query = select(articles.c.document, articles.c.revision).order_by(
            articles.c.source_uri, articles.c.segment
        )
        if page_ids is not None:
            query = query.where(articles.c.page_id.in_(list(dict.fromkeys(page_ids))))
        async with self.engine.connect() as conn:
            result = await conn.execute(query)
            return [{**row.document, "revision": row.revision} for row in result]
