"""Search cost against the number of words in the query, on SQLite (FTS5) and PostgreSQL.

Stores ``--articles`` seed-like articles (benchmarks/storage.py's bodies, each
with a word of its own), then times queries of N distinct words drawn from
those bodies, each part of the statement separately on SQLite, so the cost
can be placed: the MATCH alone, MATCH with the bm25 rank, and the whole
search (rank and snippet), plus PostgreSQL's whole search. The words come from
one article (about 95 distinct), cycled when a query asks for more, and the
sink searches a repeated term once; "prose" is that article pasted as the
query. Queries of more than ``search.MAX_TERMS`` distinct terms are refused
by the sink; here the bound is lifted to measure what it protects against.

    .venv/bin/python benchmarks/search.py [--articles 3000] [--words 25 50 100 200 400]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage import make_articles  # type: ignore[import-not-found]

from newsflow.shared.logging import configure
from newsflow.store import search
from newsflow.store.query import ArticleFilter
from newsflow.store.schema import FTS_TABLE
from newsflow.store.store import ArticleStore


def query_of(words: list[str], n: int, seed: int) -> str:
    """``n`` words in random order, cycling through ``words`` when it has fewer."""
    drawn = (words * (n // len(words) + 1))[:n]
    random.Random(seed).shuffle(drawn)
    return " ".join(drawn)


async def timed(store: ArticleStore, sql: str | None, query: str) -> tuple[float, float, int]:
    """(wall s, CPU s, rows) of one search: ``sql`` over the MATCH expression, else store.search."""
    wall, cpu = time.perf_counter(), time.process_time()
    if sql is None:
        rows = len(await store.search(query, ArticleFilter(limit=20)))
    else:
        match = search.fts5_query(search.parse(query))
        async with store.engine.connect() as conn:
            rows = len((await conn.execute(text(sql), {"match": match})).all())
    return time.perf_counter() - wall, time.process_time() - cpu, rows


SQLITE_PARTS = {
    "MATCH only": f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match",
    "MATCH + bm25, top 20": (
        f"SELECT rowid, bm25({FTS_TABLE}, 4.0, 1.0) AS r FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH :match ORDER BY r LIMIT 20"
    ),
    "whole search (rank + snippet)": None,
}


async def run(args: argparse.Namespace) -> None:
    configure("WARNING")
    search.MAX_TERMS = 10_000  # measure what the bound protects against
    articles = make_articles(args.articles)
    # Words of one article (so an all-words query has hits), stop words left out.
    body = articles[0].body
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{3,}", body)} - search.STOP_WORDS)
    prose = articles[0].body.split() * 4
    print(f"{args.articles} articles; queries draw from the {len(words)} distinct words of one of them")
    with tempfile.TemporaryDirectory() as tmp:
        stores = {"sqlite": ArticleStore(f"sqlite:///{tmp}/search.db")}
        admin = None
        if args.postgres:
            name = f"nfbench_{uuid.uuid4().hex[:12]}"
            admin = await asyncpg.connect(args.postgres)
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
            url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
            stores["postgresql"] = ArticleStore(url)
        try:
            for store in stores.values():
                await store.migrate()
                for start in range(0, len(articles), 500):
                    await store.upsert(articles[start : start + 500])
            print("| words | engine | part | wall s | CPU s | hits |")
            print("|---:|---|---|---:|---:|---:|")
            for n in args.words:
                for mode in ("all words", "OR of words", "prose"):
                    query = query_of(words, n, n)
                    if mode == "OR of words":
                        query = " OR ".join(query.split())
                    elif mode == "prose":  # an article pasted as the query: repeats, stop words
                        query = " ".join(prose[:n])
                    for part, sql in SQLITE_PARTS.items():
                        if n > args.max_parts_words and sql is not None:
                            continue
                        wall, cpu, rows = await timed(stores["sqlite"], sql, query)
                        print(f"| {n} ({mode}) | SQLite | {part} | {wall:.3f} | {cpu:.3f} | {rows} |")
                    if "postgresql" in stores:
                        wall, cpu, rows = await timed(stores["postgresql"], None, query)
                        print(
                            f"| {n} ({mode}) | PostgreSQL | whole search | {wall:.3f} | {cpu:.3f} | {rows} |"
                        )
        finally:
            for store in stores.values():
                await store.close()
            if admin is not None:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--words", type=int, nargs="+", default=[25, 50, 100, 200, 400])
    parser.add_argument(
        "--max-parts-words", type=int, default=10_000, help="Skip the part timings above this."
    )
    parser.add_argument("--postgres", help="Also time PostgreSQL (a database is created and dropped).")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
