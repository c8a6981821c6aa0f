"""Bodies and stories: runs of prose bridging short lines, grouped into stories and cut where two
stories were printed as one (``_groups``), the second pass of :mod:`newsflow.extraction.text`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from newsflow.extraction.layout import Kind, _headline_shaped, _Page, headline_like, menu_shaped, title_like
from newsflow.extraction.lines import (
    body_words,
    is_sentence,
    normalize,
    proper_names,
    relation,
    topic_words,
    words,
)
from newsflow.extraction.memo import memo_short

MIN_BODY_WORDS = 25
"""A body shorter than this is not an article (a teaser, a pull quote)."""


MENU_RUN = 6
"""This many menu-shaped lines in a row end a body: it is a navigation list, not subheads."""


TRAIL = 12
"""Short lines after a body's last paragraph kept when a break follows them (list items, a closing line)."""


NEAR = 5
"""How many lines a headline may stand from its body (labels, dateline, byline between)."""


def _breaks(page: _Page, i: int) -> bool:
    """A line no body runs across."""
    return page.heads[i] or page.labels[i] or page.kinds[i] not in (Kind.PROSE, Kind.SHORT)


def _blocks(page: _Page) -> list[tuple[int, int]]:
    """Index ranges [start, end] of body text: prose runs and the short lines bridging them."""
    n = len(page.lines)
    breaks = [_breaks(page, i) for i in range(n)]
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if breaks[i]:
            i += 1
            continue
        run_start = i
        while i < n and not breaks[i]:
            i += 1
        run_end = i - 1
        if blocks and (resumed := _list_resumed(page, blocks[-1], run_start, run_end)):
            blocks.append(resumed)
            run_start = resumed[1] + 1
        if run_start <= run_end:
            blocks.extend(_run_blocks(page, run_start, run_end, ends_at_break=i < n))
    return blocks


LIST_BREAK_LINES = 2
"""Lines of chrome or captions (an advert, a share bar, a photo) a story's list may run across."""


_ASIDES = (Kind.CHROME, Kind.CAPTION)
"""Lines set into a story without parting it: chrome (a share bar, an advert) and photo captions."""


def _list_resumed(page: _Page, before: tuple[int, int], start: int, end: int) -> tuple[int, int] | None:
    """A run of short lines that goes on with the marked list closing the block before it, across
    an advert, a share bar or a photo (``_ASIDES`` only between): more of that list, up to its last
    item."""
    gap = range(before[1] + 1, start)
    if not gap or len(gap) > LIST_BREAK_LINES or any(page.kinds[k] not in _ASIDES for k in gap):
        return None
    mark = _item_mark(page.lines[before[1]].text)
    if mark is None or _item_mark(page.lines[start].text) != mark:
        return None
    last = uniform_list_end([page.lines[k].text for k in range(start, end + 1)], at_least=1)
    return None if last is None else (start, start + last)


def _run_blocks(page: _Page, start: int, end: int, ends_at_break: bool) -> list[tuple[int, int]]:
    """Blocks inside one run of prose and short lines (no breaks in it)."""
    prose = [k for k in range(start, end + 1) if page.kinds[k] is Kind.PROSE]
    if not prose:
        return [(_list_opening(page, start, end), end)] if _anchored_list(page, start, end) else []
    out: list[tuple[int, int]] = []
    b_start = b_end = prose[0]
    for k in prose[1:]:
        gap = range(b_end + 1, k)
        # a navigation list parts two blocks, and so does a headline printed once that starts another
        # story or closes one
        if (
            (len(gap) >= MENU_RUN and sum(1 for g in gap if menu_shaped(page.lines[g].text)) * 2 >= len(gap))
            or _story_head(page, b_end + 1, k - 1) is not None
            or _story_tail(page, b_end + 1, k - 1) is not None
        ):
            out.append((b_start, b_end))
            b_start = k
        b_end = k
    out.append((b_start, b_end))
    # short lines at the run's edges: a leading subhead (never the dump's first line, the page's
    # title), trailing list items
    first_start, first_end = out[0]
    if _subhead_lead(page, start, first_start) or _story_list_lead(page, start, first_start, first_end):
        out[0] = (start, first_end)
    last_start, last_end = out[-1]
    trail = end - last_end
    inner_short = sum(1 for k in range(last_start, last_end + 1) if page.kinds[k] is Kind.SHORT)
    trail_menu = sum(
        1
        for g in range(last_end + 1, end + 1)
        if menu_shaped(page.lines[g].text) or _headline_shaped(page.lines[g].text)
    )
    if ends_at_break and 0 < trail <= max(TRAIL, inner_short) and trail_menu * 2 < trail:
        out[-1] = (last_start, end)
    elif (
        trail
        and (items_end := _uniform_list_end(page, last_end + 1, end)) is not None
        and (
            _item_mark(page.lines[items_end].text) != ROW_MARK
            or _prose_words(page, out[-1]) >= MIN_BODY_WORDS
        )
    ):
        out[-1] = (last_start, items_end)  # a table goes on a story's text, not a line or two of it
    return out


