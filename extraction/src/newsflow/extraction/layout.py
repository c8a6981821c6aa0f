"""Line shapes and page layout: each line's kind, and the headlines, labels and repeated boxes that
repetition and position reveal (``_classify``), the first pass of :mod:`newsflow.extraction.text`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from newsflow.extraction.credits import bio_line, person_line
from newsflow.extraction.dates import dateline_shaped
from newsflow.extraction.features import line_features, wrapped_runs
from newsflow.extraction.lines import (
    Line,
    body_words,
    byline_names,
    caption_text,
    credited_caption_head,
    has_credit_tail,
    has_paren_credit,
    is_chrome,
    is_credited_caption,
    is_end_marker,
    is_sentence,
    link_row,
    memo_short,
    normalize,
    relation,
    title_case_ratio,
    topic_words,
    words,
)


class Kind(Enum):
    """What a line is by its shape alone."""

    PROSE = "prose"
    SHORT = "short"
    DATE = "date"
    CAPTION = "caption"
    CHROME = "chrome"
    END = "end"


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
    buttons: list[bool] = field(default_factory=list)
    """Which short lines are buttons, none of whose words the page's text says (see ``_button``)."""
    printed: set[str] | None = None
    """The keys of the page's lines, built when a caption first asks (see ``_printed_head``)."""

    def caption(self, k: int) -> str:
        """What line ``k`` says as a caption or headline: the headline it reprints, the text after
        "Photo:", the description before a credit when the page prints it alone too, or the line."""
        text = self.lines[k].text
        return self.reprints.get(k) or caption_text(text) or self._printed_head(text) or text

    def _printed_head(self, text: str) -> str | None:
        """The description before a caption's credit when the page prints it as a line of its own
        too (a headline reprinted with a credit); else None (the line as a whole is the heading)."""
        head = credited_caption_head(text)
        if head is None:
            return None
        if self.printed is None:
            self.printed = {line.key for line in self.lines}
        return head if normalize(head) in self.printed else None


REPRINT_EXTRA_WORDS = 4
"""A line that is another line's headline plus this many words at most ("<headline> | File photo",
"<headline> - Site") is that headline printed again, as a caption or the page title."""


def _caption_head(line: Line) -> str:
    """What a caption line may print as a headline: the text after "Photo:", or the description
    before a credit (a headline reprinted with a credit looks the same); nothing for other captions."""
    return caption_text(line.text) or credited_caption_head(line.text) or ""


