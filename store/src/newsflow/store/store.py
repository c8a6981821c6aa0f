"""Idempotent, batched article storage: upsert by article id, revisions on change.

A repeated delivery of the same article is a no-op (same content hash; a newer
version with the same content only moves the row's ``fetched_at`` on, so that
an older version arriving later still counts as older); a changed version of
a page updates its articles in place, bumps their revision and keeps the
replaced version in ``article_revisions``; an older version
arriving late never overwrites a newer one; and articles the newest version of
a page no longer holds are removed.

A database that goes away is held for, never written past (``availability``):
before each commit the SQLite file is checked to be the one the connection
opened (a deleted or replaced file fails the batch as transient), an empty
database (dropped and created again) is migrated and the batch retried, and
the sink waits at start-up until the database answers.

Each batch is one transaction. Writers that could race on the same articles
are serialised: SQLite write transactions start with ``BEGIN IMMEDIATE``, and
PostgreSQL ones take a transaction-scoped advisory lock per page (an article
id belongs to exactly one page), so the read-classify-write below sees every
committed version of the pages it writes.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import bindparam, delete, event, inspect, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.util import await_only

from newsflow.shared.contracts import Article
from newsflow.shared.errors import BadInput, Transient
from newsflow.shared.logging import get_logger
from newsflow.shared.redact import redact_url
from newsflow.store import bulk, reading
from newsflow.store.availability import (
    DatabaseGone,
    FileIdentity,
    OutageLog,
    check_same_file,
    identity,
    schema_missing,
    sqlite_path,
)
from newsflow.store.models import SearchHit, StoredArticle, StoredArticleDetail
from newsflow.store.query import ArticleFilter
from newsflow.store.rows import ArticleRows, article_rows, utc
from newsflow.store.schema import SIDE_TABLES, article_revisions, articles, pages

log = get_logger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Advisory lock key held while migrating a PostgreSQL database (several sinks may start at once).
MIGRATION_LOCK = 0x6E66_6D69_6772  # "nfmigr"
_CHUNK = 1000
_MIN_WAIT, _MAX_WAIT = 0.05, 0.5  # start-up retries of an unavailable database


class SchemaError(RuntimeError):
    """The database's schema is not the one this version of the sink writes."""


def async_url(database_url: str) -> str:
    """The SQLAlchemy async URL for a ``sqlite:///`` or ``postgresql://`` setting."""
    if database_url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + database_url.removeprefix("sqlite:///")
    if database_url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + database_url.removeprefix("postgresql://")
    return database_url


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Straight to aiosqlite: one hand-off to its thread instead of three (cursor, execute, close).
    writes = conn.get_execution_options().get("newsflow_writes", False)
    driver: Any = conn.connection.driver_connection
    await_only(driver.execute("BEGIN IMMEDIATE" if writes else "BEGIN"))


#: What a write can raise from the database: wrapped by SQLAlchemy, or straight from the
#: drivers on the bulk paths (sqlite3 through aiosqlite, asyncpg).
DRIVER_ERRORS = (DBAPIError, sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError, OSError)


