"""Split a plain-text page (a browser innerText dump) into its articles.

The page is read as a sequence of non-empty lines, each given a kind by its
shape alone (prose, short, dateline, caption, chrome, end-of-article heading).
Then context decides:

* **Headlines** are title-shaped lines printed more than once on the page
  (as the page title, the headline, a caption "Photo: <headline>"), or
  standing right before a dateline. A repeated line flanked by prose on both
  sides each time ("[ CNET ]") is part of a body instead.
* **Section labels** are one-to-four-word lines printed several times in a row.
* **Bodies** are runs of prose, bridging the short lines between paragraphs
  (subheads, list items) but not headlines, datelines, captions or chrome, nor
  long menu-shaped runs (many short capitalised lines).
* **Repeats that are not headlines**: a line printed again together with its
  neighbours is a repeated box or list (a carousel of teasers, a product
  block); a short kicker printed at equal steps heads each teaser of a list.
* **Articles**: consecutive bodies belong to one article unless a headline,
  a section label, a dateline under a headline or an end-of-article heading
  ("Related", "Recommended", the footer) stands between them. A share bar or
  an advert between two bodies splits them only if the second proves to be
  an article of its own (a headline after it that is not the first one's).
  An article's headline is the one before its body, or, when there is none,
  the one its captions repeat after it; two bodies carrying the same headline
  are one article. Bodies with no headline at all are kept only when they are
  the page's main text, so a list of teasers never becomes an article.

Every threshold below is about shapes (words per line, lines per gap), never
about a site's vocabulary.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from newsflow.extraction.credits import bio_line, person_line
from newsflow.extraction.dates import looks_like_dateline
from newsflow.extraction.features import line_features
from newsflow.extraction.lines import (
    Line,
    byline_names,
    caption_text,
    content_words,
    has_credit_tail,
    has_paren_credit,
    is_chrome,
    is_end_marker,
    is_prose,
    is_sentence,
    link_row,
    memo_short,
    normalize,
    page_lines,
    proper_names,
    relation,
    title_case_ratio,
    words,
)
from newsflow.extraction.memo import forget

MIN_BODY_WORDS = 25
"""A body shorter than this is not an article (a teaser, a pull quote)."""
MIN_EXTRA_WORDS = 75
"""A page's second and later articles need this much body: teasers under a headline are shorter."""
WEAK_EXTRA_WORDS = 75
"""...and this much when their headline is only a title-shaped line next to them (not printed twice)."""
MENU_RUN = 6
"""This many menu-shaped lines in a row end a body: it is a navigation list, not subheads."""
TRAIL = 12
"""Short lines after a body's last paragraph kept when a break follows them (list items, a closing line)."""
NEAR = 5
"""How many lines a headline may stand from its body (labels, dateline, byline between)."""


class Kind(Enum):
    """What a line is by its shape alone."""

    PROSE = "prose"
    SHORT = "short"
    DATE = "date"
    CAPTION = "caption"
    CHROME = "chrome"
    END = "end"


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


@dataclass(slots=True)
class _Page:
    lines: list[Line]
    kinds: list[Kind]
    tkeys: list[str]
    heads: list[bool]
    labels: list[bool]
    reprints: dict[int, str] = field(default_factory=dict)
    credits: list[bool] = field(default_factory=list)
    """Which lines are bylines (see ``_credit``)."""

    def caption(self, k: int) -> str:
        """What line ``k`` says as a caption or headline: the headline it reprints, the text after
        "Photo:", or the line itself."""
        return self.reprints.get(k) or caption_text(self.lines[k].text) or self.lines[k].text


REPRINT_EXTRA_WORDS = 4
"""A line that is another line's headline plus this many words at most ("<headline> | File photo",
"<headline> - Site") is that headline printed again, as a caption or the page title."""


def _reprints(lines: list[Line], kinds: list[Kind]) -> dict[int, str]:
    """Lines that print another line's headline with a few words before or after it (a credit, a
    site name): index -> the headline's text. Found by shape, whatever the added words say; only
    where the page shows it is a headline: the base or the reprint printed twice, the base over a
    dateline, or the reprint next to another print of it (a product name with its variant is not one)."""
    titles: dict[str, int] = {}
    openings: set[str] = set()
    endings: set[str] = set()
    bases: dict[int, str] = {}
    for i, line in enumerate(lines):
        kind = kinds[i]
        if len(line.text) > 220 or kind not in (Kind.SHORT, Kind.PROSE, Kind.CAPTION):
            continue
        text = (caption_text(line.text) or "") if kind is Kind.CAPTION else line.text
        key = normalize(text) if kind is Kind.CAPTION else line.key
        if key in titles:
            continue
        if 2 <= key.count(" ") <= 29 and title_like(text):
            titles[key] = i
            bases[i] = text
            openings.add(" ".join(key.split(" ", 3)[:3]))
            endings.add(" ".join(key.rsplit(" ", 3)[-3:]))
    found: dict[int, int] = {}
    if not titles:
        return {}
    for i, line in enumerate(lines):
        kind = kinds[i]
        if len(line.text) > 260 or kind not in (Kind.SHORT, Kind.CAPTION):
            continue
        key = normalize(caption_text(line.text) or "") if kind is Kind.CAPTION else line.key
        if not 3 <= key.count(" ") <= 33:
            continue
        if (
            " ".join(key.split(" ", 3)[:3]) not in openings
            and " ".join(key.rsplit(" ", 3)[-3:]) not in endings
        ):
            continue
        tokens = key.split()
        for extra in range(1, min(REPRINT_EXTRA_WORDS, len(tokens) - 3) + 1):
            base = titles.get(" ".join(tokens[:-extra]))
            if base is None:
                base = titles.get(" ".join(tokens[extra:]))
            if base is not None:
                found[i] = base
                break
    n = len(lines)
    counts = Counter(line.key for line in lines) if found else Counter()

    def headline_evidence(i: int, base: int) -> bool:
        if counts[lines[i].key] >= 2 or counts[lines[base].key] >= 2:
            return True
        if any(kinds[j] is Kind.DATE for j in range(base + 1, min(n, base + 3))):
            return True
        return any(found.get(j) == base or j == base for j in (i - 1, i + 1))

    return {i: bases[base] for i, base in found.items() if headline_evidence(i, base)}


