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
from collections.abc import Callable
from itertools import pairwise

from newsflow.extraction.dates import day_heading
from newsflow.extraction.features import line_features
from newsflow.extraction.feeds import (
    FURNITURE_LINES,
    GAP_LINES,
    UNIT_MIN_WORDS,
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
    lead_in,
)
from newsflow.extraction.layout import Kind, _Page
from newsflow.extraction.lines import relation, words
from newsflow.extraction.segments import Segment

MIN_BRIEFS = 3
"""Units in a run of briefs: fewer is a story with a sub-heading or two."""


BRIEF_MAX_PARAGRAPHS = 3
"""A brief has at most this many paragraphs; more is a story's section."""


BRIEF_MIN_WORDS = 13
"""A brief's paragraphs hold at least this many words: fewer is a caption or a teaser line."""


SIZE_SPREAD = 4
"""The largest brief of a run holds at most this many times the smallest's words: briefs are
cut to one size, a story's sections are not."""


SHARED_WORDS = 0.25
"""Share of the smaller body's topic words two neighbouring briefs may have in common: sections of
one story keep its topic words."""


_NUMBERED = re.compile(r"^\s*(?:\d+|[IVX]+)\s*[.):\-–]?\s")
"""A headline opening with a number: an item of a numbered list."""


_NUMBER = re.compile(r"(?<![\w.,:])\d+(?:[.,:]\d+)*(?![\w.,:]\d)")
"""A number standing as a word of its own (a score, a count, a time)."""


ROW_NUMBERS = 2
"""Numbers a headline holds, at least, to read as a row of a table (two sides and their scores)."""


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
        dated = j if dated is None and (page.kinds[j] is Kind.DATE or _stamp(page, j)) else dated
        j += 1
    return None if dated is None else (dated, j)


def _dated_over(page: _Page, k: int) -> int | None:
    """The dateline or the stamp (a bare clock) printed right over headline ``k``: a live blog's
    entries are stamped so too, which ``_stamped`` tells apart."""
    j = k - 1
    if j < 0 or not (page.kinds[j] is Kind.DATE or _stamp(page, j)):
        return None
    return j if k + 1 < len(page.lines) and page.kinds[k + 1] is not Kind.DATE else None


def _brief_runs(page: _Page) -> list[list[_Unit]]:
    """Runs of briefs following each other closely (a few short lines at most between two)."""
    kinds = page.kinds
    return _runs_of(
        page, lambda k: _brief_at(page, k) if kinds[k] is Kind.SHORT else None
    )  # a short line heads one