def _reprints(lines: list[Line], kinds: list[Kind]) -> dict[int, str]:
    """Lines that print another line's headline with a few words before or after it (a credit, a
    site name): index -> the headline's text. Found by shape, whatever the added words say; only
    where the page shows it is a headline: the base or the reprint printed twice, the base over a
    dateline, or the reprint next to another print of it (a product name with its variant is not one)."""
    titles: dict[str, int] = {}
    # a title's first (last) three words -> the sizes, in spaces, of the titles opening (ending) so
    openings: dict[str, set[int]] = {}
    endings: dict[str, set[int]] = {}
    bases: dict[int, str] = {}
    for i, line in enumerate(lines):
        kind = kinds[i]
        if len(line.text) > 220 or kind not in (Kind.SHORT, Kind.PROSE, Kind.CAPTION):
            continue
        text = _caption_head(line) if kind is Kind.CAPTION else line.text
        key = normalize(text) if kind is Kind.CAPTION else line.key
        if key in titles:
            continue
        spaces = key.count(" ")
        if 2 <= spaces <= 29 and title_like(text):
            titles[key] = i
            bases[i] = text
            openings.setdefault(" ".join(key.split(" ", 3)[:3]), set()).add(spaces)
            endings.setdefault(" ".join(key.rsplit(" ", 3)[-3:]), set()).add(spaces)
    found: dict[int, int] = {}
    if not titles:
        return {}
    none: set[int] = set()
    for i, line in enumerate(lines):
        kind = kinds[i]
        if len(line.text) > 260 or kind not in (Kind.SHORT, Kind.CAPTION):
            continue
        key = normalize(_caption_head(line)) if kind is Kind.CAPTION else line.key
        spaces = key.count(" ")
        if not 3 <= spaces <= 33:
            continue
        heads = openings.get(" ".join(key.split(" ", 3)[:3]), none)
        tails = endings.get(" ".join(key.rsplit(" ", 3)[-3:]), none)
        if not heads and not tails:
            continue
        # a key is its words joined by single spaces: dropping words at either end is a slice
        # up to the space before them (no list of words built and joined again); only a title
        # of that size with those first (or last) words can be the slice
        end, start = len(key), -1
        for extra in range(1, min(REPRINT_EXTRA_WORDS, spaces - 2) + 1):
            end = key.rfind(" ", 0, end)
            start = key.find(" ", start + 1)
            base = titles.get(key[:end]) if spaces - extra in heads else None
            if base is None and spaces - extra in tails:
                base = titles.get(key[start + 1 :])
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
    if dateline_shaped(text):
        return Kind.DATE  # before chrome: "BY ANN LEE · 18-03-2022 17:45" is shouted, but a dateline
    if is_chrome(text):
        return Kind.CHROME
    if (
        caption_text(text) is not None
        or (n <= 12 and has_credit_tail(text))
        or (n <= 80 and has_paren_credit(text))
        or is_credited_caption(text)
    ):
        return Kind.CAPTION
    if shape.prose and not (n < 20 and shape.title_case >= 0.75):
        return Kind.PROSE
    return Kind.SHORT


@memo_short
def title_like(text: str) -> bool:
    """Shaped like a headline: a few words, not a sentence-long paragraph, not a row of links."""
    n = line_features(text).words
    return 2 <= n <= 30 and len(text) <= 220 and not is_chrome(text) and not link_row(text)


@memo_short
def name_like(text: str) -> bool:
    """Shaped like a person's or a desk's name ("Sarah E. Needleman", "Associated Press"): not a headline."""
    return (
        len(text) <= 40
        and 1 <= len(text.split()) <= 4
        and title_case_ratio(text) == 1.0
        and not any(map(str.isdigit, text))
        and not text.rstrip().endswith(("?", "!", ":"))
    )


@memo_short
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


def _printed_as_button_head(kinds: list[Kind], tkeys: list[str], same: list[int]) -> bool:
    """``_printed_as_headline`` for a line none of whose words recur in the page (see ``_button``):
    a print right under a dateline does not count, since a story's furniture (a listen or share
    button) stands there, and a headline printed under its dateline would have its words in the
    story under it."""
    n = len(kinds)
    for j in same:
        if kinds[j] is Kind.CAPTION:
            return True
        if (j + 1 < n and kinds[j + 1] is Kind.DATE) or any(
            0 <= x < n and tkeys[x] == tkeys[j] for x in (j - 1, j + 1)
        ):
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


def _unwrapped_kinds(lines: list[Line], kinds: list[Kind]) -> None:
    """The lines of a paragraph hard-wrapped at a fixed width (``wrapped_runs``) are its prose, each
    fragment of it whatever it looks like alone (a short line, a caption-like clause)."""
    for start, end in wrapped_runs([line.number for line in lines], [line.text for line in lines]):
        kinds[start : end + 1] = [Kind.PROSE] * (end - start + 1)


