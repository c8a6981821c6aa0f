"""Line-level signals in innerText dumps: what a line looks like on its own.

Everything here judges one line by its shape (length, punctuation, case,
a few words every site uses for its furniture), never by site names, so it
carries over to pages it has not seen. What a line means in context
(headline, body, list) is decided in :mod:`newsflow.extraction.text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from newsflow.extraction.features import _ASCII_WORD_BYTES, line_features
from newsflow.extraction.features import MARKS as _MARKS
from newsflow.extraction.features import WORD as _WORD
from newsflow.extraction.memo import memo_short as memo_short  # noqa: PLC0414 - others import it from here

# Inline furniture: share bars, adverts, sign-in prompts, image credits.
_CHROME = re.compile(
    r"^(?:skip to\b|jump to\b|toggle navigation|advertisement\b|advert\b|ad$|sponsored\b|"
    r"share (?:on|this|via|article|story)\b|share$|tweet$|email$|print$|copy link|"
    r"(?:facebook|twitter|whatsapp|email|linkedin|pinterest|reddit|telegram|print|copy link)"
    r"(?:\s+(?:facebook|twitter|whatsapp|email|linkedin|pinterest|reddit|telegram|print|copy link))+$|"
    r"sign (?:in|up)\b|log ?in\b|register$|subscribe\b|menu\b|search\b|home$|live tv\b|watch now\b|"
    r"cookie|we use cookies|accept(?: all)?(?: cookies)?$|manage (?:cookies|preferences)|"
    r"read more$|continue reading|click here\b|follow us\b|follow @|newsletter\b|"
    r"image \d+ of|\d+ of \d+$|\d+ / \d+$|back to (?:top|gallery)|close$|caption$|"
    r"leave a comment|(?:\d+\s+)?comments?$|view comments|show comments|loading\b|"
    r"listen to (?:this )?article|reading time|\d+ min(?:ute)? read$|font size|"
    r"getty images$|ap photo\b|reuters$|afp$|tags?:?$|tags?\b(?::|\s+\w+\s*$)|"
    r"view (?:the )?(?:discussion|comments)|"
    r"print (?:this )?(?:article|page)$|font size$|text size$|order reprints$)",
    re.I,
)
# Lines that close an article: what follows is another list, the footer or comments.
_END = re.compile(
    r"^(?:recommended\b|related\b|more (?:from|stories|news|on|in|to|like)\b|"
    r"most (?:read|popular|viewed|shared)\b|"
    r"trending\b|popular\b|you (?:may|might) (?:also )?like|also (?:read|see|on)\b|read (?:next|also)\b|"
    r"see also\b|top stories\b|latest (?:news|stories|articles|headlines)\b|editor'?s picks?\b|"
    r"what to read next|further reading|other (?:news|stories)|in other news|around the web|"
    r"from the web|promoted (?:stories|content)|sponsored (?:stories|content)|comments?$|"
    r"\d+ comments?$|join the (?:conversation|discussion)|copyright\b|[©ⓒ]\s*\d{4}|\(c\) \d{4}|"
    r".*all rights reserved|"
    r"terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)|about us$|contact us$|"
    r"back to top$)",
    re.I,
)
_CAPTION_PREFIX = re.compile(
    r"^(?:photo(?:graph)?|image|picture|pictured|caption|foto|pic|illustration|video|above|credit|"
    r"image credit|photo credit|source)\s*(?::|-|—|–)\s*",
    re.I,
)
_CAPTION_TAIL = re.compile(
    r"(?:\((?:photo|image|picture|credit)[^)]*\)|(?:photo|image|picture)(?: credit)?:\s*[^.]{0,80}|"
    r"(?:getty images|shutterstock|ap photo|reuters|afp)(?:/[^.]{0,40})?)\.?$",
    re.I,
)
_PAREN_CREDIT = re.compile(r"\((?:photo|image|picture|credit|foto)[^)]{0,80}\)\.?$", re.I)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|author:|reporting by|von|par|por|di)\s+(?P<names>[^|•·]{3,120}?)"
    r"(?:\s*[|•·,-]\s*(?:staff|correspondent|reporter|editor|contributor|writer)\b.*)?$",
    re.I,
)


def _folded_words(line: str) -> list[str]:
    """The case-folded word tokens of ``line`` (compatibility forms unified)."""
    return _WORD.findall((line if line.isascii() else unicodedata.normalize("NFKC", line)).casefold())


def normalize(line: str) -> str:
    """A comparison key: case-folded word tokens only (an ASCII line's found with byte operations
    in C, no match objects: its word characters kept, the rest spaces, lower-cased)."""
    if line.isascii():
        return b" ".join(line.encode("ascii").translate(_ASCII_WORD_BYTES).lower().split()).decode("ascii")
    return " ".join(_folded_words(line))


@memo_short
def words(line: str) -> int:
    """Word count; scripts written without spaces count one word per two characters."""
    return line_features(line).words


_INLINE_LINK = re.compile(
    r"^(?:also on|also read|read more|read also|related|see also|more on this|read next|watch|listen)"
    r"\b\s*(?::|-|–|—|»|\|)\s*\S|^like this (?:story|article)\b|^(?:please )?share (?:it|this) with\b",
    re.I,
)


@memo_short
def is_chrome(line: str) -> bool:
    """Site furniture recognisable on sight: share bars, adverts, cookie notes, inline "Related:" links
    and long all-capital link lines."""
    shape = line_features(line)
    stripped = shape.stripped
    if _CHROME.match(stripped):
        return True
    n = shape.words
    if n <= 30 and _INLINE_LINK.match(stripped):
        return True
    if n < 8 or not stripped.isupper():
        return False
    return sum(map(str.isupper, stripped)) * 2 >= sum(map(str.isalpha, stripped))


_LIST_HEADING = re.compile(
    r"\b(?:latest|more|related|recommended|popular|top|trending|other|similar|recent|further|editor'?s)\b"
    r".*\b(?:stories|articles|headlines|news|posts|reads|videos|picks|links)\b",
    re.I,
)


def is_end_marker(line: str) -> bool:
    """A heading that closes the article: "Related stories", "Our latest stories", "Most read", the footer."""
    shape = line_features(line)
    stripped = shape.stripped
    if len(stripped) > 60:
        return False
    return bool(_END.match(stripped)) or (shape.words <= 5 and bool(_LIST_HEADING.search(stripped)))


LEGAL_NOTICE_WORDS = 15
"""A site's copyright line fits in this many words; a longer one (an agency's notice with its terms
of reuse) is printed with the story it covers."""
_LEGAL = re.compile(
    r"^(?:copyright\s+(?:[©ⓒ]|\(c\)|\d{4})|[©ⓒ]\s*(?:\d{4}|copyright\b)|\(c\)\s*\d{4})"
    r"|all rights? reserved\W*$",
    re.I,
)


@memo_short
def legal_notice(line: str) -> bool:
    """A copyright line ("(c) 2020 The Courier. All rights reserved."): the page's footer, however
    long its owner's name. A copyright sign before a year reads the same in every language."""
    shape = line_features(line)
    return shape.words <= LEGAL_NOTICE_WORDS and _LEGAL.search(shape.stripped) is not None


