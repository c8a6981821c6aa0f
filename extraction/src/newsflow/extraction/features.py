"""One line's shape, measured once: the counts the line judgements share.

``line_kind``, ``is_prose``, ``is_chrome``, ``title_like``, ``menu_shaped`` and the rest ask the same
things of a line (how many words, how it is cased, how it ends), and a page asks them of each of its
lines several times while it is split. :class:`LineFeatures` holds them for one line: the word count
at once, the rest when first asked, so a line settled early (a dateline, a menu item) never pays for
the others. One memo holds them all, instead of one per judgement.
"""

from __future__ import annotations

import re
import string
from itertools import pairwise

from newsflow.extraction.memo import memo_short

MARKS = (
    "\u0300-\u036f\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
)
"""Combining marks ``\\w`` does not match (accents, vowel points, the vowel signs of Indic scripts, whose
blocks are taken whole but for the danda): inside a word they join it rather than split it."""
WORD = re.compile(r"[\w" + MARKS + r"]+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
"""Letters of the scripts that write words without spaces between them (Thai, Lao, Myanmar, Khmer): a
space there parts phrases and sentences, not words."""
_DENSE = re.compile(CJK.pattern + "|(" + SPACELESS.pattern + ")")
"""A CJK letter (captured as ``""``) or a letter of a script written without spaces (captured as
itself): both counts in one scan of the line."""
SPACELESS_WORD = 4
"""Characters (marks included) to one word in those scripts."""
CLAUSE_CHARS = 15
"""In those scripts, phrases parted by spaces this long on average are running text; a menu's items
are shorter."""
SENTENCE_END = re.compile(r"[.!?…:;。！？।॥؟۔።][\"'”’»)\]」』]*$")
_PUNCT = re.compile(r"[.,;!?。，、।،؟]\s|[.!?。।॥؟۔።]$")
"""Sentence punctuation inside or at the end of a line, with the full stops, commas and question marks of
scripts that print their own (the danda, the Arabic comma and question mark)."""
_ASCII_WORD_BYTES = bytes(b if b < 128 and (chr(b).isalnum() or chr(b) == "_") else 32 for b in range(256))
"""ASCII bytes as ``WORD`` sees them: word characters kept, every other byte a space, so the words of
an ASCII line are its translated bytes split at spaces (counted in C, no match objects)."""
_TYPOGRAPHY = "".join(
    c
    for c in "\u00a0\u00ab\u00bb\u00b7\u00b0\u00a9\u00ae\u00a3\u20ac\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2032\u2033\u2039\u203a\u2122\u200b\u2009\u202f"
    if not WORD.match(c) and not _DENSE.match(c)
)
"""Characters of typeset text beside its letters (typographic quotes, dashes, spaces, bullets), none
of them part of a word nor of a script written without spaces: they part words as ASCII punctuation
does."""
_LATIN1_WORD_BYTES = bytes(b if WORD.fullmatch(chr(b)) else 32 for b in range(256))
"""Latin-1 bytes as ``WORD`` sees them (the accented letters of Western European languages are word
characters, no mark of its own is): word characters kept, every other byte a space."""
_BEYOND_LATIN1 = re.compile("[^\x00-\xff" + _TYPOGRAPHY + "]")
"""A character neither Latin-1 nor ``_TYPOGRAPHY``: a line without one counts its words from its
Latin-1 bytes (the typography encoded as "?", which parts words as it does)."""
_DROP_LOWER = str.maketrans("", "", string.ascii_lowercase)
_DROP_UPPER = str.maketrans("", "", string.ascii_uppercase)
_DROP_LETTERS = str.maketrans("", "", string.ascii_letters)

TITLE_CASE_TOKENS = 30
"""A long line's casing is judged on its first this many words, which tell as much as the rest."""


def case_counts(text: str) -> tuple[int, int]:
    """How many lower-case and upper-case characters ``text`` holds (ASCII text counted in C)."""
    if text.isascii():
        size = len(text)
        return size - len(text.translate(_DROP_LOWER)), size - len(text.translate(_DROP_UPPER))
    return sum(map(str.islower, text)), sum(map(str.isupper, text))


class LineFeatures:
    """The shape of one line of text, exactly as given (not stripped): a plain class with slots, not
    a model, because one is built for every distinct line of every page."""

    __slots__ = ("_prose", "_sentence_end", "_title_case", "stripped", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.stripped = text.strip()
        if text.isascii():
            n = len(text.encode("ascii").translate(_ASCII_WORD_BYTES).split())
        elif _BEYOND_LATIN1.search(text) is None:
            n = len(text.encode("latin-1", "replace").translate(_LATIN1_WORD_BYTES).split())
        else:
            # scripts written without spaces: one word per two CJK characters, per four Thai-like ones
            dense = _DENSE.findall(text)
            cjk = dense.count("")
            n = len(WORD.findall(text)) + cjk // 2 + (len(dense) - cjk) // SPACELESS_WORD
        self.words = n
        self._title_case: float | None = None
        self._prose: bool | None = None
        self._sentence_end: bool | None = None

    @property
    def title_case(self) -> float:
        """Share of words that start with a capital: headlines and menus score high."""
        if self._title_case is None:
            heads = "".join([w[0] for w in self.text.split(None, TITLE_CASE_TOKENS)[:TITLE_CASE_TOKENS]])
            if heads.isascii():  # the words' first letters, and the capitals among them, counted in C
                size = len(heads)
                letters, upper = (
                    size - len(heads.translate(_DROP_LETTERS)),
                    size - len(heads.translate(_DROP_UPPER)),
                )
            else:
                alpha = [h for h in heads if h.isalpha()]
                letters, upper = len(alpha), sum(map(str.isupper, alpha))
            self._title_case = upper / letters if letters else 0.0
        return self._title_case

    @property
    def sentence_end(self) -> bool:
        """Ends as a sentence does (a full stop, a question, a closing quote after one)."""
        if self._sentence_end is None:
            self._sentence_end = SENTENCE_END.search(self.stripped) is not None
        return self._sentence_end

    @property
    def prose(self) -> bool:
        """Reads like a paragraph of running text."""
        if self._prose is None:
            self._prose = self._is_prose()
        return self._prose

    def _is_prose(self) -> bool:
        n = self.words
        if n >= 20:
            # long, but a menu flattened onto one line has no sentence punctuation and capitals everywhere
            return self.title_case < 0.6 and (
                _PUNCT.search(self.text) is not None or _spaced_clauses(self.text)
            )
        if n < 8:
            return False
        lower, upper = case_counts(self.text)
        cased = lower + upper
        if cased >= 10 and lower < cased * 0.6:
            return False
        return self.sentence_end


def _spaced_clauses(text: str) -> bool:
    """A line in a script written without spaces between words whose spaces part long phrases: its
    running text needs no comma or full stop, as its sentences end at a space."""
    if text.isascii() or SPACELESS.search(text) is None:
        return False
    phrases = text.split()
    return len(phrases) >= 2 and len(text) >= CLAUSE_CHARS * len(phrases)


@memo_short
def line_features(text: str) -> LineFeatures:
    """The features of ``text``, built once per distinct line while it is remembered."""
    return LineFeatures(text)


WRAP_WIDTH = (45, 100)
"""Characters to a line of text hard-wrapped at a fixed width (a plain-text post, a mailing-list
archive): narrower is a list of short items, wider no wrap at all."""
WRAP_LINES = 3
"""Lines in a row (no empty line between) a wrapped text needs for its width to tell anything."""
WRAP_FILL = 0.75
"""A wrapped line (but a paragraph's last) fills at least this share of the width."""


def _wraps_before(text: str, following: str, width: int) -> bool:
    """``text`` is a line broken at ``width``: full enough, and the next line's first word would not
    have fit after it (a writer's own line break leaves room for it)."""
    first = following.split(None, 1)[0] if following.strip() else ""
    return len(text) >= WRAP_FILL * width and len(text) + 1 + len(first) > width


def _broken_inside(part: list[str]) -> bool:
    """Most of the breaks between these lines fall inside a sentence: the next line goes on in lower
    case. A list of headlines or labels starts each line anew."""
    inside = sum(nxt[:1].islower() for nxt in part[1:])
    return inside * 2 >= len(part) - 1


def _wrapped_paragraphs(texts: list[str], offset: int) -> list[tuple[int, int]]:
    """The paragraphs of lines printed one right under another when they are text wrapped at a
    fixed width (the widest line's): most lines broke where the next word would not fit, and a
    paragraph runs to the first line that did not (its last, short one). A paragraph of two lines or
    more, broken inside a sentence, that reads as running text once joined, is one."""
    width = max(len(t) for t in texts)
    if not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return []
    wraps = [_wraps_before(t, nxt, width) for t, nxt in pairwise(texts)]
    if sum(wraps) * 2 < len(texts):
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for k in range(len(texts)):
        if k < len(wraps) and wraps[k]:
            continue
        part = texts[start : k + 1]
        if len(part) >= 2 and _broken_inside(part) and line_features(" ".join(part)).prose:
            out.append((offset + start, offset + k))
        start = k + 1
    return out


def wrapped_runs(numbers: list[int], texts: list[str]) -> list[tuple[int, int]]:
    """Index ranges [start, end] of the lines (non-empty, with their page line ``numbers``) that are
    one paragraph hard-wrapped at a fixed width (``_wrapped_paragraphs``), among lines right under
    one another with no empty line between. Each such line alone is a fragment that reads as no
    paragraph; joined they are one."""
    runs: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(numbers) + 1):
        if k < len(numbers) and numbers[k] == numbers[k - 1] + 1:
            continue
        if k - start >= WRAP_LINES:
            runs.extend(_wrapped_paragraphs(texts[start:k], start))
        start = k
    return runs
