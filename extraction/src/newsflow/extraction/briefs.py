"""Briefs without stamps or an index: a run of short stories, each a headline-shaped line over one
to three short paragraphs, is a list of separate stories (``brief_articles``).

The feed pass (feeds.py) needs a time stamp on its units or the headlines printed again as an
index, and the earlier passes need longer bodies than a brief's, so such a page read as one
story. Without stamps the shape must say it alone, and a long story's sub-headings have the same
shape: so every headline's words must recur under it and not under its neighbours, neighbouring
briefs must share few words and names, the units must be of one size, and numbered items or
a FAQ's questions (one topic in parts) are never briefs.
"""

from __future__ import annotations

import re
from itertools import pairwise

from newsflow.extraction.features import line_features
from newsflow.extraction.feeds import (
    FURNITURE_LINES,
    _after_end_heading,
    _apart,
    _body_words,
    _furniture,
    _gap_ok,
    _head,
    _Layout,
    _paragraph,
    _paragraph_run,
    _stamp,
    _Unit,
    _unit_words,
    articles_of,
)
from newsflow.extraction.layout import Kind, _Page
from newsflow.extraction.lines import relation, words
from newsflow.extraction.segments import Segment

MIN_BRIEFS = 3
"""Units in a run of briefs: fewer is a story with a sub-heading or two."""


BRIEF_MAX_PARAGRAPHS = 3
"""A brief has at most this many paragraphs; more is a story's section."""


BRIEF_MIN_WORDS = 20
"""A brief's paragraphs hold at least this many words: fewer is a caption or a teaser line."""


SIZE_SPREAD = 4
"""The largest brief of a run holds at most this many times the smallest's words: briefs are
cut to one size, a story's sections are not."""


SHARED_WORDS = 0.25
"""Share of the smaller body's topic words two neighbouring briefs may have in common: sections of
one story keep its topic words."""


_NUMBERED = re.compile(r"^\s*(?:\d+|[IVX]+)\s*[.):\-–]?\s")
"""A headline opening with a number: an item of a numbered list."""


def _could_hold_briefs(page: _Page) -> bool:
    """What a run of briefs needs, counted line by line before any unit is built: enough short
    headline-shaped lines right over a paragraph. Most pages fall short and pay nothing more."""
    found = 0
    kinds = page.kinds
    n = len(page.lines)
    for k in range(n - 1):
        if kinds[k] is not Kind.SHORT or not _head(page, k):
            continue  # the headline first: few lines are one, and the furniture under it costs more
        dated = _dated_under(page, k)
        under = k + 1 if dated is None else dated[1]
        if under < n and kinds[under] is not Kind.SHORT and _paragraph(page, under):
            found += 1
            if found >= MIN_BRIEFS:
                return True
    return False


def _brief_at(page: _Page, k: int) -> _Unit | None:
    """A brief headed by line ``k``: a short headline-shaped line right over one to three
    paragraphs of whole sentences, its dateline perhaps between."""
    if page.kinds[k] is not Kind.SHORT or not _head(page, k):
        return None
    under = _dated_under(page, k)
    run = _paragraph_run(page, k + 1 if under is None else under[1], stamped=False)
    if not run or len(run) > BRIEF_MAX_PARAGRAPHS:
        return None
    if sum(words(page.lines[j].text) for j in run) < BRIEF_MIN_WORDS:
        return None
    if not line_features(page.lines[run[-1]].text).sentence_end:
        return None  # a blurb cut short: a teaser
    if under is not None:
        return _Unit(k, under[0], run, _Layout.UNDER)
    over = _dated_over(page, k)
    return _Unit(k, over, run, _Layout.NONE if over is None else _Layout.OVER)


def _dated_under(page: _Page, k: int) -> tuple[int, int] | None:
    """The dateline under headline ``k``, among a few lines of furniture (a byline, a caption),
    and the line after that furniture: a brief dated on its own still is one brief, too short for
    the feed pass's stories."""
    n = len(page.lines)
    j = k + 1
    dated = None
    while j < n and j - k <= FURNITURE_LINES and (page.kinds[j] is Kind.DATE or _furniture(page, j)):
        dated = j if dated is None and page.kinds[j] is Kind.DATE else dated
        j += 1
    return None if dated is None else (dated, j)


def _dated_over(page: _Page, k: int) -> int | None:
    """The dateline printed right over headline ``k`` (a full date line, not a bare clock: a live
    blog's entries are stamped with those)."""
    j = k - 1
    if j < 0 or page.kinds[j] is not Kind.DATE:
        return None
    return j if k + 1 < len(page.lines) and page.kinds[k + 1] is not Kind.DATE else None


