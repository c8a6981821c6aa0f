"""Score `newsflow parse` on the extraction corpora and print every figure beside its target.

Usage::

    python benchmarks/extraction.py [--all]   # ../shared/corpus, corpus-b, corpus-wild, handmade, handmade2
    python benchmarks/extraction.py CORPUS_DIR ... [--only text,multi,html,wild-text,wild-html]
        [--folds 2] [--show-worst N] [--stress N] [--match SUBSTR] [--no-baselines] [--dump FILE]
    python benchmarks/extraction.py [--all] --fresh [--per-pool] [--pools P,Q] [--leave-out P] [--by-layout]
        [--pools-dir benchmarks/pools-b] [--extra-layouts]

A corpus laid out like the development corpus (``html/``, ``text/``, ``multi/``, ``truth.json`` mapping
each case path to ``{"articles": [{"title", "body", "published"?}]}``) is scored with the public
article-extraction benchmark's measure (see ``scoring.py``): text F1 and the one-article rate (share of
single-article pages that come out as exactly one article), multi count / title / date / F1, html F1 and
one-article rate. A corpus whose truth holds ``with`` / ``without`` snippets (`corpus-wild`) is scored by
trafilatura's rules (see ``wild.py``), text dumps and HTML apart. Pages go through the functions
`newsflow parse` calls (``split_page`` then ``process_document``), each timed cold in CPU time.

Baselines in the same run: keep every line on ``text/``, trafilatura alone on ``html/``; on the wild
corpus the whole dump and trafilatura on the HTML. ``--folds N`` also prints figures on N interleaved
halves; ``--stress N`` scores ``multi/`` N more times with unknown chrome and reprinted datelines.
``--fresh`` generates the fresh check set (``fresh.py``, fixed seed) into a temporary folder and scores it
the same way; ``--per-pool`` adds one set per furniture or date pool, built from that pool alone;
``--pools-dir`` builds it from another set of pools (``benchmarks/pools-b/``, written independently),
``--extra-layouts`` adds page structures the first figures did not have (see ``fresh.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fresh
import stress
import wild
from corpora import HANDMADE, HANDMADE2, NAMES, find_shared
from fresh_words import POOLS_DIR, select_pools
from parsing import Case, fetched_of, pair, parse_file
from scoring import Snippets, f1_of, prf, shingle_match, title_key

from newsflow.files import read_page
from newsflow.shared.limits import Limits
from newsflow.shared.logging import configure

Out = Callable[[str], None]

TEXT_MS_BOUND = 5.0
HTML_MS_BOUND = 40.0
TARGETS = {
    "text_f1": 0.93,
    "text_one": 0.95,
    "multi_count": 0.95,
    "multi_title": 0.90,
    "multi_date": 0.95,
    "multi_f1": 0.92,
    "html_f1": 0.97,
    "wild_text_f1": 0.90,
    "wild_text_one": 0.95,
    "wild_html_f1": 0.93,
}
PARTS = ("text", "multi", "html", "wild-text", "wild-html")


def mark(value: float, target: float | None, above: bool = True) -> str:
    """``value`` with its target beside it: ``0.9505 (>=0.93 ok)``."""
    if target is None:
        return f"{value:.4f}"
    ok = value >= target if above else value <= target
    sign = ">=" if above else "<="
    return f"{value:.4f} ({sign}{target:g} {'ok' if ok else 'BELOW' if above else 'OVER'})"


def cost(ms: float, bound: float, unit: str) -> str:
    return f"{ms:.2f} CPU ms/{unit} (<={bound:g} {'ok' if ms <= bound else 'OVER'})"


@dataclass
class Row:
    """One corpus's headline figures, for the summary table at the end."""

    name: str
    figures: dict[str, float] = field(default_factory=dict)


# --- article-body corpora (corpus/, corpus-b/, fresh) -------------------------------------------------


