"""A fresh check set: news pages laid out with furniture nobody tuned on, in the corpus layout.

Usage: ``python benchmarks/fresh.py OUT_DIR [--seed 2026] [--text 60] [--multi 40] [--pools a,b]
[--leave-out POOL] [--pools-dir benchmarks/pools-b] [--extra-layouts]``, then
``python benchmarks/extraction.py OUT_DIR`` (or ``extraction.py --fresh``).

Article bodies and titles come from ``../shared/corpus/truth.json`` (the development half's multi-article
truth); everything around them (menus, share bars, captions, bylines, datelines, teasers, comment threads,
product blocks, footers) is drawn from the pools in ``benchmarks/pools/``, written for this set, or from
another folder of pools in the same format (``--pools-dir``: ``benchmarks/pools-b/`` is a second set written
independently, by someone who had not seen the extraction code nor the first set's tuning). A page
uses the pools enabled: ``--pools`` names the only ones, ``--leave-out`` drops one, so a model trained on
pages without a pool can be measured on pages built from it (leave-one-pool-out). ``--extra-layouts`` adds
page structures the first figures did not have (a dateline above the headline, a pull quote repeating a
body sentence); it is off by default so figures stay comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fresh_pages as pages
from corpora import find_shared
from fresh_dates import truth_minutes
from fresh_words import POOLS, POOLS_DIR, Words, select_pools

SEED = 2026


@dataclass
class Source:
    """A titled article body from the development corpus."""

    title: str
    paragraphs: list[str]


def load_sources(truth_path: Path) -> list[Source]:
    """Titled bodies (the multi-article truth of the development half), each once."""
    truth = json.loads(truth_path.read_text("utf-8"))
    seen: set[str] = set()
    out: list[Source] = []
    for key in sorted(truth):
        for article in truth[key]["articles"]:
            title, text = (article.get("title") or "").strip(), article.get("body") or ""
            paragraphs = [p.strip() for p in text.replace("\r", "").split("\n") if p.strip()]
            if title and paragraphs and text[:200] not in seen:
                seen.add(text[:200])
                out.append(Source(title, paragraphs))
    if not out:
        msg = f"no titled article bodies in {truth_path}"
        raise ValueError(msg)
    return out


def _truth(stories: list[pages.Story], layout: pages.Layout, dated: list[bool]) -> dict[str, Any]:
    articles = []
    for story, has_date in zip(stories, dated, strict=True):
        entry = {"title": story.title, "body": "\n\n".join(story.truth_body)}
        if has_date and story.published is not None:
            entry["published"] = truth_minutes(story.published)
        articles.append(entry)
    return {"articles": articles, "layout": sorted(set(layout.tags))}


def single_page(
    sources: list[Source],
    pools: frozenset[str],
    rng: random.Random,
    pools_dir: Path = POOLS_DIR,
    extra: bool = False,
) -> tuple[str, dict[str, Any], datetime]:
    """One article with furniture, maybe a long story with sub-headings or a live blog, and a tail of
    products, teasers, headline lists and comments that are not articles."""
    words = Words(rng, pools_dir)
    layout = pages.choose_layout(words, pools, rng, extra)
    source = rng.choice(sources)
    story = pages.Story(source.title, list(source.paragraphs))
    pages.date_stories([story], layout, rng)
    style = rng.choices(("plain", "long", "live"), weights=(6, 2, 1))[0]
    if style != "plain" and len(story.paragraphs) < 4:
        style = "plain"
    layout.tags.append(f"single:{style}")
    dated = rng.random() < 0.9
    if not dated:
        layout.tags.append("no-dateline")
    page = pages.Page()
    pages.header(page, layout, words, rng, story.title)
    printed = pages.Story(story.title, story.paragraphs, story.published if dated else None)
    pages.story_head(page, printed, layout, words, rng)
    pages.body(page, story, layout, words, rng, style)
    assert story.published is not None
    pages.tail(page, layout, words, rng, story.published, single=True)
    return page.text(layout.spacing), _truth([story], layout, [dated]), layout.fetched


def multi_page(
    sources: list[Source],
    pools: frozenset[str],
    rng: random.Random,
    pools_dir: Path = POOLS_DIR,
    extra: bool = False,
) -> tuple[str, dict[str, Any], datetime]:
    """Two or three stories one after another: headlines printed once before the body or only after it
    (as a caption), later stories sometimes without a dateline."""
    words = Words(rng, pools_dir)
    layout = pages.choose_layout(words, pools, rng, extra)
    stories = [pages.Story(s.title, list(s.paragraphs)) for s in rng.sample(sources, rng.choice((2, 2, 3)))]
    pages.date_stories(stories, layout, rng)
    for story in stories:
        story.headline_after = rng.random() < 0.2
    # A story printed without a dateline keeps its headline on top: a page with neither is not readable.
    dated = [index == 0 or s.headline_after or rng.random() < 0.65 for index, s in enumerate(stories)]
    page = pages.Page()
    pages.header(page, layout, words, rng, None)
    for index, story in enumerate(stories):
        if story.headline_after:
            layout.tags.append("headline-after")
        if not dated[index]:
            layout.tags.append("no-dateline")
        printed = pages.Story(story.title, story.paragraphs, story.published if dated[index] else None)
        printed.headline_after = story.headline_after
        pages.story_head(page, printed, layout, words, rng)
        style = "long" if len(story.paragraphs) >= 6 and rng.random() < 0.2 else "plain"
        pages.body(page, story, layout, words, rng, style)
        if index < len(stories) - 1 and layout.on("adverts") and rng.random() < 0.4:
            page.add(*words.pick("adverts"))
    latest = max(s.published for s in stories if s.published is not None)
    pages.tail(page, layout, words, rng, latest, single=False)
    return page.text(layout.spacing), _truth(stories, layout, dated), layout.fetched


def generate(
    out: Path,
    seed: int = SEED,
    n_text: int = 60,
    n_multi: int = 40,
    pools: frozenset[str] = frozenset(POOLS),
    source: Path | None = None,
    pools_dir: Path = POOLS_DIR,
    extra_layouts: bool = False,
) -> Path:
    """Write ``n_text`` single-article and ``n_multi`` multi-article pages and their ``truth.json``
    into ``out``, their furniture drawn from ``pools_dir``; each file's mtime is the page's fetch time
    (relative dates are read against it)."""
    sources = load_sources(source or find_shared() / "corpus" / "truth.json")
    rng = random.Random(seed)
    truth: dict[str, Any] = {}
    for folder, count, build in (("text", n_text, single_page), ("multi", n_multi, multi_page)):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for index in range(count):
            key = f"{folder}/fresh-{index:03d}.txt"
            text, entry, fetched = build(sources, pools, rng, pools_dir, extra_layouts)
            path = out / key
            path.write_text(text, "utf-8")
            stamp = fetched.replace(tzinfo=UTC).timestamp()
            os.utime(path, (stamp, stamp))
            truth[key] = entry
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), "utf-8")
    (out / "README.md").write_text(
        f"Generated by benchmarks/fresh.py (seed {seed}, pools from {pools_dir.name}/: "
        f"{', '.join(sorted(pools))}).\n",
        "utf-8",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("out", type=Path, help="Folder to write (text/, multi/, truth.json).")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--text", type=int, default=60, help="Single-article pages.")
    ap.add_argument("--multi", type=int, default=40, help="Multi-article pages.")
    ap.add_argument("--pools", default="", help=f"Only these pools (comma-separated) of: {', '.join(POOLS)}.")
    ap.add_argument("--leave-out", default="", help="Pools to leave out (comma-separated).")
    ap.add_argument("--source", type=Path, help="truth.json with titled bodies (default: ../shared/corpus).")
    ap.add_argument(
        "--pools-dir", type=Path, default=POOLS_DIR, help="Folder of pool files (default: pools/)."
    )
    ap.add_argument(
        "--extra-layouts", action="store_true", help="Also datelines over headlines, pull quotes."
    )
    args = ap.parse_args(argv)
    try:
        pools = select_pools(args.pools, args.leave_out)
    except ValueError as exc:
        ap.error(str(exc))
    generate(
        args.out, args.seed, args.text, args.multi, pools, args.source, args.pools_dir, args.extra_layouts
    )
    print(f"wrote {args.text} text and {args.multi} multi pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
