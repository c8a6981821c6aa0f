"""The snippet measure on `corpus-wild`: every article's body for a page, joined, against the page's
`with` / `without` snippets (trafilatura's own rules, see that corpus's README)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parsing import parse_page
from scoring import Snippets, snippet_match

from newsflow.files import read_page
from newsflow.shared.limits import Limits

WildTruth = dict[str, dict[str, list[str] | str]]


@dataclass
class WildCase:
    """One page: its article count, snippet counts and what went wrong."""

    path: str
    url: str
    articles: int
    counts: Snippets
    missed: list[str]
    found: list[str]
    seconds: float
    error: str | None = None
    titles: list[str] = field(default_factory=list)
    chars: int = 0


def is_wild(truth: dict[str, object]) -> bool:
    """A snippet truth (``with``/``without`` lists) rather than article bodies."""
    first = next(iter(truth.values()), None)
    return isinstance(first, dict) and "with" in first


def _snippets(entry: dict[str, list[str] | str], key: str) -> list[str]:
    value = entry.get(key) or []
    return [value] if isinstance(value, str) else list(value)


def run_folder(corpus: Path, keys: list[str], truth: WildTruth, limits: Limits) -> list[WildCase]:
    cases: list[WildCase] = []
    for key in keys:
        entry = truth[key]
        articles, seconds, error = parse_page(read_page(str(corpus / key)), limits)
        text = "\n\n".join(a.body for a in articles) if articles else None
        counts, missed, found = snippet_match(text, _snippets(entry, "with"), _snippets(entry, "without"))
        cases.append(
            WildCase(
                key,
                str(entry.get("url", "")),
                len(articles),
                counts,
                missed,
                found,
                seconds,
                error,
                [a.title or "" for a in articles],
                len(text or ""),
            )
        )
    return cases


def total(cases: list[WildCase]) -> Snippets:
    out = Snippets()
    for case in cases:
        out.add(case.counts)
    return out


def baseline(
    corpus: Path, keys: list[str], truth: WildTruth, extract: Callable[[str], str | None]
) -> tuple[Snippets, float]:
    """Snippet counts for ``extract`` applied to each page's raw file, and its CPU ms per page."""
    import time

    out = Snippets()
    seconds = 0.0
    for key in keys:
        entry = truth[key]
        raw = read_page(str(corpus / key)).body
        started = time.process_time()
        text = extract(raw)
        seconds += time.process_time() - started
        counts, _m, _f = snippet_match(text, _snippets(entry, "with"), _snippets(entry, "without"))
        out.add(counts)
    return out, seconds * 1000 / max(1, len(keys))


def show_worst(cases: list[WildCase], n: int, out: Callable[[str], None]) -> None:
    """The pages that give 2+ articles, give none, or miss `with` / keep `without` snippets."""
    pad = " " * 17
    many = sorted((c for c in cases if c.articles > 1), key=lambda c: (-c.articles, c.path))
    out(f"{pad}pages giving 2+ articles: {len(many)} (worst {min(n, len(many))})")
    for c in many[:n]:
        titles = " | ".join(t[:40] for t in c.titles[:6])
        out(f"{pad}  {c.articles:>3} articles {c.path} {c.url}  titles: {titles}")
    none = [c for c in cases if c.articles == 0]
    out(f"{pad}pages giving no article: {len(none)}")
    for c in none[:n]:
        out(f"{pad}  {c.path} {c.url} {c.error or ''}")
    bad = sorted(
        (c for c in cases if c.missed or c.found),
        key=lambda c: (-(len(c.missed) + len(c.found)), c.path),
    )
    out(f"{pad}pages missing `with` or keeping `without` snippets: {len(bad)} (worst {min(n, len(bad))})")
    for c in bad[:n]:
        out(
            f"{pad}  missed {len(c.missed)}/{c.counts.tp + c.counts.fn} kept-junk {len(c.found)}/"
            f"{c.counts.fp + c.counts.tn} {c.path} ({c.articles} articles, {c.chars} chars) {c.url}"
        )
        for snippet in c.missed[:2]:
            out(f"{pad}      missed: {snippet[:90]!r}")
        for snippet in c.found[:2]:
            out(f"{pad}      kept:   {snippet[:90]!r}")