def report(name: str, folder: str, cases: list[Case], out: Out) -> dict[str, float]:
    """Print and return the figures for one folder's cases."""
    scores = [score for case in cases for _t, _a, score in case.pairs]
    p, r, f1 = prf(scores)
    count_ok = sum(len(c.predicted) == len(c.truth) for c in cases)
    titled = [(t, a) for c in cases for t, a, _s in c.pairs if t.get("title")]
    title_ok = sum(a is not None and title_key(a.title) == title_key(t["title"]) for t, a in titled)
    dated = [(t, a) for c in cases for t, a, _s in c.pairs if t.get("published")]
    date_ok = sum(a is not None and (a.published_at or "")[:16] == t["published"][:16] for t, a in dated)
    n_articles = sum(len(c.predicted) for c in cases)
    seconds = sum(c.seconds for c in cases)
    count_rate = count_ok / max(1, len(cases))
    is_multi = folder == "multi"
    figures = {"precision": p, "recall": r, "f1": f1, "count_exact": count_rate}
    line = f"{name:<17} pages {len(cases):>3}  P {p:.4f} R {r:.4f} F1 {mark(f1, TARGETS.get(folder + '_f1'))}"
    label = "count exact" if is_multi else "one-article"
    target = TARGETS["multi_count"] if is_multi else TARGETS["text_one"] if folder == "text" else None
    line += f"  {label} {mark(count_rate, target)} [{count_ok}/{len(cases)}]"
    if titled and is_multi:
        figures["title_exact"] = title_ok / len(titled)
        line += f"  title {mark(figures['title_exact'], TARGETS['multi_title'])} [{title_ok}/{len(titled)}]"
    if dated and is_multi:
        figures["date_exact"] = date_ok / len(dated)
        line += f"  date {mark(figures['date_exact'], TARGETS['multi_date'])} [{date_ok}/{len(dated)}]"
    if folder == "html":
        figures["ms"] = seconds * 1000 / max(1, len(cases))
        line += f"  parse {cost(figures['ms'], HTML_MS_BOUND, 'page')}"
    else:
        figures["ms"] = seconds * 1000 / max(1, n_articles)
        line += f"  parse {cost(figures['ms'], TEXT_MS_BOUND, 'article')} ({n_articles} articles)"
    errors = sum(c.error is not None for c in cases)
    if errors:
        line += f"  errors {errors}"
    out(line)
    return figures


def trafilatura_text(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html)  # type: ignore[no-any-return]


def baseline_line(label: str, scores: list[tuple[float, float, float]], ms: float | None, out: Out) -> float:
    p, r, f1 = prf(scores)
    timing = f" ({ms:.1f} CPU ms/page)" if ms is not None else ""
    out(f"{'':<17} baseline {label}: P {p:.4f} R {r:.4f} F1 {f1:.4f}{timing}")
    return f1


def run_bodies(corpus: Path, name: str, args: argparse.Namespace, row: Row, out: Out) -> dict[str, Any]:
    truth: dict[str, dict[str, Any]] = json.loads((corpus / "truth.json").read_text("utf-8"))
    limits = Limits()
    per_case: dict[str, Any] = {}
    for folder in ("text", "multi", "html"):
        if folder not in args.parts:
            continue
        keys = sorted(
            k for k in truth if k.startswith(folder + "/") and (corpus / k).exists() and _matches(k, args)
        )
        if not keys:
            continue
        cases: list[Case] = []
        for key in keys:
            articles, seconds, error = parse_file(corpus / key, limits, fetched_of(truth[key]))
            case = Case(key, truth[key]["articles"], articles, seconds, error)
            pair(case)
            cases.append(case)
        figures = report(f"{name}/{folder}", folder, cases, out)
        row.figures.update({f"{folder}_{k}": v for k, v in figures.items()})
        per_case.update({c.path: [round(f1_of(s), 4) for _t, _a, s in c.pairs] for c in cases})
        if folder in ("text", "html") and not args.no_baselines:
            row.figures[f"{folder}_baseline_f1"] = _body_baseline(corpus, folder, cases, out)
        if folder == "multi" and args.stress:
            for seed in range(args.stress):
                report(f" stress{seed}", folder, stress.stress_run(cases, corpus, limits, seed), out)
        for fold in range(args.folds if args.folds > 1 else 0):
            report(f" fold {fold}", folder, cases[fold :: args.folds], out)
        if args.by_layout:
            _by_layout(cases, {k: list(truth[k].get("layout", [])) for k in keys}, folder, out)
        if args.show_worst:
            _show_worst_bodies(cases, args.show_worst, out)
    return per_case


def _by_layout(cases: list[Case], tags: dict[str, list[Any]], folder: str, out: Out) -> None:
    """Figures per layout tag of a generated set (structure, date family, furniture present)."""
    for tag in sorted({str(t) for ts in tags.values() for t in ts}):
        subset = [c for c in cases if tag in tags[c.path]]
        report(f"  {tag}"[:17], folder, subset, out)


def _matches(key: str, args: argparse.Namespace) -> bool:
    return not args.match or any(m in key for m in args.match.split(","))