@memo_short
def line_kind(text: str) -> Kind:
    """The kind of one line, judged on its own."""
    shape = line_features(text)
    n = shape.words
    if n <= 6 and is_end_marker(text):
        return Kind.END
    if looks_like_dateline(text):
        return Kind.DATE  # before chrome: "BY ANN LEE · 18-03-2022 17:45" is shouted, but a dateline
    if is_chrome(text):
        return Kind.CHROME
    if (
        caption_text(text) is not None
        or (n <= 12 and has_credit_tail(text))
        or (n <= 80 and has_paren_credit(text))
    ):
        return Kind.CAPTION
    if shape.prose and not (n < 20 and shape.title_case >= 0.75):
        return Kind.PROSE
    return Kind.SHORT


def title_like(text: str) -> bool:
    """Shaped like a headline: a few words, not a sentence-long paragraph, not a row of links."""
    n = line_features(text).words
    return 2 <= n <= 30 and len(text) <= 220 and not is_chrome(text) and not link_row(text)


def name_like(text: str) -> bool:
    """Shaped like a person's or a desk's name ("Sarah E. Needleman", "Associated Press"): not a headline."""
    return (
        len(text) <= 40
        and 1 <= len(text.split()) <= 4
        and title_case_ratio(text) == 1.0
        and not any(map(str.isdigit, text))
        and not text.rstrip().endswith(("?", "!", ":"))
    )


def headline_like(text: str) -> bool:
    """A line that can be a headline printed again elsewhere on the page."""
    return (
        title_like(text)
        and words(text) >= 3
        and not name_like(text)
        and not text.startswith(("—", "–", "-"))
        and not byline_names(text)
    )


def _headline_shaped(text: str) -> bool:
    """Capitalised like a headline and not a sentence: a teaser's title in a list of teasers."""
    shape = line_features(text)
    return (
        shape.words >= 4
        and shape.title_case >= 0.7
        and not is_sentence(text)
        and not text.startswith(("—", "–", "-", "["))
    )


def _even_runs(positions: list[int]) -> list[list[int]]:
    """Runs of three or more positions at (nearly) equal short steps: one kicker per teaser."""
    runs: list[list[int]] = []
    run = positions[:1]
    for pos in positions[1:]:
        step = pos - run[-1]
        if 2 <= step <= 4 and (len(run) < 2 or abs(step - (run[-1] - run[-2])) <= 1):
            run.append(pos)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = [run[-1], pos] if step >= 2 else [pos]
    if len(run) >= 3:
        runs.append(run)
    return runs


def _printed_as_headline(kinds: list[Kind], tkeys: list[str], same: list[int]) -> bool:
    """A sentence printed twice is a pull quote unless one print stands like a headline:
    next to another print of itself, as a caption, or next to a dateline."""
    n = len(kinds)
    for j in same:
        if kinds[j] is Kind.CAPTION:
            return True
        for x in (j - 1, j + 1):
            if 0 <= x < n and (tkeys[x] == tkeys[j] or kinds[x] is Kind.DATE):
                return True
    return False


def _list_repeat(tkeys: list[str], same: list[int]) -> bool:
    """A line printed again together with its neighbours: a repeated list or box, not a headline."""
    key = tkeys[same[0]]
    n = len(tkeys)
    for step in (-1, 1):
        neighbours = Counter(
            tkeys[j + step] for j in same if 0 <= j + step < n and tkeys[j + step] and tkeys[j + step] != key
        )
        if neighbours and max(neighbours.values()) >= 2:
            return True
    return False


def _classify(lines: list[Line]) -> _Page:
    kinds = [line_kind(line.text) for line in lines]
    tkeys = [
        normalize(caption_text(line.text) or "") if kind is Kind.CAPTION else line.key
        for line, kind in zip(lines, kinds, strict=True)
    ]
    reprints = _reprints(lines, kinds)
    for i, head in reprints.items():
        kinds[i] = Kind.CAPTION
        tkeys[i] = normalize(head)
    counts = Counter(tkeys)
    n = len(lines)
    positions: dict[str, list[int]] = {}
    for i, key in enumerate(tkeys):
        positions.setdefault(key, []).append(i)

    def flanked(i: int) -> bool:
        """Inside a body: prose close on both sides, nothing headline-like next to it."""
        if not (0 < i < n - 1) or kinds[i] is Kind.CAPTION:
            return False
        for j in (i - 1, i + 1):
            if tkeys[j] == tkeys[i] or kinds[j] not in (Kind.PROSE, Kind.SHORT):
                return False
        before = any(kinds[j] is Kind.PROSE for j in range(max(0, i - 2), i))
        after = any(kinds[j] is Kind.PROSE for j in range(i + 1, min(n, i + 3)))
        return before and after

    # a run of paragraphs printed twice (a teaser carousel in the header and again in the footer)
    for same in positions.values():
        if len(same) >= 2 and kinds[same[0]] is Kind.PROSE and _list_repeat(tkeys, same):
            for j in same:
                kinds[j] = Kind.CHROME
    # a kicker printed over every teaser of a list ("Opening Bell", "Opening Bell", ... at equal steps)
    for key, same in positions.items():
        if len(same) >= 3 and key and kinds[same[0]] is Kind.SHORT and words(key) <= 4:
            for run in _even_runs(same):
                for j in run:
                    kinds[j] = Kind.CHROME
    heads = [False] * n
    labels = [False] * n
    list_repeat: dict[str, bool] = {}
    inside_body: dict[str, bool] = {}
    as_headline: dict[str, bool] = {}

    def repeats_as_list(key: str) -> bool:
        if key not in list_repeat:
            list_repeat[key] = _list_repeat(tkeys, positions[key])
        return list_repeat[key]

    for i, line in enumerate(lines):
        kind = kinds[i]
        key = tkeys[i]
        if not key or kind in (Kind.CHROME, Kind.END, Kind.DATE):
            continue
        text = (reprints.get(i) or caption_text(line.text)) if kind is Kind.CAPTION else line.text
        if text is None:
            continue
        same = positions[key]
        if words(text) <= 4 and ((i > 0 and tkeys[i - 1] == key) or (i + 1 < n and tkeys[i + 1] == key)):
            labels[i] = kind is not Kind.CAPTION and words(text) <= 4
        if counts[key] < 2 or not headline_like(text):
            continue
        if key not in inside_body:
            inside_body[key] = all(flanked(j) for j in same)
        if inside_body[key] or repeats_as_list(key):
            continue
        if kind is Kind.PROSE and title_case_ratio(text) < 0.5:
            if key not in as_headline:
                as_headline[key] = _printed_as_headline(kinds, tkeys, same)
            if not as_headline[key]:
                continue
        if not labels[i] or words(text) >= 4:
            heads[i] = True
    # a short headline ("About bugs") printed twice, once next to a section label or a dateline
    for i in range(n):
        if heads[i] or labels[i] or counts[tkeys[i]] < 2 or kinds[i] not in (Kind.SHORT, Kind.CAPTION):
            continue
        text = reprints.get(i) or caption_text(lines[i].text) or lines[i].text
        if not title_like(text) or repeats_as_list(tkeys[i]):
            continue
        name = name_like(text)
        for j in positions[tkeys[i]]:
            if any(
                0 <= x < n and (labels[x] or (not name and kinds[x] is Kind.DATE)) for x in (j - 1, j + 1)
            ):
                heads[i] = True
                break
    credits = [
        kinds[i] is Kind.SHORT and len(line.text) <= CREDIT_CHARS and _credit(lines, i)
        for i, line in enumerate(lines)
    ]
    _heads_over_datelines(lines, kinds, labels, heads, credits)
    return _Page(lines, kinds, tkeys, heads, labels, reprints, credits)


