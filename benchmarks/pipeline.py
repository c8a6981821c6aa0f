"""Pipeline throughput: pages through Redis Streams vs the same work with no broker.

    python benchmarks/pipeline.py [--pages 500] [--disable entities,places]

Runs the whole pipeline in one process (splitter, worker and sink on one
event loop, as `newsflow run` does) against an embedded Valkey server and a
fresh SQLite file, and compares it with splitting, parsing and storing the
same pages directly in the same run. The ratio is what the broker path costs.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from newsflow.pipeline import run_pipeline
from newsflow.shared.config import enrichment_config
from newsflow.shared.contracts import Article, Document, Page
from newsflow.shared.embedded import embedded_valkey
from newsflow.shared.logging import configure
from newsflow.shared.settings import Settings
from newsflow.sink.store import ArticleStore
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_documents, worker_enrichment

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d6a69832709aa93b.txt"


def make_pages(count: int) -> list[Page]:
    text = SEED.read_text(encoding="utf-8")
    return [
        Page(uri=f"https://bench.example/{i}", body=text.replace("Hangzhou", f"Hangzhou{i % 97}", 1))
        for i in range(count)
    ]


async def direct(pages: list[Page], settings: Settings, redis_url: str) -> tuple[float, int]:
    """The same split, parse, enrich and store work, with no broker in between."""
    store = ArticleStore(settings.database_url)
    await store.create()
    enrichment = worker_enrichment(enrichment_config(settings, redis_url))
    group = settings.work_group_size  # documents enriched together, as a worker does
    started = time.perf_counter()
    docs: list[Document] = []
    batch: list[Article] = []
    for i, page in enumerate(pages):
        docs.extend(split_page(page, settings.limits))
        last = i == len(pages) - 1
        while docs and (len(docs) >= group or last):
            batch.extend(process_documents(docs[:group], settings.limits, enrichment))
            del docs[:group]
        if len(batch) >= 100 or (last and batch):
            await store.upsert(batch)
            batch = []
    elapsed = time.perf_counter() - started
    count = await store.count()
    await store.close()
    return elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--disable", default="", help="Enrichers to switch off in both runs (a,b).")
    args = parser.parse_args()
    configure("WARNING")
    pages = make_pages(args.pages)
    disabled = [name for name in args.disable.split(",") if name]
    with tempfile.TemporaryDirectory() as tmp, embedded_valkey() as url:
        base = Settings(
            database_url=f"sqlite:///{tmp}/direct.db", stream_prefix="direct", enrichers_disabled=disabled
        )
        base_s, base_n = asyncio.run(direct(pages, base, url))
        settings = Settings(
            database_url=f"sqlite:///{tmp}/pipe.db", stream_prefix="pipe", enrichers_disabled=disabled
        )
        summary = asyncio.run(run_pipeline(pages, settings, url))
    print(f"pages: {args.pages}")
    print(f"direct (no broker):  {base_n} articles in {base_s:.2f}s = {base_n / base_s:,.0f} articles/s")
    print(
        f"pipeline via Valkey: {summary.articles} articles in {summary.seconds:.2f}s = "
        f"{summary.articles / summary.seconds:,.0f} articles/s, {len(summary.dead_letters)} dead letters"
    )
    print(f"pipeline / direct throughput: {(summary.articles / summary.seconds) / (base_n / base_s):.2f}")


if __name__ == "__main__":
    main()
