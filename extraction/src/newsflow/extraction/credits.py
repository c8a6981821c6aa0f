"""Lines that name the people behind a story (bylines in any wording), judged by their shape.

A byline is a person's name (two or three capitalised words) with at most a short role before it
("Opinion by", "Reporting by"), and perhaps more fields beside it
(a second name, the site, a role: "Ann Lee · The Courier", "Ann Lee, Special to The Courier").
No list of the words around the name is needed: their shape is enough. Headlines that begin with
a name are told apart by what follows the name (a verb phrase, not a short connector or a field).
"""

from __future__ import annotations

import re
from itertools import pairwise

from newsflow.extraction.memo import memo_short

_FIELDS = re.compile(r"\s*[|·•;,—–/]\s*|\s+(?:and|&)\s+")
"""Separators between the fields of a byline: punctuation, or a joiner between two names."""
_DIGIT = re.compile(r"\d")
_EDGE = "\"'“”‘’()[]"

PERSON_LINE_WORDS = 14
"""A byline with two names and a site fits in this many words; a longer line says something."""
LEAD_WORDS = 2
"""Words a name may follow ("Opinion by"), the last a short connector (three letters at most)."""
FIELD_WORDS = 5
"""A field beside the name (the site, a role) is this short and mostly capitalised."""


def _name_token(token: str) -> bool:
    """A word of a person's name: capitalised and not shouted ("Ann", "Mei-Ling", "O'Neil"), or an
    initial ("E.")."""
    word = token.strip(_EDGE)
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    return (
        len(word) >= 2
        and word[0].isupper()
        and not word.isupper()
        and word.replace("-", "").replace("'", "").replace("’", "").isalpha()
    )


def _name_field(tokens: list[str]) -> bool:
    """A field holding one name: two or three name words, perhaps after a short lead ("Story by")."""
    for start in range(min(LEAD_WORDS, len(tokens) - 2) + 1):
        lead = tokens[:start]
        if lead and (len(lead[-1]) > 3 or not lead[-1].islower()):
            continue
        for size in (3, 2):
            end = start + size
            if end > len(tokens) or not all(_name_token(t) for t in tokens[start:end]):
                continue
            if end == len(tokens):
                return True
    return False


def _side_field(tokens: list[str]) -> bool:
    """A field beside a name: another name, or a short capitalised one (the site, a role)."""
    if not tokens or len(tokens) > FIELD_WORDS:
        return False
    if _name_field(tokens):
        return True
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    return capitalised * 2 > len(tokens)


def _two_capitals(tokens: list[str]) -> bool:
    """Two capitalised words in a row: the least a name needs (a quick test before the full one)."""
    return any(a[:1].isupper() and b[:1].isupper() for a, b in pairwise(tokens))


@memo_short
def person_line(text: str) -> bool:
    """A byline: the line names people (and perhaps their site or role) and says nothing else."""
    stripped = text.strip()
    if not stripped or not stripped[0].isupper() or stripped[-1] in "?!:.":
        return False
    tokens = stripped.split(None, PERSON_LINE_WORDS)
    if (
        len(tokens) > PERSON_LINE_WORDS
        or not _two_capitals(tokens[: LEAD_WORDS + 3])
        or _DIGIT.search(stripped)
    ):
        return False
    fields = [f.split() for f in _FIELDS.split(stripped) if f.strip()]
    if not fields or not _name_field(fields[0]):
        return False
    return all(_side_field(f) for f in fields[1:])


BIO_WORDS = 14
"""An author's one-line bio over a dateline ("Ann Lee covers health for The Courier.") is this short."""


@memo_short
def bio_line(text: str) -> bool:
    """A short sentence that opens with a person's name and goes on in lower case: an author's bio
    printed where a byline stands, not a headline."""
    tokens = text.split(None, BIO_WORDS)
    if not 3 <= len(tokens) <= BIO_WORDS or not text.rstrip().endswith(".") or _DIGIT.search(text):
        return False
    # two or three name words, then the sentence goes on in lower case ("Ann Lee covers ...")
    for size in (2, 3):
        if len(tokens) > size and all(_name_token(t) for t in tokens[:size]) and tokens[size][:1].islower():
            return True
    return False


CREDIT_WORDS = 6
"""A photo credit names its maker in this many words at most ("Jane Roe/Agency", "Pool | CC BY 2.0")."""
CREDITED_CAPTION_WORDS = 30
"""A caption with its credit fits in this many words; a longer line is a paragraph that quotes one."""
_CREDIT_TAIL = re.compile(
    r"(?:^|(?<=[.!?\"”»)])\s+|\s+[/|]\s+|\(|\s[-–—]\s)\s*(?P<label>[^\W\d_][\w-]{2,}):\s*(?P<who>[^:()]{1,80}?)\)?\.?$"
)
"""A line closed by one labelled field standing after a sentence, a separator or an opening bracket
("... harbour. Label: Jane Roe/Agency", "(label: Jane Roe)"): the label is one word, whatever it says."""
_COPYRIGHT_SIGN = re.compile(r"[©ⓒ]")


_SEPARATORS = frozenset("|/·-–—")


def _credit_tokens(who: str) -> bool:
    """The field a credit closes with: a few words (separators aside), none a sentence of lower-case
    words (a maker's name, an agency, a licence), not a clause that goes on. It opens with a capital,
    unless it names a site or an agency after a slash (a maker's handle in lower case)."""
    tokens = [t for t in who.split() if t not in _SEPARATORS]
    if not tokens or len(tokens) > CREDIT_WORDS:
        return False
    if not tokens[0][:1].isupper() and "/" not in who:
        return False
    lower = sum(1 for t in tokens if t[:1].islower() and not any(c in t for c in "/|."))
    return lower * 3 <= len(tokens) and "," not in who and not who.rstrip().endswith(("?", "!"))


@memo_short
def photo_credit(text: str) -> bool:
    """A picture's caption or credit line inside a body: a short line closed by a copyright sign and a
    few words, or by a one-word label and a name ("... at dusk. Label: Jane Roe/Agency"). Told by the
    shape of its end, whatever language the label is in."""
    stripped = text.strip()
    tokens = stripped.split(None, CREDITED_CAPTION_WORDS)
    if len(tokens) > CREDITED_CAPTION_WORDS or not tokens:
        return False
    sign = _COPYRIGHT_SIGN.search(stripped)
    if sign is not None:
        return 0 < len(stripped[sign.end() :].split()) <= CREDIT_WORDS + 2 and not _DIGIT.match(
            stripped[sign.end() :].strip()
        )
    if ":" not in stripped or "://" in stripped:
        return False  # a web address's colon labels nothing
    m = _CREDIT_TAIL.search(stripped)
    return m is not None and _credit_tokens(m["who"])


_FIELD_LINE = re.compile(r"^[^\W\d_][\w-]*(?:\s+[\w-]+){0,2}:\s*\S")
"""A line that opens with a label of one to three words and a colon ("Label: value")."""


def labelled_field(text: str) -> bool:
    """A line that is one labelled field ("Label: value"): alone it may be a credit, in a row of
    others it is a list."""
    return _FIELD_LINE.match(text.strip()) is not None
