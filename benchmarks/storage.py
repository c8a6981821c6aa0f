"""Sink storage throughput against the raw driver's fastest bulk path, on SQLite and PostgreSQL.

For each engine, in one run and on freshly migrated databases with the same
schema (indexes, full-text search, foreign keys):

- **sink**: ``ArticleStore.upsert`` in batches, as the sink calls it, starting
  from decoded ``Article`` objects (row building included);
- **raw**: the same rows, prepared beforehand in the driver's own
  representation, written with the driver's fastest bulk path and one commit
  per batch like the sink: ``sqlite3`` ``executemany``, asyncpg
  ``copy_records_to_table`` (binary COPY);
- **redelivery**: the same batches delivered again (every article unchanged).

The two paths run in lockstep, batch by batch in turn (alternating which goes
first), each into its own database, so that the shared machine's changing load
hits both alike.

Prints articles per second (best round of each path) and sink/raw ratios:
the ratio of the best rounds and the median of the per-round ratios (target ≥ 0.7). The machine is
shared and noisy: compare the ratios, and repeat (``--rounds``) to see the spread.

The inputs (all articles, all raw rows) are built before timing and then
frozen out of the garbage collector's reach (``gc.freeze``): a sink holds one
batch at a time, and without this the collector's full passes over the
benchmark's own inputs would be charged to whichever path allocates more.

    .venv/bin/python benchmarks/storage.py [--articles 3000] [--batch 100] [--rounds 5]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from newsflow.shared.contracts import Article
from newsflow.shared.logging import configure
from newsflow.store.rows import ArticleRows, article_rows
from newsflow.store.schema import SIDE_TABLES, articles, pages
from newsflow.store.store import ArticleStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d6a69832709aa93b.txt"
PARAGRAPHS = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
NAMES = ["Xi Jinping", "Alibaba", "DeepSeek", "Masoud Pezeshkian", "Ali Larijani", "Zhejiang Lab"]
PLACES = [("Hangzhou", "CN", 30.29, 120.16), ("Tehran", "IR", 35.69, 51.39), ("Zhejiang", "CN", 29.1, 120.0)]


def make_articles(n: int) -> list[Article]:
    """``n`` articles, two per page, with seed-like bodies (~2 KB) and a full enrichment."""
    fetched = datetime(2025, 2, 18, tzinfo=UTC)
    out = []
    for i in range(n):
        page = f"bench-page-{i // 2:06d}"
        body = "\n\n".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(6)) + f"\n\nStory {i}."
        enrichment = {
            "language": {"code": "en", "confidence": 0.99},
            "entities": {
                "items": [
                    {"name": NAMES[(i + k) % len(NAMES)], "kind": "person", "label": "PERSON", "count": 2}
                    for k in range(4)
                ]
            },
            "places": {
                "items": [
                    {"name": name, "kind": "city", "country_code": cc, "latitude": lat, "longitude": lon}
                    for name, cc, lat, lon in PLACES[: 1 + i % 3]
                ],
                "main_countries": ["CN"],
            },
            "quotes": {
                "items": [{"text": "You will in the future", "speaker": "Xi Jinping", "kind": "direct"}]
            },
            "numbers": {
                "items": [
                    {"text": "over 280 new businesses", "value": 280.0, "counted": "new businesses"},
                    {"text": "17 million yuan", "value": 17e6, "unit": "CNY"},
                ]
            },
        }
        out.append(
            Article(
                id=f"bench-{i:08d}",
                page_id=page,
                source_uri=f"https://news.example/{page}",
                segment=i % 2,
                segment_count=2,
                title=f"Headline number {i} about Hangzhou",
                body=body,
                published_at=(fetched - timedelta(hours=i)).isoformat(),
                category="China",
                authors=["Staff"],
                content_hash=f"{i:032x}",
                fetched_at=fetched,
                parser="bench/1",
                enrichment=enrichment,
            )
        )
    return out


def batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# -- raw rows ------------------------------------------------------------------------------

ARTICLE_COLUMNS = [c.name for c in articles.columns if c.name != "seq"]
PAGE_COLUMNS = [c.name for c in pages.columns]
SIDE_COLUMNS = {t.name: [c.name for c in t.columns] for t in SIDE_TABLES}
JSON_COLUMNS = {"authors", "captions", "provenance", "enrichment", "enrichment_errors", "extra"}
TIME_COLUMNS = {"dated_at", "fetched_at", "stored_at", "first_stored_at"}


def _page_row(rows: ArticleRows) -> dict[str, Any]:
    a = rows.article
    return {
        "id": a["page_id"],
        "uri": a["source_uri"],
        "fetched_at": a["fetched_at"],
        "segment_count": a["segment_count"],
        "parser": a["parser"],
        "first_stored_at": a["stored_at"],
        "stored_at": a["stored_at"],
    }


def _value(name: str, value: Any, sqlite: bool) -> Any:
    if name in JSON_COLUMNS:
        return json.dumps(value)
    if name in TIME_COLUMNS and sqlite:
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


def raw_batches(arts: Sequence[Article], size: int, sqlite: bool) -> list[dict[str, list[tuple[Any, ...]]]]:
    """Per batch: table name → rows as tuples, in the driver's representation."""
    now = datetime.now(UTC)
    out = []
    for batch in batches(arts, size):
        built = [article_rows(a, now) for a in batch]
        tables: dict[str, list[tuple[Any, ...]]] = {}
        seen: dict[str, dict[str, Any]] = {}
        for rows in built:
            seen.setdefault(rows.article["page_id"], _page_row(rows))
        tables["pages"] = [tuple(_value(c, p[c], sqlite) for c in PAGE_COLUMNS) for p in seen.values()]
        tables["articles"] = [tuple(_value(c, r.article[c], sqlite) for c in ARTICLE_COLUMNS) for r in built]
        for name, columns in SIDE_COLUMNS.items():
            tables[name] = [tuple(row[c] for c in columns) for r in built for row in r.side[name]]
        out.append(tables)
    return out