def _prose_words(page: _Page, block: tuple[int, int]) -> int:
    """Words of the block's paragraphs of prose (its short lines left out)."""
    span = range(block[0], block[1] + 1)
    return sum(words(page.lines[k].text) for k in span if page.kinds[k] is Kind.PROSE)


def _list_opening(page: _Page, start: int, end: int) -> int:
    """Where a story's list opens in lines start..end: one line (its heading) over its first item
    marked alike with the rest, the buttons over it left out; ``start`` when no such list."""
    for k in range(start, end + 1):
        if _item_mark(page.lines[k].text) is not None and _uniform_list_end(page, k, end) is not None:
            return max(start, k - 1)
    return start


def _subhead_lead(page: _Page, start: int, first_start: int) -> bool:
    """One or two short lines opening a run before its first paragraph: a subhead, unless it is
    the dump's first line (the page's title), a byline or a one- or two-word menu item."""
    lead = first_start - start
    return (
        0 < lead <= 2
        and start > 0
        and not any(page.credits[g] for g in range(start, first_start))  # a byline heads no paragraph
        and not any(
            menu_shaped(page.lines[g].text) and not is_sentence(page.lines[g].text)
            for g in range(start, first_start)
            if words(page.lines[g].text) <= 2
        )
    )


LIST_ITEMS = 4
"""Lines in a row marked alike that make a list the story prints (a table, a line-up)."""


LEAD_ITEM_WORDS = 6
"""Mean words per line of a list opening a story's paragraph: ingredients, specs; teasers run longer."""


def _after_story_text(page: _Page, start: int) -> bool:
    """Line ``start`` follows a story's own text, a photo or a share bar between at most: the story
    goes on, while a run right under a headline (or a box of them) opens a story of its own."""
    k = start - 1
    while k >= 0 and start - k <= LIST_BREAK_LINES and page.kinds[k] in _ASIDES and not page.heads[k]:
        k -= 1
    return k >= 0 and page.kinds[k] in (Kind.PROSE, Kind.SHORT) and not page.heads[k] and not page.labels[k]


def _story_list_lead(page: _Page, start: int, first_start: int, first_end: int) -> bool:
    """Short lines opening a run before its first paragraph that make the story's own list (the
    ingredients over a recipe's method, the specs over a review): several items, short on average, most
    naming things the paragraph under them names too, the story's text above it. A list of teasers or
    links above a story shares few of its words."""
    lead = range(start, first_start)
    if start == 0 or not LIST_ITEMS <= len(lead) <= TRAIL or not _after_story_text(page, start):
        return False
    texts = [page.lines[k].text for k in lead]
    if sum(words(t) for t in texts) > LEAD_ITEM_WORDS * len(texts) or any(is_sentence(t) for t in texts):
        return False
    topic = _block_topic(page, (first_start, first_end))
    shared = sum(1 for t in texts if topic_words(t) & topic)
    return shared * 3 >= len(texts) * 2


LIST_LEAD_LINES = 2
"""Subheads a list may open with ("Where things stand", "Qualified teams")."""


LIST_ITEM_WORDS = 15
"""A list item is a short line; longer ones are paragraphs."""


_BRACKETS = "([{<"
"""Opening brackets: a line that opens with one is an aside ("(Graphic: ...)"), not a list item."""


LIST_MARKS = frozenset(":()–—|/=")
"""Marks that part a list item's label from its value ("Round 3: Saturday", "Ann Lee (Group B)")."""


ROW_MARK = "#"
"""The mark of a table's row: a short line holding several figures and no parting mark."""


ROW_FIGURES = 2
"""Figures (a rank, points, a time, a score) a short line holds to be a table's row."""


_FIGURE = re.compile(r"^[(#]?\d+(?:[.,:/-]\d+)*[)%.]?$")


def _item_mark(text: str) -> str | None:
    """The first mark that parts a short line into a label and a value, or None. A line opening
    with a bracket is an aside, one ending as a sentence a remark: no item. A line of several
    figures and names with no mark is a table's row ("3 Ann Lee 2:14.07 12"): its mark is
    ``ROW_MARK``."""
    if words(text) > LIST_ITEM_WORDS or text[:1] in _BRACKETS or is_sentence(text):
        return None
    mark = next((c for c in text[1:] if c in LIST_MARKS), None)
    if mark is None and sum(1 for token in text.split() if _FIGURE.match(token)) >= ROW_FIGURES:
        return ROW_MARK
    return mark


def _item_label(text: str, mark: str) -> str:
    """What names a list item: the words before its mark, or a row's words that are no figures."""
    if mark == ROW_MARK:
        return normalize(" ".join(token for token in text.split() if not _FIGURE.match(token)))
    return normalize(text[: text.index(mark, 1)])


def uniform_list_end(texts: list[str], at_least: int = LIST_ITEMS) -> int | None:
    """The index of the last item of a list opening ``texts`` (two subheads at most before it): short
    lines parted by the same mark ("Name (Group A): value"), a stray line between two items allowed,
    their labels mostly different. A list of teasers or links has no common mark. None when
    ``texts`` open with no such list."""
    if not texts:
        return None
    first = next((k for k in range(min(len(texts), LIST_LEAD_LINES + 1)) if _item_mark(texts[k])), None)
    if first is None:
        return None
    mark = _item_mark(texts[first])
    last, strays = first, 0
    labels: list[str] = []
    for k in range(first, len(texts)):
        if mark is not None and _item_mark(texts[k]) == mark:
            last, strays = k, 0
            labels.append(_item_label(texts[k], mark))
            continue
        strays += 1
        if strays > 1:
            break
    # items name different things; one label over and over is a repeated credit ("Photo: ...")
    return last if len(labels) >= at_least and len(set(labels)) * 2 > len(labels) else None