def _brief_runs(page: _Page) -> list[list[_Unit]]:
    """Runs of briefs following each other closely (a few short lines at most between two)."""
    runs: list[list[_Unit]] = []
    run: list[_Unit] = []
    k = 0
    n = len(page.lines)
    kinds = page.kinds
    while k < n:
        unit = _brief_at(page, k) if kinds[k] is Kind.SHORT else None  # only a short line heads one
        if unit is None:
            k += 1
            continue
        if run and not _gap_ok(page, run[-1].last, unit.first):
            runs.append(run)
            run = []
        run.append(unit)
        k = unit.last + 1
    if run:
        runs.append(run)
    return [run for run in runs if len(run) >= MIN_BRIEFS]


def _each_own_headline(page: _Page, run: list[_Unit]) -> bool:
    """Every headline's words recur in its own paragraphs, and at most half as much in a
    neighbour's: separate stories, not sub-headings of one story."""
    bodies = [_body_words(page, u) for u in run]
    for i, unit in enumerate(run):
        text = page.lines[unit.head].text
        mine = relation(text, bodies[i])
        if mine <= 0:
            return False
        if any(relation(text, bodies[j]) > mine / 2 for j in (i - 1, i + 1) if 0 <= j < len(run)):
            return False
    return True


def _topics_apart(page: _Page, run: list[_Unit]) -> bool:
    """Neighbouring briefs share few topic words (every pair): a story's sections keep its topic."""
    bodies = [_body_words(page, u) for u in run]
    return all(len(a & b) <= SHARED_WORDS * min(len(a), len(b)) for a, b in pairwise(bodies))


def _one_size(page: _Page, run: list[_Unit]) -> bool:
    """The briefs are of like size (see ``SIZE_SPREAD``)."""
    sizes = [_unit_words(page, u) for u in run]
    return max(sizes) <= SIZE_SPREAD * min(sizes)


def _parts_of_a_list(page: _Page, run: list[_Unit]) -> bool:
    """Headlines numbered (any of them): a listicle's items, one topic in parts. (A FAQ's
    questions end as sentences do: they read as paragraphs, never as a brief's headline.)"""
    return any(_NUMBERED.match(page.lines[u.head].text) for u in run)


def _stamped(page: _Page, run: list[_Unit]) -> bool:
    """Two units or more with a stamp right over the headline that is no dateline (a bare clock, a
    relative time): entries of a feed or a live blog, which the feed pass has judged already (and
    found to be one story)."""
    return sum(1 for u in run if u.head > 0 and u.stamp is None and _stamp(page, u.head - 1)) >= 2


def _dated_alike(run: list[_Unit]) -> bool:
    """Every brief has its own dateline, or none has: a dateline under the first headline only is
    a story's, over its sub-headed sections."""
    dated = sum(1 for u in run if u.stamp is not None)
    return dated in (0, len(run))


def _without_page_date(page: _Page, run: list[_Unit]) -> list[_Unit]:
    """The run with its first brief's dateline dropped when that is the page's date: printed over
    the first headline, with no prose above it on the page (the page's header), and no other brief
    dated. The page prints today's date in its header, not a date per story."""
    first = run[0]
    if first.layout is not _Layout.OVER or first.stamp is None or any(u.stamp is not None for u in run[1:]):
        return run
    if any(page.kinds[k] is Kind.PROSE for k in range(first.stamp)):
        return run
    return [_Unit(first.head, None, first.paragraphs, _Layout.NONE), *run[1:]]


def _under_a_story(page: _Page, run: list[_Unit]) -> bool:
    """More prose over the run than its largest brief holds: the run is a story's later sections
    (or the teasers closing it), not a page of briefs, which start near the top."""
    largest = max(_unit_words(page, u) for u in run)
    prose = 0
    for k in range(run[0].first):
        if page.kinds[k] is Kind.PROSE:
            prose += words(page.lines[k].text)
            if prose > largest:
                return True
    return False


def _briefs(page: _Page) -> list[list[_Unit]]:
    """The page's runs of unstamped briefs that head separate stories."""
    if not _could_hold_briefs(page):
        return []
    return [
        run
        for run in (_without_page_date(page, found) for found in _brief_runs(page))
        if not _after_end_heading(page, run)
        and not _stamped(page, run)
        and _dated_alike(run)
        and not _under_a_story(page, run)
        and not _parts_of_a_list(page, run)
        and _one_size(page, run)
        and _each_own_headline(page, run)
        and _topics_apart(page, run)
        and _apart(page, run)
    ]


def brief_articles(page: _Page, kept: list[Segment]) -> list[Segment]:
    """The articles of a page with runs of unstamped briefs: each brief an article of its own, the
    articles found before keeping only what lies outside the runs."""
    return articles_of(page, kept, _briefs)