CREDIT_CHARS = 160
"""A byline is a short line no longer than this (two names, a role and a site); others are not tried."""


def _credit_line(lines: list[Line], k: int, kind: Kind, credits: list[bool]) -> bool:
    """A line that stands between a headline and its dateline: a byline, an author's name with a
    role or a one-line bio, a share bar, a row of links."""
    text = lines[k].text
    return kind is Kind.CHROME or credits[k] or name_like(text) or link_row(text) or bio_line(text)


def _credit(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a byline, in a known wording or by its shape (a name with a short role or a site
    beside it). A bare two-word name is left to ``name_like``, since a short headline looks the same;
    a line shaped like its neighbour is an item of a list ("Ann Lee, Kent" over "Bo Chen, Irvine")."""
    text = lines[k].text
    if byline_names(text):
        return True
    if " " not in text.strip() or not person_line(text) or name_like(text):
        return False
    return not any(0 <= j < len(lines) and person_line(lines[j].text) for j in (k - 1, k + 1))


def _heads_over_datelines(
    lines: list[Line], kinds: list[Kind], labels: list[bool], heads: list[bool], credits: list[bool]
) -> None:
    """A title-shaped line right over a dateline (bylines, names and share bars between) is a
    headline; so is one right over a byline that a dateline or the body follows (then a short
    title-case line over the byline is a headline, not an author's name). A byline known
    only by its shape (a photo credit looks the same) needs a headline over it: four words or
    more, printed once."""
    n = len(lines)
    counts: Counter[str] | None = None
    for i in range(n):
        is_date = kinds[i] is Kind.DATE
        if not is_date and not (kinds[i] is Kind.SHORT and credits[i]):
            continue
        if not is_date and not _body_follows(lines, kinds, i):
            continue
        by_shape = not is_date and not byline_names(lines[i].text)
        j = i - 1
        bylined = False  # a byline stands between: the line over it is no author's name
        while j >= 0 and i - j <= 3 and (labels[j] or _credit_line(lines, j, kinds[j], credits)):
            if bylined and name_like(lines[j].text) and not credits[j]:
                break
            bylined = bylined or (not labels[j] and credits[j])
            j -= 1
        if (
            j >= 0
            and kinds[j] in (Kind.SHORT, Kind.PROSE)
            and not labels[j]
            and (bylined or not name_like(lines[j].text))
            and title_like(lines[j].text)
            and not credits[j]
            and not _sentence_case_prose(lines[j].text)
        ):
            if by_shape:
                counts = counts or Counter(line.key for line in lines)
                if words(lines[j].text) < SHAPE_BYLINE_HEAD_WORDS or counts[lines[j].key] > 1:
                    continue
            heads[j] = True


SHAPE_BYLINE_HEAD_WORDS = 4
"""Words of a headline over a byline known only by its shape (see ``_heads_over_datelines``)."""


BYLINE_FURNITURE = 8
"""Lines of furniture (share and listen buttons, counters, a caption) a byline may stand over before the
story's dateline or first paragraph."""
FURNITURE_WORDS = 6
"""A line of that furniture is this short, or a row of links, a caption or chrome."""


def _body_follows(lines: list[Line], kinds: list[Kind], i: int) -> bool:
    """A dateline or a paragraph follows the byline at ``i``: within three lines, or further down with
    only furniture between (buttons, counters, a read time, a caption) and a second paragraph after it,
    not a teaser's blurb."""
    n = len(lines)
    for x in range(i + 1, min(n, i + 1 + BYLINE_FURNITURE)):
        kind = kinds[x]
        if kind is Kind.DATE or (kind is Kind.PROSE and x <= i + 3):
            return True
        if kind is Kind.PROSE:  # past the furniture, a story: two paragraphs (an advert between at most)
            after = [kinds[y] for y in range(x + 1, min(n, x + 3))]
            return after[:1] == [Kind.PROSE] or after == [Kind.CHROME, Kind.PROSE]
        text = lines[x].text
        if (
            x > i + 2
            and kind not in (Kind.CHROME, Kind.CAPTION)
            and words(text) > FURNITURE_WORDS
            and not link_row(text)
        ):
            return False
    return False


def _sentence_case_prose(text: str) -> bool:
    """A sentence of running text (lower-case words, a full stop): the last line of a body, not a headline."""
    return text.rstrip().endswith(".") and title_case_ratio(text) < 0.5 and words(text) >= 8


def _breaks(page: _Page, i: int) -> bool:
    """A line no body runs across."""
    return page.heads[i] or page.labels[i] or page.kinds[i] not in (Kind.PROSE, Kind.SHORT)


def _blocks(page: _Page) -> list[tuple[int, int]]:
    """Index ranges [start, end] of body text: prose runs and the short lines bridging them."""
    n = len(page.lines)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if _breaks(page, i):
            i += 1
            continue
        run_start = i
        while i < n and not _breaks(page, i):
            i += 1
        run_end = i - 1
        blocks.extend(_run_blocks(page, run_start, run_end, ends_at_break=i < n))
    return blocks


def _run_blocks(page: _Page, start: int, end: int, ends_at_break: bool) -> list[tuple[int, int]]:
    """Blocks inside one run of prose and short lines (no breaks in it)."""
    prose = [k for k in range(start, end + 1) if page.kinds[k] is Kind.PROSE]
    if not prose:
        return [(start, end)] if _anchored_list(page, start, end) else []
    out: list[tuple[int, int]] = []
    b_start = b_end = prose[0]
    for k in prose[1:]:
        gap = range(b_end + 1, k)
        menu = sum(1 for g in gap if menu_shaped(page.lines[g].text))
        if len(gap) >= MENU_RUN and menu * 2 >= len(gap):
            out.append((b_start, b_end))
            b_start = k
        b_end = k
    out.append((b_start, b_end))
    # short lines at the run's edges: a leading subhead, trailing list items
    first_start, first_end = out[0]
    lead = first_start - start
    if 0 < lead <= 2 and not any(
        menu_shaped(page.lines[g].text) and not is_sentence(page.lines[g].text)
        for g in range(start, first_start)
        if words(page.lines[g].text) <= 2
    ):
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
    return out


def _anchored_list(page: _Page, start: int, end: int) -> bool:
    """A body made only of short lines (a schedule, a list of specs) between two prints of its headline,
    or right under its headline and dateline."""
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
    while k >= 0 and page.kinds[k] is Kind.CHROME and start - k <= 3:
        k -= 1
    return k >= 1 and page.kinds[k] is Kind.DATE and any(page.heads[j] for j in range(max(0, k - 3), k))


def _block_words(page: _Page, block: tuple[int, int]) -> int:
    return sum(words(page.lines[k].text) for k in range(block[0], block[1] + 1))


def _boundary(page: _Page, first: int, last: int, next_block: tuple[int, int]) -> bool:
    """True when lines first..last (a gap between two blocks) separate two articles."""
    resumes = next(
        (k for k in range(next_block[0], next_block[1] + 1) if page.kinds[k] is Kind.PROSE), next_block[0]
    )
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
        if page.kinds[k] is Kind.END and resumes - k > 2:
            return True
    return False


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


def _prune(page: _Page, group: _Group) -> _Group:
    """Keep the group's main block and the blocks close to it or large next to it."""
    sizes = [_block_words(page, b) for b in group.blocks]
    main = max(range(len(sizes)), key=sizes.__getitem__)
    first = group.blocks[0][0]
    above = range(max(0, first - NEAR), first)
    under_headline = any(page.heads[k] or page.kinds[k] is Kind.DATE for k in above)
    if under_headline and sizes[0] * 4 >= sizes[main]:
        main = 0
    keep = {main}
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
            ):
                keep.add(k)
                edge = k
                k += direction
                continue
            break
    return _Group([b for idx, b in enumerate(group.blocks) if idx in keep], soft=group.soft)


def _soft_boundary(page: _Page, first: int, last: int) -> bool:
    """A share bar or advert between two bodies: maybe two articles, if the second proves it."""
    return any(page.kinds[k] is Kind.CHROME for k in range(first, last + 1))


def _groups(page: _Page) -> list[_Group]:
    groups: list[_Group] = []
    for block in _blocks(page):
        if groups and not _boundary(page, groups[-1].end + 1, block[0] - 1, block):
            if _soft_boundary(page, groups[-1].end + 1, block[0] - 1):
                groups.append(_Group([block], soft=True))
            else:
                groups[-1].blocks.append(block)
        else:
            groups.append(_Group([block]))
    groups = [part for g in groups for part in _topic_parts(page, _prune(page, g))]
    return [g for g in groups if sum(_block_words(page, b) for b in g.blocks) >= MIN_BODY_WORDS]


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
        page.kinds[k] is Kind.SHORT and _headline_shaped(page.lines[k].text)
        for a, b in group.blocks
        for k in range(a, b + 1)
    ):
        return [group]  # no headline to head a second story: nothing to look for
    prose = [k for b in group.blocks for k in range(b[0], b[1] + 1) if page.kinds[k] is Kind.PROSE]
    cut = _topic_cut(page, prose)
    if cut is None or not _headed_apart(page, prose[:cut], prose[cut:], group.end):
        return [group]
    before, after = prose[cut - 1], prose[cut]
    head = [(a, min(b, before)) for a, b in group.blocks if a <= before]
    tail = [(max(a, after), b) for a, b in group.blocks if b >= after]
    second = _Group(tail, topic_cut=True)
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


