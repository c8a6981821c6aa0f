"""Showing stored articles on a terminal (tables, one article in full) or as JSONL/CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

if TYPE_CHECKING:
    from newsflow.store.models import SearchHit, StoredArticle, StoredArticleDetail


def _one_line(text: str | None) -> str:
    return escape(" ".join((text or "—").split()))


def compact_table() -> Table:
    """A table that spends the terminal's width on content: no borders, the ratio columns take the rest."""
    return Table(box=None, pad_edge=False, expand=True, header_style="bold")


def column_width(values: Iterable[str], header: str, cap: int) -> int:
    return min(cap, max([len(header), *(len(v) for v in values)]))


def print_table(console: Console, docs: list[StoredArticle]) -> None:
    """Stored articles, one line each; the title gets the width the short columns leave."""
    if not docs:
        console.print("no articles stored (for these filters)", highlight=False)
        return
    rows = [
        (
            doc.id[:12],  # a unique prefix: `articles show` takes it
            _one_line(doc.title),
            (doc.published_at or "—")[:10],
            _one_line(doc.category),
            doc.language or "—",
        )
        for doc in docs
    ]
    table = compact_table()
    table.add_column("id", width=column_width((r[0] for r in rows), "id", 12), no_wrap=True)
    table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("published", width=column_width((r[2] for r in rows), "published", 10), no_wrap=True)
    category = column_width((r[3] for r in rows), "category", 14)
    table.add_column("category", width=category, no_wrap=True, overflow="ellipsis")
    table.add_column("lang", width=4, no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def print_hits(console: Console, hits: list[SearchHit]) -> None:
    if not hits:
        console.print("no matches", highlight=False)
        return
    table = compact_table()
    table.show_lines = True
    table.add_column("rank", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=2, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("excerpt", ratio=3, overflow="fold")
    for hit in hits:
        doc = hit.article
        excerpt = escape(hit.snippet).replace("«", "[bold yellow]").replace("»", "[/]")
        table.add_row(
            f"{hit.rank:.3g}",
            doc.id[:12],
            _one_line(doc.title),
            (doc.published_at or "—")[:10],
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


def print_article(console: Console, doc: StoredArticleDetail) -> None:
    """One stored article in full: metadata, body, enrichment side rows and earlier revisions."""
    from newsflow.store.models import instant_text

    meta = [
        f"[bold]id[/] {doc.id}  [bold]revision[/] {doc.revision}",
        f"[bold]source[/] {escape(doc.source_uri)}#{doc.segment} (of {doc.segment_count})",
        f"[bold]published[/] {doc.published_at or '—'}  [bold]fetched[/] {instant_text(doc.fetched_at)}"
        f"  [bold]stored[/] {instant_text(doc.stored_at)}",
        f"[bold]category[/] {escape(doc.category or '—')}  [bold]language[/] "
        f"{doc.language or '—'}  [bold]countries[/] {', '.join(doc.countries) or '—'}",
    ]
    if doc.authors:
        meta.append(f"[bold]by[/] {escape(', '.join(doc.authors))}")
    if doc.provenance:
        spans = ", ".join(
            f"{name} {span.start_line}–{span.end_line}" for name, span in doc.provenance.items()
        )
        meta.append(f"[bold]page lines[/] {escape(spans)}")
    if page := doc.page:
        meta.append(
            f"[bold]page[/] {page.id}: newest version fetched {instant_text(page.fetched_at)}, "
            f"{page.segment_count} article(s), parsed by {escape(page.parser)}"
        )
    console.print(Panel("\n".join(meta), title=escape(doc.title or "(no title)"), title_align="left"))
    console.print(escape(doc.body), "\n")
    tables = [
        _side_table(
            "Entities", ("name", "label", "mentions"), ((e.name, e.label, e.mentions) for e in doc.entities)
        ),
        _side_table(
            "Places",
            ("name", "country", "lat", "lon"),
            ((p.name, p.country, p.lat, p.lon) for p in doc.places),
        ),
        _side_table(
            "Quotes",
            ("speaker", "kind", "text"),
            ((q.speaker, q.kind, q.text) for q in doc.quotes),
        ),
        _side_table(
            "Numbers",
            ("qualifier", "value", "unit", "counted", "as written"),
            ((f.qualifier, f.value, f.unit, f.counted, f.text) for f in doc.facts),
        ),
        _side_table(
            "Earlier revisions",
            ("revision", "fetched", "replaced", "title"),
            (
                (r.revision, instant_text(r.fetched_at), instant_text(r.replaced_at), r.title)
                for r in doc.revisions
            ),
        ),
    ]
    shown = [t for t in tables if t is not None]
    if shown:
        console.print(Group(*shown))


def write_jsonl(out: IO[str], docs: Iterable[dict[str, Any]]) -> None:
    for doc in docs:
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def write_csv(out: IO[str], docs: Iterable[StoredArticle], header: bool = True) -> None:
    """Flat CSV rows (the export columns)."""
    from newsflow.store.export import COLUMNS, csv_row

    _write_rows(out, COLUMNS, (csv_row(doc) for doc in docs), header)


def write_hits_csv(out: IO[str], hits: Iterable[SearchHit]) -> None:
    """Search hits as flat CSV rows, the rank first."""
    from newsflow.store.export import COLUMNS, csv_row

    _write_rows(out, ("rank", *COLUMNS), ({"rank": hit.rank, **csv_row(hit.article)} for hit in hits), True)


def _write_rows(out: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any]], header: bool) -> None:
    writer = csv.DictWriter(out, fieldnames=columns)
    if header:
        writer.writeheader()
    writer.writerows(rows)