def caption_text(line: str) -> str | None:
    """The caption in a "Photo: ..." line, or None when the line is not one."""
    m = _CAPTION_PREFIX.match(line.strip())
    if m is None:
        return None
    return line.strip()[m.end() :].strip() or None


def has_paren_credit(line: str) -> bool:
    """A line ending with "(Image credit: ...)": an image caption, however long."""
    stripped = line.strip()
    return stripped.endswith((")", ").")) and bool(_PAREN_CREDIT.search(stripped))


_CREDIT_HINT = re.compile(r"photo|image|picture|credit|getty|shutterstock|reuters|afp")
"""One of these (in the lower-cased line) is in every credit the tail pattern reads."""


def has_credit_tail(line: str) -> bool:
    """A line ending with an image credit ("... (Photo: AP)", "... Getty Images")."""
    if _CREDIT_HINT.search(line.lower()) is None:
        return False  # the pattern below needs one of these words: skip its costly search
    return bool(_CAPTION_TAIL.search(line.strip()))


_CREDIT_SPLIT = re.compile(
    r"^(?P<head>[^|©/—–()]+?)\s+(?:[|©/—–]\s+(?P<tail>[^|©/—–()]+)|\((?P<paren>[^()]+)\))$"
)
"""A description, then a separator (a bar, a copyright sign, a slash, a dash, or brackets) and a
short tail: the shape of a photo caption with its credit."""
_CREDIT_MARK = re.compile(r"[|©/—–]|\)$")
"""What every match of ``_CREDIT_SPLIT`` holds (a separator, or a closing bracket at the end), found
fast: most lines have none, and the split's lazy head is tried at every space."""
CAPTION_HEAD_WORDS = (4, 25)
"""A caption's description is a clause: more words than a label, fewer than a paragraph."""
CAPTION_TITLE_CASE = 0.5
"""A caption's description is written in sentence case: fewer capitalised words than this share."""
CREDIT_TAIL_WORDS = 7
"""A credit names a person, an agency or a source: a few words."""
_OPENERS = "([—–-\"“‘'«*•"
"""A line opening with one of these is a quote, a bracketed aside or a list item, not a caption."""


