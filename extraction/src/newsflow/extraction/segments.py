"""Segments: each story with the headline, dateline and region chosen for it (``_segments``), the
third pass of :mod:`newsflow.extraction.text`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import takewhile

from newsflow.extraction.blocks import NEAR, _Group, _head_before, _last_end, lead_dateline
from newsflow.extraction.dates import could_be_dateline, day_heading, parse_dateline
from newsflow.extraction.layout import (
    Kind,
    _Page,
    headline_like,
    line_kind,
    menu_shaped,
    name_like,
    title_like,
)
from newsflow.extraction.lines import (
    Line,
    body_words,
    content_words,
    is_prose,
    is_sentence,
    link_row,
    normalize,
    relation,
    title_case_ratio,
    words,
)


@dataclass(slots=True)
class Segment:
    """One article found on a text page."""

    body: list[Line]
    title: Line | None = None
    title_text: str | None = None
    dateline: Line | None = None
    category: Line | None = None
    byline: Line | None = None
    region: tuple[int, int] = (0, 0)
    captions: list[Line] = field(default_factory=list)
    strong: bool = False
    soft: bool = False
    continues: bool = False
    after_list: bool = False
    topic_cut: bool = False


def _title_at_end(page: _Page, seg: Segment, index: dict[int, int]) -> None:
    """A body whose last line is headline-shaped and closes the article: its headline printed after it
    (a share bar or a button may still follow it), at the page's end or over its furniture."""
    if len(seg.body) < 2:
        return
    end = index[seg.body[-1].number]
    if end + 1 < len(page.lines) and page.kinds[end + 1] not in (Kind.END, Kind.CHROME, Kind.CAPTION):
        return
    at = len(seg.body) - 1
    while (
        at > 1 and len(seg.body) - at <= TRAILING_FURNITURE and _furniture(page, index[seg.body[at].number])
    ):
        at -= 1
    last = index[seg.body[at].number]
    text = page.lines[last].text
    if page.kinds[last] is not Kind.SHORT or not headline_like(text) or is_sentence(text):
        return
    if _first_line_title(seg) is not None:
        topic = content_words(" ".join(line.text for line in seg.body[1:at]))
        if relation(seg.body[0].text, topic) >= relation(text, topic):
            return  # the first line is the better headline: its words recur in the body
    seg.title, seg.title_text = page.lines[last], text
    seg.body = seg.body[:at]


TRAILING_FURNITURE = 2
"""Lines of furniture (a share bar, a button) a headline printed after its body may have under it."""


def _furniture(page: _Page, k: int) -> bool:
    """A share bar, a row of links or a button: furniture, whatever it says."""
    return page.kinds[k] is Kind.CHROME or page.buttons[k] or link_row(page.lines[k].text)


SHORT_REPEAT_WORDS = 6
"""A repeated line this short over a body may be a button printed with every story ("Post it")."""


HEADER_SPAN = 10
"""How many lines above a body its headline may stand (byline, dateline, share and listen lines between)."""


def _head_score(page: _Page, k: int, topic: set[str], body_start: int) -> float:
    """How well line ``k`` reads as the headline of the body starting at ``body_start``: its words
    recurring in the body first, then being printed as a headline, its shape, its closeness."""
    text = page.lines[k].text
    score = 2 * max(0.0, relation(text, topic)) - 0.03 * (body_start - k)
    score += 0.6 if page.heads[k] else 0.0
    score += 0.3 if words(text) >= 5 or title_case_ratio(text) >= 0.6 else 0.0
    return score


def _header_candidates(page: _Page, lo: int, body_start: int, taken: str | None) -> list[int]:
    """Lines above a body that could be its headline: title-shaped, not a byline, a date, a section
    label, a name or a row of links; up to the previous body or an end-of-article heading."""
    out: list[int] = []
    for k in range(body_start - 1, max(lo, body_start - HEADER_SPAN) - 1, -1):
        kind = page.kinds[k]
        text = page.lines[k].text
        if kind is Kind.END or (kind is Kind.PROSE and words(text) >= 25 and not page.heads[k]):
            break
        if (
            kind in (Kind.SHORT, Kind.PROSE)
            and not page.labels[k]
            and title_like(text)
            and (words(text) >= 3 or page.heads[k] or name_like(text))
            and not page.credits[k]
            and not page.buttons[k]
            and page.tkeys[k] != taken
            and not (_counter_shaped(text) and _under_dateline(page, lo, k))
            and not day_heading(text)
        ):
            out.append(k)
    return out


