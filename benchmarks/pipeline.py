"""Pipeline throughput: pages through Redis Streams vs the same work with no broker.

    python benchmarks/pipeline.py [--pages 2000]

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
from newsflow.services.sink.store import ArticleStore
from newsflow.services.splitter.split import split_page
from newsflow.services.worker.process import process_document
from newsflow.shared.contracts import Page
from newsflow.shared.embedded import embedded_valkey
from newsflow.shared.logging import configure
from newsflow.shared.settings import Settings

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d6a69832709aa93b.txt"


def make_pages(count: int) -> list[Page]:
    text = SEED.read_text(encoding="utf-8")
    return [
        Page(uri=f"https://bench.example/{i}", body=text.replace("Hangzhou", f"Hangzhou{i % 97}", 1))
        for i in range(count)
    ]


async def direct(pages: list[Page], database_url: str) -> tuple[float, int]:
    settings = Settings(database_url=database_url)
    store = ArticleStore(database_url)
    await store.create()
    started = time.perf_counter()
    batch = []
    for page in pages:
        for doc in split_page(page, settings.limits):
            batch.append(process_document(doc, settings.limits))
        if len(batch) >= 100:
            await store.upsert(batch)
            batch = []
    if batch:
        await store.upsert(batch)
    elapsed = time.perf_counter() - started
    count = await store.count()
    await store.close()
    return elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    configure("WARNING")
    pages = make_pages(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        base_s, base_n = asyncio.run(direct(pages, f"sqlite:///{tmp}/direct.db"))
        with embedded_valkey() as url:
            settings = Settings(database_url=f"sqlite:///{tmp}/pipe.db", log_level="WARNING")
            summary = asyncio.run(run_pipeline(pages, settings, url))
    print(f"pages: {args.pages}")
    print(f"direct (no broker):  {base_n} articles in {base_s:.2f}s = {base_n / base_s:,.0f} articles/s")
    print(
        f"pipeline via Valkey: {summary.articles} articles in {summary.seconds:.2f}s = "
        f"{summary.articles / summary.seconds:,.0f} articles/s, {summary.dead_letters} dead letters"
    )
    print(f"pipeline / direct throughput: {(summary.articles / summary.seconds) / (base_n / base_s):.2f}")


if __name__ == "__main__":
    main()
