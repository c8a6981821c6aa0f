"""Showing stored articles on a terminal (tables, one article in full) or as JSONL/CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from newsflow.shared.settings import Settings

if TYPE_CHECKING:
    from newsflow.sink.search import SearchHit
    from newsflow.sink.store import ArticleStore


@asynccontextmanager
async def opened_store(settings: Settings) -> AsyncIterator[ArticleStore]:
    """The configured store, migrated (an empty database gets the schema), closed afterwards."""
    from newsflow.sink.store import ArticleStore

    store = ArticleStore(settings.database_url)
    try:
        await store.create()
        yield store
    finally:
        await store.close()


async def stored_documents(settings: Settings, page_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    async with opened_store(settings) as store:
        return await store.documents(page_ids)


def _words(doc: dict[str, Any]) -> str:
    return str(len((doc.get("body") or "").split()))


def print_table(console: Console, docs: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for column in ("id", "title", "published", "category", "lang", "words", "source", "rev"):
        table.add_column(column, overflow="fold")
    for doc in docs:
        table.add_row(
            doc["id"][:12],
            escape(doc.get("title") or "—"),
            doc.get("published_at") or "—",
            escape(doc.get("category") or "—"),
            doc.get("language") or "—",
            _words(doc),
            escape(f"{doc['source_uri']}#{doc['segment']}"),
            str(doc.get("revision", 1)),
        )
    console.print(table)


def print_hits(console: Console, hits: list[SearchHit]) -> None:
    table = Table(show_lines=True)
    for column in ("rank", "id", "title", "published", "excerpt"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        doc = hit.article
        excerpt = escape(hit.snippet).replace("«", "[bold yellow]").replace("»", "[/]")
        table.add_row(
            f"{hit.rank:.3g}",
            doc["id"][:12],
            escape(doc.get("title") or "—"),
            doc.get("published_at") or "—",
            excerpt,
        )
    console.print(table)


def _side_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table | None:
    rows = list(rows)
    if not rows:
        return None
    table = Table(title=title, title_justify="left", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("—" if v is None else escape(str(v)) for v in row))
    return table


def print_article(console: Console, doc: dict[str, Any]) -> None:
    """One stored article in full: metadata, body, enrichment side rows and earlier revisions."""
    meta = [
        f"[bold]id[/] {doc['id']}  [bold]revision[/] {doc['revision']}",
        f"[bold]source[/] {escape(doc['source_uri'])}#{doc['segment']} (of {doc['segment_count']})",
        f"[bold]published[/] {doc.get('published_at') or '—'}  [bold]fetched[/] {doc['fetched_at']}"
        f"  [bold]stored[/] {doc['stored_at']}",
        f"[bold]category[/] {escape(doc.get('category') or '—')}  [bold]language[/] "
        f"{doc.get('language') or '—'}  [bold]countries[/] {', '.join(doc.get('countries') or []) or '—'}",
    ]
    if doc.get("authors"):
        meta.append(f"[bold]by[/] {escape(', '.join(doc['authors']))}")
    if doc.get("provenance"):
        spans = ", ".join(
            f"{name} {span['start_line']}–{span['end_line']}" for name, span in doc["provenance"].items()
        )
        meta.append(f"[bold]page lines[/] {escape(spans)}")
    if page := doc.get("page"):
        meta.append(
            f"[bold]page[/] {page['id']}: newest version fetched {page['fetched_at']}, "
            f"{page['segment_count']} article(s), parsed by {escape(page['parser'])}"
        )
    console.print(Panel("\n".join(meta), title=escape(doc.get("title") or "(no title)"), title_align="left"))
    console.print(escape(doc["body"]), "\n")
    tables = [
        _side_table(
            "Entities",
            ("name", "label", "mentions"),
            ((e["canonical"] or e["name"], e["label"], e["mentions"]) for e in doc.get("entities", [])),
        ),
        _side_table(
            "Places",
            ("name", "country", "lat", "lon"),
            ((p["name"], p["country"], p["lat"], p["lon"]) for p in doc.get("places", [])),
        ),
        _side_table(
            "Quotes",
            ("speaker", "kind", "text"),
            ((q["speaker"], q["kind"], q["text"]) for q in doc.get("quotes", [])),
        ),
        _side_table(
            "Numbers",
            ("qualifier", "value", "unit", "counted", "as written"),
            ((f["qualifier"], f["value"], f["unit"], f["counted"], f["text"]) for f in doc.get("facts", [])),
        ),
        _side_table(
            "Earlier revisions",
            ("revision", "fetched", "replaced", "title"),
            (
                (r["revision"], r["fetched_at"], r["replaced_at"], r["title"])
                for r in doc.get("revisions", [])
            ),
        ),
    ]
    shown = [t for t in tables if t is not None]
    if shown:
        console.print(Group(*shown))


def write_jsonl(out: IO[str], docs: Iterable[dict[str, Any]]) -> None:
    for doc in docs:
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def write_csv(
    out: IO[str], docs: Iterable[dict[str, Any]], extra: Sequence[str] = (), header: bool = True
) -> None:
    """Flat CSV rows (the export columns), with ``extra`` columns first (e.g. a search rank)."""
    from newsflow.sink.export import COLUMNS, csv_row

    writer = csv.DictWriter(out, fieldnames=[*extra, *COLUMNS])
    if header:
        writer.writeheader()
    for doc in docs:
        row = csv_row(doc)
        row.update({name: doc.get(name) for name in extra})
        writer.writerow(row)