COUNTER_WORDS = 5
"""Words after the number of a counter ("76 people have commented", "4 min read")."""


def _counter_shaped(text: str) -> bool:
    """A number, then a few lower-case words: a count of readers, comments or minutes, not a title."""
    tokens = [t for t in text.split() if any(c.isalnum() for c in t)]
    return (
        2 <= len(tokens) <= COUNTER_WORDS + 1
        and tokens[0].replace(",", "").replace(".", "").isdigit()
        and all(t[:1].islower() for t in tokens[1:])
    )


def _under_dateline(page: _Page, lo: int, k: int) -> bool:
    """A dateline stands close over line ``k``: it is in the story's head under its date, where the
    counters and buttons stand, not the headline over them."""
    return any(page.kinds[j] is Kind.DATE for j in range(max(lo, k - NEAR), k))


def _header_headline(
    page: _Page, lo: int, body_start: int, topic: set[str], taken: str | None = None
) -> int | None:
    """The best headline among the lines above a body (see ``_head_score``), or None."""
    candidates = [
        k
        for k in _header_candidates(page, lo, body_start, taken)
        # a name over a body is its author's, unless the body keeps saying it (a two-word headline)
        if not name_like(page.lines[k].text) or relation(page.lines[k].text, topic) >= 0.5
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda k: _head_score(page, k, topic, body_start))
    if best - 1 in candidates and _deck_under(page, best - 1, best, topic):
        return best - 1
    return _head_over_deck(page, best, candidates, topic)


def _head_over_deck(page: _Page, deck: int, candidates: list[int], topic: set[str]) -> int:
    """The printed headline over the standfirst ``deck`` when only a photo's furniture stands between
    them (its buttons, credit and the name it shows): the standfirst sums the body up, so its words
    recur more, but the headline is the title. ``deck`` itself when there is none."""
    k = deck - 1
    while (
        k > max(0, deck - NEAR)
        and not page.heads[k]
        and (
            page.buttons[k]
            or page.credits[k]
            or page.kinds[k] in (Kind.CHROME, Kind.CAPTION)
            or name_like(page.lines[k].text)
        )
    ):
        k -= 1
    if k in candidates and page.heads[k] and _deck_under(page, k, deck, topic):
        return k
    return deck


def _deck_under(page: _Page, head: int, deck: int, topic: set[str]) -> bool:
    """Line ``deck`` is the standfirst printed right under the headline ``head``: a sentence (or a
    line ending in a full stop) longer than the title-shaped line over it, whose words the body
    repeats too. The deck sums the body up, so its words recur more, but the headline is the title."""
    head_text, deck_text = page.lines[head].text, page.lines[deck].text
    return (
        (is_sentence(deck_text) or deck_text.rstrip().endswith("."))
        and not is_sentence(head_text)
        and not head_text.rstrip().endswith((".", ":"))
        and words(head_text) < words(deck_text)
        and (page.heads[head] or relation(head_text, topic) > 0)
    )


def _weak_title_before(page: _Page, first: int, body_start: int, taken: str | None = None) -> int | None:
    """A title-shaped line close before a body, skipping labels, datelines, bylines, chrome and the
    previous article's headline."""
    k = body_start - 1
    steps = 0
    while k >= first and steps < NEAR:
        line = page.lines[k]
        kind = page.kinds[k]
        if kind is Kind.END:
            return None
        if (
            kind is Kind.SHORT
            and not page.labels[k]
            and title_like(line.text)
            and not page.credits[k]
            and not page.buttons[k]
            and not menu_shaped(line.text)
            and page.tkeys[k] != taken
        ):
            return k
        k -= 1
        steps += 1
    return None


