"""Article documents → parsed articles (title, dates, category, authors, body, captions). Pure functions.

Text documents arrive with the splitter's hints (headline, dateline, section
label, byline, body line range); the parser keeps the body lines that read as
body (no chrome, no captions, no repeated headline, no byline), reads the
dates and records for each field the page lines it came from. HTML goes
through trafilatura, checked against our own innerText reading of the page
(see :mod:`newsflow.extraction.html`). Structured hints given by JSON
pages (title, published, author, section) take precedence over anything guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any, TypeVar

from htmldate import find_date

from newsflow.extraction.blocks import long_words, uniform_list_end
from newsflow.extraction.credits import labelled_field, photo_credit
from newsflow.extraction.dates import (
    Dateline,
    bare_clock,
    dateline_fields,
    dateline_with_neighbours,
    parse_dateline,
)
from newsflow.extraction.features import line_features, wrapped_runs
from newsflow.extraction.html import (
    article_container,
    choose,
    container_lines,
    continuation,
    covered,
    headline_text,
    link_keys,
    link_texts,
    load_page,
    page_author,
    page_title,
    render,
    shingles,
    standfirst,
    trim_edges,
    without_links,
)
from newsflow.extraction.lines import (
    body_words,
    byline_names,
    caption_text,
    content_words,
    is_prose,
    is_sentence,
    legal_notice,
    normalize,
    title_case_ratio,
    topic_words,
    words,
)
from newsflow.extraction.text import MENU_RUN, Kind, Segment, line_kind, menu_shaped, split_text
from newsflow.shared.contracts import Article, ContentType, Document, Span
from newsflow.shared.errors import LimitExceeded, NoArticles
from newsflow.shared.ids import content_hash
from newsflow.shared.limits import Limits
from newsflow.shared.logging import get_logger

log = get_logger(__name__)

PARSER = "newsflow-parser/2"

_T = TypeVar("_T")
_FIELD_ERRORS = (ValueError, ArithmeticError, LookupError)
"""What a field parser may raise on text it cannot read (a date past the calendar, an odd index)."""


def _field(name: str, doc: Document, parse: Callable[[], _T], fallback: _T) -> _T:
    """``parse()``, or ``fallback`` when it fails on this document's text: one unreadable field
    (a dateline, a byline) never costs the article."""
    try:
        return parse()
    except _FIELD_ERRORS as exc:
        log.warning(
            "parse.field_failed",
            field=name,
            uri=doc.uri,
            segment=doc.segment,
            error=f"{type(exc).__name__}: {exc}",
        )
        return fallback


@dataclass(slots=True)
class _Body:
    """What the parser keeps from a run of lines."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    byline_line: int | None = None

    def cut(self, at: int) -> None:
        """Drop the paragraphs from ``at`` on (with their line numbers): the story ended before."""
        del self.paragraphs[at:]
        del self.numbers[at:]

    def keep(self, indices: list[int]) -> None:
        """Keep only the paragraphs at ``indices`` (in order), with their line numbers."""
        self.paragraphs = [self.paragraphs[k] for k in indices]
        self.numbers = [self.numbers[k] for k in indices]


_LIST_MARK = re.compile(r"^(?:[-•*·]\s+)")
"""A list item's bullet, as trafilatura prints it ("- Print Article"): not part of what the line says."""


def _cut_footer(paragraphs: list[str]) -> list[str]:
    """trafilatura's paragraphs up to a footer heading ("Copyright ...") in their last quarter."""
    sizes = [len(p.split()) for p in paragraphs]
    total = sum(sizes)
    seen = 0
    for index, (paragraph, size) in enumerate(zip(paragraphs, sizes, strict=True)):
        if seen >= 0.75 * total and line_kind(_LIST_MARK.sub("", paragraph.strip())) is Kind.END:
            return paragraphs[:index]
        seen += size
    return paragraphs


def _names(text: str) -> list[str]:
    """Names given as a plain list ("Ann Lee, Bo Chen and Cy Dao")."""
    return [n.strip() for n in re.split(r"\s*[,;&]\s*|\s+and\s+", text) if n.strip()]


def _same_title(key: str, title_key: str | None) -> bool:
    """A line that repeats the headline (maybe with the site name around it)."""
    if not title_key or not key:
        return False
    if key == title_key:
        return True
    return len(title_key) >= 20 and title_key in key and len(key) <= len(title_key) + 40