def _uniform_list_end(page: _Page, start: int, end: int) -> int | None:
    """The last line of a marked list (``uniform_list_end``) opening lines start..end, or None."""
    last = uniform_list_end([page.lines[k].text for k in range(start, end + 1)])
    return None if last is None else start + last


def _anchored_list(page: _Page, start: int, end: int) -> bool:
    """A body made only of short lines (a schedule, a list of specs) between two prints of its headline,
    or right under its headline and dateline (furniture between at most), or under the page's first
    headline."""
    span = range(start, end + 1)
    if len(span) < 3 or sum(words(page.lines[k].text) for k in span) < MIN_BODY_WORDS:
        return False
    if sum(
        1 for k in span if menu_shaped(page.lines[k].text) or _headline_shaped(page.lines[k].text)
    ) * 2 >= len(span):
        return False
    before = {page.tkeys[k] for k in range(max(0, start - 3), start) if page.heads[k]}
    after = {page.tkeys[k] for k in range(end + 1, min(len(page.lines), end + 4)) if page.heads[k]}
    if before & after:
        return True
    # or right under a headline and its dateline (chrome between them and the list at most)
    k = start - 1
    while k >= 0 and start - k <= NEAR and _furniture_over_list(page, k):
        k -= 1
    if k >= 1 and page.kinds[k] is Kind.DATE and any(page.heads[j] for j in range(max(0, k - 3), k)):
        return True
    return _under_headline_furniture(page, start, end)


LIST_HEAD_REACH = 2 * NEAR
"""Lines a list with no prose may stand under its headline when only furniture is between (a byline,
a dateline, a share bar, a photo and its credit)."""


FURNITURE_LINE_WORDS = 12
"""A line between a headline and its list no longer than this is furniture (a credit, a prompt)."""


FURNITURE_MENU_LINES = 2
"""More menu-shaped lines than this above a list are a navigation menu, not a story's furniture."""


def _furniture_over_list(page: _Page, k: int) -> bool:
    """Line ``k`` may stand between a dateline and the list under it: chrome, a photo caption, or
    a short line that is no paragraph (a share bar, a comment count)."""
    kind = page.kinds[k]
    if kind in _ASIDES:
        return True
    return (
        kind is Kind.SHORT
        and not page.heads[k]
        and not page.labels[k]
        and words(page.lines[k].text) <= FURNITURE_LINE_WORDS
    )


def _under_headline_furniture(page: _Page, start: int, end: int) -> bool:
    """A run of short lines under the page's headline (its first headline below the dump's title
    line) with only furniture above it (short lines, a dateline, chrome, a caption; no prose): the
    story itself is a list (a schedule, a table of results). Under a later headline (a teaser, a
    list heading) it is the page's list of links, unless a byline stands under that headline and
    the lines are items marked alike: a story's table, bylined as stories are and teasers are not."""
    menus = 0
    for k in range(start - 1, max(-1, start - 1 - LIST_HEAD_REACH), -1):
        if page.heads[k]:
            if k < 1 or page.kinds[k] is not Kind.SHORT:
                return False
            first = not any(page.heads[j] for j in range(1, k))
            return first or (page.credits[k + 1] and _uniform_list_end(page, start, end) is not None)
        text = page.lines[k].text
        if page.kinds[k] is Kind.PROSE or page.labels[k] or words(text) > FURNITURE_LINE_WORDS:
            return False
        menus += page.kinds[k] is Kind.SHORT and menu_shaped(text)  # chrome is a button, not a menu
        if menus > FURNITURE_MENU_LINES:
            return False
    return False


def _block_words(page: _Page, block: tuple[int, int]) -> int:
    return sum(words(page.lines[k].text) for k in range(block[0], block[1] + 1))


def _boundary(page: _Page, first: int, last: int, next_block: tuple[int, int]) -> bool:
    """True when lines first..last (a gap between two blocks) separate two articles."""
    resumes = next(
        (k for k in range(next_block[0], next_block[1] + 1) if page.kinds[k] is Kind.PROSE), next_block[0]
    )
    if _story_head(page, first, last) is not None or _story_tail(page, first, last) is not None:
        return True  # a headline printed once, heading the paragraphs after it or closing those before
    for k in range(first, last + 1):
        if page.heads[k] or page.labels[k]:
            return True
        # a dateline under a headline starts an article; a date among body lines does not
        if page.kinds[k] is Kind.DATE and (
            any(page.heads[j] for j in range(max(0, k - 3), min(len(page.lines), k + 3)))
            or all(page.kinds[j] in (Kind.CHROME, Kind.DATE) for j in range(k + 1, last + 1))
        ):
            return True
        # an end-of-article heading closes the body unless the body resumes right after its box
        if page.kinds[k] is Kind.END and (resumes - k > 2 or _teasers_after(page, k)):
            return True
    return False