def _first_stop(page: _Page, first: int, last: int) -> int | None:
    """The first line among first..last that no story runs past: an end-of-article heading, or a
    dateline opening the next story (marked as a label, see ``layout``)."""
    return next(
        (
            k
            for k in range(first, last + 1)
            if page.kinds[k] is Kind.END or (page.kinds[k] is Kind.DATE and page.labels[k])
        ),
        None,
    )


def _title_after(page: _Page, body_end: int, last: int, topic: set[str]) -> tuple[int | None, bool]:
    """The headline a body's captions repeat after it: (index, is it a repeated headline). Among
    title-shaped lines close after it, the one whose words recur in the body (``topic``) most, a
    caption before a plain line."""
    stop = _first_stop(page, body_end + 1, last)
    limit = last if stop is None else stop - 1
    printed = next((k for k in range(body_end + 1, limit + 1) if page.heads[k]), None)
    if printed is not None and printed > body_end + NEAR and _dated_list_item(page, printed):
        printed = None  # a list of dated headlines past the body's furniture: a box of its own
    candidates = [
        k
        for k in range(body_end + 1, min(limit, body_end + NEAR) + 1)
        if page.kinds[k] in (Kind.SHORT, Kind.CAPTION) and title_like(page.caption(k)) and not page.buttons[k]
    ]
    if printed is not None and not _outdone(page, printed, candidates, topic):
        return printed, True
    if stop is not None and stop - 1 > body_end + NEAR and _closing_headline(page, stop - 1, topic):
        candidates.append(stop - 1)
    if not candidates:
        return None, False
    best = max(
        candidates,
        key=lambda k: (relation(page.caption(k), topic), page.kinds[k] is Kind.CAPTION, -k),
    )
    return best, False


def _dated_list_item(page: _Page, k: int) -> bool:
    """The headline at ``k`` is one of a list of dated headlines (each over its own dateline, the next
    headline right under that date): an item of a "latest stories" box, which, standing beyond the
    body's furniture, is no headline printed after that body."""
    n = len(page.lines)
    if k + 1 >= n or page.kinds[k + 1] is not Kind.DATE:
        return False
    return (k + 3 < n and page.heads[k + 2] and page.kinds[k + 3] is Kind.DATE) or (
        k >= 2 and page.kinds[k - 1] is Kind.DATE and page.heads[k - 2]
    )


def _outdone(page: _Page, printed: int, candidates: list[int], topic: set[str]) -> bool:
    """A headline printed twice after a body (a teaser in a list further down) none of whose words
    recur in the body gives way to a line right under the body whose words do: the story's own
    headline printed after it, once."""
    if relation(page.caption(printed), topic) > 0:
        return False
    return any(
        k < printed
        and words(page.caption(k)) >= AFTER_WORDS
        and relation(page.caption(k), topic) >= AFTER_RELATION
        for k in candidates
    )


def _list_before_closing_headline(page: _Page, body_end: int, title_k: int) -> list[Line]:
    """The lines between a body and its headline printed after a list (see ``_closing_headline``):
    the list is the story's (products, results), not furniture."""
    return [page.lines[k] for k in range(body_end + 1, title_k) if page.kinds[k] in (Kind.SHORT, Kind.PROSE)]


CLOSING_RELATION = 0.4
"""Share of its words a headline printed after a list that closes its story must have in the body."""


def _closing_headline(page: _Page, k: int, topic: set[str]) -> bool:
    """Line ``k``, right over an end-of-article heading and further down than a caption stands, is the
    story's headline printed after it: the body under a list (products, results) ends there, and
    the line's words are clearly the body's."""
    text = page.lines[k].text
    return (
        page.kinds[k] is Kind.SHORT
        and headline_like(text)
        and not is_sentence(text)
        and relation(text, topic) >= CLOSING_RELATION
    )


AFTER_RELATION = 0.25
"""Share of its words a line after a body must have in the body to take over from a headline before
it that has none of them..."""


AFTER_WORDS = 4
"""...and how many words it has at least: a headline, not a sidebar's heading or a greeting."""