def _classify(lines: list[Line], *, unwrap: bool = True) -> _Page:
    kinds = [line_kind(line.text) for line in lines]
    if unwrap:
        _unwrapped_kinds(lines, kinds)
    _heads_shaped_as_captions(lines, kinds)
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
    page_words = _page_words(lines, kinds)
    list_repeat: dict[str, bool] = {}
    inside_body: dict[str, bool] = {}
    as_headline: dict[str, bool] = {}

    def repeats_as_list(key: str) -> bool:
        if key not in list_repeat:
            list_repeat[key] = _list_repeat(tkeys, positions[key])
        return list_repeat[key]

    def printed_as_headline(key: str) -> bool:
        """``_printed_as_headline`` of every print of ``key``, asked once per key: the lines with no
        word (rules, bullets) all share the empty key, and asking it per line would be quadratic."""
        if key not in as_headline:
            as_headline[key] = _printed_as_headline(kinds, tkeys, positions[key])
        return as_headline[key]

    for i, line in enumerate(lines):
        kind = kinds[i]
        key = tkeys[i]
        if not key or kind in (Kind.CHROME, Kind.END, Kind.DATE) or counts[key] < 2:
            continue  # labels and headlines are printed twice: a line printed once is neither
        text = (reprints.get(i) or caption_text(line.text)) if kind is Kind.CAPTION else line.text
        if text is None:
            continue
        same = positions[key]
        if (
            words(text) <= 4
            and ((i > 0 and tkeys[i - 1] == key) or (i + 1 < n and tkeys[i + 1] == key))
            and not _spoken(text)
        ):
            labels[i] = kind is not Kind.CAPTION and words(text) <= 4
        if not headline_like(text):
            continue
        if key not in inside_body:
            inside_body[key] = all(flanked(j) for j in same)
        if inside_body[key] or repeats_as_list(key):
            continue
        if (
            kind is Kind.SHORT
            and _button(text, page_words)
            and not _printed_as_button_head(kinds, tkeys, same)
            and _prose_between(lines, kinds, same)
        ):
            labels[i] = True  # printed with every story, it still parts them (as a label does), heads none
            continue
        if kind is Kind.PROSE and title_case_ratio(text) < 0.5 and not printed_as_headline(key):
            continue
        if not labels[i] or words(text) >= 4:
            heads[i] = True
    # a short headline ("About bugs") printed twice, once next to a section label or a dateline
    for i in range(n):
        if (
            heads[i]
            or labels[i]
            or not tkeys[i]  # a caption that names no headline: its empty key is no print of one
            or counts[tkeys[i]] < 2
            or kinds[i] not in (Kind.SHORT, Kind.CAPTION)
        ):
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
    _labels_over_datelines(lines, kinds, labels, heads, credits)
    _datelines_opening_stories(lines, kinds, labels, heads)
    _heads_over_datelines(lines, kinds, labels, heads, credits)
    _table_of_contents(kinds, tkeys, heads, positions)
    buttons = [
        kinds[i] is Kind.SHORT
        and not heads[i]
        and _button(line.text, page_words)
        and not printed_as_headline(tkeys[i])
        for i, line in enumerate(lines)
    ]
    return _Page(lines, kinds, tkeys, heads, labels, reprints, credits, buttons)


SPEECH_OPENERS = "\"“„«‘'"
SPEECH_CLOSERS = "\"”“»’'"
SPEECH_STOPS = ".!?…,"


def _spoken(text: str) -> bool:
    """A line of dialogue: opened by a quotation mark and closed by one after a stop ("Fine." and
    "Fine?" in a story). Two such lines in a row share a key, as a label printed twice does, but a
    reply echoing a word is the story's text, not a label parting it."""
    text = text.strip()
    return (
        len(text) > 3
        and text[0] in SPEECH_OPENERS
        and text[-1] in SPEECH_CLOSERS
        and text[-2] in SPEECH_STOPS
    )


CONTENTS_ITEMS = 3
"""Entries a table of contents lists at least (two lines printed twice are a coincidence); all but a
third of their prints stand over prose (a caption or a box may stand under a heading)."""


