"""Showing stored articles on a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from newsflow.shared.settings import Settings


async def stored_documents(settings: Settings, page_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    from newsflow.services.sink.store import ArticleStore

    store = ArticleStore(settings.database_url)
    try:
        await store.create()
        return await store.documents(page_ids)
    finally:
        await store.close()


def print_table(console: Console, docs: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for column in ("id", "title", "published", "category", "words", "source", "rev"):
        table.add_column(column, overflow="fold")
    for doc in docs:
        table.add_row(
            doc["id"][:12],
            doc.get("title") or "—",
            doc.get("published_at") or "—",
            doc.get("category") or "—",
            str(len(doc.get("body", "").split())),
            f"{doc['source_uri']}#{doc['segment']}",
            str(doc.get("revision", 1)),
        )
    console.print(table)
