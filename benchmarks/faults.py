"""Fault-injection figures: run the fault suite (tests/faults) and print what each fault cost.

Each fault test runs real `newsflow serve` processes against a private
redis-server, injects its fault, and ends with the exactly-once check; it
records pages, faults injected, articles lost, duplicates, dead letters and
the time the services took to resume. This script collects those records
and prints them as a Markdown table for the README.

    .venv/bin/python benchmarks/faults.py              # the whole suite
    .venv/bin/python benchmarks/faults.py -k restart   # some of it (pytest -k)
    .venv/bin/python benchmarks/faults.py --break 1    # the reproduction of one break of issue #15

Issue #15's process faults each have a reproduction here (``--break N``):
1 and 11 poison in a batch and trust at the producer edge (tests/faults/test_poison.py),
2 a page over its time limit (test_time_limits.py), 3 Redis out of memory (test_refusals.py),
5 binary pages (test_garbage.py), 13 huge dead letters (test_dead_letters.py).

"Time to resume" is, per test: after a Redis restart, seconds from the
server being up again to each service using it again (from the services'
own log lines); after a worker is killed, seconds until its entries were
claimed by the other worker (claim idle time 1 s); after CLIENT KILL, a
database lock or SIGCONT, seconds to the next article stored; after a
database that was missing or gone is back (SQLite folder created or file put
back, PostgreSQL database created), seconds to the next article stored.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Issue #15's breaks, by number: the fault tests that reproduce them.
BREAKS = {
    "1": "tests/faults/test_poison.py::test_forty_good_pages_and_one_poison_in_one_batch_"
    "store_forty_and_one_letter_names_the_error",
    "2": "tests/faults/test_time_limits.py",
    "3": "tests/faults/test_refusals.py",
    "5": "tests/faults/test_garbage.py",
    "11": "tests/faults/test_poison.py::test_a_producer_set_id_or_a_future_fetch_time_"
    "cannot_take_over_another_page",
    "13": "tests/faults/test_dead_letters.py",
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-k", help="Only the fault tests matching this pytest expression.")
    parser.add_argument(
        "--break", dest="breaks", action="append", choices=sorted(BREAKS, key=int), help="Issue #15 break N."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "faults.jsonl"
        env = {**os.environ, "NEWSFLOW_FAULT_REPORT": str(report)}
        targets = [BREAKS[number] for number in args.breaks] if args.breaks else ["tests/faults"]
        command = [sys.executable, "-m", "pytest", *targets, "-q", "-p", "no:cacheprovider"]
        if args.k:
            command += ["-k", args.k]
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        seconds = time.perf_counter() - started
        rows = [json.loads(line) for line in report.read_text().splitlines()] if report.exists() else []
    print()
    print(
        "| fault | pages | faults injected | articles expected | lost | duplicates "
        "| dead letters | time to resume (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        resume = ", ".join(f"{s:.2f}" for s in row["resume_s"]) or "-"
        print(
            f"| {row['test']} | {row['pages']} | {row['faults']} | {row['articles_expected']} | "
            f"{row['articles_lost']} | {row['duplicates']} | {row['dead_letters']} | {resume} |"
        )
    lost = sum(r["articles_lost"] for r in rows)
    dupes = sum(r["duplicates"] for r in rows)
    print(f"\n{len(rows)} fault runs, {lost} articles lost, {dupes} duplicates; suite took {seconds:.0f}s")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
