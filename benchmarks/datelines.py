"""CPU cost of reading datelines: the fast path, the dateparser fallback, and recognising them.

Usage: ``python benchmarks/datelines.py [CORPUS_DIR ...] [--repeat N]`` (default: the ``multi/`` pages
of ``../shared/corpus`` and ``../shared/corpus-b``).

Every short line of the pages is judged by ``looks_like_dateline`` (uncached); the lines it accepts are
read by ``parse_dateline`` (the fast path: hand-written patterns), and the same lines are read again by
the fallback alone (``dateparser``, what a line the patterns reject costs). Figures are CPU time on one
core, per line, after one warm-up pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from newsflow.extraction import dates
from newsflow.extraction.memo import uncached


def _per_call(fn: Callable[[str], object], lines: list[str], repeat: int) -> float:
    for line in lines:
        fn(line)
    started = time.process_time()
    for _ in range(repeat):
        for line in lines:
            fn(line)
    return (time.process_time() - started) / max(1, repeat * len(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("corpus", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    shared = next((p / "shared" for p in (here.parent, here.parent.parent) if (p / "shared").is_dir()), here)
    folders = args.corpus or [shared / name for name in ("corpus", "corpus-b")]
    lines = [
        line.strip()
        for folder in folders
        for page in sorted((folder / "multi").glob("*.txt"))
        for line in page.read_text("utf-8").splitlines()
        if line.strip() and len(line) <= 120
    ]
    if not lines:
        print(f"no pages under {', '.join(map(str, folders))}", file=sys.stderr)
        return 1
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    judge = uncached(dates.looks_like_dateline)  # every line judged afresh
    datelines = [line for line in lines if judge(line)]
    recognise = _per_call(judge, lines, args.repeat)
    fast = _per_call(lambda line: dates.parse_dateline(line, fetched), datelines, args.repeat)
    fallback = _per_call(lambda line: dates.fallback_date(line, fetched, None), datelines, args.repeat)
    print(f"{len(lines)} short lines, {len(datelines)} datelines")
    print(f"looks_like_dateline: {recognise * 1e6:.1f} µs per line")
    print(f"parse_dateline (fast path): {fast * 1e6:.1f} µs per dateline")
    print(f"dateparser fallback: {fallback * 1e6:.1f} µs per dateline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
