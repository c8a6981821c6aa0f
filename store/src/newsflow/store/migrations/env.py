"""Alembic environment for the store's schema.

``ArticleStore.migrate`` runs it on a connection it hands over in
``config.attributes["connection"]``; run by the ``alembic`` command instead
(``alembic -c store/src/newsflow/store/migrations/alembic.ini upgrade head``), it
connects to ``NEWSFLOW_DATABASE_URL`` itself.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from newsflow.store.schema import metadata, not_in_metadata


def _configure(**options: object) -> None:
    context.configure(
        target_metadata=metadata,
        include_name=not_in_metadata,
        render_as_batch=True,
        compare_type=True,
        **options,  # type: ignore[arg-type]
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_on_url(url: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run)
    finally:
        await engine.dispose()


def _url() -> str:
    from newsflow.shared.settings import Settings
    from newsflow.store.store import async_url

    return async_url(context.config.get_main_option("sqlalchemy.url") or Settings().database_url)


_connection = context.config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
elif context.is_offline_mode():
    _configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_on_url(_url()))