def _headed_apart(page: _Page, left: list[int], right: list[int], end: int) -> bool:
    """The second story of a topic cut has a headline of its own: a headline or a caption printing
    one, among or right after its lines, whose words recur in it more than in the first story."""
    candidates = _headlines_within(page, left[-1] + 1, end)
    # or a headline printed once, over the second story, whose words are the second story's
    over = [
        k
        for k in range(left[-1] + 1, right[0])
        if page.kinds[k] is Kind.SHORT
        and _headline_shaped(page.lines[k].text)
        and headline_like(page.lines[k].text)
    ]
    if not candidates and not over:
        return False
    left_words = content_words(" ".join(page.lines[k].text for k in left))
    right_words = content_words(" ".join(page.lines[k].text for k in right))
    if any(
        relation(page.caption(k), right_words) > max(0.0, relation(page.caption(k), left_words))
        for k in candidates
    ):
        return True
    return any(
        relation(page.lines[k].text, right_words) >= 0.4 and relation(page.lines[k].text, left_words) <= 0.15
        for k in over
    )


def _topic_cut(page: _Page, prose: list[int]) -> int | None:
    """Where in the prose lines ``prose`` the story changes: the index of the first line of the
    second story, at a gap of at least one other line, or None."""
    if len(prose) < 4:
        return None
    names = [proper_names(page.lines[k].text) for k in prose]
    sizes = [words(page.lines[k].text) for k in prose]
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


