"""Feeds of short stories: a run of sibling units, each a headline, perhaps a time stamp over or
under it, and one to a few paragraphs of prose, is a list of separate stories (briefs, a latest-news
feed, a section front), however short each one is (``feed_articles``).

The earlier passes read such a page as one story: a stamp printed alone ("14:32") is too weak for a
dateline, a one-paragraph brief carries too little evidence of being an article, and the bodies
bridge the headlines between them. What tells a feed is the repetition of the unit's shape, not
its words: the same layout again and again, each headline's words recurring in its own paragraphs
more than in its neighbours', and neighbouring units naming different people and places (a live
blog's entries or a long story's sections keep naming the same ones).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise

from newsflow.extraction.articles import MIN_EXTRA_WORDS, _described_by_title, _titles_the_page
from newsflow.extraction.dates import could_be_dateline, day_heading, names_a_day
from newsflow.extraction.features import line_features
from newsflow.extraction.layout import Kind, _Page, name_like, title_like
from newsflow.extraction.lines import (
    Line,
    body_words,
    byline_names,
    is_prose,
    is_sentence,
    normalize,
    proper_names,
    relation,
    words,
)
from newsflow.extraction.memo import forget, memo_short
from newsflow.extraction.segments import Segment, closing_datelines

_DIGIT = re.compile(r"\d")
_HAS_CLOCK = re.compile(r"\d[:.h]\d\d")


STAMP_WORDS = 6
"""A stamp is this short: a time, a relative time, a day with a time, never a sentence."""


DATE_STAMP_WORDS = 14
"""A dateline with a byline on its line ("By Ann Lee | 2 hours ago") stamps a unit up to this long;
a longer line of a name and a date alone is how comments are stamped."""


HEAD_MIN_WORDS = 3
"""A headline has at least this many words (fewer is a label or a name)."""


HEAD_MAX_WORDS = 24
"""A brief's headline is at most this long (longer lines are its paragraphs)."""


UNIT_MAX_PARAGRAPHS = 4
"""A unit of a feed has at most this many paragraphs: more is a story the earlier passes read."""


STAMPED_MAX_PARAGRAPHS = 8
"""...and a unit with a stamp of its own at most this many."""


FURNITURE_LINES = 3
"""Lines (its stamp, a byline, a share button) that may stand between a unit's headline and its
paragraphs."""


UNIT_MIN_WORDS = 40
"""A unit's paragraphs hold at least this many words: a teaser's blurb is shorter."""


GAP_LINES = 4
"""Short lines (a section label, a day heading, an advert) that may stand between two units."""


GAP_WORDS = 6
"""A line between two units is this short."""


THREAD_LINES = 20
"""Lines of a comment thread that may stand between two stamped stories of a feed."""


MIN_STAMPED_UNITS = 2
"""Units in a feed whose units carry a time stamp..."""


MIN_UNSTAMPED_UNITS = 3
"""...and in one whose units have only a headline and paragraphs."""


SHARED_NAMES = 0.5
"""Share of names two neighbouring units may have in common and still be two stories..."""


SHARED_MIN = 3
"""...or fewer names than this in common: briefs from one town all name the town."""


class _Layout(Enum):
    """Where a unit's stamp stands."""

    UNDER = "stamp under the headline"
    OVER = "stamp over the headline"
    NONE = "no stamp"
    AFTER = "headline printed after the paragraphs, a stamp over them or none"
    BELOW = "stamp under the paragraphs"
    INLINE = "time printed on the headline's line"
    DAY = "a day heading over several units, the first's stamp printed over it"
    LEAD = "no headline line: a lead-in opening the first paragraph names the unit"


@dataclass(frozen=True, slots=True)
class _Unit:
    head: int
    stamp: int | None
    paragraphs: tuple[int, ...]
    layout: _Layout

    @property
    def first(self) -> int:
        own = self.stamp if self.stamp is not None and self.layout is not _Layout.DAY else self.head
        return min(self.head, self.paragraphs[0], own)

    @property
    def last(self) -> int:
        own = self.stamp if self.stamp is not None and self.layout is not _Layout.DAY else self.head
        return max(self.head, self.paragraphs[-1], own)


_CLOCK = r"\(?(?P<clock>[0-2]?\d[:.h][0-5]\d(?:\s?[ap]\.?m\.?)?)\)?"
_LEADING_CLOCK = re.compile(r"^" + _CLOCK + r"\s*[|·•—–:-]?\s+(?P<rest>\S.*)$", re.I)
_TRAILING_CLOCK = re.compile(r"^(?P<rest>.*\S)\s*[|·•—–-]?\s+" + _CLOCK + r"$", re.I)