def _table_of_contents(
    kinds: list[Kind], tkeys: list[str], heads: list[bool], positions: dict[str, list[int]]
) -> None:
    """A run of lines each printed again elsewhere on the page (all below it, or all above), each
    reprint apart from the others with prose right under it, is a story's table of contents: the
    reprints are the headings of that story's sections, not headlines of stories of their own, nor
    are the run's entries. A menu printed twice differs: its items stand together in both prints.
    The list may order its entries otherwise than the page does (by interest, by alphabet)."""
    n = len(kinds)
    i = 0
    while i < n:
        j = i
        seen: set[str] = set()
        while (
            j < n
            and kinds[j] in (Kind.SHORT, Kind.PROSE)
            and tkeys[j]
            and tkeys[j] not in seen  # an entry again: the list's own first heading, under it
            and len(positions[tkeys[j]]) >= 2
        ):
            seen.add(tkeys[j])
            j += 1
        if j - i >= CONTENTS_ITEMS and (
            _headings_listed(kinds, tkeys, positions, (i, j), below=True)
            or _headings_listed(kinds, tkeys, positions, (i, j), below=False)
        ):
            _unmark_contents(kinds, tkeys, heads, positions, (i, j))
        i = j + 1


def _headings_listed(
    kinds: list[Kind], tkeys: list[str], positions: dict[str, list[int]], run: tuple[int, int], *, below: bool
) -> bool:
    """Each entry of the run (``lo``..``hi``, exclusive) is printed again below it (or above it), the
    prints apart from one another and most of them over prose: section headings."""
    lo, hi = run
    prints: list[int] = []
    for k in range(lo, hi):
        at = next((p for p in positions[tkeys[k]] if (p >= hi if below else p < lo)), None)
        if at is None:
            return False
        prints.append(at)
    prints.sort()
    over_prose = sum(p + 1 < len(kinds) and kinds[p + 1] is Kind.PROSE for p in prints)
    apart = all(b - a >= 2 for a, b in pairwise(prints))
    return apart and over_prose * CONTENTS_ITEMS >= len(prints) * (CONTENTS_ITEMS - 1)


def _unmark_contents(
    kinds: list[Kind],
    tkeys: list[str],
    heads: list[bool],
    positions: dict[str, list[int]],
    run: tuple[int, int],
) -> None:
    """Unmark the list's entries and the section headings it lists (a reprint with no prose under
    it, the story's own headline over its dateline, keeps its mark); a line printed right over more
    than one of those headings (a link back to the list) is chrome."""
    lo, hi = run
    over: Counter[str] = Counter()
    for k in range(lo, hi):
        heads[k] = False
        for p in positions[tkeys[k]]:
            if not lo <= p < hi and p + 1 < len(kinds) and kinds[p + 1] is Kind.PROSE:
                heads[p] = False
                if p > 0 and kinds[p - 1] is Kind.SHORT and tkeys[p - 1]:
                    over[tkeys[p - 1]] += 1
    for key, times in over.items():
        if times >= 2:
            for q in positions[key]:
                heads[q] = False
                kinds[q] = Kind.CHROME


CAPTION_HEAD_GAP = 3
"""Lines a headline shaped like a credited caption may stand over its dateline (a byline between)."""


CAPTION_HEAD_LOOKBACK = 5
"""Lines searched over such a line for the story's headline (which would make it the photo's caption)."""


def _heads_shaped_as_captions(lines: list[Line], kinds: list[Kind]) -> None:
    """A headline printed with its section or column after a bar ("<headline> | <Column>") has the
    shape of a photo caption with its credit. Standing right over a dateline (bylines between), with
    no headline-shaped line over it since the last paragraph, it is the story's headline: a photo's
    caption stands under the headline, not in its place."""
    n = len(lines)
    for i in range(n):
        if kinds[i] is not Kind.CAPTION or not _bar_tailed(lines[i].text):
            continue
        j = i + 1
        while j < n and j - i <= CAPTION_HEAD_GAP and kinds[j] is not Kind.DATE and _credit(lines, j):
            j += 1
        if j < n and j - i <= CAPTION_HEAD_GAP and kinds[j] is Kind.DATE and not _title_over(lines, kinds, i):
            kinds[i] = Kind.SHORT