def _title_at_end(page: _Page, seg: Segment, index: dict[int, int]) -> None:
    """A body whose last line is headline-shaped and closes the article: its headline printed after it."""
    if len(seg.body) < 2:
        return
    last = index[seg.body[-1].number]
    if last + 1 >= len(page.lines) or page.kinds[last + 1] not in (Kind.END, Kind.CHROME, Kind.CAPTION):
        return
    text = page.lines[last].text
    if page.kinds[last] is not Kind.SHORT or not headline_like(text) or is_sentence(text):
        return
    if _first_line_title(seg) is not None:
        topic = content_words(" ".join(line.text for line in seg.body[1:-1]))
        if relation(seg.body[0].text, topic) >= relation(text, topic):
            return  # the first line is the better headline: its words recur in the body
    seg.title, seg.title_text = page.lines[last], text
    seg.body = seg.body[:-1]


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
            and page.tkeys[k] != taken
        ):
            out.append(k)
    return out


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
    return max(candidates, key=lambda k: _head_score(page, k, topic, body_start))


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
            and not menu_shaped(line.text)
            and page.tkeys[k] != taken
        ):
            return k
        k -= 1
        steps += 1
    return None


def _title_after(page: _Page, body_end: int, last: int, topic: set[str]) -> tuple[int | None, bool]:
    """The headline a body's captions repeat after it: (index, is it a repeated headline). Among
    title-shaped lines close after it, the one whose words recur in the body (``topic``) most, a
    caption before a plain line."""
    stop = _first_end(page, body_end + 1, last)
    limit = last if stop is None else stop - 1
    for k in range(body_end + 1, limit + 1):
        if page.heads[k]:
            return k, True
    candidates = [
        k
        for k in range(body_end + 1, min(limit, body_end + NEAR) + 1)
        if page.kinds[k] in (Kind.SHORT, Kind.CAPTION) and title_like(page.caption(k))
    ]
    if not candidates:
        return None, False
    best = max(
        candidates,
        key=lambda k: (relation(page.caption(k), topic), page.kinds[k] is Kind.CAPTION, -k),
    )
    return best, False


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


def split_text(body: str) -> tuple[list[Line], list[Segment]]:
    """The page's lines and the article segments found in them, in page order.

    The passes, in order: line kinds and headline marks (``_classify``), bodies grouped into
    stories (``_groups``), a headline, dateline and region for each story (``_segments``), pieces
    of one story joined (``_merge``), then the articles kept (``_keep_articles``, with the main
    story's sections joined by ``_sections_of_main``) and their last titles settled.
    """
    lines = page_lines(body)
    if not lines:
        return lines, []
    page = _classify(lines)
    groups = _groups(page)
    merged = _merge(_segments(page, groups), [line.number for line in lines])
    index = {line.number: i for i, line in enumerate(lines)}
    for seg in merged:
        if seg.title is None:
            _title_at_end(page, seg, index)
    prints = _Prints.of(page)
    kept = _sections_of_main(page, merged, _page_story(page, _keep_articles(merged, prints), prints))
    for seg in kept:
        if seg.title is None or _weak_title_after(seg):
            _title_from_first_line(seg)
    return lines, kept


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
    """The body starts right under the end-of-article line ``end`` (two lines at most to its first
    paragraph), as ``_boundary`` reads it: a counter or a prompt in the story's head, not the
    heading of a list."""
    first_prose = next(
        (k for a, b in group.blocks for k in range(a, b + 1) if page.kinds[k] is Kind.PROSE), group.start
    )
    return first_prose - end <= 2


def _segments(page: _Page, groups: list[_Group]) -> list[Segment]:
    """One segment per group: its headline (before the body, or after it as a caption), dateline,
    section label, byline, captions and the page region handed to the worker."""
    lines = page.lines
    n = len(lines)
    heads_before = _heads_before(page, groups)
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
        topic = content_words(" ".join(lines[k].text for b in group.blocks for k in range(b[0], b[1] + 1)))
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
            ):
                # the line after us is the next body's headline; ours may stand before us
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
            if before_k is not None:
                title_k = before_k
            elif after_k is not None:
                title_k, strong = after_k, strong_after
        seg = Segment(body=[lines[k] for b in group.blocks for k in range(b[0], b[1] + 1)])
        seg.continues = continues and not (strong and title_k is not None and title_k > group.end)
        seg.after_list = _last_end(page, first, group.start - 1) is not None
        seg.strong = strong
        seg.soft = group.soft
        if title_k is not None:
            seg.title = lines[title_k]
            caption = page.kinds[title_k] is Kind.CAPTION
            seg.title_text = page.caption(title_k) if caption else lines[title_k].text
        _describe(page, seg, first, group, title_k)
        # the region handed to the worker: up to the last line that repeats our headline
        cut = group.end
        stop = _first_end(page, group.end + 1, next_start - 1)
        limit = (next_start - 1) if stop is None else stop - 1
        key = page.tkeys[title_k] if title_k is not None else None
        for k in range(group.end + 1, limit + 1):
            if (key and page.tkeys[k] == key) or (page.kinds[k] is Kind.CAPTION and key is None):
                cut = k
        if g_index + 1 < len(groups) and heads_before[g_index + 1] is not None:
            cut = min(cut, max(group.end, (heads_before[g_index + 1] or 0) - 1))
        seg.captions = [lines[k] for k in range(group.end + 1, cut + 1) if page.kinds[k] is Kind.CAPTION]
        seg.region = (lines[first].number, lines[cut].number)
        segments.append(seg)
        prev_cut = cut
    return segments


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


def _own_first_line_title(seg: Segment, before: Segment) -> None:
    """A piece past a share bar whose first line is a headline heading the rest of it (see
    ``_headed_story``) is a story of its own: that line becomes its headline."""
    first = _first_line_title(seg)
    if first is None:
        return
    trial = Segment(body=seg.body[1:], title=first, title_text=first.text, dateline=seg.dateline)
    if _headed_story(trial, before):
        seg.title, seg.title_text, seg.body = first, first.text, seg.body[1:]