_CLOCK_HINT = re.compile(r"\d[:.hH]\d\d")
"""What every clock of ``_CLOCK`` prints (its hour's last digit to its minutes), in any case."""


def _inline_clock(text: str) -> tuple[str, str] | None:
    """A headline printed with its time on the same line ("14:32 Pier reopens", "Pier reopens
    (14:32)"): the clock and the headline, or None."""
    if _CLOCK_HINT.search(text) is None:
        return None  # no clock anywhere: the patterns' scans of the whole line are spared
    found = _LEADING_CLOCK.match(text) or _TRAILING_CLOCK.match(text)
    if found is None or words(found["rest"]) < HEAD_MIN_WORDS:
        return None
    return found["clock"], found["rest"].strip(" |·•—–-")


class _Shapes:
    """One page's line shapes, each judged once: both readings ask them of every line many times,
    and a list lookup is cheaper than the line caches' keys (a kind and a text) hashed each time."""

    __slots__ = ("closing", "head", "judged", "page", "paragraph", "runs", "stamp")

    def __init__(self, page: _Page) -> None:
        n = len(page.lines)
        self.page = page
        self.stamp: list[bool | None] = [None] * n
        self.head: list[bool | None] = [None] * n
        self.paragraph: list[bool | None] = [None] * n
        self.runs: dict[int, tuple[int, ...]] = {}
        self.judged = False
        """Whether every line's shapes are judged (see ``_judge_all``)."""
        self.closing: frozenset[int] | None = None
        """The datelines that close their stories (see ``closing_datelines``), found when first asked."""


_CURRENT: list[_Shapes] = []
"""The shapes of the page being read (one page at a time; dropped when its feeds are found)."""


def _shapes(page: _Page) -> _Shapes:
    """The shapes of ``page``, started afresh when another page is read (the line judgements below
    look ``_CURRENT`` up themselves first: they run many times per line)."""
    current = _CURRENT[-1] if _CURRENT else None
    if current is None or current.page is not page:
        current = _Shapes(page)
        _CURRENT[:] = [current]
    return current


def _stamp(page: _Page, k: int) -> bool:
    """A short line that is only a time or a date: a dateline, or a bare clock or relative time
    that stands too weak alone for one but stamps a unit of a feed."""
    memo = (_CURRENT[-1] if _CURRENT and _CURRENT[-1].page is page else _shapes(page)).stamp
    found = memo[k]
    if found is None:
        found = memo[k] = _stamp_shaped(page.kinds[k], page.lines[k].text)
    return found


def _stamp_shaped(kind: Kind, text: str) -> bool:
    """``_stamp`` by the line's kind and text alone (both readings of a page ask it of every line)."""
    if kind is Kind.DATE:
        return _dateline_stamp(text)
    return kind is Kind.SHORT and _short_stamp(text)


@memo_short
def _dateline_stamp(text: str) -> bool:
    """A dateline short enough to stamp a unit (see ``DATE_STAMP_WORDS``)."""
    return words(text) <= STAMP_WORDS or (words(text) <= DATE_STAMP_WORDS and bool(byline_names(text)))


@memo_short
def _short_stamp(text: str) -> bool:
    """A short line that is a bare clock or relative time."""
    return words(text) <= STAMP_WORDS and _DIGIT.search(text) is not None and could_be_dateline(text)


def _closings(page: _Page) -> frozenset[int]:
    """The page's stamps that close the stories over them (see ``closing_datelines``)."""
    shapes = _shapes(page)
    if shapes.closing is None:
        shapes.closing = closing_datelines(page) | closing_datelines(page, _story_stamp)
    return shapes.closing


def _closing(page: _Page, k: int) -> bool:
    """Line ``k`` is a stamp closing the story over it: a unit's stamp under its paragraphs, not
    over the next headline."""
    return k in _closings(page)


def _opens_no_unit(page: _Page, k: int) -> bool:
    """The stamp at line ``k`` is no stamp over a headline: it closes the story before, or it is a
    day heading on a page whose stories are stamped after their paragraphs."""
    closings = _closings(page)
    return k in closings or (bool(closings) and day_heading(page.lines[k].text))


def _story_stamp(page: _Page, k: int) -> bool:
    """A stamp that dates one story (a clock, a dateline), not a day heading over a day's stories."""
    return _stamp(page, k) and not day_heading(page.lines[k].text)


