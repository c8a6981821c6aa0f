"""Line-level signals in innerText dumps: what a line looks like on its own."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_CHROME = re.compile(
    r"^(?:skip to (?:main )?content\b|share (?:on|this|via)\b|advertisement$|sponsored\b|"
    r"sign (?:in|up)\b|log ?in\b|subscribe\b|menu\b|search\b|home$|copyright\b|©|all rights reserved|"
    r"cookie|we use cookies|accept(?: all)?$|read more$|recommended(?: articles| for you)?$|"
    r"related(?: articles| stories| news)?$|more (?:stories|from|news)\b|follow us\b|"
    r"newsletter\b|photo:|image:|caption:|source:|getty images|watch now|live tv\b|"
    r"click here\b|share this article$|copy link$|print$|email$|comments?\b)",
    re.I,
)


def normalize(line: str) -> str:
    """A comparison key: case-folded word tokens only."""
    text = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(_WORD.findall(text))


def words(line: str) -> int:
    return len(_WORD.findall(line))


def is_chrome(line: str) -> bool:
    """Site furniture recognisable on sight (share bars, adverts, cookie notes)."""
    return bool(_CHROME.search(line.strip()))


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of running text."""
    n = words(line)
    if n >= 20:
        return True
    if n < 8:
        return False
    has_lower = sum(1 for ch in line if ch.islower()) > len(line) * 0.4
    return has_lower and bool(_SENTENCE_END.search(line.strip()))


def is_sentence(line: str) -> bool:
    """A short line that is still a sentence (a one-line quote or remark in a body)."""
    stripped = line.strip()
    n = words(stripped)
    return n >= 4 and bool(_SENTENCE_END.search(stripped)) and not is_chrome(stripped)


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of the page: 1-based number, text, comparison key."""

    number: int
    text: str
    key: str


def page_lines(body: str) -> list[Line]:
    """The page's non-empty lines, stripped, with their 1-based line numbers."""
    out: list[Line] = []
    for number, raw in enumerate(body.splitlines(), start=1):
        text = " ".join(raw.split())
        if text:
            out.append(Line(number, text, normalize(text)))
    return out