def _merge(segments: list[Segment], numbers: list[int]) -> list[Segment]:
    """Join pieces of one article: a piece after a share bar with no headline of its own, and
    everything between two pieces that carry the same headline."""
    out: list[Segment] = []
    where: dict[str, int] = {}  # headline key -> index in ``out``
    for seg in segments:
        if out and seg.continues:
            # the previous article's headline printed again inside it (a gallery), and nothing of our own:
            # more of that article when large, its furniture (a mail form, related links) when small
            if _size(seg) * 3 >= _size(out[-1]):
                if seg.title is not None and seg.title.number < seg.body[0].number:
                    seg.body.insert(0, seg.title)  # a weak guess at a headline of our own: body after all
                _absorb(out[-1], seg)
            continue
        if out and _teaser_inside(out[-1], seg, numbers):
            _absorb(out[-1], seg)
            continue
        if out and seg.soft and seg.strong and out[-1].title is None:
            # the piece before the share bar had no headline: it is the start of this article
            _absorb(out[-1], seg)
            continue
        if out and seg.soft and not seg.strong and seg.title is None:
            _own_first_line_title(seg, out[-1])
        if out and seg.soft and not seg.strong and not _headed_story(seg, out[-1]):
            # a piece past a share bar or an advert: the same article if close or large, else chrome
            prev = out[-1]
            gap = bisect_left(numbers, seg.body[0].number) - bisect_left(numbers, prev.body[-1].number) - 1
            size, prev_size = _size(seg), _size(prev)
            if gap <= 2 or (gap <= 8 and size * 3 >= prev_size) or (gap <= 20 and size >= prev_size):
                _absorb(prev, seg)
            continue
        key = normalize(seg.title_text) if seg.title_text and seg.strong else None
        same = where.get(key) if key else None
        if same is not None and same < len(out) and seg.after_list:
            continue  # a list under a "More stories" heading, closed by a caption of our headline
        if same is not None and same < len(out):
            for later in out[same + 1 :]:
                _absorb(out[same], later)
            del out[same + 1 :]
            _absorb(out[same], seg)
            where = {k: i for k, i in where.items() if i <= same}
            continue
        out.append(seg)
        if seg.title_text:
            where[normalize(seg.title_text)] = len(out) - 1
    return out


TEASER_RELATION = 0.25
"""A headline dropped into a story (a teaser of another) has fewer of its words than this in the
text under it."""


def _teaser_inside(prev: Segment, seg: Segment, numbers: list[int]) -> bool:
    """The piece ``seg`` continues the story ``prev`` right before it (a headline and a dateline over
    it), under a headline dropped into that story (a teaser of another, printed again in a list at the
    end): the headline's words are not the piece's, the piece has no dateline, and it keeps naming
    who and what ``prev`` names. A sentence or a comment's "Ann says:" is no such headline."""
    title = seg.title_text
    if title is None or seg.title is None or not seg.strong or seg.dateline is not None:
        return False
    if prev.title is None or prev.dateline is None or words(title) < 4 or title.rstrip().endswith((".", ":")):
        return False
    if sum(1 for line in prev.body if is_prose(line.text)) < 2:
        return False  # one paragraph under a headline is a caption, not a story the piece continues
    if seg.title.number > seg.body[0].number:
        return False
    gap = bisect_left(numbers, seg.body[0].number) - bisect_left(numbers, prev.body[-1].number) - 1
    if (
        gap > NEAR
        or relation(title, content_words(" ".join(line.text for line in seg.body))) >= TEASER_RELATION
    ):
        return False
    ours, theirs = _names_of(prev), _names_of(seg)
    smaller = min(len(ours), len(theirs))
    return smaller >= 3 and len(ours & theirs) >= SECTION_SHARED_NAMES * smaller


def _absorb(into: Segment, other: Segment) -> None:
    """Add ``other``'s lines to ``into`` (which keeps its headline when it has one)."""
    into.body.extend(other.body)
    into.captions.extend(other.captions)
    into.region = (into.region[0], other.region[1])
    if into.title is None and other.title is not None:
        into.title, into.title_text, into.strong = other.title, other.title_text, other.strong
    into.dateline = into.dateline or other.dateline


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
    label_lo = max(
        first, (title_k if title_k is not None and title_k < group.start else group.start) - NEAR - 3
    )
    for k in range(label_lo, group.start):
        if page.labels[k] or (
            page.kinds[k] is Kind.SHORT
            and 1 <= words(page.lines[k].text) <= 3
            and not page.heads[k]
            and title_case_ratio(page.lines[k].text) == 1.0
            and k + 1 < len(page.lines)
            and (page.heads[k + 1] or (k > 0 and page.heads[k - 1]))
        ):
            seg.category = page.lines[k]


ARTICLE_EVIDENCE = 4
"""Points a page's second and later segments need to count as articles (see ``_evidence``)."""
STRONG_EVIDENCE = 7
"""Points that make a headed segment the page's article rather than a larger untitled body next to it."""


@dataclass(frozen=True, slots=True)
class _Prints:
    """How often each line key is printed on the page, which keys a caption prints, the page's
    first line (a dump starts with the document's title)."""

    counts: Counter[str]
    captioned: frozenset[str]
    first: str = ""

    @classmethod
    def of(cls, page: _Page) -> _Prints:
        captioned = {key for key, kind in zip(page.tkeys, page.kinds, strict=True) if kind is Kind.CAPTION}
        first = page.lines[0].key if page.lines else ""
        return cls(Counter(page.tkeys), frozenset(captioned), first)


def _evidence(seg: Segment, prints: _Prints) -> int:
    """How much a segment looks like an article of its own rather than a comment, a teaser or a
    box: a headline whose words recur in the body, a dateline, a headline printed more than once or
    in a caption, a section label over it, prose mass. A "headline" ending with a colon introduces
    something (a comment's "Ann says:")."""
    if seg.title_text is None:
        return 0
    key = normalize(seg.title_text)
    score = (key in prints.captioned) + (seg.category is not None)
    rel = relation(seg.title_text, content_words(" ".join(line.text for line in seg.body)))
    score += 2 if rel >= 0.25 else -2 if rel <= 0 else 0
    score += (rel >= 0.45) + (rel >= 0.6)
    score += 1 if seg.dateline is not None else 0
    score += FULL_HEAD if _full_head(seg) else 0
    score += (prints.counts[key] >= 2) + (prints.counts[key] >= 3)
    size = _size(seg)
    score += (size >= 150) + (size >= 300)
    score -= 3 if seg.title_text.rstrip().endswith(":") else 0
    score -= 1 if words(seg.title_text) <= 3 else 0  # a name, a label: a comment's or a box's head
    # a headline is no sentence ending in a full stop, nor an image credit
    score -= 2 if seg.title_text.rstrip().endswith(".") or has_paren_credit(seg.title_text) else 0
    score -= 1 if _prose_size(seg) * 2 < size else 0
    return score