def _title_after_instead(
    page: _Page,
    group: _Group,
    *,
    next_start: int,
    next_head: int | None,
    topic: set[str],
    title_k: int,
    strong: bool,
) -> tuple[int, bool]:
    """A headline printed once before the body, none of whose words recur in it (a consent button
    over the page's first dateline), gives way to a line after the body whose words do: the story's
    headline printed only after it, as a caption or a bare repeat (not the next body's headline,
    ``next_head``). A comment's head ("Ann says:") introduces its comment and keeps it."""
    text = page.lines[title_k].text
    if relation(text, topic) > 0 or text.rstrip().endswith(":") or page.tkeys.count(page.tkeys[title_k]) > 1:
        return title_k, strong
    stop = next_head if next_head is not None and next_head > group.end else next_start
    after_k, repeated = _title_after(page, group.end, stop - 1, topic)
    if (
        after_k is None
        or words(page.caption(after_k)) < AFTER_WORDS
        or relation(page.caption(after_k), topic) < AFTER_RELATION
    ):
        return title_k, strong
    return after_k, repeated or page.kinds[after_k] is Kind.CAPTION


UNDER_DATELINE_RELATION = 0.2
"""A line under a dateline with fewer of its words than this in the story is not its headline."""


def _furniture_under_dateline(page: _Page, first: int, k: int, topic: set[str]) -> bool:
    """Line ``k`` stands under a dateline and hardly any of its words recur in the story: a caption
    or a button between the dateline and the body, not a headline (the story's headline is printed
    elsewhere, after its body)."""
    if not 0 <= relation(page.lines[k].text, topic) < UNDER_DATELINE_RELATION:
        return False
    return any(page.kinds[j] is Kind.DATE for j in range(max(first, k - NEAR), k))


def _heads_before(page: _Page, groups: list[_Group]) -> list[int | None]:
    """Each body's own headline printed before it, when there is one."""
    heads_before: list[int | None] = []
    for g_index, group in enumerate(groups):
        first = groups[g_index - 1].end + 1 if g_index else 0
        after_list = _last_end(page, first, group.start - 1)
        lo = first if after_list is None else after_list + 1
        head = _head_before(page, lo, group.start)
        if head is None and after_list is not None and _resumes_after(page, after_list, group):
            head = _head_before(page, first, after_list)  # a counter ("Join in (12)") over the body
        if head is not None and group.start - head > 3 * NEAR and g_index:
            head = None
        heads_before.append(head)
    return heads_before


def _resumes_after(page: _Page, end: int, group: _Group) -> bool:
    """The body starts right under the end-of-article line ``end`` (one line at most before its
    first paragraph, besides the story's furniture), as ``_boundary`` reads it: a counter or a
    prompt in the story's head, not the heading of a list."""
    first_prose = next(
        (k for a, b in group.blocks for k in range(a, b + 1) if page.kinds[k] is Kind.PROSE), group.start
    )
    # a photo's caption, a button or a credit between is the story's furniture, not a list's item
    between = [k for k in range(end + 1, first_prose) if not _head_furniture(page, k)]
    return len(between) <= 1


def _head_furniture(page: _Page, k: int) -> bool:
    """A line of a story's head that stands between its dateline and its body: chrome, a photo's
    caption, a button, a credit."""
    return page.kinds[k] in (Kind.CHROME, Kind.CAPTION) or page.buttons[k] or page.credits[k]


def _story_topic(page: _Page, groups: list[_Group], g_index: int) -> set[str]:
    """The topic words of a body and of the pieces after it past a share bar or an advert (soft
    groups, more of the same story unless they prove otherwise): a lead paragraph cut off by an
    advert is judged with the rest of its story."""
    parts = [groups[g_index]]
    parts += list(takewhile(lambda g: g.soft, groups[g_index + 1 :]))
    return body_words(page.lines[k].text for g in parts for a, b in g.blocks for k in range(a, b + 1))


