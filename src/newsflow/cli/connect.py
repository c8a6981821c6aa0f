"""Reaching Redis and the database from a command: bounded waits, one-line errors, no writes when reading."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from newsflow.cli import errors
from newsflow.cli.errors import UserError, reaching
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings

if TYPE_CHECKING:
    from newsflow.store.store import ArticleStore

REDIS = "NEWSFLOW_REDIS_URL"
DATABASE = "NEWSFLOW_DATABASE_URL"


async def ping_redis(url: str) -> None:
    """PING ``url`` within the connect timeout; a one-line UserError when it cannot be reached."""
    from newsflow.shared.broker import redis_client

    with reaching(REDIS, url):
        redis = redis_client(url)
        try:
            async with asyncio.timeout(errors.CONNECT_TIMEOUT_S):
                await redis.ping()
        finally:
            await redis.aclose()


async def _schema_heads(store: ArticleStore) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    async with store.engine.connect() as conn:
        heads = await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_heads())
    return set(heads)


async def _check_readable(store: ArticleStore, url: str) -> None:
    """Raise a UserError unless the database holds this version's schema (creating nothing)."""
    from newsflow.store.store import head_revisions

    current = await _schema_heads(store)
    if not current:
        msg = (
            f"no newsflow tables in the database at {DATABASE}={redact_url(url)}: nothing was stored "
            "there yet (`newsflow run` or a sink creates them)"
        )
        raise UserError(msg)
    if current != head_revisions():
        msg = (
            f"the database at {DATABASE}={redact_url(url)} has schema {sorted(current)}, this version "
            f"reads {sorted(head_revisions())}: start a sink of this version once to migrate it"
        )
        raise UserError(msg)


@asynccontextmanager
async def opened_store(settings: Settings, *, writable: bool = False) -> AsyncIterator[ArticleStore]:
    """The configured store, closed afterwards.

    Read-only (the default) never creates a database or a schema: a missing
    SQLite file or an empty database is a one-line error. ``writable``
    migrates it (an empty database gets the schema).
    """
    from newsflow.store.store import ArticleStore

    url = settings.database_url
    path = errors.sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        msg = (
            f"{DATABASE}={url}: folder {str(path.parent)!r} does not exist: create it or choose another path"
        )
        raise UserError(msg)
    if path is not None and not writable and not path.is_file():
        msg = (
            f"no database at {str(path)!r} ({DATABASE}={url}): nothing was stored there yet "
            "(`newsflow run` creates it), or point the setting at your database"
        )
        raise UserError(msg)
    store = ArticleStore(url)
    try:
        with reaching(DATABASE, url):
            async with asyncio.timeout(errors.CONNECT_TIMEOUT_S), store.engine.connect():
                pass  # the server answers: only now wait on migrations, which may queue behind a sink's
            if writable:
                await store.create()
            else:
                await _check_readable(store, url)
        yield store
    finally:
        await store.close()