def _head(page: _Page, k: int) -> bool:
    """A headline-shaped line: a few words, not a sentence ending in a full stop or a colon, not a
    stamp, a byline, a section label or furniture."""
    memo = (_CURRENT[-1] if _CURRENT and _CURRENT[-1].page is page else _shapes(page)).head
    found = memo[k]
    if found is None:
        found = memo[k] = (
            not page.labels[k] and not page.credits[k] and _head_shaped(page.kinds[k], page.lines[k].text)
        )
    return found


_HEAD_KINDS = (Kind.SHORT, Kind.PROSE, Kind.CAPTION)
"""The kinds of line a headline may have."""


def _head_shaped(kind: Kind, text: str) -> bool:
    """``_head`` by the line's kind and text alone."""
    return kind in _HEAD_KINDS and _head_text(text) and not _stamp_shaped(kind, text)


@memo_short
def _head_text(text: str) -> bool:
    """A headline's length and shape, not ending as a sentence or a lead-in does."""
    return (
        HEAD_MIN_WORDS <= words(text) <= HEAD_MAX_WORDS
        and title_like(text)
        and not text.rstrip().endswith((".", ":", "…", "..."))
    )


_CUT_SHORT = re.compile(r"(?:…|\.\.\.)[\])]*$")
"""A blurb cut short: it ends in an ellipsis, bare or in brackets ("[…]")."""


def _paragraph(page: _Page, k: int) -> bool:
    """A whole paragraph of prose, or a short sentence (not a blurb cut short with "…")."""
    memo = (_CURRENT[-1] if _CURRENT and _CURRENT[-1].page is page else _shapes(page)).paragraph
    found = memo[k]
    if found is None:
        found = memo[k] = _paragraph_shaped(page.kinds[k], page.lines[k].text)
    return found


def _paragraph_shaped(kind: Kind, text: str) -> bool:
    """``_paragraph`` by the line's kind and text alone."""
    if kind is Kind.PROSE:
        return _paragraph_text(text)
    return kind is Kind.SHORT and is_sentence(text) and _paragraph_text(text)


@memo_short
def _paragraph_text(text: str) -> bool:
    """Long, or a whole sentence, and not cut short."""
    return (words(text) > HEAD_MAX_WORDS // 2 or line_features(text).sentence_end) and not _CUT_SHORT.search(
        text.rstrip()
    )


def _paragraphs(page: _Page, start: int, *, stamped: bool) -> tuple[int, ...]:
    """The paragraphs of a unit starting at ``start``, with a stamped unit's later entries (see
    ``_with_entries``), or none when they are too long, too short or cut short."""
    run = _paragraph_run(page, start, stamped=stamped)
    if run and stamped:
        run = _with_entries(page, run)
    if sum(words(page.lines[j].text) for j in run) < UNIT_MIN_WORDS:
        return ()
    if not line_features(page.lines[run[-1]].text).sentence_end:
        return ()  # a blurb cut short mid-sentence (a "read more" follows): a teaser
    return run


def _paragraph_run(page: _Page, start: int, *, stamped: bool) -> tuple[int, ...]:
    """The run of paragraphs starting at ``start`` (empty when there is none or it is too long:
    a stamped unit may run longer, its stamp heads it as a story). Both readings and the trailing
    stamp's look ask it of the same start: the scan is remembered per page."""
    runs = _shapes(page).runs
    run = runs.get(start)
    if run is None:
        run = runs[start] = _scan_paragraphs(page, start)
    return () if len(run) > (STAMPED_MAX_PARAGRAPHS if stamped else UNIT_MAX_PARAGRAPHS) else run


def _scan_paragraphs(page: _Page, start: int) -> tuple[int, ...]:
    """The paragraphs from ``start`` on, across captions and adverts; empty past a stamped unit's
    length (a long story's paragraphs) or when ``start`` is no paragraph's opening."""
    n = len(page.lines)
    run: list[int] = []
    k = start
    while k < n:
        if _paragraph(page, k):
            run.append(k)
            if len(run) > STAMPED_MAX_PARAGRAPHS:
                return ()  # a long story's paragraphs: no unit of a feed
        elif not (run and k + 1 < n and _inside(page, k) and _paragraph(page, k + 1)):
            break
        k += 1
    if not run or words(page.lines[start].text) <= HEAD_MAX_WORDS // 2:
        return ()
    return tuple(run)