def _body_baseline(corpus: Path, folder: str, cases: list[Case], out: Out) -> float:
    import time

    raws = {c.path: read_page(str(corpus / c.path)).body for c in cases}
    if folder == "text":
        scores = [shingle_match(c.truth[0]["body"], raws[c.path]) for c in cases]
        return baseline_line("keep every line", scores, None, out)
    started = time.process_time()
    scores = [shingle_match(c.truth[0]["body"], trafilatura_text(raws[c.path]) or "") for c in cases]
    ms = (time.process_time() - started) * 1000 / max(1, len(cases))
    return baseline_line("trafilatura alone", scores, ms, out)


def _show_worst_bodies(cases: list[Case], n: int, out: Out) -> None:
    ranked = sorted((f1_of(s), c.path, t.get("title", "")[:50]) for c in cases for t, _a, s in c.pairs)
    for f1, path, title in ranked[:n]:
        out(f"{'':<17} {f1:.3f} {path} {title}")
    titles = [
        (c.path, t["title"], a.title if a else None)
        for c in cases
        for t, a, _s in c.pairs
        if t.get("title") and (a is None or title_key(a.title) != title_key(t["title"]))
    ]
    dates = [
        (c.path, t["published"], a.published_at if a else None)
        for c in cases
        for t, a, _s in c.pairs
        if t.get("published") and (a is None or (a.published_at or "")[:16] != t["published"][:16])
    ]
    for path, want, got in titles[:n]:
        out(f"{'':<17} title {path} want {want[:50]!r} got {(got or '')[:50]!r}")
    for path, want, got in dates[:n]:
        out(f"{'':<17} date  {path} want {want} got {got}")
    for c in cases:
        if len(c.predicted) != len(c.truth):
            titles = " | ".join((a.title or "")[:40] for a in c.predicted[:6])
            out(f"{'':<17} count {len(c.predicted)} != {len(c.truth)} {c.path} {c.error or ''} {titles}")


# --- snippet corpus (corpus-wild) ----------------------------------------------------------------------


def run_wild(corpus: Path, name: str, args: argparse.Namespace, row: Row, out: Out) -> dict[str, Any]:
    truth: wild.WildTruth = json.loads((corpus / "truth.json").read_text("utf-8"))
    limits = Limits()
    per_case: dict[str, Any] = {}
    for folder, part in (("text", "wild-text"), ("html", "wild-html")):
        if part not in args.parts:
            continue
        keys = sorted(
            k for k in truth if k.startswith(folder + "/") and (corpus / k).exists() and _matches(k, args)
        )
        if not keys:
            continue
        cases = wild.run_folder(corpus, keys, truth, limits)
        figures = wild_report(f"wild/{folder}", folder, cases, out)
        row.figures.update({f"{part}_{k}": v for k, v in figures.items()})
        per_case.update(
            {c.path: {"articles": c.articles, "missed": c.missed, "kept": c.found} for c in cases}
        )
        if not args.no_baselines:
            extract = (lambda raw: raw) if folder == "text" else trafilatura_text
            label = "whole dump" if folder == "text" else "trafilatura on the HTML"
            counts, ms = wild.baseline(corpus, keys, truth, extract)
            row.figures[f"{part}_baseline_f1"] = counts.f1
            out(f"{'':<17} baseline {label}: {_snippet_figures(counts)} ({ms:.1f} CPU ms/page)")
        for fold in range(args.folds if args.folds > 1 else 0):
            wild_report(f" fold {fold}", folder, cases[fold :: args.folds], out)
        if args.show_worst:
            wild.show_worst(cases, args.show_worst, out)
    return per_case


def _snippet_figures(counts: Snippets, f1_target: float | None = None) -> str:
    return (
        f"P {counts.precision:.4f} R {counts.recall:.4f} F1 {mark(counts.f1, f1_target)} "
        f"acc {counts.accuracy:.4f} [tp {counts.tp} fp {counts.fp} fn {counts.fn} tn {counts.tn}]"
    )


def wild_report(name: str, folder: str, cases: list[wild.WildCase], out: Out) -> dict[str, float]:
    counts = wild.total(cases)
    one = sum(c.articles == 1 for c in cases)
    one_rate = one / max(1, len(cases))
    n_articles = sum(c.articles for c in cases)
    seconds = sum(c.seconds for c in cases)
    figures = {
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "accuracy": counts.accuracy,
        "one": one_rate,
    }
    line = f"{name:<17} pages {len(cases):>3}  {_snippet_figures(counts, TARGETS[f'wild_{folder}_f1'])}"
    line += f"  one-article {mark(one_rate, TARGETS.get(f'wild_{folder}_one'))} [{one}/{len(cases)}]"
    line += f"  2+ articles {sum(c.articles > 1 for c in cases)}  none {sum(c.articles == 0 for c in cases)}"
    if folder == "html":
        figures["ms"] = seconds * 1000 / max(1, len(cases))
        line += f"  parse {cost(figures['ms'], HTML_MS_BOUND, 'page')}"
    else:
        figures["ms"] = seconds * 1000 / max(1, n_articles)
        line += f"  parse {cost(figures['ms'], TEXT_MS_BOUND, 'article')} ({n_articles} articles)"
    out(line)
    return figures