TEASER_PAIRS = 2
"""Teasers in a row (a headline over a one-line blurb) that make a list under an end-of-article heading."""


TEASER_BLURB_WORDS = 35
"""The longest teaser blurb, in words: a story's paragraph after a box is longer."""


def _teasers_after(page: _Page, k: int) -> bool:
    """Under the end-of-article heading at ``k``, teasers in a row, each a headline-like line over a
    short blurb of prose: a list of other stories ("More from ..."), not the body going on after a
    link box set into it."""
    n = len(page.lines)
    for pair in range(TEASER_PAIRS):
        head, blurb = k + 1 + 2 * pair, k + 2 + 2 * pair
        if blurb >= n or page.kinds[head] is not Kind.SHORT or page.kinds[blurb] is not Kind.PROSE:
            return False
        if not headline_like(page.lines[head].text) or words(page.lines[blurb].text) > TEASER_BLURB_WORDS:
            return False
    return True


STORY_WINDOW = 4
"""Paragraphs read on each side of a headline printed between two of them."""


STORY_HEAD_RELATION = 0.4
"""Share of such a headline's topic words the paragraphs after it repeat, for it to head them..."""


STORY_HEAD_STRANGER = 0.15
"""...and at most this share the paragraphs before it repeat."""


STORY_SHARED_NAMES = 0.1
"""Share of names the paragraphs after it may have in common with those before: more is one story."""


STORY_GAP_LINES = 3
"""Lines between the paragraphs (the headline and its furniture: a counter, share buttons): a
subheading stands alone."""


STORY_MIN_NAMES = 3
"""Names each side needs for their overlap to tell anything."""


STORY_HEAD_MIN_WORDS = 5
"""A headline starting a story between paragraphs has this many words (fewer is a label, a subhead)."""


def _story_head(page: _Page, first: int, last: int) -> int | None:
    """A headline printed once among the short lines first..last between two paragraphs, that starts
    another story: headline-shaped, only furniture under it (see ``_furniture_under``), its words
    recurring in the paragraphs after it and hardly in those before it, which name other people and
    places. A subheading's words belong to its own story."""
    if last - first + 1 < STORY_GAP_LINES:
        return None
    # only furniture may stand under the headline: it is at the top of the gap's last furniture lines
    k = last
    while k > first and _furniture_line(page, k):
        k -= 1
    candidates = [j for j in range(k, last) if _head_candidate(page, j)]
    if not candidates:
        return None
    after = _prose_near(page, last + 1, 1)
    after_words = body_words(page.lines[j].text for j in after)
    candidates = [j for j in candidates if relation(page.lines[j].text, after_words) >= STORY_HEAD_RELATION]
    before = _prose_near(page, first - 1, -1) if candidates else []
    if not before:
        return None
    before_words = body_words(page.lines[j].text for j in before)
    head = next(
        (j for j in candidates if relation(page.lines[j].text, before_words) <= STORY_HEAD_STRANGER), None
    )
    if head is None:
        return None
    ours = {name for j in before for name in proper_names(page.lines[j].text)}
    theirs = {name for j in after for name in proper_names(page.lines[j].text)}
    smaller = min(len(ours), len(theirs))
    apart = smaller >= STORY_MIN_NAMES and len(ours & theirs) <= STORY_SHARED_NAMES * smaller
    return head if apart else None


def _head_candidate(page: _Page, k: int) -> bool:
    """A short line that can be a story's headline: long enough, headline-shaped, not a sentence."""
    text = page.lines[k].text
    return (
        page.kinds[k] is Kind.SHORT
        and words(text) >= STORY_HEAD_MIN_WORDS
        and headline_like(text)
        and not is_sentence(text)
    )


TAIL_LIST_LINES = 2
"""Short lines (a heading, a list of other headlines) under a headline printed after its story."""


HEADING_WORDS = 3
"""A heading over a list of other stories ("More", "Previously:") is this short."""


def _list_heading(text: str) -> bool:
    """A short heading over a list: a few words, no figures (a price, a date), no sentence."""
    return (
        words(text) <= HEADING_WORDS
        and not any(c.isdigit() for c in text)
        and not text.rstrip().endswith((".", "!", "?"))
    )


def _story_tail(page: _Page, first: int, last: int) -> int | None:
    """A headline printed right after its story's paragraphs (chrome between at most), closing it:
    its words recur in the paragraphs before it and hardly in the few after it, and a list of short
    lines follows it (other headlines, a heading), not its story's next paragraph."""
    if last - first < TAIL_LIST_LINES:
        return None  # no room for a headline and a list under it
    # only chrome, a caption or a credit may stand between the paragraphs and the headline (a short
    # or numbered line there is the list's first item: the headline would be its second)
    k = first
    while k < min(last, first + NEAR) and (
        page.kinds[k] in (Kind.CHROME, Kind.DATE, Kind.CAPTION) or page.credits[k]
    ):
        k += 1
    candidates = [
        j
        for j in range(first, min(k, last - TAIL_LIST_LINES) + 1)
        if _list_heading(page.lines[j + 1].text) and _head_candidate(page, j)
    ]
    if not candidates:
        return None
    before = _prose_near(page, first - 1, -1)
    before_words = body_words(page.lines[j].text for j in before)
    candidates = [j for j in candidates if relation(page.lines[j].text, before_words) >= STORY_HEAD_RELATION]
    if not candidates:
        return None
    after = _prose_near(page, last + 1, 1)
    after_words = body_words(page.lines[j].text for j in after)
    return next(
        (j for j in candidates if relation(page.lines[j].text, after_words) <= STORY_HEAD_STRANGER), None
    )


