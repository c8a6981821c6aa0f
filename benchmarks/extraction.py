"""Score `newsflow parse` on an extraction corpus folder and print the figures per folder.

Usage: ``python benchmarks/extraction.py CORPUS_DIR [--folds 2] [--show-worst N]``

CORPUS_DIR is laid out like the development corpus: ``html/``, ``text/``,
``multi/`` and ``truth.json`` mapping each case path to
``{"articles": [{"title", "body", "published"?}]}``. Pages are read with the
CLI's own reader and go through the same functions `newsflow parse` calls
(``split_page`` then ``process_document``).

The measure is the public article-extraction benchmark's: ``\\w+`` tokens,
4-token shingles, per-document tp/fp/fn over shingle multisets normalised to
sum 1, precision averaged over documents with a non-empty prediction, recall
over documents with a non-empty truth, F1 of the two means. Each true article
is paired with the predicted article whose body scores best against it; a
page's article count must match exactly; titles match after lower-casing and
keeping word tokens; dates match on their first 16 characters.

Baselines measured in the same run: "keep every line" on ``text/`` and
trafilatura alone on ``html/``. ``--folds 2`` also prints the figures on each
half of the cases (alternating by name), to see how much they move between
samples. ``--stress N`` also scores ``multi/`` N more times with its chrome
unknown and its datelines reprinted: every line the parser takes for site
furniture becomes random words, and every dateline is printed in another
format, so the figures show what rests on recognising this corpus's wording.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsflow.extraction.dates import parse_dateline
from newsflow.extraction.text import Kind, clear_caches, line_kind
from newsflow.files import read_page
from newsflow.shared.contracts import Article, Page
from newsflow.shared.errors import BadInput
from newsflow.shared.limits import Limits
from newsflow.shared.logging import configure
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over 4-token shingle multisets, normalised to sum 1."""
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def prf(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Precision, recall and F1 as the public benchmark computes them."""
    precisions = [tp / (tp + fp) for tp, fp, _ in scores if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in scores if tp + fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def _f1_of(score: tuple[float, float, float]) -> float:
    tp, fp, fn = score
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def title_key(title: str | None) -> str:
    return " ".join(_TOKEN.findall((title or "").lower()))


@dataclass
class Case:
    """One page's truth, prediction and timing."""

    path: str
    truth: list[dict[str, str]]
    predicted: list[Article]
    seconds: float
    error: str | None = None
    pairs: list[tuple[dict[str, str], Article | None, tuple[float, float, float]]] = field(
        default_factory=list
    )


def parse_file(path: Path, limits: Limits) -> tuple[list[Article], float, str | None]:
    """The articles `newsflow parse` gives for ``path``, and the CPU seconds it took (one core)."""
    page = read_page(str(path))
    clear_caches()  # every page is timed cold, as if its lines had never been seen
    started = time.process_time()
    try:
        articles = [process_document(doc, limits) for doc in split_page(page, limits)]
    except BadInput as exc:
        return [], time.process_time() - started, f"{type(exc).__name__}: {exc}"
    return articles, time.process_time() - started, None


def pair(case: Case) -> None:
    """Pair each true article with the predicted article whose body scores best against it."""
    case.pairs = []
    for truth in case.truth:
        best: tuple[Article | None, tuple[float, float, float]] = (None, shingle_match(truth["body"], ""))
        for article in case.predicted:
            score = shingle_match(truth["body"], article.body)
            if best[0] is None or _f1_of(score) > _f1_of(best[1]):
                best = (article, score)
        case.pairs.append((truth, best[0], best[1]))


def report(name: str, cases: list[Case], out: Callable[[str], None]) -> dict[str, float]:
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
    figures = {"precision": p, "recall": r, "f1": f1, "count_exact": count_ok / max(1, len(cases))}
    line = (
        f"{name:<8} pages {len(cases):>3}  body P {p:.4f} R {r:.4f} F1 {f1:.4f}  "
        f"count exact {count_ok}/{len(cases)} ({figures['count_exact']:.1%})"
    )
    if titled:
        figures["title_exact"] = title_ok / len(titled)
        line += f"  title exact {title_ok}/{len(titled)} ({figures['title_exact']:.1%})"
    if dated:
        figures["date_exact"] = date_ok / len(dated)
        line += f"  date exact {date_ok}/{len(dated)} ({figures['date_exact']:.1%})"
    per_article = seconds / max(1, n_articles)
    figures["ms_per_article"] = per_article * 1000
    line += f"  parse {per_article * 1000:.2f} CPU ms/article ({n_articles} articles, {seconds:.2f}s)"
    errors = sum(c.error is not None for c in cases)
    if errors:
        line += f"  errors {errors}"
    out(line)
    return figures


_FORMATS = (
    "%b %d, %Y, %I:%M %p",
    "%d.%m.%Y, %H:%M Uhr",
    "Posted on %A %d %B %Y at %H:%M",
    "%H:%M GMT, %d %b %Y",
    "%Y/%m/%d %H:%M",
    "%m/%d/%Y %I:%M %p EST",
    "%A, %B %d, %Y - %H:%M",
    "First published: %d %B %Y %H:%M BST",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M",
)
_NONSENSE = ("Zork", "Blip", "Frob", "Quux", "Mave", "Tral", "Vesk", "Orlo")


def stressed(body: str, published: set[str], rng: random.Random) -> str:
    """``body`` with unknown chrome (random words where furniture was) and datelines reprinted
    (one format per page, as a site prints them)."""
    fmt = rng.choice(_FORMATS)
    out: list[str] = []
    for line in body.split("\n"):
        text = line.strip()
        dates = parse_dateline(text) if text and len(text) < 60 else None
        if dates is not None and dates.published and dates.published[:16] in published:
            when = datetime.fromisoformat(dates.published[:16])
            out.append(when.strftime(fmt))
        elif text and line_kind(text) in (Kind.CHROME, Kind.END):
            out.append(" ".join(rng.choice(_NONSENSE) for _ in range(rng.randint(1, 3))))
        else:
            out.append(line)
    return "\n".join(out)


def stress_run(cases: list[Case], corpus: Path, limits: Limits, seed: int) -> list[Case]:
    rng = random.Random(seed)
    out: list[Case] = []
    for case in cases:
        page = read_page(str(corpus / case.path))
        published = {t["published"][:16] for t in case.truth if t.get("published")}
        body = stressed(page.body, published, rng)
        clear_caches()
        started = time.process_time()
        try:
            articles = [
                process_document(doc, limits)
                for doc in split_page(Page(uri=page.uri, body=body, fetched_at=page.fetched_at), limits)
            ]
        except BadInput:
            articles = []
        stressed_case = Case(case.path, case.truth, articles, time.process_time() - started)
        pair(stressed_case)
        out.append(stressed_case)
    return out


def keep_every_line(cases: list[Case], texts: dict[str, str]) -> tuple[float, float, float]:
    return prf([shingle_match(c.truth[0]["body"], texts[c.path]) for c in cases])


def trafilatura_alone(cases: list[Case], htmls: dict[str, str]) -> tuple[tuple[float, float, float], float]:
    import trafilatura

    scores = []
    started = time.process_time()
    for case in cases:
        text = trafilatura.extract(htmls[case.path]) or ""
        scores.append(shingle_match(case.truth[0]["body"], text))
    return prf(scores), time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--folds", type=int, default=1, help="Also print figures on N interleaved folds.")
    ap.add_argument("--show-worst", type=int, default=0, help="List the N worst cases per folder.")
    ap.add_argument("--only", default="", help="Comma-separated folders to run (default: all).")
    ap.add_argument("--dump", type=Path, help="Write each case's body F1 to this JSON file.")
    ap.add_argument("--stress", type=int, default=0, help="Also score multi/ N times with unknown chrome.")
    args = ap.parse_args(argv)
    configure("WARNING")
    truth: dict[str, dict[str, list[dict[str, str]]]] = json.loads(
        (args.corpus / "truth.json").read_text("utf-8")
    )
    limits = Limits()
    per_case: dict[str, list[float]] = {}
    folders = [f for f in ("text", "multi", "html") if not args.only or f in args.only.split(",")]
    for folder in folders:
        keys = sorted(k for k in truth if k.startswith(folder + "/") and (args.corpus / k).exists())
        if not keys:
            continue
        cases: list[Case] = []
        raw: dict[str, str] = {}
        for key in keys:
            path = args.corpus / key
            articles, seconds, error = parse_file(path, limits)
            case = Case(key, truth[key]["articles"], articles, seconds, error)
            pair(case)
            cases.append(case)
            raw[key] = read_page(str(path)).body
        report(folder, cases, print)
        per_case.update({c.path: [round(_f1_of(s), 4) for _t, _a, s in c.pairs] for c in cases})
        if folder == "text":
            p, r, f1 = keep_every_line(cases, raw)
            print(f"{'':<8} baseline keep every line: P {p:.4f} R {r:.4f} F1 {f1:.4f}")
        if folder == "html":
            (p, r, f1), secs = trafilatura_alone(cases, raw)
            print(
                f"{'':<8} baseline trafilatura alone: P {p:.4f} R {r:.4f} F1 {f1:.4f} "
                f"({secs * 1000 / len(cases):.1f} CPU ms/page)"
            )
        if folder == "multi":
            for seed in range(args.stress):
                report(f" stress{seed}", stress_run(cases, args.corpus, limits, seed), print)
        if args.folds > 1:
            for fold in range(args.folds):
                report(f" fold {fold}", cases[fold :: args.folds], print)
        if args.show_worst:
            ranked = sorted(
                ((_f1_of(s), c.path, t.get("title", "")[:50]) for c in cases for t, _a, s in c.pairs)
            )
            for f1, path, title in ranked[: args.show_worst]:
                print(f"{'':<8} {f1:.3f} {path} {title}")
            for c in cases:
                if len(c.predicted) != len(c.truth):
                    print(f"{'':<8} count {len(c.predicted)} != {len(c.truth)} {c.path} {c.error or ''}")
    if args.dump:
        args.dump.write_text(json.dumps(per_case, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