def _inside(page: _Page, k: int) -> bool:
    """A line a story's paragraphs run across: a photo's caption, an advert, a pull quote; not a
    headline or a stamp (the next unit's)."""
    kind = page.kinds[k]
    return kind in (Kind.CAPTION, Kind.CHROME) or (
        kind is Kind.SHORT and not _head(page, k) and not _stamp(page, k) and not page.labels[k]
    )


def _unit_at(page: _Page, k: int, after: bool) -> _Unit | None:
    """The unit starting at line ``k`` in one reading of the page: headlines printed after their
    paragraphs, or over them."""
    return _unit_after(page, k) if after else _unit_before(page, k)


def _unit_before(page: _Page, k: int) -> _Unit | None:
    """A unit whose headline is printed over its paragraphs: a stamp over the headline, or under
    it among a few lines of furniture (a byline, a share button), or none."""
    n = len(page.lines)
    stamp = k if _stamp(page, k) else None
    if stamp is not None and _opens_no_unit(page, k):
        return None  # the unit starts at the headline under it
    head = k + 1 if stamp is not None else k
    if stamp is not None and head + 1 < n and _kicker(page, head) and _head(page, head + 1):
        head += 1  # a section's kicker between the stamp and the headline
    if head >= n or not _head(page, head):
        return None
    standfirst = _standfirst(page, head)
    j = head + 1 + (standfirst is not None)
    under = None  # a stamp under the headline is its own; one over it may be a day heading
    while j < n and j - head <= FURNITURE_LINES + (standfirst is not None) and _furniture(page, j):
        under = j if under is None and _stamp(page, j) else under
        j += 1
    if under is None and _inline_clock(page.lines[head].text) is not None:
        under = head  # its own time on its line: a stamp over it is a day heading
    stamp = under if under is not None else stamp
    if stamp is None and (page.kinds[head] is Kind.PROSE or j > head + 1):
        return None
    trailing = stamp is None and _stamp_after(page, j)
    run = _paragraphs(page, j, stamped=stamp is not None or trailing)
    if not run:
        return None
    if standfirst is not None:
        run = (standfirst, *run)
    if trailing and run[-1] + 1 < n and _stamp(page, run[-1] + 1):
        return _Unit(head, run[-1] + 1, run, _Layout.BELOW)
    layout = (
        _Layout.NONE
        if stamp is None
        else _Layout.INLINE
        if stamp == head
        else _Layout.OVER
        if stamp < head
        else _Layout.UNDER
    )
    return _Unit(head, stamp, run, layout)


def _kicker(page: _Page, k: int) -> bool:
    """A kicker: one to three capitalised words over a headline naming its section."""
    text = page.lines[k].text
    return page.kinds[k] is Kind.SHORT and words(text) < HEAD_MIN_WORDS and name_like(text)


def _standfirst(page: _Page, head: int) -> int | None:
    """A paragraph printed between a headline and its stamp (bylines or buttons between it and
    the stamp, the story's paragraphs right under them): its summary, the first of its paragraphs.
    A stamp with a headline under it is the next unit's."""
    n = len(page.lines)
    first = head + 1
    if first + 1 >= n or not _paragraph(page, first) or _paragraph(page, first + 1):
        return None
    k = first + 1
    stamped = False
    while k < n and k - first <= FURNITURE_LINES and _furniture(page, k):
        stamped = stamped or _stamp(page, k)
        k += 1
    return first if stamped and k < n and _paragraph(page, k) else None


def _stamp_after(page: _Page, start: int) -> bool:
    """A stamp printed right after the paragraphs starting at ``start`` (a brief's time under it),
    not right over the next headline (that one's stamp printed over it)."""
    n = len(page.lines)
    run = _paragraph_run(page, start, stamped=True)
    k = run[-1] + 1 if run else n
    return k < n and _stamp(page, k) and (_closing(page, k) or not (k + 1 < n and _head(page, k + 1)))


def _with_entries(page: _Page, run: tuple[int, ...]) -> tuple[int, ...]:
    """A stamped unit's paragraphs and the entries after them, each a stamp over paragraphs with
    no headline of its own: a live blog's updates are more of its one story."""
    n = len(page.lines)
    k = run[-1] + 1
    while k + 1 < n and _stamp(page, k) and _paragraph(page, k + 1):
        end = k + 1
        while end + 1 < n and _paragraph(page, end + 1):
            end += 1
        run = (*run, *range(k, end + 1))
        k = end + 1
    return run