# --- summary and entry point ---------------------------------------------------------------------------

_COLUMNS = (
    ("text F1", "text_f1"),
    ("one-article", "text_count_exact"),
    ("multi count", "multi_count_exact"),
    ("title", "multi_title_exact"),
    ("date", "multi_date_exact"),
    ("multi F1", "multi_f1"),
    ("html F1", "html_f1"),
    ("html one-article", "html_count_exact"),
    ("text baseline: every line", "text_baseline_f1"),
    ("html baseline: trafilatura", "html_baseline_f1"),
    ("text ms/article", "text_ms"),
    ("multi ms/article", "multi_ms"),
    ("html ms/page", "html_ms"),
)
_WILD_COLUMNS = (
    ("text P", "wild-text_precision"),
    ("text R", "wild-text_recall"),
    ("text F1", "wild-text_f1"),
    ("one-article", "wild-text_one"),
    ("html P", "wild-html_precision"),
    ("html R", "wild-html_recall"),
    ("html F1", "wild-html_f1"),
    ("html one-article", "wild-html_one"),
    ("text baseline: whole dump", "wild-text_baseline_f1"),
    ("html baseline: trafilatura", "wild-html_baseline_f1"),
    ("text ms/article", "wild-text_ms"),
    ("html ms/page", "wild-html_ms"),
)


_TARGET_CELLS = {
    "text_f1": f"≥ {TARGETS['text_f1']}",
    "text_count_exact": f"≥ {TARGETS['text_one']}",
    "multi_count_exact": f"≥ {TARGETS['multi_count']}",
    "multi_title_exact": f"≥ {TARGETS['multi_title']}",
    "multi_date_exact": f"≥ {TARGETS['multi_date']}",
    "multi_f1": f"≥ {TARGETS['multi_f1']}",
    "html_f1": f"≥ {TARGETS['html_f1']}",
    "text_ms": f"≤ {TEXT_MS_BOUND:g}",
    "multi_ms": f"≤ {TEXT_MS_BOUND:g}",
    "html_ms": f"≤ {HTML_MS_BOUND:g}",
    "wild-text_f1": f"≥ {TARGETS['wild_text_f1']}",
    "wild-text_one": f"≥ {TARGETS['wild_text_one']}",
    "wild-html_f1": f"≥ {TARGETS['wild_html_f1']}",
    "wild-text_ms": f"≤ {TEXT_MS_BOUND:g}",
    "wild-html_ms": f"≤ {HTML_MS_BOUND:g}",
}


def summary(rows: list[Row], out: Out) -> None:
    """Markdown tables of the headline figures (for the README)."""
    for columns, wanted in ((_COLUMNS, False), (_WILD_COLUMNS, True)):
        chosen = [r for r in rows if r.name.endswith("wild") == wanted and r.figures]
        if not chosen:
            continue
        out("")
        out("| set | " + " | ".join(label for label, _k in columns) + " |")
        out("| --- |" + " --- |" * len(columns))
        out("| target | " + " | ".join(_TARGET_CELLS.get(key, "") for _label, key in columns) + " |")
        for r in chosen:
            cells = []
            for _label, key in columns:
                value = r.figures.get(key)
                cells.append(
                    "–" if value is None else f"{value:.2f}" if key.endswith("ms") else f"{value:.4f}"
                )
            out(f"| {r.name} | " + " | ".join(cells) + " |")