def _segments(page: _Page, groups: list[_Group]) -> list[Segment]:
    """One segment per group: its headline (before the body, or after it as a caption), dateline,
    section label, byline, captions and the page region handed to the worker."""
    lines = page.lines
    n = len(lines)
    heads_before = _heads_before(page, groups)
    closing = bool(closing_datelines(page))
    prev_closed: int | None = None
    segments: list[Segment] = []
    prev_cut = -1
    for g_index, group in enumerate(groups):
        first = prev_cut + 1
        next_start = groups[g_index + 1].start if g_index + 1 < len(groups) else n
        title_k = heads_before[g_index]
        if title_k is not None and title_k < first:
            title_k = None
        strong = title_k is not None
        continues = False
        topic = _story_topic(page, groups, g_index)
        if title_k is not None and g_index and page.tkeys[title_k] == _title_key(segments[-1]):
            # the previous article's headline again: its captions, or a gallery inside that article
            # (then the headline's words still recur in what follows)
            prev_key = page.tkeys[title_k]
            nearest = next(k for k in range(group.start - 1, title_k - 1, -1) if page.tkeys[k] == prev_key)
            continues = (
                page.kinds[nearest] is not Kind.CAPTION
                and _weak_title_before(page, nearest + 1, group.start, prev_key) is None
                and all(page.kinds[k] in (Kind.CHROME, Kind.CAPTION) for k in range(nearest + 1, group.start))
                and relation(page.caption(title_k), topic) > 0
            )
            title_k = None
            strong = False
        if title_k is not None:
            # a line printed twice above the body (a share button again) gives way to a better headline
            better = _header_headline(page, first, group.start, topic)
            if better is not None and better != title_k:
                ours, theirs = relation(lines[title_k].text, topic), relation(lines[better].text, topic)
                short = words(lines[title_k].text) <= SHORT_REPEAT_WORDS
                if theirs >= 0.25 and (ours <= 0 or (short and theirs >= ours + 0.2)):
                    title_k = better
            next_head = heads_before[g_index + 1] if g_index + 1 < len(groups) else None
            title_k, strong = _title_after_instead(
                page,
                group,
                next_start=next_start,
                next_head=next_head,
                topic=topic,
                title_k=title_k,
                strong=strong,
            )
        if title_k is None:
            after_k, repeated = _title_after(page, group.end, next_start - 1, topic)
            if (
                after_k is not None
                and heads_before[g_index + 1 : g_index + 2] == [after_k]
                and page.kinds[after_k] is not Kind.CAPTION
                and not _closes_ours(page, groups, g_index, after_k, topic)
            ):
                # the line after us is the next body's headline; ours may stand before us
                after_k = None
            if after_k is not None and _heads_cut_after(page, groups, g_index, after_k, topic):
                after_k = None
            strong_after = after_k is not None and (repeated or page.kinds[after_k] is Kind.CAPTION)
            taken = _title_key(segments[-1]) if segments else None
            before_k = None if strong_after else _header_headline(page, first, group.start, topic, taken)
            if (
                before_k is not None
                and after_k is not None
                and relation(page.caption(after_k), topic) > relation(lines[before_k].text, topic)
            ):
                before_k = None  # the line after the body is the one whose words recur in it
            if before_k is not None and _furniture_under_dateline(page, first, before_k, topic):
                before_k = None
            if before_k is not None:
                title_k = before_k
            elif after_k is not None:
                title_k, strong = after_k, strong_after
        if title_k is None and closing and prev_closed == group.start - 1 and _opening_headline(page, group):
            title_k, strong = group.start, True  # under the dateline closing the story above
        tail = _tail_headline(page, group) if title_k is None or _stranger(page, title_k, topic) else None
        if tail is not None:
            title_k, strong = tail, False
        seg = Segment(
            body=[lines[k] for b in group.blocks for k in range(b[0], b[1] + 1) if k not in (tail, title_k)]
        )
        if title_k is not None and title_k > group.end + NEAR:
            seg.body += _list_before_closing_headline(page, group.end, title_k)
        seg.continues = continues and not (strong and title_k is not None and title_k > group.end)
        seg.after_list = _last_end(page, first, group.start - 1) is not None
        seg.strong = strong
        seg.soft = group.soft
        seg.topic_cut = group.topic_cut
        if title_k is not None:
            seg.title = lines[title_k]
            caption = page.kinds[title_k] is Kind.CAPTION
            seg.title_text = page.caption(title_k) if caption else lines[title_k].text
        _describe(page, seg, first, group, title_k)
        closed_by = prev_closed = _closing_dateline(page, group, next_start) if closing else None
        if closed_by is not None:
            seg.dateline = lines[closed_by]
        # the region handed to the worker: up to the last line that repeats our headline
        cut = group.end
        stop = _first_stop(page, group.end + 1, next_start - 1)
        limit = (next_start - 1) if stop is None else stop - 1
        key = page.tkeys[title_k] if title_k is not None else None
        for k in range(group.end + 1, limit + 1):
            if (key and page.tkeys[k] == key) or (page.kinds[k] is Kind.CAPTION and key is None):
                cut = k
        if g_index + 1 < len(groups) and heads_before[g_index + 1] is not None:
            cut = min(cut, max(group.end, (heads_before[g_index + 1] or 0) - 1))
        if seg.dateline is None and title_k is not None and title_k > group.end:
            dated = _dateline_by_title(page, title_k, group.end, next_start, topic)
            if dated is not None:
                seg.dateline = lines[dated]
                cut = max(cut, dated)  # the next story does not read it as its own
        if closed_by is not None:
            cut = max(cut, closed_by)  # the next story does not read it as its own
        seg.captions = [lines[k] for k in range(group.end + 1, cut + 1) if page.kinds[k] is Kind.CAPTION]
        seg.region = (lines[first].number, lines[cut].number)
        segments.append(seg)
        prev_cut = cut
    return segments