def _columns(name: str) -> list[str]:
    return {"pages": PAGE_COLUMNS, "articles": ARTICLE_COLUMNS, **SIDE_COLUMNS}[name]


class RawSqlite:
    """The stdlib driver: one ``executemany`` per table and one commit per batch."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.statements = {}
        for name in ("pages", "articles", *SIDE_COLUMNS):
            columns = ", ".join(f'"{c}"' for c in _columns(name))
            marks = ", ".join("?" * len(_columns(name)))
            self.statements[name] = f"INSERT INTO {name} ({columns}) VALUES ({marks})"

    async def write(self, tables: dict[str, list[tuple[Any, ...]]]) -> None:
        self.conn.execute("BEGIN")
        for name, rows in tables.items():
            if rows:
                self.conn.executemany(self.statements[name], rows)
        self.conn.execute("COMMIT")

    async def close(self) -> None:
        self.conn.close()


class RawPostgres:
    """asyncpg: binary COPY per table, one transaction per batch."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    @classmethod
    async def connect(cls, url: str) -> RawPostgres:
        return cls(await asyncpg.connect(url))

    async def write(self, tables: dict[str, list[tuple[Any, ...]]]) -> None:
        async with self.conn.transaction():
            for name, rows in tables.items():
                if rows:
                    await self.conn.copy_records_to_table(name, records=rows, columns=_columns(name))

    async def close(self) -> None:
        await self.conn.close()


# -- one round: both paths in lockstep -------------------------------------------------------


async def paired_round(
    raw: RawSqlite | RawPostgres,
    sink_url: str,
    prepared: list[dict[str, list[tuple[Any, ...]]]],
    chunks: list[Sequence[Article]],
) -> tuple[float, float, float]:
    """Seconds spent by the raw path, the sink, and the sink again on a redelivery of everything.

    The two paths write batch by batch in turn, alternating which goes first,
    so that changes in the shared machine's load hit both alike.
    """
    store = ArticleStore(sink_url)
    raw_s = sink_s = 0.0
    try:
        for i, (tables, chunk) in enumerate(zip(prepared, chunks, strict=True)):
            for path in ("raw", "sink") if i % 2 else ("sink", "raw"):
                started = time.perf_counter()
                if path == "raw":
                    await raw.write(tables)
                    raw_s += time.perf_counter() - started
                else:
                    await store.upsert(chunk)
                    sink_s += time.perf_counter() - started
        started = time.perf_counter()
        for chunk in chunks:
            await store.upsert(chunk)
        return raw_s, sink_s, time.perf_counter() - started
    finally:
        await store.close()
        await raw.close()


