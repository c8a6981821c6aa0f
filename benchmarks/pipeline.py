"""Pipeline throughput, tracing cost, latency at half load and scaling over worker processes.

    python benchmarks/pipeline.py [--pages 500] [--disable entities,places] [--only throughput,latency,scale]

Every figure is a ratio against a baseline measured in the same run, on an
embedded Valkey server and fresh SQLite files:

* throughput: the whole pipeline in one process (splitter, worker and sink on
  one event loop, as `newsflow run` does) against splitting, parsing and
  storing the same pages directly; then the same pipeline with tracing on
  (every span kept by an in-memory exporter) against tracing off.
* latency: `newsflow serve` processes (splitter, one worker, sink); their
  capacity is measured with a burst, then pages are submitted one by one at
  half that rate and each page's submit-to-stored time is read back from
  the store (the sink's write time of the page's last article; target: p99
  under 250 ms). The sink's own end-to-end histogram (page acceptance to
  commit, from /metrics) is printed beside it.
* scale: the same burst through 1 and then 2 worker processes (target: 2
  workers at least 1.7x one).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from newsflow.client import Producer
from newsflow.pipeline import RunSummary, run_pipeline
from newsflow.shared import tracing
from newsflow.shared.config import enrichment_config
from newsflow.shared.contracts import Article, Document, Page
from newsflow.shared.embedded import embedded_valkey
from newsflow.shared.logging import configure
from newsflow.shared.settings import Settings
from newsflow.splitter.split import split_page
from newsflow.store.schema import pages as pages_table
from newsflow.store.store import ArticleStore
from newsflow.testing import Deployment
from newsflow.worker.process import process_documents, worker_enrichment

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d6a69832709aa93b.txt"


def make_pages(count: int, tag: str = "") -> list[Page]:
    text = SEED.read_text(encoding="utf-8")
    return [
        Page(uri=f"https://bench.example/{tag}{i}", body=text.replace("Hangzhou", f"Hangzhou{i % 97}", 1))
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


def throughput(pages: list[Page], disabled: list[str]) -> None:
    """Direct vs pipeline, then the pipeline with tracing off and on, in one process.

    The traced and untraced runs go off, on, on, off, so that a machine
    speeding up or slowing down during the run weighs on both alike.
    """
    runs: list[tuple[str, RunSummary]] = []
    spans = 0
    with tempfile.TemporaryDirectory() as tmp, embedded_valkey() as url:

        def settings(name: str) -> Settings:
            return Settings(
                database_url=f"sqlite:///{tmp}/{name}.db", stream_prefix=name, enrichers_disabled=disabled
            )

        base_s, base_n = asyncio.run(direct(pages, settings("direct"), url))
        for index, traced in enumerate((False, True, True, False)):
            name = f"{'on' if traced else 'off'}{index}"
            exporter = InMemorySpanExporter()
            if traced:
                tracing.install(exporter)
            try:
                runs.append((name, asyncio.run(run_pipeline(pages, settings(name), url))))
            finally:
                tracing.shutdown()
            spans += len(exporter.get_finished_spans())
    base_rate = base_n / base_s
    print(f"pages: {len(pages)}")
    print(f"direct (no broker):        {base_n} articles in {base_s:.2f}s = {base_rate:,.1f} articles/s")
    for name, run in runs:
        label = f"pipeline, tracing {'on' if name.startswith('on') else 'off'}:"
        print(
            f"{label:26} {run.articles} articles in {run.seconds:.2f}s = "
            f"{run.articles / run.seconds:,.1f} articles/s, {len(run.dead_letters)} dead letters"
        )
    off = [r.articles / r.seconds for n, r in runs if n.startswith("off")]
    on = [r.articles / r.seconds for n, r in runs if n.startswith("on")]
    print(f"pipeline / direct throughput: {off[0] / base_rate:.2f} (the run right after the direct one)")
    print(
        f"tracing on / off throughput: {statistics.mean(on) / statistics.mean(off):.3f} "
        f"({spans:,} spans exported in memory)"
    )


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except OSError as exc:
        return 0, str(exc)


def _wait_ready(dep: Deployment, within: float = 180.0) -> dict[str, str]:
    """Base URL of each service once its /readyz answers 200 (the worker's models loaded)."""
    bases = {s.consumer: f"http://127.0.0.1:{s.http_port()}" for s in dep.services}
    deadline = time.monotonic() + within
    for base in bases.values():
        while _get(f"{base}/readyz")[0] != 200:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{base} not ready: {dep.logs()[-2000:]}")
            time.sleep(0.2)
    return bases


def _deployment(url: str, tmp: str, name: str, workers: int, disabled: list[str]) -> Deployment:
    env = {"NEWSFLOW_HTTP_PORT": "0", "NEWSFLOW_HTTP_HOST": "127.0.0.1"}
    if disabled:
        env["NEWSFLOW_ENRICHERS_DISABLED"] = ",".join(disabled)
    return Deployment(url, f"sqlite:///{tmp}/{name}.db", name, workers=workers, env=env)


async def _burst(dep: Deployment, pages: list[Page]) -> float:
    """Seconds from submitting ``pages`` at once to every stage having acknowledged them."""
    started = time.perf_counter()
    await dep.submit(pages)
    await dep.wait_drained(seconds=1800, poll=0.05)
    return time.perf_counter() - started


async def _paced(dep: Deployment, pages: list[Page], per_second: float) -> dict[str, float]:
    """Submit ``pages`` one by one at ``per_second``; returns page id -> wall-clock submit time."""
    submitted: dict[str, float] = {}
    async with Producer.connect(dep.redis_url, dep.prefix) as producer:
        start = time.perf_counter()
        for i, page in enumerate(pages):
            delay = start + i / per_second - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            submitted[page.id] = time.time()
            await producer.submit(page)
    await dep.wait_drained(seconds=600, poll=0.05)
    return submitted


async def _stored_times(database_url: str, page_ids: Sequence[str]) -> dict[str, float]:
    """Each page's latest write time in the store (its last article's)."""
    store = ArticleStore(database_url)
    try:
        async with store.engine.connect() as conn:
            rows = await conn.execute(
                select(pages_table.c.id, pages_table.c.stored_at).where(pages_table.c.id.in_(list(page_ids)))
            )
            return {row.id: row.stored_at.timestamp() for row in rows}
    finally:
        await store.close()


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _e2e_histogram(metrics_text: str) -> tuple[float, dict[float, float]]:
    """(count, upper bound -> cumulative count) of the sink's end-to-end histogram."""
    buckets: dict[float, float] = {}
    count = 0.0
    for family in text_string_to_metric_families(metrics_text):
        if family.name != "newsflow_end_to_end_seconds":
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket"):
                buckets[float(sample.labels["le"])] = sample.value
            elif sample.name.endswith("_count"):
                count = sample.value
    return count, buckets


def latency(pages: int, disabled: list[str]) -> None:
    """Capacity with a burst, then submit-to-stored latency at half of it, against `newsflow serve`."""
    with tempfile.TemporaryDirectory() as tmp, embedded_valkey() as url:
        name = "latency"

        async def measure() -> tuple[float, dict[str, float], Any, Any]:
            async with _deployment(url, tmp, name, 1, disabled) as dep:
                bases = await asyncio.to_thread(_wait_ready, dep)
                seconds = await _burst(dep, make_pages(pages, "burst-"))
                rate = pages / seconds / 2
                paced_pages = make_pages(max(40, round(rate * 20)), "paced-")  # ~20 s at half load
                before = _e2e_histogram((await asyncio.to_thread(_get, f"{bases['sink-0']}/metrics"))[1])
                submitted = await _paced(dep, paced_pages, rate)
                after = _e2e_histogram((await asyncio.to_thread(_get, f"{bases['sink-0']}/metrics"))[1])
            return seconds, submitted, before, after

        seconds, submitted, metrics_before, metrics_after = asyncio.run(measure())
        capacity = pages / seconds
        rate = capacity / 2
        stored = asyncio.run(_stored_times(f"sqlite:///{tmp}/{name}.db", list(submitted)))
    waits = [stored[pid] - t for pid, t in submitted.items() if pid in stored]
    print(f"capacity (1 worker, burst of {pages} pages): {capacity:.1f} pages/s ({seconds:.2f}s)")
    print(f"paced at half capacity: {len(submitted)} pages at {rate:.1f} pages/s, {len(waits)} stored")
    p50, p99 = _quantile(waits, 0.5), _quantile(waits, 0.99)
    verdict = "met" if p99 < 0.25 else "NOT met"
    print(
        f"submit-to-stored: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {max(waits) * 1000:.0f} ms "
        f"(target p99 < 250 ms: {verdict})"
    )
    count = metrics_after[0] - metrics_before[0]
    under = metrics_after[1].get(0.25, 0) - metrics_before[1].get(0.25, 0)
    if count:
        print(
            f"sink end-to-end histogram (acceptance -> commit), paced phase: "
            f"{under / count:.1%} of {count:.0f} articles within 250 ms"
        )


def _cpu_readers(dep: Deployment, valkey_pid: int) -> dict[str, Callable[[], float]]:
    """How to read each process's CPU seconds: services (a worker's child apart), Valkey, this process."""
    readers: dict[str, Callable[[], float]] = {}
    for service in dep.services:
        pid = service.process.pid
        if service.name == "worker":
            readers[service.consumer] = partial(cpu.own_seconds, pid)
            readers[f"{service.consumer} child"] = partial(cpu.children_seconds, pid)
        else:
            readers[service.consumer] = partial(cpu.tree_seconds, pid)
    readers["valkey"] = partial(cpu.own_seconds, valkey_pid)
    readers["benchmark (producer)"] = partial(cpu.own_seconds, os.getpid(), reaped=False)
    return readers


#: What Valkey runs for the workers' near-duplicate index (its look-up and insertion scripts, the
#: candidates' signatures): work a worker waits for, so it counts with the workers.
INDEX_COMMANDS = ("cmdstat_evalsha", "cmdstat_eval", "cmdstat_hmget")
INDEX = "valkey: near-dup index"


def _index_share(before: dict[str, Any], after: dict[str, Any]) -> float:
    """The share of Valkey's command time spent on the near-duplicate index between two INFO commandstats."""
    spent = {name: stats["usec"] - before.get(name, {}).get("usec", 0) for name, stats in after.items()}
    total = sum(spent.values())
    return sum(spent.get(name, 0) for name in INDEX_COMMANDS) / total if total else 0.0


@dataclass(frozen=True, slots=True)
class ScaleRun:
    """One burst through ``workers`` worker processes: its rate and the CPU each process spent on it."""

    workers: int
    articles: int
    seconds: float
    spent: cpu.CpuSample

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    def per_article_ms(self, names: Sequence[str]) -> float:
        return sum(self.spent.processes[n] for n in names) * 1000 / self.articles

    @property
    def worker_names(self) -> list[str]:
        """The worker processes and their children."""
        return [n for n in self.spent.processes if n.startswith("worker-")]

    @property
    def chain_names(self) -> list[str]:
        """What a worker waits for while it works on a group: its child and its index's scripts."""
        return [*self.worker_names, INDEX]

    @property
    def other_names(self) -> list[str]:
        return [n for n in self.spent.processes if n not in self.chain_names]


def _print_cpu(run: ScaleRun) -> None:
    """CPU ms per article per process, and how much of the machine the workers got."""
    for name in run.spent.processes:
        print(f"  {name:22} {run.per_article_ms([name]):7.2f} ms CPU/article")
    worker_s = sum(run.spent.processes[n] for n in run.worker_names)
    machine = run.spent.machine_total
    print(
        f"  {'workers and their index':22} {run.per_article_ms(run.chain_names):7.2f} ms, everything else "
        f"{run.per_article_ms(run.other_names):.2f} ms; workers busy {worker_s / run.seconds:.2f} of "
        f"{run.workers} core(s); workers' share of the machine's CPU {worker_s / machine:.0%}, "
        f"machine busy {run.spent.machine_busy / machine:.0%} ({os.cpu_count()} cores)"
    )


def scale(pages: int, disabled: list[str]) -> None:
    """The same burst through 1 and 2 worker processes (`newsflow serve`), with each process's CPU."""
    runs: dict[int, ScaleRun] = {}
    with tempfile.TemporaryDirectory() as tmp, embedded_valkey() as url:
        for workers in (1, 2):
            name = f"scale{workers}"

            async def measure(workers: int = workers, name: str = name) -> ScaleRun:
                async with _deployment(url, tmp, name, workers, disabled) as dep:
                    await asyncio.to_thread(_wait_ready, dep)
                    info = await dep.redis.info("server")
                    readers = _cpu_readers(dep, int(info["process_id"]))
                    burst = make_pages(pages, f"w{workers}-")
                    commands = await dep.redis.info("commandstats")
                    before = cpu.CpuSample.take(readers)
                    seconds = await _burst(dep, burst)
                    spent = cpu.CpuSample.take(readers).since(before)
                    share = _index_share(commands, await dep.redis.info("commandstats"))
                    spent = spent.split("valkey", share, INDEX)
                    return ScaleRun(workers, len(await dep.stored()), seconds, spent)

            run = runs[workers] = asyncio.run(measure())
            print(f"{workers} worker(s): {run.articles} articles in {run.seconds:.2f}s = {run.rate:.1f}/s")
            _print_cpu(run)
    one, two = runs[1], runs[2]
    ratio = two.rate / one.rate
    # One worker's parent, child and index scripts take turns, so one worker does at best 1/W1
    # articles a second; two can do no better than two cores over everything an article costs.
    bound = 2 * one.per_article_ms(one.chain_names) / two.per_article_ms(list(two.spent.processes))
    print(
        f"2 workers / 1 worker: {ratio:.2f}x (target >= 1.7x: {'met' if ratio >= 1.7 else 'NOT met'}); "
        f"attainable on 2 idle cores from the CPU per article: {bound:.2f}x; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="Pages of the throughput runs.")
    parser.add_argument("--burst", type=int, default=240, help="Pages of the capacity and scale bursts.")
    parser.add_argument("--disable", default="", help="Enrichers to switch off in every run (a,b).")
    parser.add_argument("--only", default="throughput,latency,scale", help="Sections to run.")
    args = parser.parse_args()
    configure("WARNING")
    disabled = [name for name in args.disable.split(",") if name]
    sections = set(args.only.split(","))
    if "throughput" in sections:
        print("== throughput (one process)")
        throughput(make_pages(args.pages), disabled)
    if "latency" in sections:
        print("== latency at half load (newsflow serve processes)")
        latency(args.burst, disabled)
    if "scale" in sections:
        print("== scale over worker processes (newsflow serve)")
        scale(args.burst, disabled)


if __name__ == "__main__":
    main()
