"""Migration 0002 fills the new entity columns of rows stored before it from each article's enrichment."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from newsflow.store.store import ArticleStore, _alembic_config
from tests.test_store import make


def _to(revision: str) -> Any:
    def run(connection: Connection) -> None:
        command.downgrade(_alembic_config(connection), revision)

    return run


async def test_entities_stored_before_the_migration_get_their_kind_and_forms(database_url: str) -> None:
    store = ArticleStore(database_url)
    try:
        await store.migrate()
        await store.upsert([make(0)])  # Xi Jinping (two mentions: "Xi Jinping", "Xi") and Alibaba
        async with store._writer.begin() as conn:
            await conn.run_sync(_to("0001"))
            columns = {
                row[0] for row in (await conn.execute(text("SELECT * FROM entities"))).cursor.description
            }
            assert "canonical" in columns and "forms" not in columns
        await store.migrate()
        shown = await store.get("page-1-0")
    finally:
        await store.close()
    assert shown is not None
    assert [(e.name, e.kind, e.forms) for e in shown.entities] == [
        ("Xi Jinping", "person", ["Xi Jinping", "Xi"]),
        ("Alibaba", "organization", []),
    ]