FURNITURE_WORDS = 4
"""A line of a story's furniture (a counter, a share button, "Listen") is this short, or holds a digit."""


def _furniture_line(page: _Page, k: int) -> bool:
    """A dateline, byline, caption, button or counter: chrome, or a short or numbered line not
    capitalised like a headline (a second headline-shaped line makes a list or a kicker and a title).
    A subheading stands right over its paragraph, and an item of a list over the next item."""
    if page.kinds[k] in (Kind.CHROME, Kind.DATE, Kind.CAPTION) or page.credits[k]:
        return True
    text = page.lines[k].text
    return (words(text) <= FURNITURE_WORDS or any(c.isdigit() for c in text)) and not _headline_shaped(text)


def _prose_near(page: _Page, start: int, step: int) -> list[int]:
    """Up to ``STORY_WINDOW`` prose lines from ``start`` on in direction ``step``, within a few times as
    many lines (short lines between them skipped), not past a headline, label or dateline."""
    found: list[int] = []
    k = start
    n = len(page.lines)
    while 0 <= k < n and len(found) < STORY_WINDOW and abs(k - start) <= 4 * STORY_WINDOW:
        if page.heads[k] or page.labels[k] or page.kinds[k] in (Kind.DATE, Kind.END):
            break  # another story's head: its paragraphs are no neighbours
        if page.kinds[k] is Kind.PROSE:
            found.append(k)
        k += step
    return found


@dataclass(slots=True)
class _Group:
    blocks: list[tuple[int, int]]
    soft: bool = False
    topic_cut: bool = False

    @property
    def start(self) -> int:
        return self.blocks[0][0]

    @property
    def end(self) -> int:
        return self.blocks[-1][1]


TITLE_MARGIN = 0.2
"""How much more of the page title's words a smaller block must hold to be the main one."""


def _titled_block(page: _Page, group: _Group, sizes: list[int], main: int) -> int:
    """The block the page's title (the dump's first line) speaks of, when it is not the largest: a
    story's few paragraphs beat a longer comment form or notice beside it that shares none of its words."""
    if group.start == 0:
        return main
    title = page.lines[0].text
    relations = [
        relation(title, _block_topic(page, b)) if sizes[i] * 4 >= sizes[main] else -1.0
        for i, b in enumerate(group.blocks)
    ]
    best = max(range(len(sizes)), key=relations.__getitem__)
    return best if relations[best] >= relations[main] + TITLE_MARGIN else main


def _prune(page: _Page, group: _Group) -> _Group:
    """Keep the group's main block and the blocks close to it or large next to it."""
    sizes = [_block_words(page, b) for b in group.blocks]
    main = max(range(len(sizes)), key=sizes.__getitem__)
    first = group.blocks[0][0]
    above = range(max(0, first - NEAR), first)
    under_headline = any(page.heads[k] or page.kinds[k] is Kind.DATE for k in above)
    if under_headline and sizes[0] * 4 >= sizes[main]:
        main = 0
    elif len(sizes) > 1:
        main = _titled_block(page, group, sizes, main)
    keep = {main}
    topic = _block_topic(page, group.blocks[main]) if len(sizes) > 1 else set()
    for direction in (-1, 1):
        k = main + direction
        edge = main
        while 0 <= k < len(group.blocks):
            gap = (
                group.blocks[k][0] - group.blocks[edge][1] - 1
                if direction == 1
                else group.blocks[edge][0] - group.blocks[k][1] - 1
            )
            if (
                gap <= 3
                or (gap <= 8 and sizes[k] * 3 >= sizes[main])
                or (gap <= 20 and sizes[k] >= sizes[main])
                or (gap <= FAR_GAP and _same_story(page, group.blocks[k], topic))
            ):
                keep.add(k)
                edge = k
                k += direction
                continue
            break
    return _Group([b for idx, b in enumerate(group.blocks) if idx in keep], soft=group.soft)


FAR_GAP = 40
"""How many lines (a table, a list, a photo strip) may part a block from the main block it continues."""


TOPIC_SHARE = 0.5
"""Share of a block's topic words (counted each time they occur) the main block uses too, for the block
to continue the same story."""


MIN_TOPIC_WORDS = 8
"""A block needs this many topic words for its share to tell anything."""


def _block_topic(page: _Page, block: tuple[int, int]) -> set[str]:
    """The topic words of the block's lines (``content_words`` of their text joined), line by line."""
    return body_words(page.lines[k].text for k in range(block[0], block[1] + 1))