def _furniture(page: _Page, k: int) -> bool:
    """A line between a unit's headline and its paragraphs: its stamp, a byline, a button, a
    photo's caption."""
    text = page.lines[k].text
    return (
        _stamp(page, k)
        or page.credits[k]
        or page.kinds[k] in (Kind.CHROME, Kind.CAPTION)
        or (page.kinds[k] is Kind.SHORT and name_like(text))
    )


def _unit_after(page: _Page, k: int) -> _Unit | None:
    """A unit whose headline is printed after its paragraphs (a stamp over them or none)."""
    if k > 0 and _paragraph(page, k - 1):
        return None  # inside a run of paragraphs, which a unit starts at its first
    stamp = k if _stamp(page, k) else None
    run = _paragraphs(page, k + 1 if stamp is not None else k, stamped=stamp is not None)
    if not run or run[-1] + 1 >= len(page.lines):
        return None
    head = run[-1] + 1
    if not _head(page, head) or page.kinds[head] is Kind.PROSE:
        return None
    return _Unit(head, stamp, run, _Layout.AFTER)


def _gap_ok(page: _Page, last: int, first: int) -> bool:
    """Only a few short lines (a label, a day heading, an advert, a comment counter) or captions
    (a photo's, printing the headline again) stand between two units."""
    gap = range(last + 1, first)
    return len(gap) <= GAP_LINES and all(
        page.kinds[k] is Kind.CAPTION
        or (page.kinds[k] is not Kind.PROSE and words(page.lines[k].text) <= GAP_WORDS)
        for k in gap
    )


def _after_end_heading(page: _Page, run: list[_Unit]) -> bool:
    """The run stands right under an end-of-article heading ("Related", "More") with a story over it:
    a list of teasers closing that story, not a feed of stories. Over no prose at all, the heading
    is the page's header over its feed."""
    first = run[0].first
    return any(
        page.kinds[k] is Kind.END and any(page.kinds[j] is Kind.PROSE for j in range(k))
        for k in range(max(0, first - GAP_LINES - 1), first)
    )


def _story(unit: _Unit) -> bool:
    """A stamped unit of two paragraphs or more: a story, not a brief."""
    return unit.stamp is not None and len(unit.paragraphs) >= 2


def _thread_between(page: _Page, before: _Unit, after: _Unit) -> bool:
    """Two stamped stories with a comment thread between them: stamped entries without headlines
    (a name over each), less prose than either story. The thread does not join them."""
    if not (_story(before) and _story(after)) or after.first - before.last - 1 > THREAD_LINES:
        return False
    gap = range(before.last + 1, after.first)
    prose = sum(words(page.lines[k].text) for k in gap if page.kinds[k] is Kind.PROSE)
    smaller = min(_unit_words(page, before), _unit_words(page, after))
    return (
        any(_stamp(page, k) for k in gap)
        and not any(_head(page, k) and words(page.lines[k].text) > GAP_WORDS for k in gap)
        and prose < smaller
    )


def _unit_words(page: _Page, unit: _Unit) -> int:
    return sum(words(page.lines[k].text) for k in unit.paragraphs)


def _judge_all(page: _Page) -> _Shapes:
    """Every line's stamp, headline and paragraph shapes, judged in one sweep: a reading asks them of
    nearly every line anyway, and filling the lists at once spares a call per line and question."""
    shapes = _shapes(page)
    if shapes.judged:
        return shapes
    shapes.judged = True
    kinds, labels, credits = page.kinds, page.labels, page.credits
    stamp, head, paragraph = shapes.stamp, shapes.head, shapes.paragraph
    for k, line in enumerate(page.lines):
        kind, text = kinds[k], line.text
        if stamp[k] is None:
            stamp[k] = _stamp_shaped(kind, text)
        if head[k] is None:
            # ``_head_shaped``, its stamp test already answered
            head[k] = not (labels[k] or credits[k] or stamp[k]) and kind in _HEAD_KINDS and _head_text(text)
        if paragraph[k] is None:
            paragraph[k] = (
                _paragraph_text(text)
                if kind is Kind.PROSE
                else kind is Kind.SHORT and is_sentence(text) and _paragraph_text(text)
            )
    return shapes


def _starts(page: _Page, after: bool) -> list[int]:
    """The lines where a unit can start in one reading, by what each reading needs there first:
    over its paragraphs, a headline at the line (or past its stamp and a kicker); after them, the
    first of a run of paragraphs (or a stamp right over one). Every other line gives no unit."""
    shapes = _judge_all(page)
    stamp, head, paragraph = shapes.stamp, shapes.head, shapes.paragraph
    n = len(page.lines)
    if after:
        return [
            k
            for k in range(n)
            if not (k > 0 and paragraph[k - 1])
            and (paragraph[k] if not stamp[k] else (k + 1 < n and paragraph[k + 1]))
        ]
    return [
        k
        for k in range(n)
        if head[k] or (stamp[k] and ((k + 1 < n and head[k + 1]) or (k + 2 < n and head[k + 2])))
    ]