@memo_short
def credited_caption_head(line: str) -> str | None:
    """The description of a photo caption with its credit after a separator ("Crews clear the road
    after the storm | Ann Lee", "... © Agency", "... (File)"): a sentence-case clause with no full
    stop and no digits, then a short capitalised tail. None for other lines. Judged by punctuation
    and case, whatever the language."""
    shape = line_features(line)
    stripped = shape.stripped
    if not stripped or stripped[0] in _OPENERS or shape.sentence_end or shape.words > 40:
        return None
    if _CREDIT_MARK.search(stripped) is None:
        return None
    m = _CREDIT_SPLIT.match(stripped)
    if m is None:
        return None
    head, tail = m["head"].strip(), m["tail"] or m["paren"]
    low, high = CAPTION_HEAD_WORDS
    if (
        low <= words(head) <= high
        and words(tail) <= CREDIT_TAIL_WORDS
        and tail.strip()[:1].isupper()
        and not any(c.isdigit() for c in head)
        and line_features(head).title_case < CAPTION_TITLE_CASE
    ):
        return head
    return None


def is_credited_caption(line: str) -> bool:
    """A photo caption with its credit after a separator (see ``credited_caption_head``)."""
    return credited_caption_head(line) is not None


_ROLE_BYLINE = re.compile(
    r"^(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),\s*(?:[\w.&]+\s+){0,3}"
    r"(?:writer|reporter|correspondent|editor|staff|contributor|columnist|journalist)s?\b",
    re.I,
)


@memo_short
def byline_names(line: str) -> list[str]:
    """The names in a byline ("By Ann Lee and Bo Chen", "Tom Krisher, AP Auto Writer"), or []."""
    stripped = line.strip()
    role = _ROLE_BYLINE.match(stripped) if "," in stripped else None  # the pattern needs the comma
    if role is not None and words(stripped) <= 10:
        return [role["names"]]
    m = _BYLINE.match(stripped)
    if not m or words(m["names"]) > 12:
        return []
    names = re.split(r",\s*|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+", m["names"].strip())
    return [n.strip(" .") for n in names if n.strip(" .") and words(n) <= 5]


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of running text."""
    return line_features(line).prose


@memo_short
def is_sentence(line: str) -> bool:
    """A short line that is still a sentence (a one-line quote or remark in a body)."""
    shape = line_features(line)
    return shape.words >= 4 and shape.sentence_end and not is_chrome(shape.stripped)


def title_case_ratio(line: str) -> float:
    """Share of words that start with a capital: headlines and menus score high. A long line is
    judged on its first words, which tell as much."""
    return line_features(line).title_case


_LONG_WORD = re.compile(r"[\w" + _MARKS + r"]{4,}")
"""A word token (a whole run of word characters) longer than three characters: shorter runs never
match, so no string is built for them."""


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its topic: case-folded tokens longer than three characters
    (a language-free stand-in for "not a stop word"). A fresh set each call, so callers may change it;
    the words themselves are remembered, since one story's body is asked about in several passes."""
    return set(topic_words(text))