FULL_HEAD = 2
"""Points for a story's full head: a headline over its body with a byline and a dateline under it."""


def _full_head(seg: Segment) -> bool:
    """A headline printed over the body with a byline and a dateline between: how a story is headed,
    never a comment ("Ann says:") or a teaser."""
    return (
        seg.title is not None
        and seg.byline is not None
        and seg.dateline is not None
        and seg.title.number < seg.byline.number < seg.body[0].number
        and not _introduces(seg)
    )


HEADED_RELATION = 0.25
"""Share of a headline's topic words a story's body must repeat for the headline to head it..."""
HEADED_RELATION_UNDATED = 0.45
"""...and the share when no dateline stands under the headline."""


def _whole_paragraph(text: str) -> bool:
    """A paragraph of prose printed whole: not a row of links, not a blurb cut short with "…"."""
    return is_prose(text) and not link_row(text) and not text.rstrip().endswith(("…", "..."))


def _headed_story(seg: Segment, other: Segment) -> bool:
    """A story of its own whatever its length: a headline printed over the body (a headline, not a
    sentence, a comment's "Ann says:" or a name), a body of two or more paragraphs of prose, and
    the headline's words recurring in that body (clearly so without a dateline under it) more
    than in the story ``other`` next to it. A teaser's headline is not what its blurb repeats; a
    subheading's words belong to its whole story."""
    title = seg.title_text
    if (  # a body of two or more whole paragraphs of prose
        title is None
        or seg.title is None
        or seg.title.number > seg.body[0].number
        or title.rstrip().endswith((":", "."))
        or words(title) <= 3
        or has_paren_credit(title)
        or _size(seg) < MIN_BODY_WORDS
        or len(seg.body) < 2
        or not all(_whole_paragraph(line.text) for line in seg.body)
    ):
        return False
    own = relation(title, content_words(" ".join(line.text for line in seg.body)))
    needed = HEADED_RELATION if seg.dateline is not None else HEADED_RELATION_UNDATED
    return own >= needed and own > relation(title, content_words(" ".join(line.text for line in other.body)))


def _introduces(seg: Segment) -> bool:
    """The segment's "headline" ends with a colon: it introduces what follows (a comment's "Ann
    says:", a form's "Leave a reply:"), it does not head a story."""
    return seg.title_text is not None and seg.title_text.rstrip().endswith(":")


def _keep_articles(segments: list[Segment], prints: _Prints) -> list[Segment]:
    """The page's main body is an article; other segments are when they carry enough evidence of
    being one (a headline of their own and what goes with it); a page with no headline keeps its
    largest body."""
    if not segments:
        return []
    main = max(segments, key=_prose_size)
    titled = [
        s
        for s in segments
        if s is main
        or (
            _headed_story(s, main)
            and (s.soft or (s.dateline is not None and _evidence(s, prints) >= ARTICLE_EVIDENCE))
        )
        or (
            not _introduces(s)
            and _size(s) >= MIN_EXTRA_WORDS
            and (s.strong or (s.title is not None and _size(s) >= WEAK_EXTRA_WORDS))
            and _evidence(s, prints) >= ARTICLE_EVIDENCE
        )
    ]
    rivals = [s for s in titled if s is not main and s.strong and _prose_size(s) * 2 >= _prose_size(main)]
    if rivals and (
        (main.title is None and any(_prose_size(s) >= _prose_size(main) for s in rivals))
        or (
            (main.title is None or _evidence(main, prints) <= 1)
            and any(_evidence(s, prints) >= STRONG_EVIDENCE for s in rivals)
        )
        or (_introduces(main) and any(_evidence(s, prints) >= ARTICLE_EVIDENCE for s in rivals))
    ):
        titled.remove(main)  # a box (comments, an untitled block) next to a story with full article evidence
    return titled


PAGE_TITLE_EXTRA_WORDS = 8
"""Words a page's title may add around its story's headline (the site's name, a section)."""
PAGE_TITLE_RELATION = 0.75
"""...or the share of its topic words the page's title repeats, in another order ("Hearings: Key
moments from ..." over "Key moments from ... hearings")."""
PAGE_TITLE_MIN_WORDS = 3
"""A headline this short (a label, a name) is not matched against the page's title."""
STORY_HEAD_SHARE = 3
"""A piece under the page's headline this many times smaller than the body that repeats the
headline's words is its furniture (a gallery's captions, a box), not a part of the story."""
STORY_PIECE_GAP = 2 * NEAR
"""Lines a piece may stand below the page's story and still be more of it (a list under its intro)."""


def _titles_the_page(seg: Segment, first: str) -> bool:
    """The page's title line prints this segment's headline with the site's name around it: the
    page is this story's own page. A first line that is the headline alone may be a front page's
    first story, not the page's title."""
    if seg.title_text is None or not first:
        return False
    key = normalize(seg.title_text)
    if key == first:
        return False
    small, large = (key, first) if len(key) <= len(first) else (first, key)
    if (
        small.count(" ") + 1 < PAGE_TITLE_MIN_WORDS
        or large.count(" ") - small.count(" ") > PAGE_TITLE_EXTRA_WORDS
    ):
        return False
    return small in large or relation(small, content_words(large)) >= PAGE_TITLE_RELATION