def _runs(page: _Page, after: bool) -> list[list[_Unit]]:
    """Runs of units of one layout following each other closely, tried only where a unit can start."""
    runs: list[list[_Unit]] = []
    run: list[_Unit] = []
    starts = _starts(page, after)
    at = 0
    while at < len(starts):
        k = starts[at]
        unit = _unit_at(page, k, after)
        if unit is None:
            at += 1
            continue
        if run and not (
            (unit.layout is run[-1].layout and _gap_ok(page, run[-1].last, unit.first))
            or _thread_between(page, run[-1], unit)
        ):
            runs.append(run)
            run = []
        run.append(unit)
        at = bisect_left(starts, unit.last + 1, at + 1)
    if run:
        runs.append(run)
    return runs


def _body_words(page: _Page, unit: _Unit) -> set[str]:
    return body_words(page.lines[k].text for k in unit.paragraphs)


def _names(page: _Page, unit: _Unit) -> set[str]:
    return {name for k in unit.paragraphs for name in proper_names(page.lines[k].text)}


def _own_headlines(page: _Page, run: list[_Unit]) -> bool:
    """Each headline's words recur in its own paragraphs more than in a neighbour's (two of three
    units at least): headlines of separate stories, not subheadings of one."""
    bodies = [_body_words(page, u) for u in run]
    own = 0
    for i, unit in enumerate(run):
        text = page.lines[unit.head].text
        mine = relation(text, bodies[i])
        others = [relation(text, bodies[j]) for j in (i - 1, i + 1) if 0 <= j < len(run)]
        own += mine > 0 and mine > max(others, default=-1.0)
    return own * 3 >= len(run) * 2


def _apart(page: _Page, run: list[_Unit]) -> bool:
    """Neighbouring units name different people and places (most pairs): separate stories, not
    a live blog's entries or a long story's sections about the same ones."""
    names = [_names(page, u) for u in run]
    pairs = list(pairwise(names))
    close = sum(1 for a, b in pairs if len(a & b) >= max(SHARED_MIN, SHARED_NAMES * min(len(a), len(b))))
    return close * 2 < len(pairs)


def _headlines_printed_again(page: _Page, run: list[_Unit]) -> bool:
    """Most of the units' headlines are printed again together, one next to the other, away from
    their units (an index of the headlines over the stories): a feed without stamps shows itself
    so, since a long story's subheadings over a few paragraphs each have the same shape."""
    inside = {k for unit in run for k in range(unit.first, unit.last + 1)}
    prints = [
        [k for k, key in enumerate(page.tkeys) if key == page.tkeys[unit.head] and k not in inside]
        for unit in run
    ]
    listed = {k for found in prints for k in found}
    indexed = sum(1 for found in prints if any(k - 1 in listed or k + 1 in listed for k in found))
    return indexed * 3 >= len(run) * 2


STAMP_HEAD_DISTANCE = FURNITURE_LINES + 2
"""How far under its headline a unit's stamp may stand (past a standfirst and the furniture)."""


def _could_hold_feed(page: _Page) -> bool:
    """What every feed needs, checked line by line before any unit is built: two stamps each
    placed as a unit places one (by a headline with paragraphs under it, or at the edge of a
    paragraph), or two headlines printed again next to each other elsewhere (the index an
    unstamped feed needs). Most pages have neither, and reading them unit by unit
    twice is the costly part of this pass."""
    stamps = 0
    memo = (_CURRENT[-1] if _CURRENT and _CURRENT[-1].page is page else _shapes(page)).stamp
    kinds = page.kinds
    for k, line in enumerate(page.lines):
        stamp = memo[k]
        if stamp is None:
            stamp = memo[k] = _stamp_shaped(kinds[k], line.text)
        if stamp:
            stamps += _placed_stamp(page, k)
        elif _HAS_CLOCK.search(line.text) and _head(page, k) and _inline_clock(line.text):
            stamps += 1
        if stamps >= MIN_STAMPED_UNITS:
            return True
    return _indexed_heads(page)