def default_corpora(shared: Path | None) -> list[Path]:
    """The three corpora in ``shared/`` beside the checkout (or its parent's, for a worktree)."""
    try:
        base = find_shared(shared)
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    return [base / name for name in NAMES if (base / name).exists()] + [HANDMADE, HANDMADE2]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="*", help="Corpus folders (default: --all).")
    ap.add_argument(
        "--all", action="store_true", help="The three corpora in ../shared and benchmarks/handmade (default)."
    )
    ap.add_argument("--shared", type=Path, help="Folder holding corpus/, corpus-b/, corpus-wild/.")
    ap.add_argument("--folds", type=int, default=1, help="Also print figures on N interleaved folds.")
    ap.add_argument("--show-worst", type=int, default=0, help="List the N worst cases per folder.")
    ap.add_argument(
        "--only", default="", help=f"Comma-separated parts to run, of {','.join(PARTS)}; 'wild' = both."
    )
    ap.add_argument(
        "--match", default="", help="Only cases whose path contains one of these (comma-separated)."
    )
    ap.add_argument("--no-baselines", action="store_true", help="Skip the baselines (faster iteration).")
    ap.add_argument("--dump", type=Path, help="Write each case's scores to this JSON file.")
    ap.add_argument("--stress", type=int, default=0, help="Also score multi/ N times with unknown chrome.")
    ap.add_argument("--by-layout", action="store_true", help="Figures per layout tag of a generated set.")
    ap.add_argument("--fresh", action="store_true", help="Also generate the fresh check set and score it.")
    ap.add_argument("--seed", type=int, default=fresh.SEED, help="Seed of the fresh check set.")
    ap.add_argument("--fresh-text", type=int, default=60, help="Single-article pages in the fresh set.")
    ap.add_argument("--fresh-multi", type=int, default=40, help="Multi-article pages in the fresh set.")
    ap.add_argument("--pools", default="", help="Fresh set: only these furniture/date pools.")
    ap.add_argument("--leave-out", default="", help="Fresh set: leave these pools out.")
    ap.add_argument(
        "--pools-dir", type=Path, default=POOLS_DIR, help="Fresh set: folder of pool files (default: pools/)."
    )
    ap.add_argument(
        "--extra-layouts", action="store_true", help="Fresh set: datelines over headlines, pull quotes."
    )
    ap.add_argument(
        "--per-pool", action="store_true", help="Fresh set: also score pages built from each pool alone."
    )
    args = ap.parse_args(argv)
    wanted = {part.strip() for part in args.only.split(",")} - {""}
    if "wild" in wanted:
        wanted = (wanted - {"wild"}) | {"wild-text", "wild-html"}
    unknown = wanted - set(PARTS)
    if unknown:
        ap.error(f"--only: unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    args.parts = wanted or set(PARTS)
    try:
        args.fresh_pools = select_pools(args.pools, args.leave_out)
    except ValueError as exc:
        ap.error(str(exc))
    args.fresh = args.fresh or args.per_pool or bool(args.pools or args.leave_out)
    return args


def run_fresh(args: argparse.Namespace, rows: list[Row], per_case: dict[str, Any]) -> None:
    """Generate the fresh check set (fixed seed) into a temporary folder and score it; with
    ``--per-pool`` also one set with no pool (the structures alone) and one per pool, built from it alone:
    the test side of a leave-one-pool-out figure."""
    base = "fresh" if args.pools_dir.resolve() == POOLS_DIR else f"fresh[{args.pools_dir.name}]"
    base += "+layouts" if args.extra_layouts else ""
    runs: list[tuple[str, frozenset[str]]] = [(base, args.fresh_pools)]
    if args.per_pool:
        runs.append((f"{base}:base", frozenset()))  # structure alone: no furniture, ISO datelines
        runs += [(f"{base}:{pool}", frozenset({pool})) for pool in sorted(args.fresh_pools)]
    for name, pools in runs:
        with tempfile.TemporaryDirectory(prefix="newsflow-fresh-") as tmp:
            folder = fresh.generate(
                Path(tmp) / name,
                args.seed,
                args.fresh_text,
                args.fresh_multi,
                pools,
                pools_dir=args.pools_dir,
                extra_layouts=args.extra_layouts,
            )
            left_out = sorted(set(fresh.POOLS) - pools)
            note = f"pools left out: {', '.join(left_out)}" if left_out and name == base else ""
            print(f"== {name} (seed {args.seed}) {note}".rstrip())
            row = Row(name)
            per_case.update({f"{name}/{k}": v for k, v in run_bodies(folder, name, args, row, print).items()})
            rows.append(row)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure("WARNING")
    if args.corpus and not args.all:
        corpora = list(args.corpus)
    elif args.fresh and not args.all:
        corpora = []
    else:
        corpora = default_corpora(args.shared)
    rows: list[Row] = []
    per_case: dict[str, Any] = {}
    for corpus in corpora:
        truth = json.loads((corpus / "truth.json").read_text("utf-8"))
        row = Row(corpus.name)
        print(f"== {corpus}")
        run = run_wild if wild.is_wild(truth) else run_bodies
        if run is run_wild and not corpus.name.endswith("wild"):
            row.name = f"{corpus.name} wild"
        per_case.update(
            {f"{corpus.name}/{k}": v for k, v in run(corpus, corpus.name, args, row, print).items()}
        )
        rows.append(row)
    if args.fresh:
        run_fresh(args, rows, per_case)
    summary(rows, print)
    if args.dump:
        args.dump.write_text(json.dumps(per_case, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