def _as_read(raw: str) -> str:
    """A dump's line as a reader sees it: whitespace collapsed, and letters written in decomposed
    form (a base letter and a combining accent, as some pages store them) composed, so the text
    compares equal to the same words typed anywhere else."""
    text = " ".join(raw.split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


_BY = ("by", "written by", "words by")
"""A line that only announces the byline under it."""
_BY_CHARS = max(map(len, _BY))
"""...is no longer than this (lower-casing never shortens a line, so longer lines are not lowered)."""


STANDFIRST_KEPT = 1
"""Lines of standfirst a story may print over its dateline: a dateline under so few is the story's,
not a line of its text."""


def _dateline_over_text(text: str, kept: int) -> bool:
    """A dateline-shaped line with ``kept`` lines of the body above it is the story's dateline, not
    its text: over the body, or under its one-line standfirst. A bracketed one there is an aside of
    the story's ("(Published Monday)" under a video's lead)."""
    return not kept or (kept <= STANDFIRST_KEPT and text[:1] not in "([{")


def _clean_lines(lines: list[tuple[int, str]], title: str | None, *, menus: bool = True) -> _Body:
    """Body paragraphs, captions and bylines among numbered ``lines``.

    ``menus=False`` keeps runs of short menu-shaped lines: in text trafilatura
    took from the markup's article they are its lists, not navigation.
    """
    title_key = normalize(title) if title else None
    out = _Body()
    kept: list[tuple[int, str, bool]] = []
    pending_byline = False
    for number, raw in lines:
        text = _as_read(raw)
        if not text:
            continue
        kind = line_kind(_LIST_MARK.sub("", text))
        # only a line about as long as the headline can repeat it: skip keying long paragraphs
        key = normalize(text) if title_key is not None and len(text) <= 2 * len(title_key) + 80 else ""
        if kind is Kind.CAPTION:
            caption = caption_text(text) or text
            if not _same_title(normalize(caption), title_key):
                out.captions.append(caption)
            continue
        if _same_title(key, title_key):
            continue
        if kind in (Kind.CHROME, Kind.END):
            continue
        if (kind is Kind.DATE and _dateline_over_text(text, len(kept))) or bare_clock(text):
            continue  # a dateline over the body; a bare clock anywhere stamps a live update, says nothing
        if not kept and len(text) <= _BY_CHARS and text.lower() in _BY:
            pending_byline = True
            continue
        if pending_byline and not kept and 1 <= len(text.split()) <= 5 and not out.authors:
            out.authors.extend(_names(text))
            out.byline_line = number
            pending_byline = False
            continue
        if (names := byline_names(text)) and (not kept or len(kept) < 3):
            out.authors.extend(names)
            out.byline_line = number
            continue
        kept.append((number, text, kind is Kind.SHORT and menu_shaped(text)))
    # navigation lists left inside the span: long runs of menu-shaped lines
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and kept[j][2]:
            j += 1
        if menus and j - i >= MENU_RUN and uniform_list_end([text for _n, text, _m in kept[i:j]]) is None:
            i = j  # a menu; short lines marked alike ("Ann Lee (Kent)") are the story's line-up
            continue
        end = max(j, i + 1)
        for number, text, _menu in kept[i:end]:
            if out.paragraphs and out.paragraphs[-1] == text:
                continue
            out.paragraphs.append(text)
            out.numbers.append(number)
        i = end
    _drop_trailing_furniture(out)
    return out


def _lines_over(numbered: list[tuple[int, str]], number: int) -> int:
    """How many non-empty lines stand over line ``number``."""
    return sum(1 for k, text in numbered if k < number and text.strip())


LEAD_PARAGRAPHS = 2
"""Paragraphs a story may print over its dateline (see ``blocks.LEAD_PARAGRAPHS``)."""


TRAILING_FURNITURE_WORDS = 6
"""Lines this short after the last paragraph that are no sentence are the page's, not the story's."""


def _drop_trailing_furniture(body: _Body) -> None:
    """Short non-sentence lines after a body's last sentence ("Share", "More from the desk", a
    comment-form label) close the page around the story, whatever their words: they go. Short
    lines marked alike opening them (a table's rows, a line-up) are the story's own."""
    end = len(body.paragraphs)
    while end > 1:
        text = body.paragraphs[end - 1]
        if len(text.split()) > TRAILING_FURNITURE_WORDS or is_sentence(text) or is_prose(text):
            break  # a paragraph in a script without spaces between words has few spaces, but is prose
        end -= 1
    if end < len(body.paragraphs) and (items := uniform_list_end(body.paragraphs[end:])) is not None:
        end += items + 1
    if end < len(body.paragraphs) and any(is_prose(p) for p in body.paragraphs[:end]):
        body.cut(end)


TAIL_RUN = 4
"""This many lines in a row with no paragraph among them end the story: a list under a heading
("more from the desk", a comment form, a share bar), not a pause between paragraphs."""
TAIL_SHARE = 0.25
"""A run like that closes the body when the paragraphs after it weigh less than this share of those
before it; more prose after it means the story goes on (a table or a list inside it)."""
LONG_TAIL_RUN = 8
"""A run this long with at most one paragraph after it ends even a story shorter than that
paragraph: a page's notice (cookies, legal) under its furniture outweighs a short post."""
STORY_LIST_SHARE = 0.6
"""Share of a list's topic words the story before it uses for the list to be the story's own."""
PARAGRAPH_WORDS = 10
"""A prose line this long is a paragraph of the story; shorter ones are labels, teasers or prompts."""
LONG_LINE_WORDS = 15
"""A line this long is running text whatever its punctuation (a row of a results table)."""


def _paragraph_mass(text: str) -> int:
    """Words a line weighs as running text: a paragraph's words, nothing for a short line nor for a
    run of keywords (``_keyword_run``)."""
    n = words(text)
    if n >= LONG_LINE_WORDS and not is_prose(text) and _keyword_run(text, n):
        return 0
    return n if n >= LONG_LINE_WORDS or (n >= PARAGRAPH_WORDS and is_prose(text)) else 0


KEYWORD_RUN_WORDS = 25
"""A line this long with no punctuation is a run of keywords whatever its case; a list item may run
to fewer words, and then only capitalised words strung together (a row of menu entries) are one."""
KEYWORD_TITLE_CASE = 0.5
"""Share of capitalised words from which a shorter line with no punctuation is a run of keywords."""
_SENTENCE_MARKS = frozenset(".,;:!?…")


def _keyword_run(text: str, n: int) -> bool:
    """A long line (of ``n`` words) with no mark of punctuation at all: words strung one after another
    (a tag cloud, a list of categories with their counts), not running text nor a table's row, which
    writes its numbers with their marks; a shorter one only when most of its words are capitalised."""
    if any(c in _SENTENCE_MARKS for c in text):
        return False
    return n >= KEYWORD_RUN_WORDS or title_case_ratio(text) >= KEYWORD_TITLE_CASE


def _story_list(paragraphs: list[str], start: int, end: int) -> bool:
    """Lines start..end-1 are the story's own list: the last paragraph before them introduces them
    (ends with a colon), or their words are mostly the story's (a listicle's items, a table)."""
    lead = next((p for p in reversed(paragraphs[:start]) if is_prose(p)), "")
    if lead.rstrip().endswith(":"):
        return True
    items = body_words(paragraphs[start:end])
    story = body_words(paragraphs[:start])
    return bool(items) and len(items & story) >= STORY_LIST_SHARE * len(items)


COUNT_RANGE = (3, 30)
"""A number in a list's lead-in that can be its count of items ("these 7 rules")."""


def _stated_counts(text: str) -> set[int]:
    """The whole numbers a line states in figures, within ``COUNT_RANGE``."""
    low, high = COUNT_RANGE
    return {n for t in re.findall(r"(?<![\d.,:/])\d{1,2}(?![\d.,:/%])", text) if low <= (n := int(t)) <= high}


def _counted_list(paragraphs: list[str], start: int, end: int) -> bool:
    """Lines start..end-1 are the list their lead-in announces: a line over the items (the run's
    first line, or one of the two right above the run: a heading and its paragraph) states in
    figures just how many items follow it in the run ("the 7 steps", then seven lines). Related
    links are never counted out this way."""
    if any(end - start in _stated_counts(paragraphs[k]) for k in range(max(0, start - 2), start)):
        return True
    return end - start - 1 in _stated_counts(paragraphs[start])


def _sentence_item(text: str) -> bool:
    """A short line that says a whole sentence (a full stop, a question, an exclamation at its end),
    not cut short as a teaser's headline is nor leading into something else with a colon."""
    stripped = text.rstrip()
    return is_sentence(stripped) and not stripped.endswith(("...", "…", ":", ";"))


def _sentence_items(paragraphs: list[str], start: int, end: int) -> int:
    """How many lines opening lines start..end-1 are each a whole sentence (``_sentence_item``): the
    story's own points or questions set as a list. A list of other stories' headlines mixes in
    headlines that end with no mark, so it never opens with many of them in a row."""
    k = start
    while k < end and _sentence_item(paragraphs[k]):
        k += 1
    return k - start


def _paragraphs_after(masses: list[int]) -> list[int]:
    """For each index (and one past the end), how many paragraphs stand from there to the end."""
    counts = [0] * (len(masses) + 1)
    for k in range(len(masses) - 1, -1, -1):
        counts[k] = counts[k + 1] + (masses[k] > 0)
    return counts


def _repeats_above(paragraphs: list[str], start: int, end: int) -> bool:
    """Some line of lines start..end-1 stood above them already: furniture that recurs under each
    item of a gallery or list, so the run is one more item, not the page's close."""
    run = set(paragraphs[start:end])
    return any(p in run for p in paragraphs[:start])


NEXT_STORY_REACH = 6
"""A dateline this near the end of a long run of lines with no paragraph, with a line (a headline)
under it, opens the next story of an endless-scroll page: the page's own story ended at the run."""
STORY_WORDS = 50
"""Paragraph words above such a run for what stands there to be a whole story, not a few teasers."""


def _next_story(paragraphs: list[str], start: int, end: int) -> bool:
    """Lines start..end-1, a long run with no paragraph in it (tags, related links), close with a
    dateline over a headline or a name: the next story of a page that strings stories one under
    another (or a comment) begins there, so the run closes this one whatever the prose after it
    weighs."""
    if end - start < LONG_TAIL_RUN or end >= len(paragraphs):
        return False
    first = max(start + TAIL_RUN, end - NEXT_STORY_REACH)
    return any(line_kind(paragraphs[k]) is Kind.DATE for k in range(first, end - 1))


def _cut_tail(body: _Body) -> None:
    """Drop what follows the story's end: the first run of lines with no paragraph in it after
    which the prose that is left is small next to the story before it (related lists, comment
    forms, newsletter boxes, footers, whatever their words), unless the run is the story's own
    list; a run opening with items marked alike (a table, a line-up) keeps those items, the
    story's last lines, and the rest goes. The page's shape, not its phrases."""
    paragraphs = body.paragraphs
    masses = [_paragraph_mass(p) for p in paragraphs]
    later = _paragraphs_after(masses)
    after = sum(masses)
    before = 0
    i = 0
    while i < len(masses):
        if masses[i]:
            before += masses[i]
            after -= masses[i]
            i += 1
            continue
        j = i
        while j < len(masses) and not masses[j]:
            j += 1
        if before >= STORY_WORDS and _next_story(paragraphs, i, j):
            body.cut(i)
            return
        closing = after < TAIL_SHARE * before or (
            j - i >= LONG_TAIL_RUN and later[j] <= 1 and not _repeats_above(paragraphs, i, j)
        )
        if before and j - i >= TAIL_RUN and closing:
            if _story_list(paragraphs, i, j) or _counted_list(paragraphs, i, j):
                i = j
                continue
            if (said := _sentence_items(paragraphs, i, j)) >= TAIL_RUN:
                i += said  # the story's own points; what follows them is judged on its own
                continue
            if (items := uniform_list_end(paragraphs[i:j])) is not None:
                i += items + 1  # the story's table or line-up ends it: what follows it goes
            if i < len(paragraphs):
                body.cut(i)
                return
        i = j


FOREIGN_SHARE = 0.2
"""A closing part of the body whose words recur in the story before it less than this share is not
the story's (an author's bio, a newsletter box, a teaser under a heading)."""


def _topic_share(text: str, topic: set[str]) -> float:
    """Share of ``text``'s topic words (counted each time they occur) that ``topic`` holds."""
    return _joined_topic_share((text,), topic)


def _joined_topic_share(texts: list[str] | tuple[str, ...], topic: set[str]) -> float:
    """``_topic_share`` of ``texts`` joined by spaces, counted paragraph by paragraph (no word runs
    across the space between two): a tail asked about from each of its starts does not split and
    fold its paragraphs again each time."""
    hits = total = 0
    for text in texts:
        own = long_words(text)
        total += len(own)
        hits += sum(w in topic for w in own)
    return hits / total if total else 1.0


_QUOTES = "\"'“”‘’«»()[],.;:!?"


def _capitals(text: str) -> set[str]:
    """Capitalised words of four letters or more, wherever they stand: the names a story keeps using."""
    return {
        w
        for w in (t.strip(_QUOTES) for t in text.split())
        if len(w) >= 4 and w[0].isupper() and not w.isupper()
    }


def _foreign(tail: list[str], story: _StoryWords, at: int) -> bool:
    """A closing part of the body (from paragraph ``at`` of ``story``) that is not the story's: it
    holds a paragraph of sentences (a bio, a blurb; a bare notice or credit line is left to the lines'
    own judgement), its words recur little in the story, and no such paragraph of it uses the story's
    words or names its people."""
    paragraphs = [p for p in tail if _paragraph_mass(p) and is_sentence(p)]
    if not paragraphs:
        return False
    topic = story.topic(at)
    return _joined_topic_share(tail, topic) < FOREIGN_SHARE and not any(
        _topic_share(p, topic) >= FOREIGN_SHARE or _capitals(p) & story.names(at) for p in paragraphs
    )


def _cut_foreign_tail(body: _Body) -> None:
    """Drop a short closing part of the body that opens with a line that is no paragraph (a heading,
    a prompt) and is not the story's (``_foreign``): the page's box under the story (an author's bio,
    a newsletter prompt), whatever its words. A list the story introduces stays."""
    paragraphs = body.paragraphs
    sizes = [words(p) for p in paragraphs]
    total = sum(sizes)
    before = 0
    story = _StoryWords(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        if (
            total - before <= TAIL_SHARE * before
            and not _paragraph_mass(paragraph)
            and _foreign(paragraphs[i:], story, i)
            and not _story_list(paragraphs, i, len(paragraphs))
        ):
            body.cut(i)
            return
        before += sizes[i]


class _StoryWords:
    """The topic words and the names of the paragraphs over a line, each gathered only when a line
    near the end is asked about and the answer needs them (most of a body never is), and then only
    from where the last ask stopped."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self._topic: set[str] = set()
        self._topic_upto = 0
        """Paragraphs before this index are in ``_topic``."""
        self._names: set[str] = set()
        self._names_upto = 0
        """Paragraphs before this index are in ``_names``."""

    def topic(self, i: int) -> set[str]:
        """The topic words of the paragraphs before ``i``."""
        for paragraph in self.paragraphs[self._topic_upto : i]:
            self._topic |= topic_words(paragraph)
        self._topic_upto = max(self._topic_upto, i)
        return self._topic

    def names(self, i: int) -> set[str]:
        """The capitalised words (``_capitals``) of the paragraphs before ``i``."""
        for paragraph in self.paragraphs[self._names_upto : i]:
            self._names |= _capitals(paragraph)
        self._names_upto = max(self._names_upto, i)
        return self._names


BOX_NAME_WORDS = (2, 4)
"""A person's name on a line of its own is this many words."""
BOX_LABEL_LINES = 3
"""An author's box opens with at most this many short lines above its bio (a heading, the name)."""


def _name_line(text: str) -> list[str]:
    """The words of a line that is a person's name alone (two to four words, all but one capitalised,
    letters only, no sentence mark), else nothing."""
    tokens = text.split()
    if not BOX_NAME_WORDS[0] <= len(tokens) <= BOX_NAME_WORDS[1]:
        return []
    if not all(t.replace("-", "").replace(".", "").isalpha() for t in tokens):
        return []
    capitalised = [t for t in tokens if t[0].isupper() and not t.isupper()]
    return capitalised if len(capitalised) >= max(2, len(tokens) - 1) else []


def _box_start(paragraphs: list[str], i: int) -> int | None:
    """Where the author's box over paragraph ``i`` opens: the paragraph is a bio (running text whose
    first word is a name given on one of the short lines right above it), and the box takes in those
    lines, which are more than the name alone (a heading over it: a subheading repeated by the
    paragraph under it is the story's own)."""
    paragraph = paragraphs[i]
    if not _paragraph_mass(paragraph):
        return None
    first = paragraph.split()[0].strip(_QUOTES)
    start, named = i, False
    while start > 0 and i - start < BOX_LABEL_LINES:
        above = paragraphs[start - 1]
        if words(above) > TRAILING_FURNITURE_WORDS or is_sentence(above):
            break
        named = named or first in _name_line(above)
        start -= 1
    return start if named and i - start > 1 else None


def _cut_author_box(body: _Body) -> None:
    """An author's box (a heading and a name on short lines, then a bio that opens with that name)
    near the body's end ends the story: the box and all after it go (contact lines, tags). Prose after
    it outweighing the bio means the story goes on under a subheading; two such boxes are a set of
    portraits, the story's own: those stay."""
    paragraphs = body.paragraphs
    boxes = [(s, i) for i in range(1, len(paragraphs)) if (s := _box_start(paragraphs, i)) is not None]
    if len(boxes) != 1:
        return
    start, bio = boxes[0]
    masses = [_paragraph_mass(p) for p in paragraphs]
    if start and sum(masses[bio + 1 :]) < masses[bio] and sum(masses[:start]) >= masses[bio]:
        body.cut(start)


TEASER_HEADING_WORDS = 4
"""A heading over a link to another story ("see also", in any language) is this short."""
TEASER_ITEMS = 3
"""A box inside a body links this many stories at most; a longer run is a list of the story's."""
TEASER_WORDS = (5, 25)
"""A linked headline is this long: longer than a list item, shorter than a paragraph."""


def _teaser_heading(text: str, *, colon: bool = False) -> bool:
    """A short line of words that is no sentence (it may trail off): a box's heading, or a subhead.
    Not a numbered step or a bracketed credit, nor (unless ``colon``) a lead-in ending with a colon:
    inside the body what follows one is the story's list."""
    shape = line_features(text)
    stripped = shape.stripped
    ends = (".", "!", "?") if colon else (".", "!", "?", ":")
    return (
        1 <= shape.words <= TEASER_HEADING_WORDS
        and stripped[:1].isalpha()
        and (stripped.endswith(("...", "…")) or not stripped.endswith(ends))
    )


def _linked_headline(text: str) -> bool:
    """A line shaped like a headline: a few words that end with no full stop, question or exclamation
    (a teaser's headline, perhaps with its time), not running text."""
    shape = line_features(text)
    low, high = TEASER_WORDS
    return (
        low <= shape.words <= high
        and not shape.sentence_end
        and not shape.prose
        and _opens_sentence(shape.stripped, digit=False)
    )


def _teaser_end(paragraphs: list[str], i: int) -> int | None:
    """Where a teaser box that opens at line ``i`` ends: a heading, then one to three headline-shaped
    lines, then the story's prose going on. None when the lines there are no such box (a subhead is
    followed by its paragraph at once)."""
    if not _teaser_heading(paragraphs[i]):
        return None
    j = i + 1
    while j < len(paragraphs) and j - i <= TEASER_ITEMS and _linked_headline(paragraphs[j]):
        j += 1
    if j == i + 1 or j - i > TEASER_ITEMS or j >= len(paragraphs):
        return None
    after = paragraphs[j]
    if not (_paragraph_mass(after) and is_prose(after) and _opens_sentence(after)):
        return None
    return None if _heads_section(paragraphs[j - 1], after) else j


SECTION_SHARE = 0.5
"""A subhead's words come back in the paragraph under it at least this much; a linked headline's,
standing over the story going on, less."""


def _opens_sentence(text: str, *, digit: bool = True) -> bool:
    """Starts as a new sentence does (a capital, a quote; a digit when ``digit``): no line wrapped
    from the one before."""
    first = text.lstrip()[:1]
    return (
        bool(first)
        and not first.islower()
        and (first.isalpha() or first in _QUOTES or (digit and first.isdigit()))
    )


def _heads_section(line: str, paragraph: str) -> bool:
    """``line`` is the subhead of ``paragraph``: most of its topic words recur in it."""
    own = content_words(line)
    return bool(own) and len(own & content_words(paragraph)) >= SECTION_SHARE * len(own)


TAIL_TEASERS = 8
"""A list of other stories under a body links this many at most before the page's chrome starts."""
COLON_TEASERS = 2
"""A heading with a colon over this many headlines at most is a "read more" box; over more it may
lead into the story's own closing list."""


def _tail_headline(text: str) -> bool:
    """A headline in a list under the story: headline-shaped (``_linked_headline``), or cut short with
    an ellipsis as teasers are."""
    stripped = text.rstrip()
    if stripped.endswith(("...", "…")):
        stripped = stripped.rstrip(".… ")
    return _linked_headline(stripped)


def _cut_teaser_tail(body: _Body) -> None:
    """A short heading closing the body over nothing but headline-shaped lines (two to
    ``TAIL_TEASERS``; with a colon after the heading, one to ``COLON_TEASERS``: a lone line under a
    plain heading is the story's last section) is a list of other stories
    under this one, whatever the heading says: the body ends before it. Not when the story's last
    paragraph leads into it (a colon), the lines are mostly its own words (``_story_list``) or they
    are items marked alike (``uniform_list_end``)."""
    paragraphs = body.paragraphs
    end = len(paragraphs)
    i = end - 1
    while i > 0 and end - i <= TAIL_TEASERS and _tail_headline(paragraphs[i]):
        i -= 1
    items = end - i - 1
    if not 1 <= items <= TAIL_TEASERS or i < 1:
        return
    heading = paragraphs[i]
    colon = heading.rstrip().endswith(":")
    if not _teaser_heading(heading, colon=items <= COLON_TEASERS) or (items < 2 and not colon):
        return
    if not any(_paragraph_mass(p) for p in paragraphs[:i]) or _story_list(paragraphs, i + 1, end):
        return
    if uniform_list_end(paragraphs[i:end]) is not None:
        return  # items marked alike are the story's line-up or table; teasers share no mark
    body.cut(i)


TEASER_BLURB_WORDS = 60
"""A teaser's blurb under its linked headline is this short at most; a story's paragraph may be longer."""
TEASER_LIST_ITEMS = (3, 12)
"""A list of other stories closing a body links this many at least (two short sections of other words
may close a story), and is searched this far back."""
TEASER_ITEM_HEADS = 2
"""Lines (a kicker, a headline) a teaser prints over its blurb."""
TEASER_ITEM_SHARE = 0.4
"""No teaser of such a list uses the story's words this much (one may name a place the story names);
the list as a whole uses them less than ``FOREIGN_SHARE``."""


def _teaser_head(text: str) -> bool:
    """A line a teaser prints over its blurb (a kicker, a headline that may ask a question): a
    headline's length at most, opening as a sentence does, ending with no full stop, exclamation or
    colon."""
    return (
        words(text) <= TEASER_WORDS[1]
        and _opens_sentence(text)
        and not text.rstrip().endswith((".", "!", ":", "…"))
    )


def _teaser_blurb(text: str) -> bool:
    """A teaser's blurb: a short paragraph opening and ending as a sentence does (or cut short)."""
    return (
        bool(_paragraph_mass(text))
        and words(text) <= TEASER_BLURB_WORDS
        and _opens_sentence(text)
        and is_sentence(text)
    )


def _teaser_items(paragraphs: list[str]) -> list[tuple[int, int]]:
    """The items closing ``paragraphs`` shaped as teasers, from the last one up: (first line, blurb
    line) for each, a short blurb (``_teaser_blurb``) with one to ``TEASER_ITEM_HEADS`` lines over
    it shaped as its kicker or headline (``_teaser_head``; a list's heading goes with the first).
    Every teaser prints its headline: a blurb right under a paragraph ends the run."""
    items: list[tuple[int, int]] = []
    k = len(paragraphs) - 1
    while k > 0 and len(items) < TEASER_LIST_ITEMS[1] and _teaser_blurb(paragraphs[k]):
        start = k
        while start > 0 and k - start < TEASER_ITEM_HEADS and _teaser_head(paragraphs[start - 1]):
            start -= 1
        if start == k:
            break  # a paragraph under a paragraph: the story's prose, not a teaser's blurb
        items.append((start, k))
        k = start - 1
    return items


def _teaser_list_start(paragraphs: list[str]) -> int | None:
    """Where a list of other stories closing the body starts: three or more teaser-shaped items
    (``_teaser_items``, each a headline over a blurb), of topics the story above the list
    does not speak of (``_topic_share`` of the list below ``FOREIGN_SHARE``, of each item below
    ``TEASER_ITEM_SHARE``), the story outweighing them.
    The earliest such start (with the list's heading over it): a story's last sections under their
    subheads keep using its words."""
    items = _teaser_items(paragraphs)
    if len(items) < TEASER_LIST_ITEMS[0]:
        return None
    earliest = items[-1][0]
    above = body_words(paragraphs[:earliest])  # once; each candidate adds only the few items' lines
    found = None
    for n in range(TEASER_LIST_ITEMS[0], len(items) + 1):
        start = items[n - 1][0]
        topic = above | body_words(paragraphs[earliest:start])
        shares = [_joined_topic_share(paragraphs[a : b + 1], topic) for a, b in items[:n]]
        joined = _joined_topic_share(paragraphs[start:], topic)
        if joined < FOREIGN_SHARE and max(shares) < TEASER_ITEM_SHARE:
            found = n
    if found is None:
        return None
    chosen = items[:found]
    start = chosen[-1][0]
    listed = sum(_paragraph_mass(p) for p in paragraphs[start:])
    story = sum(_paragraph_mass(p) for p in paragraphs[:start])
    if story < max(listed, STORY_WORDS) or _naming_story(paragraphs, chosen, start):
        return None
    heading = paragraphs[start - 1] if start else ""
    return start - 1 if heading and not _paragraph_mass(heading) and _teaser_head(heading) else start


def _naming_story(paragraphs: list[str], items: list[tuple[int, int]], start: int) -> bool:
    """Half or more of the ``items``' blurbs name someone or something the story's paragraphs above
    ``start`` name (``_capitals``): the story's own closing lines, around which a page dropped links;
    a list of other stories may share a place with it, not its people."""
    names: set[str] = set()
    for paragraph in paragraphs[:start]:
        if _paragraph_mass(paragraph):
            names |= _capitals(paragraph)
    sharing = sum(bool(_capitals(paragraphs[blurb]) & names) for _, blurb in items)
    return 2 * sharing >= len(items)


def _cut_teaser_list(body: _Body) -> None:
    """A list of other stories closing the body, each a headline over a short blurb, of topics the
    story does not speak of (``_teaser_list_start``: a most-read box, a feed of the site's latest), is
    the page's, whatever its heading says: the body ends before it."""
    start = _teaser_list_start(body.paragraphs)
    if start is not None and start > 0:
        body.cut(start)


_LABELLED_LINK = re.compile(
    r"^(?P<label>[^\W\d_][^\s:»›]*(?:\s+[^\W\d_][^\s:»›]*){1,2})\s*[:»›]\s+(?P<rest>\S.*)$"
)
"""A line that opens with a label of two or three words before a colon or a guillemet."""


def _label_not_names(label: str) -> bool:
    """A label that reads as words, not as a person's name: one of its words is in lower case or
    shouted (a name is capitalised word by word, as an interview's speaker is)."""
    return any(t[:1].islower() or (len(t) > 1 and t.isupper()) for t in label.split())


def _labelled_teaser(text: str) -> bool:
    """One line linking another story: a short label that is no name, then a headline-shaped line (it
    may ask a question)."""
    m = _LABELLED_LINK.match(text.strip())
    if m is None or not _label_not_names(m["label"]):
        return False
    rest = m["rest"].rstrip()
    if "://" in rest or "@" in rest:
        return False  # a quoted post (an embedded tweet) carries its links and handles
    low, high = TEASER_WORDS
    return (
        low <= words(rest) <= high
        and _opens_sentence(rest.lstrip("¿¡"), digit=False)
        and not rest.endswith((".", "!", ":", ";"))
        and not rest.endswith(('"', "”", "“", "'", "»"))
    )


def _story_prose(text: str) -> bool:
    """A paragraph of running text (the story going on around a box)."""
    return bool(_paragraph_mass(text)) and is_prose(text)


def _drop_inline_teasers(body: _Body) -> None:
    """A box linking other stories left between two paragraphs of the body (a short heading over one
    to three headlines, and the story going on after it; or one line, a label that is no name before
    a headline) is the page's, whatever its heading says: it goes. Only between paragraphs: at the
    body's edges the tail passes judge."""
    paragraphs = body.paragraphs
    drop: set[int] = set()
    for i in range(1, len(paragraphs) - 2):
        if i in drop or not (_paragraph_mass(paragraphs[i - 1]) and is_prose(paragraphs[i - 1])):
            continue
        end = _teaser_end(paragraphs, i)
        if end is not None:
            drop.update(range(i, end))
        elif _labelled_teaser(paragraphs[i]) and any(_story_prose(p) for p in paragraphs[i + 1 : i + 3]):
            drop.add(i)
    if drop:
        keep = [k for k in range(len(paragraphs)) if k not in drop]
        body.keep(keep)


def _move_credits(body: _Body) -> None:
    """Picture credits and credited captions left between the body's paragraphs go to the captions
    (``photo_credit``). A line of fields among others like it is a list the story gives ("Item: Maker"
    rows), not a credit. Done once the body's end is settled: a credit under the story still counts
    in the run of lines that closes it."""
    paragraphs = body.paragraphs
    fields = [labelled_field(p) for p in paragraphs]
    keep: list[int] = []
    for i, paragraph in enumerate(paragraphs):
        listed = fields[i] and ((i > 0 and fields[i - 1]) or (i + 1 < len(fields) and fields[i + 1]))
        if photo_credit(paragraph) and not listed:
            body.captions.append(paragraph)
        else:
            keep.append(i)
    if len(keep) < len(paragraphs):
        body.keep(keep)


def _cut_at_legal_notice(body: _Body) -> None:
    """A copyright line inside the body (``legal_notice``) is the page's footer: the body ends before
    it, when less of the body's paragraphs follow it than precede it (a story that quotes a
    copyright notice early goes on long after it)."""
    masses = [_paragraph_mass(p) for p in body.paragraphs]
    before = 0
    total = sum(masses)
    for i, paragraph in enumerate(body.paragraphs):
        if before and legal_notice(paragraph) and total - before - masses[i] < before:
            body.cut(i)
            return
        before += masses[i]


LAST_LINE_WORDS = 30
"""A closing prompt under a story (follow us, sign up, subscribe) fits in this many words."""
LAST_LINE_STORY_WORDS = 100
"""The story above must be this long for its words to tell a stranger's line from its own ending."""


def _unsigned(text: str) -> str:
    """``text`` without the symbols a writer may sign off with after the last full stop (an emoji)."""
    end = len(text)
    while end and (text[end - 1].isspace() or unicodedata.category(text[end - 1]).startswith("S")):
        end -= 1
    return text[:end]


def _under_prose(line: str) -> bool:
    """The line above a closing prompt: a paragraph of the story, or a picture's credit under it (a
    line in a list above would make the prompt that list's last item)."""
    return bool(_paragraph_mass(line)) or photo_credit(line)


def _drop_foreign_last_line(body: _Body) -> None:
    """The body's last line, when short, no sentence, right under the story's prose and not the
    story's (``_topic_share`` of it below ``FOREIGN_SHARE``, none of the story's names in it), is the
    page's prompt under the story (follow us here, sign up there), whatever its words."""
    paragraphs = body.paragraphs
    if len(paragraphs) < 2 or words(last := paragraphs[-1]) > LAST_LINE_WORDS or is_sentence(_unsigned(last)):
        return
    story = " ".join(paragraphs[:-1])
    if words(story) < LAST_LINE_STORY_WORDS or not _under_prose(paragraphs[-2]):
        return
    if _topic_share(last, content_words(story)) < FOREIGN_SHARE and not _capitals(last) & _capitals(story):
        body.cut(-1)


def _dates(doc: Document) -> Dateline:
    """The structured input's time, else the dateline's, read in the day/month order the splitter
    settled from the page."""
    hints = doc.hints
    month_first = None if hints.date_order is None else hints.date_order == "month-first"
    dateline = hints.dateline
    if dateline and hints.dateline_span and doc.content_type is ContentType.TEXT:
        lines = doc.text.splitlines()
        index = hints.dateline_span.start_line - doc.first_line
        if 0 <= index < len(lines) and lines[index].strip() == dateline.strip():
            dateline = dateline_with_neighbours(lines, index)
    for text in (hints.published, dateline):
        if text and (parsed := parse_dateline(text, doc.fetched_at, month_first)) is not None:
            return parsed
    return Dateline(published=None, updated=None)


def _unwrapped(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The numbered lines with each paragraph hard-wrapped at a fixed width (``wrapped_runs``) joined
    into one line under its first line's number: its fragments alone weigh as no paragraph."""
    lines = [(number, text) for number, text in numbered if text.strip()]
    runs = wrapped_runs([n for n, _ in lines], [" ".join(t.split()) for _, t in lines])
    if not runs:
        return numbered
    out: list[tuple[int, str]] = []
    k = 0
    for start, end in runs:
        out.extend(lines[k:start])
        out.append((lines[start][0], " ".join(" ".join(t.split()) for _, t in lines[start : end + 1])))
        k = end + 1
    out.extend(lines[k:])
    return out


def _parse_text(doc: Document) -> tuple[_Body, dict[str, Span]]:
    raw = doc.text.splitlines()
    provenance: dict[str, Span] = {}
    span = doc.hints.body_span
    lo, hi = (span.start_line, span.end_line) if span else (doc.first_line, doc.first_line + len(raw) - 1)
    numbered = [(number, raw[number - doc.first_line]) for number in range(lo, hi + 1)]
    dated = doc.hints.dateline_span.start_line if doc.hints.dateline and doc.hints.dateline_span else None
    if dated is not None and lo < dated <= hi and _lines_over(numbered, dated) <= LEAD_PARAGRAPHS:
        # the story's dateline printed under its lead is no paragraph of it
        numbered = [(number, text) for number, text in numbered if number != dated]
    body = _clean_lines(_unwrapped(numbered), doc.hints.title)
    _cut_tail(body)
    _cut_foreign_tail(body)
    _cut_author_box(body)
    _drop_foreign_last_line(body)
    _cut_at_legal_notice(body)
    _cut_teaser_tail(body)
    _cut_teaser_list(body)
    _drop_inline_teasers(body)
    _move_credits(body)
    if body.numbers:
        provenance["body"] = Span(start_line=body.numbers[0], end_line=body.numbers[-1])
    if doc.hints.title_span:
        provenance["title"] = doc.hints.title_span
    if doc.hints.dateline_span:
        provenance["published_at"] = doc.hints.dateline_span
    if body.byline_line is not None:
        provenance["authors"] = Span(start_line=body.byline_line, end_line=body.byline_line)
    for name, value in (("category", doc.hints.category), ("authors", doc.hints.byline)):
        if value and name not in provenance and (number := _line_of(raw, value, doc.first_line, lo)):
            provenance[name] = Span(start_line=number, end_line=number)
    return body, provenance


def _line_of(raw: list[str], value: str, first_line: int, before: int) -> int | None:
    """The page line nearest above ``before`` that reads ``value`` (where a hint came from)."""
    wanted = " ".join(value.split())
    for number in range(before - 1, first_line - 1, -1):
        if " ".join(raw[number - first_line].split()) == wanted:
            return number
    return None


@dataclass(slots=True)
class _Reading:
    """Our own reading of an HTML page: its rendered lines and the main article's body."""

    lines: list[str]
    body: _Body
    span: tuple[int, int]
    captions: list[str]
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    furniture: Container[str] = frozenset()


def _our_reading(root: Any, theirs: str, title: str | None) -> _Reading:
    """Render the page as innerText, split it, and keep the article trafilatura's text is in.

    Segments are ranked on their raw lines (how much of trafilatura's text each
    holds); only the chosen one is cleaned.
    """
    page = render(root, furniture=False)
    rendered = page.text
    _lines, segments = split_text(rendered, unwrap=False)
    raw = rendered.splitlines()
    reading = _Reading(raw, _Body(), (0, 0), page.captions, page.published, page.modified, page.section)
    reading.furniture = page.furniture
    if not segments:
        return reading
    their_shingles = shingles(theirs)

    def score(seg: Segment) -> float:
        first, last = seg.body[0].number, seg.body[-1].number
        text = "\n".join(raw[first - 1 : last])
        return covered(their_shingles, shingles(text)) if theirs else len(text) / 1e9

    best = max(segments, key=score)
    first, last = best.body[0].number, best.body[-1].number
    reading.body = _clean_lines([(n, raw[n - 1]) for n in range(first, last + 1)], best.title_text or title)
    reading.span = (first, last)
    return reading


def _parse_html(doc: Document) -> tuple[_Body, str | None, Dateline | None, str | None]:
    """(body, title, dates, category): trafilatura's reading, checked against ours (see html.py).

    Title, author and times come from what the page's own markup states (times
    with their zone); htmldate reads a day from the page only when it states none.
    """
    import trafilatura

    tree, root = load_page(doc.text)
    extracted = (
        None
        if tree is None
        else trafilatura.bare_extraction(tree, with_metadata=False, include_comments=False)
    )
    data = {} if extracted is None else extracted if isinstance(extracted, dict) else extracted.as_dict()
    theirs = data.get("text") or ""
    if root is None:
        body = _clean_lines(list(enumerate(_cut_footer(theirs.split("\n")), start=1)), doc.hints.title)
        return body, doc.hints.title, _html_dates(None, doc), None
    title = doc.hints.title or page_title(root)
    ours = _our_reading(root, theirs, title)
    paragraphs = _reconcile(root, theirs, ours, doc.uri)
    caption_keys = {normalize(c) for c in ours.captions}
    kept = [p for p in _cut_footer(paragraphs) if normalize(p) not in caption_keys]
    if ours.section and kept and normalize(kept[0]) == normalize(ours.section):
        kept = kept[1:]  # the section label above the headline, read as the first paragraph
    links = link_texts(root, among=link_keys(kept))
    body = _clean_lines(list(enumerate(without_links(kept, links), start=1)), title, menus=False)
    headlines = [h for h in (headline_text(root), title) if h]
    body.paragraphs[:0] = standfirst(
        ours.lines, headlines, body.paragraphs, ours.captions, root, taken=paragraphs
    )
    body.captions.extend(c for c in ours.captions if c not in body.captions)
    if not body.authors and (author := page_author(root)):
        body.authors = byline_names(author) or [a.strip() for a in re.split(r"[;,]", author) if a.strip()]
    dates = _field("published_at", doc, lambda: _html_dates(ours, doc), None)
    return body, title, dates, ours.section


def _reconcile(root: Any, theirs: str, ours: _Reading, uri: str) -> list[str]:
    """trafilatura's paragraphs, or ours inside the article's element when it stopped early,
    or its own trimmed of edges far from our body (see :func:`choose`).

    The article's element is looked for only when it decides something: our
    lines to add, or closing paragraphs the trim would drop.
    """
    paragraphs = theirs.split("\n")
    if not ours.body.paragraphs:
        return paragraphs
    our_text = "\n".join(ours.body.paragraphs)
    choice = choose(theirs, our_text)
    log.debug("html.reading", choice=choice.reason, uri=uri)

    def inside() -> set[str] | None:
        container = article_container(root, paragraphs)
        return container_lines(container) if container is not None else None

    if choice.use_ours and choice.reason != "theirs-kept-extra":
        element = inside()
        rest = continuation(ours.body.paragraphs, theirs, element) if element else []
        return rest or ours.body.paragraphs
    if choice.use_ours or covered(shingles(theirs), shingles(our_text)) >= 0.6:
        page, span = ours.lines, ours.span
        return trim_edges(paragraphs, our_text, page, span, furniture=ours.furniture, inside=inside)
    return paragraphs


def _html_dates(ours: _Reading | None, doc: Document) -> Dateline | None:
    """The times the page's metadata states; else the day htmldate reads from the page (slower)."""
    published = parse_dateline(ours.published, doc.fetched_at) if ours and ours.published else None
    if published is None and (day := find_date(doc.text, extensive_search=False, original_date=True)):
        published = parse_dateline(day, doc.fetched_at)
    if published is None:
        return None
    modified = parse_dateline(ours.modified, doc.fetched_at) if ours and ours.modified else None
    return Dateline(published=published.published, updated=modified.published if modified else None)


def parse_document(doc: Document, limits: Limits) -> Article:
    """The article in ``doc``; raises NoArticles when nothing article-like is left."""
    provenance: dict[str, Span] = {}
    category = doc.hints.category
    dates = _field("published_at", doc, lambda: _dates(doc), Dateline(published=None, updated=None))
    title = doc.hints.title
    if doc.content_type is ContentType.HTML:
        body, title, html_dates, html_category = _parse_html(doc)
        if dates.published is None and html_dates is not None:
            dates = html_dates
        category = category or html_category
    else:
        body, provenance = _parse_text(doc)
    authors = body.authors
    if doc.hints.byline and not authors:
        byline = doc.hints.byline
        authors = _field("authors", doc, lambda: byline_names(byline) or _names(byline), [])
    if doc.hints.dateline and not authors:
        # "By Ann Lee | 8 February 2019": a byline printed on the dateline's line
        fields = dateline_fields(doc.hints.dateline)
        authors = _field("authors", doc, lambda: [n for f in fields for n in byline_names(f)], [])
    if not body.paragraphs:
        msg = f"segment {doc.segment} of page {doc.page_id} has no body text"
        raise NoArticles(msg)
    if len(body.paragraphs) > limits.max_paragraphs:
        msg = f"article has {len(body.paragraphs)} paragraphs, over the cap of {limits.max_paragraphs}"
        raise LimitExceeded(msg)
    if dates.updated and "published_at" in provenance:
        provenance["updated_at"] = provenance["published_at"]
    body_text = "\n\n".join(body.paragraphs)
    return Article(
        id=doc.id,
        page_id=doc.page_id,
        source_uri=doc.uri,
        segment=doc.segment,
        segment_count=doc.segment_count,
        title=title,
        body=body_text,
        published_at=dates.published,
        updated_at=dates.updated,
        category=category,
        authors=authors,
        captions=list(dict.fromkeys(body.captions + doc.hints.captions)),
        provenance=provenance,
        content_hash=content_hash(title or "", body_text, dates.published or ""),
        fetched_at=doc.fetched_at,
        parser=PARSER,
        url=doc.hints.url or (doc.uri if doc.uri.startswith(("http://", "https://")) else None),
        metadata=doc.metadata,
    )