def _placed_stamp(page: _Page, k: int) -> bool:
    """A stamp at line ``k`` standing where some layout puts a unit's: over a headline (past a
    kicker) or under one, with paragraphs soon after; right over paragraphs or right under them."""
    n = len(page.lines)
    after = range(k + 1, min(n, k + 1 + STAMP_HEAD_DISTANCE))
    return (
        (k + 1 < n and _paragraph(page, k + 1))
        or (k > 0 and _paragraph(page, k - 1))
        or (
            any(_head(page, j) for j in range(k + 1, min(n, k + 3)))
            and any(_paragraph(page, j) for j in range(k + 2, min(n, k + 3 + STAMP_HEAD_DISTANCE)))
        )
        or (
            any(_head(page, j) for j in range(max(0, k - STAMP_HEAD_DISTANCE), k))
            and any(_paragraph(page, j) for j in after)
        )
    )


def _indexed_heads(page: _Page) -> bool:
    """Two headlines printed again elsewhere, those prints next to each other: what
    ``_headlines_printed_again`` needs of a feed whose units are not all stamped."""
    counts = Counter(page.tkeys)
    keys = {key for k, key in enumerate(page.tkeys) if counts[key] > 1 and _head(page, k)}
    return any(a in keys and b in keys for a, b in pairwise(page.tkeys))


def _feeds(page: _Page) -> list[list[_Unit]]:
    """The page's feeds: runs of enough sibling units that head separate stories, in the reading
    (headlines over their paragraphs, or after them) that finds more such units."""
    if not _could_hold_feed(page):
        return []
    readings = [_feeds_read(page, after) for after in (False, True)]
    return max(readings, key=lambda feeds: sum(len(run) for run in feeds))


def _feeds_read(page: _Page, after: bool) -> list[list[_Unit]]:
    """The feeds of one reading of the page (see ``_feeds``)."""
    out: list[list[_Unit]] = []
    for run in _runs(page, after):
        stamped = all(unit.stamp is not None for unit in run)
        needed = MIN_STAMPED_UNITS if stamped else MIN_UNSTAMPED_UNITS
        if len(run) < needed or _after_end_heading(page, run):
            continue
        if not (stamped or _headlines_printed_again(page, run)):
            continue
        if _own_headlines(page, run) and _apart(page, run):
            out.append(run)
    return out


def _day_over(page: _Page, k: int, floor: int, stamps: set[int]) -> Line | None:
    """The nearest line over ``k`` (down to ``floor``, past the units' own stamps) printing a day
    and no clock alone: the day heading a feed's bare clocks belong to."""
    for j in range(k - 1, floor - 1, -1):
        text = page.lines[j].text
        if j in stamps or words(text) > STAMP_WORDS:
            continue
        if page.kinds[j] in (Kind.DATE, Kind.SHORT) and names_a_day(text):
            return page.lines[j]  # a day without a clock: not a relative time or another stamp
    return None


def _dateline(page: _Page, unit: _Unit, floor: int, stamps: set[int]) -> Line | None:
    """The unit's stamp; a bare clock gets the day heading over it, so it reads as a date."""
    if unit.stamp is None:
        return None
    stamp = page.lines[unit.stamp]
    inline = _inline_clock(stamp.text) if unit.stamp == unit.head else None
    if inline is not None:
        stamp = Line(stamp.number, inline[0], normalize(inline[0]))
    elif page.kinds[unit.stamp] is Kind.DATE:
        return stamp
    day = _day_over(page, unit.first, floor, stamps)
    if day is None:
        return stamp
    text = _dated_stamp(day.text, stamp.text)
    return Line(stamp.number, text, normalize(text))


_CLOCK_AT = re.compile(r"(?<![\d.:])[0-2]?\d[:.h][0-5]\d")


def _dated_stamp(day: str, stamp: str) -> str:
    """A bare clock's stamp with the day heading over it written in right before its clock: the
    fields a stamp prints before its time ("By Ann Lee · 14:05") would part the day from it."""
    clock = _CLOCK_AT.search(stamp)
    at = clock.start() if clock is not None else 0
    return f"{stamp[:at]}{day} {stamp[at:]}"


def _title_text(page: _Page, unit: _Unit) -> str:
    """The unit's headline as printed, without a clock printed on its line."""
    if unit.layout is _Layout.LEAD:
        return lead_in(page.lines[unit.head].text) or page.lines[unit.head].text
    inline = _inline_clock(page.lines[unit.head].text) if unit.stamp == unit.head else None
    return inline[1] if inline is not None else page.caption(unit.head)