def _runs_of(page: _Page, unit_at: Callable[[int], _Unit | None]) -> list[list[_Unit]]:
    """The page's units (``unit_at`` a line, or None) in runs of at least ``MIN_BRIEFS``, each unit
    right after the one before or a few short lines (a separator, a day heading) apart."""
    runs: list[list[_Unit]] = []
    run: list[_Unit] = []
    k = 0
    n = len(page.lines)
    while k < n:
        unit = unit_at(k)
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
    neighbour's: separate stories, not sub-headings of one story. A headline whose words recur in
    no paragraph near it (a brief's body put in other words) says nothing either way, and is
    borne while most headlines, and a whole run's worth, do recur in their own."""
    bodies = [_body_words(page, u) for u in run]
    own = 0
    for i, unit in enumerate(run):
        text = page.lines[unit.head].text
        mine = relation(text, bodies[i])
        others = [relation(text, bodies[j]) for j in (i - 1, i + 1) if 0 <= j < len(run)]
        if mine <= 0 and any(other > 0 for other in others):
            return False
        if mine > 0 and any(other > mine / 2 for other in others):
            return False
        own += mine > 0
    return own >= MIN_BRIEFS and own * 3 >= len(run) * 2


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


def _rows_of_a_table(page: _Page, run: list[_Unit]) -> bool:
    """Half the headlines or more hold several numbers each (names and scores, a results table's
    rows, each with a line of comment under it): one story's table, not separate briefs."""
    rows = sum(1 for u in run if len(_NUMBER.findall(page.lines[u.head].text)) >= ROW_NUMBERS)
    return rows * 2 >= len(run)


def _stamped(page: _Page, run: list[_Unit]) -> bool:
    """Two units or more with a stamp right over the headline that is no dateline (a bare clock, a
    relative time), or under it: entries of a feed or a live blog, which the feed pass has judged already (and
    found to be one story), unless the run is a digest of small briefs (see ``_small_digest``)."""
    stamped = sum(1 for u in run if _bare_stamp(page, u.head - 1) or _bare_stamp(page, u.stamp))
    return stamped >= 2 and not _small_digest(page, run)


def _bare_stamp(page: _Page, k: int | None) -> bool:
    """Line ``k`` is a stamp that is no dateline: a bare clock, a relative time."""
    return k is not None and k >= 0 and page.kinds[k] is not Kind.DATE and _stamp(page, k)


def _small_digest(page: _Page, run: list[_Unit]) -> bool:
    """A unit smaller than the feed pass reads (``UNIT_MIN_WORDS``), so that pass never saw the run,
    and day headings over its briefs (``DAY_HEADINGS``): a digest of a few days' briefs, each with its
    clock. A live blog's small entries are stamped alike under one day: they stay one story."""
    if all(_unit_words(page, u) >= UNIT_MIN_WORDS for u in run):
        return False
    lines = range(max(0, run[0].first - GAP_LINES), run[-1].last + 1)
    return sum(1 for k in lines if _day_heading_at(page, k)) >= DAY_HEADINGS


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


DAY_HEADINGS = 2
"""Day headings a run of briefs prints over its units, at least, to be dated by them: one date over
the first brief alone is the page's date or that brief's own."""


def _under_day_headings(page: _Page, run: list[_Unit]) -> list[_Unit]:
    """The run with each undated brief dated by the day heading over an earlier brief of its day,
    when the run prints several (a digest of a few days, its briefs stamped with no time of their
    own). Otherwise the run as it was."""
    headings = [u.stamp for u in run if u.layout is _Layout.OVER and _day_heading_at(page, u.stamp)]
    if len(headings) < DAY_HEADINGS:
        return run
    dated: list[_Unit] = []
    day: int | None = None
    for unit in run:
        if unit.stamp is not None:
            day = unit.stamp if unit.layout is _Layout.OVER and _day_heading_at(page, unit.stamp) else None
            dated.append(unit)
        elif day is not None:
            dated.append(_Unit(unit.head, day, unit.paragraphs, _Layout.DAY))
        else:
            dated.append(unit)
    return dated


def _day_heading_at(page: _Page, k: int | None) -> bool:
    """Line ``k`` prints a day and nothing else (see ``day_heading``)."""
    return k is not None and day_heading(page.lines[k].text)


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


def _lead_unit(page: _Page, k: int) -> _Unit | None:
    """A brief with no headline line: a paragraph opening on a lead-in (``lead_in``), perhaps one
    more paragraph under it opening otherwise."""
    if page.kinds[k] is not Kind.PROSE or not _paragraph(page, k) or lead_in(page.lines[k].text) is None:
        return None
    n = len(page.lines)
    more = k + 1 < n and page.kinds[k + 1] is Kind.PROSE and _paragraph(page, k + 1)
    run = (k, k + 1) if more and lead_in(page.lines[k + 1].text) is None else (k,)
    if sum(words(page.lines[j].text) for j in run) < BRIEF_MIN_WORDS:
        return None
    return _Unit(k, None, run, _Layout.LEAD)


def _lead_runs(page: _Page) -> list[list[_Unit]]:
    """Runs of briefs opening on lead-ins, each right after the other or a few short lines (a
    separator, a day heading) apart."""
    return _runs_of(page, lambda k: _lead_unit(page, k) if _DASH.search(page.lines[k].text[:80]) else None)


_DASH = re.compile(r"\s[—–]\s")


def _lead_briefs(page: _Page) -> list[list[_Unit]]:
    """The page's runs of briefs opening on lead-ins that tell separate stories: neighbours apart
    in topic words and names, of one size, not under a story."""
    return [
        run
        for run in _lead_runs(page)
        if not _after_end_heading(page, run)
        and not _under_a_story(page, run)
        and _leads_differ(page, run)
        and _one_size(page, run)
        and _topics_apart(page, run)
        and _apart(page, run)
    ]


def _leads_differ(page: _Page, run: list[_Unit]) -> bool:
    """No lead-in comes twice: speakers taking turns (an interview's transcript) repeat theirs."""
    leads = [lead_in(page.lines[u.head].text) for u in run]
    return len(set(leads)) == len(leads)


def _briefs(page: _Page) -> list[list[_Unit]]:
    """The page's runs of briefs that head separate stories: under headlines, or opening on
    lead-ins where no headline run stands."""
    headed = _headed_briefs(page)
    taken = {k for run in headed for u in run for k in range(u.first, u.last + 1)}
    leads = [run for run in _lead_briefs(page) if not any(u.head in taken for u in run)]
    return sorted([*headed, *leads], key=lambda run: run[0].first)


def _headed_briefs(page: _Page) -> list[list[_Unit]]:
    """The page's runs of unstamped briefs under headlines that head separate stories."""
    if not _could_hold_briefs(page):
        return []
    return [
        run
        for run in (_under_day_headings(page, _without_page_date(page, found)) for found in _brief_runs(page))
        if not _after_end_heading(page, run)
        and not _stamped(page, run)
        and _dated_alike(run)
        and not _under_a_story(page, run)
        and not _parts_of_a_list(page, run)
        and not _rows_of_a_table(page, run)
        and _one_size(page, run)
        and _each_own_headline(page, run)
        and _topics_apart(page, run)
        and _apart(page, run)
    ]


def brief_articles(page: _Page, kept: list[Segment]) -> list[Segment]:
    """The articles of a page with runs of unstamped briefs: each brief an article of its own, the
    articles found before keeping only what lies outside the runs."""
    return articles_of(page, kept, _briefs)