def body_words(texts: Iterable[str]) -> set[str]:
    """``content_words`` of ``texts`` joined by spaces, as the union of each line's (remembered): no
    word runs across the space between two lines, so the words are the same, and a long body asked
    about again (or growing by a group at a time) costs a set union per line, not a scan of it all."""
    found: set[str] = set()
    for text in texts:
        found |= topic_words(text)
    return found


@memo_short
def topic_words(text: str) -> frozenset[str]:
    """``content_words`` of ``text`` as the one shared, unchangeable set: for callers that only read
    it, many times over (no copy made)."""
    folded = (text if text.isascii() else unicodedata.normalize("NFKC", text)).casefold()
    return frozenset(_LONG_WORD.findall(folded))


def relation(title: str, body: set[str]) -> float:
    """How far a headline's topic words recur in a body's words (``content_words`` of it): a
    headline's words come back in the story it heads, a stranger's do not. The share is smoothed by
    one word, so a two-word line with one word in common does not beat a long headline with many.
    -1 when the headline has no topic word to judge by."""
    wanted = content_words(title)
    if not wanted:
        return -1.0
    return len(wanted & body) / (len(wanted) + 1)


_ROW_MARK = re.compile(r"[|•·]| [—–/] ")
"""A separator a row of links prints: without one the line is no row."""
_ROW_SEPARATOR = re.compile(r"\s+[|•·—–/]\s+|\s*[|•]\s*")


def link_row(line: str) -> bool:
    """A row of short items between separators ("Email | Print | Copy link", "Ann · 5 min · Share"):
    a share bar or a menu flattened onto one line, not a headline."""
    if _ROW_MARK.search(line) is None:
        return False
    parts = [p for p in _ROW_SEPARATOR.split(line.strip()) if p]
    return len(parts) >= 3 and sum(words(p) for p in parts) <= 3 * len(parts)


_QUOTES = "“”\"'‘’«»()[],.;:!?"
_OPENS_SENTENCE = frozenset('.!?:"“”')
"""A word after a token ending in one of these opens a sentence (or a quote): capitalised anyway."""


@memo_short
def proper_names(line: str) -> frozenset[str]:
    """Capitalised words of four letters or more that do not open a sentence: the names (and, in
    German, the nouns) a story keeps coming back to. Two stories share few of them; two sections of
    one story share many."""
    tokens = line.split()
    out: set[str] = set()
    for before, token in pairwise(tokens):
        # a lower-case first letter is no quote mark, so it stays first: most words stop here
        if token[0].islower() or before[-1] in _OPENS_SENTENCE:
            continue
        word = token.strip(_QUOTES)
        if len(word) >= 4 and word[0].isupper() and not word.isupper():
            out.add(word.casefold())
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of the page: 1-based number, text, comparison key."""

    number: int
    text: str
    key: str


def page_lines(body: str) -> list[Line]:
    """The page's non-empty lines, stripped, with their 1-based line numbers."""
    out: list[Line] = []
    keys: dict[str, str] = {}  # a page prints many of its lines more than once
    for number, raw in enumerate(body.splitlines(), start=1):
        text = " ".join(raw.split())
        if text:
            key = keys.get(text)
            if key is None:
                key = keys[text] = normalize(text)
            out.append(Line(number, text, key))
    return out