def _bar_tailed(text: str) -> bool:
    """A caption only by its shape: a description, a separator, a short capitalised tail (see
    ``credited_caption_head``); no "Photo:" opening, no credit in brackets or known wording."""
    return (
        caption_text(text) is None
        and not has_paren_credit(text)
        and not has_credit_tail(text)
        and is_credited_caption(text)
    )


def _title_over(lines: list[Line], kinds: list[Kind], i: int) -> bool:
    """A headline-shaped line (a few words, not a row of links) stands over line ``i``, after the
    last paragraph or end-of-article heading."""
    for k in range(i - 1, max(-1, i - 1 - CAPTION_HEAD_LOOKBACK), -1):
        if kinds[k] in (Kind.PROSE, Kind.END):
            return False
        text = lines[k].text
        if kinds[k] is Kind.SHORT and words(text) >= 4 and title_like(text) and not link_row(text):
            return True
    return False


BUTTON_WORDS = 6
"""A line printed with every story this short may be a button ("Post it", "Flag a typo")..."""


BUTTON_CONTEXT_WORDS = 5
"""Lines this long or longer (paragraphs, list items, a table's rows) are the text a headline's words
recur in; shorter ones are furniture like the buttons themselves."""


def _page_words(lines: list[Line], kinds: list[Kind]) -> Counter[str]:
    """For each topic word of the page's text, how many of its distinct lines (not the short
    furniture) say it."""
    found: Counter[str] = Counter()
    seen: set[str] = set()
    for line, kind in zip(lines, kinds, strict=True):
        if (
            kind in (Kind.PROSE, Kind.SHORT)
            and line.key not in seen
            and line_features(line.text).words >= BUTTON_CONTEXT_WORDS  # its shape is remembered
        ):
            seen.add(line.key)
            found.update(topic_words(line.text))
    return found


def _button(text: str, page_words: Counter[str]) -> bool:
    """...and is one when none of its words recur in the page's text beyond itself: a headline's
    words come back in the story it heads, a share or report button's never do."""
    n = line_features(text).words
    if n > BUTTON_WORDS:
        return False
    own = 1 if n >= BUTTON_CONTEXT_WORDS else 0
    topic = topic_words(text)
    return bool(topic) and all(page_words.get(w, 0) <= own for w in topic)


BUTTON_APART_WORDS = 25
"""Words of prose between every two prints of a button printed with each story."""


def _prose_between(lines: list[Line], kinds: list[Kind], same: list[int]) -> bool:
    """Two prints of a line have a body's worth of prose between them: it is printed with more than
    one story, not as a page title over its headline."""
    return any(
        sum(words(lines[k].text) for k in range(a + 1, b) if kinds[k] is Kind.PROSE) >= BUTTON_APART_WORDS
        for a, b in pairwise(same)
    )


OPENING_FURNITURE = 2
"""Lines of furniture under a dateline that opens a story right after another story's body."""


def _datelines_opening_stories(
    lines: list[Line], kinds: list[Kind], labels: list[bool], heads: list[bool]
) -> None:
    """A dateline right after a body's last paragraph, with a story's furniture under it (a share
    row, a button, a caption) and then prose, opens the next story even with no headline over it
    (printed after its body): it parts the two as a section label does. A live blog's time stamp
    runs into its entry's heading and paragraph, with no share row or caption between."""
    n = len(lines)
    for i in range(1, n):
        if kinds[i] is not Kind.DATE or kinds[i - 1] is not Kind.PROSE or heads[i - 1] or labels[i - 1]:
            continue
        k = i + 1
        marked = 0
        while k < n and k - i <= BYLINE_FURNITURE and kinds[k] is not Kind.PROSE:
            text = lines[k].text
            if kinds[k] in (Kind.CHROME, Kind.CAPTION) or link_row(text) or has_credit_tail(text):
                marked += 1
            elif kinds[k] is not Kind.SHORT or words(text) > BYLINE_FURNITURE * 2:
                break
            k += 1
        if (
            k < n
            and kinds[k] is Kind.PROSE
            and k - i - 1 >= OPENING_FURNITURE
            and marked
            and sum(kinds[x] is Kind.PROSE for x in range(k, min(n, k + PROSE_AFTER + 1))) >= PROSE_AFTER
            and _after_a_story(lines, kinds, i, OPENING_STORY_WORDS)
        ):
            labels[i] = True