def _rejected(exc: BaseException) -> bool:
    """Whether the database refused the data itself, not its availability.

    SQLSTATE classes 22 (data exception), 23 (integrity) and 54 (a limit, such as
    a body too large for a tsvector) fail the same way however often they are retried.
    """
    if isinstance(exc, IntegrityError | DataError | sqlite3.IntegrityError | sqlite3.DataError):
        return True
    if isinstance(exc, DBAPIError):
        orig = exc.orig
        sqlstate = getattr(orig, "pgcode", None) or getattr(
            getattr(orig, "__cause__", None), "sqlstate", None
        )
    else:
        sqlstate = getattr(exc, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate[:2] in ("22", "23", "54")


def classified(exc: BaseException) -> BadInput | Transient:
    """A database error as the pipeline's one classification: bad input (dead-letter) or transient."""
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if _rejected(exc):
        return BadInput(f"article rejected by the database: {cause}")
    return Transient(f"database unavailable: {type(cause).__name__}: {cause}")


def _chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def page_lock_key(page_id: str) -> int:
    """A signed 64-bit advisory lock key for ``page_id``."""
    return int.from_bytes(hashlib.blake2b(page_id.encode(), digest_size=8).digest(), "big", signed=True)


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    tables = set(inspect(connection).get_table_names())
    if "articles" in tables and "alembic_version" not in tables:
        msg = (
            "the database holds an articles table made before migrations existed; "
            "move it aside (or point NEWSFLOW_DATABASE_URL elsewhere) and start again"
        )
        raise SchemaError(msg)
    command.upgrade(_alembic_config(connection), "head")


def _current(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def head_revisions() -> set[str]:
    """The revisions this version of the code writes to."""
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


@dataclass(frozen=True, slots=True)
class _Stored:
    content_hash: str
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class _Page:
    fetched_at: datetime
    segment_count: int


@dataclass(slots=True)
class UpsertCounts:
    """What one upsert did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.stale += other.stale


def versions_in_order(batch: Sequence[Article]) -> list[list[Article]]:
    """``batch`` as rounds of writes: round k holds the k-th oldest version of each page in it.

    Written in turn, several versions of a page in one batch each become a
    revision, as they would arriving in separate batches. An article delivered
    twice in one version is written once.
    """
    pages_seen: dict[str, dict[datetime, dict[str, Article]]] = {}
    for article in batch:
        versions = pages_seen.setdefault(article.page_id, {})
        versions.setdefault(utc(article.fetched_at), {})[article.id] = article
    rounds: list[list[Article]] = []
    for versions in pages_seen.values():
        for k, fetched in enumerate(sorted(versions)):
            if k == len(rounds):
                rounds.append([])
            rounds[k].extend(versions[fetched].values())
    return rounds


class ArticleStore:
    """Articles in SQLite or PostgreSQL through one SQLAlchemy async engine."""

    def __init__(self, database_url: str) -> None:
        self.url = async_url(database_url)
        self.engine: AsyncEngine = create_async_engine(self.url, json_serializer=bulk.dumps_json)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self._writer = self.engine.execution_options(newsflow_writes=True)
        self.last = UpsertCounts()
        self.path = sqlite_path(self.url)
        self._opened_file = False  # once a connection opened the SQLite file, it is never created again
        self._outage = OutageLog()
        if self.path is not None:
            event.listen(self.engine.sync_engine, "connect", self._remember_file)

    def _remember_file(self, _dbapi_connection: Any, record: Any) -> None:
        assert self.path is not None
        record.info["file"] = identity(self.path)
        self._opened_file = True

    # -- schema -------------------------------------------------------------------------------

    async def migrate(self) -> None:
        """Bring the schema to the latest migration (a no-op when it is there already)."""
        async with self._writer.begin() as conn:
            await conn.run_sync(_upgrade)
        log.info("store.migrated", dialect=self.dialect, revision=",".join(sorted(head_revisions())))

    async def check(self) -> None:
        """Raise SchemaError unless the schema is at the latest migration."""
        async with self.engine.connect() as conn:
            current = await conn.run_sync(_current)
        if current != head_revisions():
            expected = sorted(head_revisions())
            msg = f"database schema at {sorted(current) or 'nothing'}, code expects {expected}"
            raise SchemaError(msg)

    async def create(self) -> None:
        """Make the database ready: the same as :meth:`migrate` (kept for its callers)."""
        await self.migrate()

    async def wait_ready(self) -> None:
        """Migrate, retrying for as long as the database is unavailable (logged once per error).

        What is not an outage (a schema this code cannot use, a refused statement) still stops the
        caller at once.
        """
        delay = _MIN_WAIT
        while True:
            try:
                await self.migrate()
            except DRIVER_ERRORS as exc:
                problem = classified(exc)
                if not isinstance(problem, Transient):
                    raise problem from exc
                problem.__cause__ = exc  # the log names the driver's error, as for a failed batch
                self._outage.failed(problem, at="startup")
                await asyncio.sleep(delay)
                delay = min(delay * 2, _MAX_WAIT)
                continue
            self._outage.recovered()
            return

    async def close(self) -> None:
        await self.engine.dispose()

    # -- writing ------------------------------------------------------------------------------

    async def upsert(self, batch: Sequence[Article]) -> None:
        """Write ``batch`` in one transaction; classify failures as transient or bad input."""
        if not batch:
            return
        try:
            counts = await self._attempt(versions_in_order(batch))
        except Transient as exc:
            self._outage.failed(exc)
            if isinstance(exc, DatabaseGone):
                await self.engine.dispose()  # a replaced file is opened afresh
            raise
        self._outage.recovered()
        self.last = counts
        log.debug(
            "articles.upserted",
            inserted=counts.inserted,
            updated=counts.updated,
            unchanged=counts.unchanged,
            stale=counts.stale,
        )

    async def _attempt(self, rounds: list[list[Article]]) -> UpsertCounts:
        """One write of ``rounds``; an empty database (no tables) is migrated first and written again."""
        if self.path is not None and self._opened_file and identity(self.path) is None:
            check_same_file(self.path, None)  # deleted: not even a connection, it would create the file
        try:
            return await self._commit(rounds)
        except DRIVER_ERRORS as exc:
            if not schema_missing(exc):
                raise classified(exc) from exc
            log.warning("store.schema_missing", action="migrating", error=redact_url(str(exc))[:300])
        try:
            await self.migrate()
            return await self._commit(rounds)
        except DRIVER_ERRORS as exc:
            raise classified(exc) from exc

    async def _commit(self, rounds: list[list[Article]]) -> UpsertCounts:
        """Write the rounds in turn, in one transaction: each sees what the ones before wrote."""
        counts = UpsertCounts()
        async with self._writer.begin() as conn:
            for batch in rounds:
                counts.add(await self._write(conn, batch))
            if self.path is not None:  # the file the connection writes must still be the database
                raw = await conn.get_raw_connection()
                opened: FileIdentity | None = raw.info.get("file")
                check_same_file(self.path, opened)
        return counts

    async def _write(self, conn: AsyncConnection, batch: list[Article]) -> UpsertCounts:
        now = datetime.now(UTC)
        page_ids = sorted({a.page_id for a in batch})
        if self.dialect == "postgresql":
            keys = sorted({page_lock_key(p) for p in page_ids})
            await conn.execute(
                text("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k"),
                {"keys": keys},
            )
        stored = await self._stored(conn, [a.id for a in batch])
        known = await self._pages(conn, page_ids)

        counts = UpsertCounts()
        new: list[ArticleRows] = []
        changed: list[ArticleRows] = []
        seen: list[dict[str, Any]] = []
        newest: dict[str, Article] = {}
        for article in batch:
            current = newest.get(article.page_id)
            if current is None or utc(article.fetched_at) > utc(current.fetched_at):
                newest[article.page_id] = article
        # What each page's newest version is, counting this batch: a segment that version lacks is stale.
        latest = dict(known)
        for page_id, article in newest.items():
            page = known.get(page_id)
            if page is None or utc(article.fetched_at) > page.fetched_at:
                latest[page_id] = _Page(utc(article.fetched_at), article.segment_count)
        for article in batch:
            fetched = utc(article.fetched_at)
            old = stored.get(article.id)
            page = latest[article.page_id]
            if old is None:
                if fetched < page.fetched_at and article.segment >= page.segment_count:
                    counts.stale += 1  # a newer version of its page no longer has it
                else:
                    new.append(article_rows(article, now))
            elif fetched < old.fetched_at:
                counts.unchanged += 1  # an older version: never overwrites a newer one
            elif old.content_hash == article.content_hash:
                counts.unchanged += 1
                if fetched > old.fetched_at:  # same content seen in a newer version: remember that
                    seen.append(
                        {"b_id": article.id, "fetched_at": fetched, "segment_count": article.segment_count}
                    )
            else:
                changed.append(article_rows(article, now))
        counts.inserted, counts.updated = len(new), len(changed)
        if seen:
            stmt = (
                update(articles)
                .where(articles.c.id == bindparam("b_id"))
                .values(fetched_at=bindparam("fetched_at"), segment_count=bindparam("segment_count"))
            )
            await conn.execute(stmt, seen)

        await self._write_pages(conn, newest.values(), known, now)
        if changed:
            await self._replace(conn, changed, now)
        await bulk.insert(conn, articles, [r.article for r in new])
        for table in SIDE_TABLES:
            await bulk.insert(conn, table, [row for r in (*new, *changed) for row in r.side[table.name]])
        await self._drop_vanished(conn, newest.values(), known)
        return counts

    async def _stored(self, conn: AsyncConnection, ids: list[str]) -> dict[str, _Stored]:
        found: dict[str, _Stored] = {}
        for chunk in _chunks(ids):
            for key, content_hash, fetched in await bulk.select_in(
                conn, articles, ("id", "content_hash", "fetched_at"), "id", chunk
            ):
                found[key] = _Stored(content_hash, fetched)
        return found

    async def _pages(self, conn: AsyncConnection, page_ids: list[str]) -> dict[str, _Page]:
        found: dict[str, _Page] = {}
        for chunk in _chunks(page_ids):
            for key, fetched, count in await bulk.select_in(
                conn, pages, ("id", "fetched_at", "segment_count"), "id", chunk
            ):
                found[key] = _Page(fetched, count)
        return found

    async def _write_pages(
        self, conn: AsyncConnection, newest: Any, known: dict[str, _Page], now: datetime
    ) -> None:
        """Record each page's newest version: insert pages seen for the first time, move others on."""
        fresh, moved = [], []
        for a in sorted(newest, key=lambda a: a.page_id):
            fetched = utc(a.fetched_at)
            row = {"uri": a.source_uri, "fetched_at": fetched, "segment_count": a.segment_count}
            row |= {"parser": a.parser, "stored_at": now}
            page = known.get(a.page_id)
            if page is None:
                fresh.append({"id": a.page_id, "first_stored_at": now, **row})
            elif fetched > page.fetched_at:
                moved.append({"b_id": a.page_id, **row})
        await bulk.insert(conn, pages, fresh)
        if moved:
            values: dict[str, Any] = {name: bindparam(name) for name in moved[0] if name != "b_id"}
            await conn.execute(update(pages).where(pages.c.id == bindparam("b_id")).values(values), moved)

    async def _replace(self, conn: AsyncConnection, changed: list[ArticleRows], now: datetime) -> None:
        """Keep the current versions of ``changed`` as revisions, then overwrite them."""
        ids = [r.article["id"] for r in changed]
        kept = [c.name for c in article_revisions.columns if c.name not in ("article_id", "replaced_at")]
        for chunk in _chunks(ids):
            source = select(
                articles.c.id,
                *(articles.c[name] for name in kept),
                bindparam("replaced_at", now, type_=article_revisions.c.replaced_at.type),
            ).where(articles.c.id.in_(chunk))
            await conn.execute(
                article_revisions.insert().from_select(["article_id", *kept, "replaced_at"], source)
            )
            for table in SIDE_TABLES:
                await conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
        fields = [name for name in changed[0].article if name not in ("id", "revision")]
        stmt = (
            update(articles)
            .where(articles.c.id == bindparam("b_id"))
            .values(revision=articles.c.revision + 1, **{name: bindparam(name) for name in fields})
        )
        params = [{"b_id": r.article["id"], **{n: r.article[n] for n in fields}} for r in changed]
        await conn.execute(stmt, params)

    async def _drop_vanished(self, conn: AsyncConnection, newest: Any, known: dict[str, _Page]) -> None:
        """Remove segments the newest version of a page no longer has (side rows cascade)."""
        params = []
        for article in newest:
            fetched = utc(article.fetched_at)
            page = known.get(article.page_id)
            if page is None:
                continue  # a page seen for the first time has nothing stored to remove
            if fetched < page.fetched_at:
                continue  # an older version: it knows nothing about what the newer one holds
            params.append({"p": article.page_id, "n": article.segment_count, "f": fetched})
        if not params:
            return
        stmt = delete(articles).where(
            articles.c.page_id == bindparam("p"),
            articles.c.segment >= bindparam("n"),
            articles.c.fetched_at < bindparam("f", type_=articles.c.fetched_at.type),
        )
        await conn.execute(stmt, params)

    # -- reading (the queries are in ``reading``) ----------------------------------------------

    async def count(self) -> int:
        """How many articles are stored."""
        return await reading.count(self.engine)

    async def count_for_pages(self, page_ids: Sequence[str]) -> int:
        """How many stored articles came from the pages ``page_ids``."""
        return await reading.count_for_pages(self.engine, page_ids)

    async def documents(self, page_ids: Sequence[str] | None = None) -> list[StoredArticle]:
        """Stored articles (all, or those of ``page_ids``), by uri and segment."""
        return await reading.documents(self.engine, page_ids)

    async def find(self, where: ArticleFilter | None = None) -> list[StoredArticle]:
        """Stored articles matching ``where``, newest first."""
        return await reading.find(self.engine, where)

    def stream(self, where: ArticleFilter | None = None) -> AsyncIterator[StoredArticle]:
        """Like :meth:`find`, without holding everything in memory (for exports)."""
        return reading.stream(self.engine, where)

    async def get(self, article_id: str) -> StoredArticleDetail | None:
        """One article in full by id, or by an unambiguous id prefix (see :func:`reading.get`)."""
        return await reading.get(self.engine, article_id)

    async def search(self, query: str, where: ArticleFilter | None = None) -> list[SearchHit]:
        """Articles matching the full-text ``query``, best first."""
        return await reading.search(self.engine, query, where)