def _heads_cut_after(page: _Page, groups: list[_Group], g_index: int, k: int, topic: set[str]) -> bool:
    """Line ``k`` after group ``g_index`` stands over the next group, a story cut from ours where
    the names change (see ``blocks._topic_parts``), and its words are more that story's than ours
    (``topic``): that story's headline, not ours printed after us."""
    if g_index + 1 >= len(groups):
        return False
    nxt = groups[g_index + 1]
    if not nxt.topic_cut or not groups[g_index].end < k < nxt.start:
        return False
    text = page.caption(k)
    return relation(text, _story_topic(page, groups, g_index + 1)) > relation(text, topic)


CLOSING_GAP = 2
"""Lines of furniture (a share row, a byline) that may stand between a body's last paragraph and the
dateline printed after it."""


def _closing_dateline(page: _Page, group: _Group, stop: int) -> int | None:
    """The dateline printed right after the body of ``group`` (before line ``stop``), past a line or
    two of furniture; None when a paragraph, a headline or the page's end comes first."""
    for k in range(group.end + 1, min(stop, group.end + 2 + CLOSING_GAP)):
        if page.kinds[k] is Kind.DATE:
            return k
        if page.kinds[k] in (Kind.PROSE, Kind.END) or page.heads[k] or not _furniture(page, k):
            return None
    return None


def _after_prose(page: _Page, k: int) -> bool:
    """Line ``k`` stands right under a paragraph (a line or two of furniture between)."""
    for j in range(k - 1, max(-1, k - 2 - CLOSING_GAP), -1):
        if page.kinds[j] is Kind.PROSE:
            return not page.heads[j]
        if page.heads[j] or not _furniture(page, j):
            return False
    return False


def _dateline_kind(page: _Page, k: int) -> bool:
    return page.kinds[k] is Kind.DATE


def closing_datelines(page: _Page, dated: Callable[[_Page, int], bool] = _dateline_kind) -> frozenset[int]:
    """The datelines (by default; the lines ``dated`` says are) that close their stories, on a page
    that prints each story's dateline after its body, not over it: two at least right under a
    paragraph, one of them after the page's last paragraph, and none over its first. A dateline
    between two bodies then closes the earlier story; read as the later one's, every story would
    take its neighbour's date."""
    prose = [k for k, kind in enumerate(page.kinds) if kind is Kind.PROSE]
    if not prose or any(dated(page, k) for k in range(prose[0])):
        return frozenset()
    closing = frozenset(
        k for k in range(prose[0] + 1, len(page.lines)) if dated(page, k) and _after_prose(page, k)
    )
    if len(closing) < 2 or max(closing) < prose[-1]:
        return frozenset()
    return closing


