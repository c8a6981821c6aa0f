"""``--stress``: multi-article pages with their chrome made unknown and their datelines reprinted.

Every line the parser takes for site furniture becomes random words, and every dateline is printed in
another format, so the figures show what rests on recognising a corpus's wording.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from parsing import Case, pair, parse_page

from newsflow.extraction.dates import parse_dateline
from newsflow.extraction.text import Kind, line_kind
from newsflow.files import read_page
from newsflow.shared.contracts import Page
from newsflow.shared.limits import Limits

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


def _is_chrome(text: str) -> bool:
    return line_kind(text) in (Kind.CHROME, Kind.END)


def stressed(body: str, published: set[str], rng: random.Random) -> str:
    """``body`` with unknown chrome and datelines reprinted (one format per page, as a site prints them)."""
    fmt = rng.choice(_FORMATS)
    out: list[str] = []
    for line in body.split("\n"):
        text = line.strip()
        dates = parse_dateline(text) if text and len(text) < 60 else None
        if dates is not None and dates.published and dates.published[:16] in published:
            out.append(datetime.fromisoformat(dates.published[:16]).strftime(fmt))
        elif text and _is_chrome(text):
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
        changed = Page(uri=page.uri, body=body, fetched_at=page.fetched_at)
        articles, seconds, error = parse_page(changed, limits)
        stressed_case = Case(case.path, case.truth, articles, seconds, error)
        pair(stressed_case)
        out.append(stressed_case)
    return out