_LEAD_IN = re.compile(r"^(?P<lead>\w[^—–]{0,60}?)\s+[—–]\s+\S")
"""A paragraph opening on a few words and a dash ("Place (Agency) — ..."): a brief's lead-in."""
_AGENCY = re.compile(r"\s*\([^()]{1,20}\)$")


def lead_in(text: str) -> str | None:
    """The lead-in opening a paragraph: a name of one to four words (a place), perhaps an agency in
    brackets after it, then a dash; None when the paragraph opens otherwise."""
    found = _LEAD_IN.match(text)
    if found is None:
        return None
    lead = found.group("lead")
    return lead if name_like(_AGENCY.sub("", lead)) else None


def _segment(page: _Page, unit: _Unit, floor: int, stamps: set[int]) -> Segment:
    head = page.lines[unit.head]
    body = [page.lines[k] for k in unit.paragraphs]
    return Segment(
        body=body,
        title=head,
        title_text=_title_text(page, unit),
        dateline=_dateline(page, unit, floor, stamps),
        region=(page.lines[unit.first].number, page.lines[unit.last].number),
        strong=True,
    )


def _trimmed(seg: Segment, taken: set[int]) -> Segment | None:
    """What is left of an earlier segment once the feed's lines are taken out of it: nothing when
    too little prose remains."""
    body = [line for line in seg.body if line.number not in taken]
    if len(body) == len(seg.body):
        return seg
    if sum(words(line.text) for line in body if is_prose(line.text)) < MIN_EXTRA_WORDS:
        return None  # what the units left between them: a thread, a caption, a box
    seg.body = body
    if seg.title is not None and seg.title.number in taken:
        seg.title, seg.title_text, seg.strong = None, None, False
    if seg.dateline is not None and seg.dateline.number in taken:
        seg.dateline = None
    seg.region = (min(seg.region[0], body[0].number), body[-1].number)
    return seg


def _stamps_close_kept(page: _Page, kept: list[Segment], run: list[_Unit]) -> bool:
    """Most of the run's stamps over headlines are datelines the stories found before read as
    closing the story above them (the page prints each dateline after its story): the run reads
    them the other way round, so it is no feed."""
    closing = {s.dateline.number for s in kept if s.dateline and s.dateline.number > s.body[-1].number}
    over = [u.stamp for u in run if u.layout is _Layout.OVER and u.stamp is not None]
    return bool(over) and sum(page.lines[k].number in closing for k in over) * 2 > len(run)


def clear_feed_caches() -> None:
    """Forget the remembered line shapes (benchmarks measure cold pages)."""
    for shaped in (_dateline_stamp, _short_stamp, _head_text, _paragraph_text):
        forget(shaped)


def feed_articles(page: _Page, kept: list[Segment]) -> list[Segment]:
    """The articles of a page with feeds: each unit of a feed is an article of its own, and the
    articles found before keep only what lies outside the feeds."""
    return articles_of(page, kept, _feeds)


def articles_of(
    page: _Page, kept: list[Segment], find_runs: Callable[[_Page], list[list[_Unit]]]
) -> list[Segment]:
    """The articles of the runs ``find_runs`` finds on ``page`` (feeds, briefs), the page's memo of
    line shapes dropped once they are found."""
    try:
        runs = find_runs(page)
    finally:
        _CURRENT.clear()  # no page stays pinned
    return articles_of_runs(page, kept, runs)


def articles_of_runs(page: _Page, kept: list[Segment], feeds: list[list[_Unit]]) -> list[Segment]:
    """Each unit of the runs an article of its own, the articles found before keeping only what
    lies outside the runs; ``kept`` as it was when the units head one story's own page."""
    feeds = [run for run in feeds if not _stamps_close_kept(page, kept, run)]
    if not feeds:
        return kept
    taken: set[int] = set()
    units: list[Segment] = []
    floor = 0
    stamps = {unit.stamp for run in feeds for unit in run if unit.stamp is not None}
    for run in feeds:
        for unit in run:
            taken.update(page.lines[k].number for k in range(unit.first, unit.last + 1))
            units.append(_segment(page, unit, floor, stamps))
        floor = run[-1].last + 1
    first = page.lines[0].key
    if any(_titles_the_page(unit, first) for unit in units) or _described_by_title(units, first):
        return kept  # one story's own page: the rest beside it are its boxes (see ``_page_story``)
    rest = [s for s in (_trimmed(seg, taken) for seg in kept) if s is not None]
    return sorted([*rest, *units], key=lambda s: s.body[0].number)