def _same_story(page: _Page, block: tuple[int, int], main_topic: set[str]) -> bool:
    """A block whose words are mostly the main block's: the story going on after a table, a list
    or a gallery that interrupted it, not a teaser or a footer beside it."""
    total = hits = 0
    for k in range(block[0], block[1] + 1):
        own = long_words(page.lines[k].text)
        total += len(own)
        hits += sum(w in main_topic for w in own)
    return total >= MIN_TOPIC_WORDS and hits >= TOPIC_SHARE * total


@memo_short
def long_words(text: str) -> tuple[str, ...]:
    """The comparison words (``normalize``) of ``text`` longer than three characters, in order: a
    text's are its lines' one after another (no word runs across the space that joins two), so a
    block or a tail is counted line by line from these, remembered."""
    return tuple(w for w in normalize(text).split() if len(w) > 3)


def _soft_boundary(page: _Page, first: int, last: int) -> bool:
    """A share bar or advert between two bodies: maybe two articles, if the second proves it."""
    return any(page.kinds[k] is Kind.CHROME for k in range(first, last + 1))


LEAD_PARAGRAPHS = 2
"""Paragraphs a story may print between its headline and its dateline (a lead, a standfirst)."""


def _dateline_after_lead(page: _Page, group: _Group, block: tuple[int, int]) -> bool:
    """A dateline printed after a story's first paragraph (or two), not over the next story: the
    group is a lead right under a headline with no dateline of its own, and only the dateline (a
    share bar beside it at most) stands between it and the paragraphs that go on."""
    gap = range(group.end + 1, block[0])
    dates = [k for k in gap if page.kinds[k] is Kind.DATE]
    if len(dates) != 1 or any(
        page.heads[k] or page.labels[k] or page.kinds[k] not in (Kind.DATE, Kind.CHROME) for k in gap
    ):
        return False
    lead = [k for k in range(group.start, group.end + 1) if page.kinds[k] is Kind.PROSE]
    if len(group.blocks) > 1 or len(lead) > LEAD_PARAGRAPHS:
        return False
    if any(_printed_again(page, k) for k in lead):
        return False  # a lead printed again is a story's teaser or reprint, not its first paragraph
    for k in range(group.start - 1, max(-1, group.start - 1 - NEAR), -1):
        if page.kinds[k] in (Kind.DATE, Kind.PROSE):
            return False  # the story's dateline is over its lead, or the lead is no story's first
        if page.heads[k]:
            # nor over the headline: that story is dated already, the dateline is the next one's
            return not _dated_over(page, k)
    return False


def _dated_over(page: _Page, head: int) -> bool:
    """A dateline stands over the headline at ``head``, only short lines (a kicker, another
    headline) between."""
    for j in range(head - 1, max(-1, head - 1 - STORY_GAP_LINES), -1):
        if page.kinds[j] is Kind.DATE:
            return True
        if page.kinds[j] is Kind.PROSE:
            return False
    return False


OPENING_WORDS = 8
"""Words a paragraph opens with that, opening another line too, show it printed twice."""


def _printed_again(page: _Page, k: int) -> bool:
    """Another line of the page opens with the words line ``k`` opens with (a lead reprinted whole
    or cut short, a teaser's blurb)."""
    opening = page.tkeys[k].split()[:OPENING_WORDS]
    return len(opening) == OPENING_WORDS and any(
        j != k and key.split()[:OPENING_WORDS] == opening for j, key in enumerate(page.tkeys)
    )


def lead_dateline(page: _Page, group: _Group) -> int | None:
    """The dateline printed after the group's lead (see ``_dateline_after_lead``), or None."""
    if len(group.blocks) < 2 or not _dateline_after_lead(page, _Group(group.blocks[:1]), group.blocks[1]):
        return None
    return next(k for k in range(group.blocks[0][1] + 1, group.blocks[1][0]) if page.kinds[k] is Kind.DATE)


def _list_goes_on(page: _Page, end: int, start: int) -> bool:
    """The block starting at ``start`` goes on with the list closing the one ending at ``end``, an
    advert or a photo set into it: the same story, however few of the list's items come after."""
    mark = _item_mark(page.lines[end].text)
    return mark is not None and _item_mark(page.lines[start].text) == mark


def _groups(page: _Page) -> list[_Group]:
    groups: list[_Group] = []
    for block in _blocks(page):
        if groups and (
            _dateline_after_lead(page, groups[-1], block)
            or not _boundary(page, groups[-1].end + 1, block[0] - 1, block)
        ):
            if _soft_boundary(page, groups[-1].end + 1, block[0] - 1) and not _list_goes_on(
                page, groups[-1].end, block[0]
            ):
                groups.append(_Group([block], soft=True))
            else:
                groups[-1].blocks.append(block)
        else:
            groups.append(_Group([block]))
    groups = [part for g in groups for part in _topic_parts(page, _prune(page, g))]
    _release_next_heads(page, groups)
    sized = [g for g in groups if sum(_block_words(page, b) for b in g.blocks) >= MIN_BODY_WORDS]
    return sized or [g for g in groups if _dated_notice(page, g)]