def _opening_headline(page: _Page, group: _Group) -> bool:
    """The group opens with a headline-shaped short line over a paragraph (read as a subhead
    leading the body when nothing marked it a headline)."""
    k = group.start
    text = page.lines[k].text
    return (
        page.kinds[k] is Kind.SHORT
        and k + 1 <= group.end
        and page.kinds[k + 1] is Kind.PROSE
        and words(text) >= SHORT_REPEAT_WORDS // 2
        and title_like(text)
        and not is_sentence(text)
    )


CLOSING_OURS_FACTOR = 2
"""How many times more a line between two bodies must share the first's words than the second's to
be the first's headline printed after it."""


def _closes_ours(page: _Page, groups: list[_Group], g_index: int, k: int, topic: set[str]) -> bool:
    """Line ``k`` between two bodies, over the second's dateline, is the first's headline printed
    after it: its words recur in the first body twice as much as in the second, and the second has a
    headline of its own printed after it (the page prints every headline after its body)."""
    text = page.lines[k].text
    if not headline_like(text) or text.rstrip().endswith(":"):
        return False  # a label introducing what follows ("You are here:"), not a headline
    ours = relation(text, topic)
    if ours < AFTER_RELATION:
        return False
    theirs = _story_topic(page, groups, g_index + 1)
    if CLOSING_OURS_FACTOR * relation(text, theirs) > ours:
        return False
    after = groups[g_index + 2].start - 1 if g_index + 2 < len(groups) else len(page.lines) - 1
    own, _ = _title_after(page, groups[g_index + 1].end, after, theirs)
    if own is not None and relation(page.caption(own), theirs) >= AFTER_RELATION:
        return True
    return _tail_headline(page, groups[g_index + 1]) is not None


def _dateline_by_title(
    page: _Page, title_k: int, body_end: int, next_start: int, topic: set[str]
) -> int | None:
    """The dateline printed with a headline that follows its body (right under it, or right over it)
    when none stands over the body: the page prints each story's headline and dateline after it.
    Only for a headline whose words recur in the body (``topic``): a list's heading after it has its
    own."""
    if relation(page.caption(title_k), topic) < AFTER_RELATION:
        return None
    return next(
        (
            k
            for k in (title_k + 1, title_k + 2, title_k - 1)
            if body_end < k < next_start and page.kinds[k] is Kind.DATE
        ),
        None,
    )


def _stranger(page: _Page, k: int, topic: set[str]) -> bool:
    """None of line ``k``'s words recur in the story (or it has no topic word at all): a button or a
    kicker over it, not its headline."""
    return relation(page.caption(k), topic) <= 0


def _tail_headline(page: _Page, group: _Group) -> int | None:
    """A headline printed after its body inside the body's own run of lines (teasers or a list under
    it bridged into the body): among the short lines after the body's last paragraph, a headline-shaped
    one, not a sentence, most of whose words the paragraphs above repeat."""
    inside = [k for a, b in group.blocks for k in range(a, b + 1)]
    last_prose = max((k for k in inside if page.kinds[k] is Kind.PROSE), default=None)
    if last_prose is None:
        return None
    topic = content_words(" ".join(page.lines[k].text for k in inside if k <= last_prose))
    return next(
        (
            k
            for k in inside
            if k > last_prose
            and page.kinds[k] is Kind.SHORT
            and not page.buttons[k]
            and headline_like(page.lines[k].text)
            and not is_sentence(page.lines[k].text)
            and relation(page.lines[k].text, topic) >= CLOSING_RELATION
        ),
        None,
    )


def _first_line_title(seg: Segment) -> Line | None:
    """The body's first line when it is shaped like its headline (a short title over prose)."""
    if len(seg.body) < 2:
        return None
    first, second = seg.body[0], seg.body[1]
    if (
        line_kind(first.text) is Kind.SHORT
        and title_like(first.text)
        and not is_sentence(first.text)
        and is_prose(second.text)
    ):
        return first
    return None