PROSE_AFTER = 2
"""Paragraphs a story opened by a bare dateline starts with (a comment has one)..."""


OPENING_STORY_WORDS = 75
"""...and words of prose the story before it has since its own dateline."""


def _after_a_story(lines: list[Line], kinds: list[Kind], i: int, least: int = BUTTON_APART_WORDS) -> bool:
    """An earlier dateline stands above line ``i`` with a body's worth of prose between: ``i`` is
    past a first story, where a second one may start (not in the first story's own head)."""
    prose = 0
    for k in range(i - 1, -1, -1):
        if kinds[k] is Kind.DATE:
            return prose >= least
        if kinds[k] is Kind.PROSE:
            prose += words(lines[k].text)
    return False


def _labels_over_datelines(
    lines: list[Line], kinds: list[Kind], labels: list[bool], heads: list[bool], credits: list[bool]
) -> None:
    """A single capitalised word right under a body's last paragraph and over a dateline (a byline
    may stand between), past a first story, is the next story's section label (a kicker), not a
    headline nor a line of the body before: a story starts there even when its headline is printed
    only after its body."""
    for i in range(1, len(lines)):
        if kinds[i] is not Kind.DATE:
            continue
        j = i - 1
        if j > 0 and credits[j]:
            j -= 1
        if kinds[j] is not Kind.SHORT or heads[j]:
            continue
        text = lines[j].text.strip()
        if (
            words(text) == 1
            and text[:1].isupper()
            and text[-1:].isalpha()
            and kinds[j - 1] is Kind.PROSE
            and _after_a_story(lines, kinds, j)
        ):
            labels[j] = True


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
    if " " not in text:
        return False  # one word (a page's lines are stripped): no byline, no name beside a role
    if byline_names(text):
        return True
    if not person_line(text) or name_like(text):
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
        over = _headline_over_byline(lines, kinds, labels, j, i)
        if over is not None:
            credits[j] = True  # a byline in a wording of its own ("Guest column by Ann Lee")
            j, bylined = over, True
        elif j >= 0 and kinds[j] is Kind.SHORT and _starts_with_name(lines[j].text):
            # a name and a place over the dateline: the byline (the headline is printed elsewhere); it
            # still parts this story from the one before, as the headline it stands for would
            credits[j] = labels[j] = True
            continue
        if (
            j >= 0
            and kinds[j] in (Kind.SHORT, Kind.PROSE)
            and not labels[j]
            and (bylined or not name_like(lines[j].text))
            and title_like(lines[j].text)
            and not credits[j]
            and (over is not None or not _sentence_case_prose(lines[j].text))
        ):
            if by_shape:
                counts = counts or Counter(line.key for line in lines)
                if words(lines[j].text) < SHAPE_BYLINE_HEAD_WORDS or counts[lines[j].key] > 1:
                    continue
            heads[j] = True


OVER_BYLINE_RELATION = 0.4
"""Share of its words the line over a byline-shaped line must have in the body below to be the
headline instead (see ``_headline_over_byline``)."""


BODY_LOOKAHEAD = 12
"""Lines under a dateline read as the start of the story's body."""