def _release_next_heads(page: _Page, groups: list[_Group]) -> None:
    """A group ending in a headline-shaped line (no sentence) whose words are the next group's and
    not its own: the next story's headline, printed right after our last paragraph with only its
    furniture (a button) between, not our last line. It leaves our body."""
    for group, nxt in pairwise(groups):
        a, b = group.blocks[-1]
        if b <= a or not _head_candidate(page, b) or page.kinds[b - 1] is not Kind.PROSE:
            continue
        text = page.lines[b].text
        theirs = relation(text, set().union(*(_block_topic(page, x) for x in nxt.blocks)))
        rest = [*group.blocks[:-1], (a, b - 1)]
        ours = relation(text, set().union(*(_block_topic(page, x) for x in rest)))
        if theirs >= STORY_HEAD_RELATION and ours * 2 <= theirs:
            group.blocks[-1] = (a, b - 1)
            nxt.topic_cut = nxt.topic_cut or _names_apart(page, rest, nxt.blocks)


def _names_apart(page: _Page, left: list[tuple[int, int]], right: list[tuple[int, int]]) -> bool:
    """The prose of two runs of blocks names other people and places (hardly a name in common)."""

    def names(blocks: list[tuple[int, int]]) -> set[str]:
        return {
            name
            for a, b in blocks
            for k in range(a, b + 1)
            if page.kinds[k] is Kind.PROSE
            for name in proper_names(page.lines[k].text)
        }

    ours, theirs = names(left), names(right)
    smaller = min(len(ours), len(theirs))
    return smaller >= STORY_MIN_NAMES and len(ours & theirs) <= STORY_SHARED_NAMES * smaller


NOTICE_WORDS = 12
"""Words a short notice needs to be a page's article when the page has no longer body."""


NOTICE_DATE_STEPS = 3
"""Lines over a short notice searched for its dateline (a byline or a share bar may stand between)."""


NOTICE_HEAD_STEPS = 2
"""Lines over a short notice's dateline searched for its headline."""


def _dated_notice(page: _Page, group: _Group) -> bool:
    """A paragraph too short for a story right under a headline and its dateline, on a page with no
    longer body: the page's one article (a short notice, a site update), not a teaser in a list."""
    if sum(_block_words(page, b) for b in group.blocks) < NOTICE_WORDS:
        return False
    above = range(max(0, group.start - NOTICE_DATE_STEPS), group.start)
    dated = [k for k in above if page.kinds[k] is Kind.DATE]
    return bool(dated) and any(page.heads[j] for j in range(max(0, dated[0] - NOTICE_HEAD_STEPS), dated[0]))


TOPIC_MIN_NAMES = 6
"""Each side of a topic cut names at least this many distinct capitalised words..."""


TOPIC_MAX_SHARED = 0.1
"""...and shares at most this share of the smaller side's: two stories, not two sections of one."""


TOPIC_MIN_WORDS = 80
"""Each side of a topic cut is at least this long (a story, not a pull quote)."""


def _topic_parts(page: _Page, group: _Group) -> list[_Group]:
    """A body that is two stories printed one after the other, with only a stray line between
    (a "Save" button, a credit), cut where the names the text keeps using change completely."""
    if not _headlines_within(page, group.start, group.end) and not any(
        page.kinds[k] is Kind.SHORT and _head_between(page.lines[k].text)
        for a, b in group.blocks
        for k in range(a, b + 1)
    ):
        return [group]  # no headline to head a second story: nothing to look for
    prose = [k for b in group.blocks for k in range(b[0], b[1] + 1) if page.kinds[k] is Kind.PROSE]
    cut = _topic_cut(page, prose)
    if cut is None:
        return [group]
    sectioned = _sectioned(page, group)
    if not _headed_apart(page, prose[:cut], prose[cut:], group.end, loose=not sectioned):
        return [group]
    before, after = prose[cut - 1], prose[cut]
    head = [(a, min(b, before)) for a, b in group.blocks if a <= before]
    tail = [(max(a, after), b) for a, b in group.blocks if b >= after]
    # a section of a body cut into sections is no story by its cut alone
    second = _Group(tail, topic_cut=not sectioned)
    return [
        *_topic_parts(page, _Group(head, soft=group.soft, topic_cut=group.topic_cut)),
        *_topic_parts(page, second),
    ]


def _headlines_within(page: _Page, first: int, end: int) -> list[int]:
    """Headlines, and captions printing one, among lines first..end and just after them."""
    return [
        k
        for k in range(first, min(len(page.lines), end + NEAR + 1))
        if (page.heads[k] or (page.kinds[k] is Kind.CAPTION and words(page.caption(k)) >= 4))
        and title_like(page.caption(k))
    ]