async def migrated(url: str) -> None:
    store = ArticleStore(url)
    try:
        await store.migrate()
    finally:
        await store.close()


async def _admin(url: str, statement: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


class Postgres:
    """Fresh databases on the server, dropped afterwards."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.made: list[str] = []

    async def fresh(self) -> str:
        name = f"nfbench_{uuid.uuid4().hex[:12]}"
        await _admin(self.admin_url, f'CREATE DATABASE "{name}" TEMPLATE template0')
        self.made.append(name)
        url = make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)
        await migrated(url)
        return url

    async def drop_all(self) -> None:
        for name in self.made:
            await _admin(self.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(engine: str, n: int, sink_s: list[float], raw_s: list[float], again_s: list[float]) -> None:
    """Rates from the best round of each path (least disturbed by other load), and per-round ratios."""
    ratios = [r / s for s, r in zip(sink_s, raw_s, strict=True)]
    print(
        f"{engine:<10} sink {n / min(sink_s):>6.0f} art/s   raw {n / min(raw_s):>6.0f} art/s   "
        f"ratio of best {min(raw_s) / min(sink_s):.2f}   "
        f"median ratio {statistics.median(ratios):.2f} (rounds: {', '.join(f'{r:.2f}' for r in ratios)})   "
        f"redelivery {n / min(again_s):>6.0f} art/s"
    )


def freeze_inputs() -> None:
    gc.collect()
    gc.freeze()


async def bench_sqlite(arts: list[Article], size: int, rounds: int) -> None:
    prepared = raw_batches(arts, size, sqlite=True)
    chunks = batches(arts, size)
    freeze_inputs()
    sink_s, raw_s, again_s = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            sink_db, raw_db = f"{tmp}/sink{r}.db", f"{tmp}/raw{r}.db"
            await migrated(f"sqlite:///{sink_db}")
            await migrated(f"sqlite:///{raw_db}")
            raw, sink, again = await paired_round(RawSqlite(raw_db), f"sqlite:///{sink_db}", prepared, chunks)
            raw_s.append(raw)
            sink_s.append(sink)
            again_s.append(again)
    report("sqlite", len(arts), sink_s, raw_s, again_s)


async def bench_postgres(arts: list[Article], size: int, rounds: int, admin_url: str) -> None:
    prepared = raw_batches(arts, size, sqlite=False)
    chunks = batches(arts, size)
    freeze_inputs()
    server = Postgres(admin_url)
    sink_s, raw_s, again_s = [], [], []
    try:
        for _ in range(rounds):
            raw_url, sink_url = await server.fresh(), await server.fresh()
            raw, sink, again = await paired_round(
                await RawPostgres.connect(raw_url), sink_url, prepared, chunks
            )
            raw_s.append(raw)
            sink_s.append(sink)
            again_s.append(again)
    finally:
        await server.drop_all()
    report("postgresql", len(arts), sink_s, raw_s, again_s)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100, help="Articles per upsert (the sink's batch size).")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("NEWSFLOW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="A database on the server to create the benchmark databases from ('' to skip).",
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args(argv)
    configure("WARNING", "console")
    arts = make_articles(args.articles)
    body = statistics.mean(len(a.body) for a in arts)
    print(f"{len(arts)} articles (mean body {body:.0f} chars), batches of {args.batch}, {args.rounds} rounds")
    runs: list[Callable[[], Any]] = []
    if args.only in (None, "sqlite"):
        runs.append(lambda: bench_sqlite(arts, args.batch, args.rounds))
    if args.only in (None, "postgresql") and args.postgres:
        runs.append(lambda: bench_postgres(arts, args.batch, args.rounds, args.postgres))
    for run in runs:
        asyncio.run(run())


if __name__ == "__main__":
    main()