def _weak_title_after(seg: Segment) -> bool:
    """The segment's headline is only a title-shaped line after its body (not printed twice)."""
    return seg.title is not None and not seg.strong and seg.title.number > seg.body[-1].number


def _title_from_first_line(seg: Segment) -> None:
    """A body with no headline around it whose first line is headline-shaped starts with its headline;
    a weak guess after the body gives way to it unless its words recur in the body more."""
    first = _first_line_title(seg)
    if first is not None and seg.title_text is not None:
        topic = content_words(" ".join(line.text for line in seg.body[1:]))
        if relation(seg.title_text, topic) > relation(first.text, topic):
            return
    if first is not None:
        seg.title, seg.title_text = first, first.text
        seg.body = seg.body[1:]


def _absorb(into: Segment, other: Segment) -> None:
    """Add ``other``'s lines to ``into`` (which keeps its headline when it has one)."""
    into.body.extend(other.body)
    into.captions.extend(other.captions)
    into.region = (into.region[0], other.region[1])
    if into.title is None and other.title is not None:
        into.title, into.title_text, into.strong = other.title, other.title_text, other.strong
    into.dateline = into.dateline or other.dateline


STAMP_WORDS = 5
"""A time stamp in a story's head is this short ("4h", "Thu 15 Oct, 18:40")."""


_STAMP_READING = datetime(2000, 1, 1, tzinfo=UTC)
"""Any fetch time: a relative stamp ("4h") is only checked for being readable, not read."""


def _stamp_in_head(page: _Page, lo: int, body_start: int) -> Line | None:
    """A short time stamp over a story's body (between ``lo``: the line under its headline, or a few
    lines up when the headline is missing or printed after the body) that the dateline reader takes
    as no dateline on its own (a date with no year, a bare "4h": a comment's stamp looks the same),
    but that stands where a dateline stands: the story's time, as a reader reads it."""
    for k in range(body_start - 1, lo - 1, -1):
        text = page.lines[k].text
        if (
            page.kinds[k] is Kind.SHORT
            and words(text) <= STAMP_WORDS
            and could_be_dateline(text)
            and parse_dateline(text, _STAMP_READING) is not None
        ):
            return page.lines[k]
    return None


def _title_key(seg: Segment) -> str | None:
    return normalize(seg.title_text) if seg.title_text else None


def _describe(page: _Page, seg: Segment, first: int, group: _Group, title_k: int | None) -> None:
    """Dateline, section label and byline found between the headline and the body."""
    lo = title_k + 1 if title_k is not None and title_k < group.start else max(first, group.start - NEAR - 3)
    lo = max(lo, first)
    for k in range(group.start - 1, lo - 1, -1):
        line = page.lines[k]
        if page.kinds[k] is Kind.DATE and seg.dateline is None:
            seg.dateline = line
        elif seg.byline is None and page.credits[k]:
            seg.byline = line
    # a dateline can also sit just before the headline
    if seg.dateline is None and title_k is not None and title_k < group.start:
        for k in range(title_k - 1, max(first, title_k - 3) - 1, -1):
            if page.kinds[k] is Kind.DATE:
                seg.dateline = page.lines[k]
                break
    if seg.dateline is None:
        seg.dateline = _stamp_in_head(page, lo, group.start)
    if seg.dateline is None and (after_lead := lead_dateline(page, group)) is not None:
        seg.dateline = page.lines[after_lead]
    label_lo = max(
        first, (title_k if title_k is not None and title_k < group.start else group.start) - NEAR - 3
    )
    for k in range(label_lo, group.start):
        if (page.labels[k] and not page.buttons[k] and page.kinds[k] is not Kind.DATE) or (
            page.kinds[k] is Kind.SHORT
            and 1 <= words(page.lines[k].text) <= 3
            and not page.heads[k]
            and title_case_ratio(page.lines[k].text) == 1.0
            and k + 1 < len(page.lines)
            and (page.heads[k + 1] or (k > 0 and page.heads[k - 1]))
        ):
            seg.category = page.lines[k]