def _page_story(page: _Page, kept: list[Segment], prints: _Prints) -> list[Segment]:
    """On a story's own page (its headline is the page's title), that story is the page's one
    article: pieces close to it with no end-of-article heading between are more of it (its body
    after an intro, a list), the rest (a comment thread, a box, a teaser, a consent notice) is not
    an article, whatever evidence it has. A larger body apart from it that repeats its headline's
    words is more of the story, or all of it when the piece under the headline is small (a
    gallery); one that does not (a notice, a weather panel) is no article either."""
    story = [s for s in kept if _titles_the_page(s, prints.first)]
    if len(story) != 1 or len(kept) < 2:
        return kept
    head = story[0]
    index = {line.number: i for i, line in enumerate(page.lines)}
    ordered = sorted(kept, key=lambda s: s.body[0].number)
    at = ordered.index(head)
    lo = hi = at
    while lo > 0 and _joined(page, ordered[lo - 1], ordered[lo], index):
        lo -= 1
    # a piece below the story with a dateline of its own is a story or a box of its own
    while (
        hi + 1 < len(ordered)
        and ordered[hi + 1].dateline is None
        and _joined(page, ordered[hi], ordered[hi + 1], index)
    ):
        hi += 1
    pieces = ordered[lo : hi + 1]
    main = max(kept, key=_prose_size)
    size = sum(_prose_size(p) for p in pieces)
    if main not in pieces and _prose_size(main) > size and _about(head, main):
        if size * STORY_HEAD_SHARE < _prose_size(main):
            # a small piece under the headline (a gallery, a box) and the story's body apart from it
            main.title, main.title_text, main.strong = head.title, head.title_text, head.strong
            main.dateline = main.dateline or head.dateline
            return [main]
        pieces = sorted([*pieces, main], key=lambda s: s.body[0].number)  # one story, a list between
    region = (min(p.region[0] for p in pieces), max(p.region[1] for p in pieces))
    for seg in pieces:
        if seg is not head:
            _absorb(head, seg)
    head.body.sort(key=lambda line: line.number)
    head.region = region
    return [head]


def _about(head: Segment, body: Segment) -> bool:
    """A body repeats the headline's topic words: it is about that story (a notice is not)."""
    topic = content_words(" ".join(line.text for line in body.body))
    return relation(head.title_text or "", topic) >= HEADED_RELATION


def _joined(page: _Page, before: Segment, after: Segment, index: dict[int, int]) -> bool:
    """Two pieces of the page close enough, with no end-of-article heading between, to be one story."""
    last, first = index[before.body[-1].number], index[after.body[0].number]
    return first - last - 1 <= STORY_PIECE_GAP and _first_end(page, last + 1, first - 1) is None


SECTION_SHARED_NAMES = 0.3
"""Share of names a piece must have in common with the main story to be a section of it."""


def _names_of(seg: Segment) -> set[str]:
    return {name for line in seg.body if is_prose(line.text) for name in proper_names(line.text)}


def _sections_of_main(page: _Page, segments: list[Segment], kept: list[Segment]) -> list[Segment]:
    """Pieces right next to the main story (a few lines apart, no end-of-article heading between),
    with no dateline of their own, that keep naming who and what the story names: sections of it
    under a subheading, not stories of their own. They join the main story."""
    if len(segments) < 2 or not kept:
        return kept
    main = max(kept, key=_prose_size)
    at = segments.index(main)
    index = {line.number: i for i, line in enumerate(page.lines)}
    names: set[str] | None = None
    joined: list[Segment] = []
    for step in (1, -1):
        edge = main
        k = at + step
        while 0 <= k < len(segments):
            seg = segments[k]
            before, after = (edge, seg) if step == 1 else (seg, edge)
            lo, hi = index[before.body[-1].number], index[after.body[0].number]
            # the story's head may stand before the main part with its dateline; later pieces may not
            head = step == -1 and edge is main
            if (
                hi - lo > (2 * NEAR if head else NEAR + 1)
                or (seg.dateline is not None and not head)
                or (seg.soft and not head and _headed_story(seg, main))
                or _first_end(page, lo, hi) is not None
            ):
                break
            names = _names_of(main) if names is None else names
            theirs = _names_of(seg)
            smaller = min(len(theirs), len(names))
            share = SECTION_SHARED_NAMES * (1.5 if head and seg.dateline is not None else 1)
            if smaller < 3 or len(theirs & names) < share * smaller:
                break
            joined.append(seg)
            edge = seg
            k += step
    if not joined:
        return kept
    first = min(joined, key=lambda x: x.body[0].number)
    if first.body[0].number < main.body[0].number and first.title is not None:
        # the story starts in the piece before: its headline is the story's (ours was a caption)
        main.title, main.title_text, main.strong = first.title, first.title_text, first.strong
        main.dateline = first.dateline or main.dateline
        main.category = first.category or main.category
        main.byline = first.byline or main.byline
        joined.remove(first)
        main.body = sorted([*main.body, *first.body], key=lambda line: line.number)
        main.region = (min(main.region[0], first.region[0]), max(main.region[1], first.region[1]))
    for seg in joined:
        subhead = [seg.title] if seg.title is not None and seg.title.number < seg.body[0].number else []
        main.body = sorted([*main.body, *subhead, *seg.body], key=lambda line: line.number)
        main.captions.extend(seg.captions)
        main.region = (min(main.region[0], seg.region[0]), max(main.region[1], seg.region[1]))
    return [s for s in kept if (s not in joined and s is not first) or s is main]


def _size(seg: Segment) -> int:
    return sum(words(line.text) for line in seg.body)


def _prose_size(seg: Segment) -> int:
    return sum(words(line.text) for line in seg.body if is_prose(line.text))


__all__ = ["Kind", "Segment", "clear_caches", "line_kind", "menu_shaped", "split_text", "title_like"]


def menu_shaped(text: str) -> bool:
    """A navigation-list item: a few capitalised words, not a sentence."""
    shape = line_features(text)
    return shape.words <= 4 and shape.title_case >= 0.5 and not is_sentence(text)


def clear_caches() -> None:
    """Forget the per-line judgements memoised across pages (benchmarks measure cold pages)."""
    from newsflow.extraction import dates
    from newsflow.extraction import lines as line_signals

    for judgement in (
        line_kind,
        line_features,
        line_signals.is_chrome,
        line_signals.is_sentence,
        line_signals.proper_names,
        dates.looks_like_dateline,
        person_line,
        bio_line,
    ):
        forget(judgement)