def _headline_over_byline(
    lines: list[Line], kinds: list[Kind], labels: list[bool], j: int, i: int
) -> int | None:
    """The line over line ``j`` when that one is a byline in a wording no list knows and the one over
    it is the headline: ``j`` ends with a name (or is a line of a few words, shorter than the one over
    it) and none of its words recur in the body under the dateline ``i``, while the line over it has
    its words there (even a headline ending in a full stop)."""
    if j < 1 or kinds[i] is not Kind.DATE or kinds[j] is not Kind.SHORT or labels[j - 1]:
        return None
    above = lines[j - 1].text
    least = _least_over_byline(lines[j].text, above)
    if kinds[j - 1] not in (Kind.SHORT, Kind.PROSE) or not title_like(above) or least is None:
        return None
    body = body_words(
        lines[k].text for k in range(i + 1, min(len(lines), i + 1 + BODY_LOOKAHEAD)) if kinds[k] is Kind.PROSE
    )
    if relation(lines[j].text, body) > 0 or relation(above, body) < least:
        return None
    return j - 1


SHORT_CREDIT_WORDS = 3
"""Words of a line between a headline and its dateline that, sharing none of the body's words, is the
desk or the byline ("Wire copy") in any wording, and the longer line over it the headline."""


def _least_over_byline(byline: str, above: str) -> float | None:
    """The share of its words the line over ``byline`` must have in the body to be the headline, or
    None when ``byline`` is not shaped like one. A name then a place is a byline by its shape alone: a
    longer line over it is the headline even when the first paragraphs do not repeat its words."""
    longer = words(above) > words(byline)
    if _starts_with_name(byline) and longer:
        return 0.0
    if _ends_with_name(byline) or (words(byline) <= SHORT_CREDIT_WORDS and longer):
        return OVER_BYLINE_RELATION
    return None


def _ends_with_name(text: str) -> bool:
    """The line ends with a person's name after a lower-case word ("... column by Ann Lee")."""
    tokens = text.split()
    return len(tokens) >= 3 and name_like(" ".join(tokens[-2:])) and any(t[:1].islower() for t in tokens[:-2])


NAME_PLACE_WORDS = 5
"""Words of a byline that gives a name, then where it was written ("Ann Lee in Kent")."""


def _starts_with_name(text: str) -> bool:
    """The line opens with a person's name, then a lower-case word and a capitalised one: a name and
    where the story was written ("Ann Lee in Kent"), shaped unlike a headline's sentence."""
    tokens = text.split()
    return (
        3 < len(tokens) <= NAME_PLACE_WORDS
        and name_like(" ".join(tokens[:2]))
        and tokens[2][:1].islower()
        and all(t[:1].isupper() for t in tokens[3:])
    )


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
        if kind is Kind.SHORT and _marked_list_at(lines, x):
            return True  # a story that is a table or a schedule: short lines marked alike
        text = lines[x].text
        if (
            x > i + 2
            and kind not in (Kind.CHROME, Kind.CAPTION)
            and words(text) > FURNITURE_WORDS
            and not link_row(text)
        ):
            return False
    return False


LIST_LOOKAHEAD = 8
"""Lines read to tell a marked list (a table, a schedule) opening at a line."""


def _marked_list_at(lines: list[Line], x: int) -> bool:
    """Short lines marked alike open at line ``x`` (see ``blocks.uniform_list_end``)."""
    from newsflow.extraction.blocks import uniform_list_end  # blocks reads this module's kinds

    return uniform_list_end([line.text for line in lines[x : x + LIST_LOOKAHEAD]]) is not None


def _sentence_case_prose(text: str) -> bool:
    """A sentence of running text (lower-case words, a full stop): the last line of a body, not a headline."""
    return text.rstrip().endswith(".") and title_case_ratio(text) < 0.5 and words(text) >= 8


def menu_shaped(text: str) -> bool:
    """A navigation-list item: a few capitalised words, not a sentence."""
    shape = line_features(text)
    return shape.words <= 4 and shape.title_case >= 0.5 and not is_sentence(text)