def _headed_apart(page: _Page, left: list[int], right: list[int], end: int, *, loose: bool = False) -> bool:
    """The second story of a topic cut has a headline of its own: a headline or a caption printing
    one, among or right after its lines, whose words recur in it more than in the first story.
    ``loose``: a body not cut into sections may have it in sentence case (see ``_sentence_case_head``)."""
    candidates = _headlines_within(page, left[-1] + 1, end)
    # or a headline printed once, over the second story, whose words are the second story's
    gap = [k for k in range(left[-1] + 1, right[0]) if page.kinds[k] is Kind.SHORT]
    over = [k for k in gap if _headline_shaped(page.lines[k].text) and headline_like(page.lines[k].text)]
    plain = [k for k in gap if _sentence_case_head(page.lines[k].text)] if loose else []
    if not candidates and not over and not plain:
        return False
    left_words = body_words(page.lines[k].text for k in left)
    right_words = body_words(page.lines[k].text for k in right)
    if any(
        relation(page.caption(k), right_words) > max(0.0, relation(page.caption(k), left_words))
        for k in candidates
    ):
        return True
    if any(
        relation(page.lines[k].text, right_words) >= STORY_HEAD_RELATION
        and relation(page.lines[k].text, left_words) <= STORY_HEAD_STRANGER
        for k in over
    ):
        return True
    # a story's headline stands alone over it (a kicker and a title, a link and a label are a section's)
    return len(plain) == 1 and not over and _heads_right(page.lines[plain[0]].text, left_words, right_words)


SECTION_HEADS = 3
"""Headline-shaped lines between a body's paragraphs that make it one piece cut into sections (a
list of products or places, a guide), whose sections name other things each."""


def _sectioned(page: _Page, group: _Group) -> bool:
    """The body is cut into sections: several headline-shaped lines stand right under its
    paragraphs. A page of stories with no datelines has one between each two, and few stories."""
    found = 0
    for k in range(max(group.start, 1), group.end + 1):
        if (
            page.kinds[k] is Kind.SHORT
            and page.kinds[k - 1] is Kind.PROSE
            and _head_between(page.lines[k].text)
        ):
            found += 1
            if found >= SECTION_HEADS:
                return True
    return False


def _heads_right(text: str, left_words: set[str], right_words: set[str]) -> bool:
    """A line between two stories heads the second: many of its topic words recur in it, and
    clearly fewer in the first (a word as common as "after" may recur there too)."""
    right = relation(text, right_words)
    return right >= STORY_HEAD_RELATION and relation(text, left_words) <= max(STORY_HEAD_STRANGER, right / 2)


def _head_between(text: str) -> bool:
    """A line standing between two stories' paragraphs that can head the second: capitalised like a
    headline, or in sentence case (see ``_sentence_case_head``)."""
    return (_headline_shaped(text) and headline_like(text)) or _sentence_case_head(text)


def _sentence_case_head(text: str) -> bool:
    """A headline in sentence case, with no dateline under it: a few words, no final stop, no
    sentence, not capitalised like a title (whether it heads the paragraphs after it is told by
    their words and names)."""
    return (
        headline_like(text)
        and not _headline_shaped(text)
        and words(text) >= STORY_HEAD_MIN_WORDS
        and not is_sentence(text)
    )


def _topic_cut(page: _Page, prose: list[int]) -> int | None:
    """Where in the prose lines ``prose`` the story changes: the index of the first line of the
    second story, at a gap of at least one other line, or None."""
    if len(prose) < 4:
        return None
    sizes = [words(page.lines[k].text) for k in prose]
    if not _cut_room(prose, sizes):
        return None
    names = [proper_names(page.lines[k].text) for k in prose]
    left: Counter[str] = Counter()
    right: Counter[str] = Counter(w for found in names for w in found)
    shared = 0
    left_words, total = 0, sum(sizes)
    best: tuple[float, int] | None = None
    for i in range(1, len(prose)):
        for w in names[i - 1]:
            if left[w] == 0 and right[w] > 1:
                shared += 1
            elif left[w] > 0 and right[w] == 1:
                shared -= 1
            left[w] += 1
            right[w] -= 1
            if right[w] == 0:
                del right[w]
        left_words += sizes[i - 1]
        if (
            prose[i] - prose[i - 1] < 2
            or left_words < TOPIC_MIN_WORDS
            or total - left_words < TOPIC_MIN_WORDS
        ):
            continue
        smaller = min(len(left), len(right))
        if smaller < TOPIC_MIN_NAMES:
            continue
        score = shared / smaller
        if score <= TOPIC_MAX_SHARED and (best is None or score < best[0]):
            best = (score, i)
    return None if best is None else best[1]


def _cut_room(prose: list[int], sizes: list[int]) -> bool:
    """Whether some gap between two prose lines has enough words on either side for a topic cut:
    checked on the word counts before any line's names are gathered (most bodies have none)."""
    total = sum(sizes)
    left_words = 0
    for i in range(1, len(prose)):
        left_words += sizes[i - 1]
        if (
            prose[i] - prose[i - 1] >= 2
            and left_words >= TOPIC_MIN_WORDS
            and total - left_words >= TOPIC_MIN_WORDS
        ):
            return True
    return False


def _first_end(page: _Page, first: int, last: int) -> int | None:
    return next((k for k in range(first, last + 1) if page.kinds[k] is Kind.END), None)


def _last_end(page: _Page, first: int, last: int) -> int | None:
    return next((k for k in range(last, first - 1, -1) if page.kinds[k] is Kind.END), None)


def _head_before(page: _Page, first: int, body_start: int) -> int | None:
    """The headline standing before a body (within the lines first..body_start-1)."""
    for k in range(body_start - 1, first - 1, -1):
        if page.heads[k] and page.kinds[k] is not Kind.CAPTION:
            return k
    return None
