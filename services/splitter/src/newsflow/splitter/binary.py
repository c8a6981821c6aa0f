"""Binary or undecodable content posing as text: refused before anything is cut out of it.

Random bytes decoded leniently (Latin-1, Windows-1252 with replacement) still
make a ``str``, and the splitter would find "articles" in it: mojibake titles
and a language guessed from noise. A page is refused when too much of it is
control characters, too much is U+FFFD (bytes a producer could not decode),
or, for plain text, when it has no prose at all (no spaces between words).
"""

from __future__ import annotations

import re

from newsflow.shared.errors import BadInput

#: C0 and C1 controls other than tab, line feed, carriage return and form feed, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_REPLACEMENT = "\ufffd"
_NOT_LETTERS = re.compile(r"[\W\d_]+")
"""Runs of anything but letters: what is left when they are cut out is the letters (counted by
cutting runs, about twice as cheap as finding every letter)."""
_ASCII_BYTES = bytes(range(128))
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())

SAMPLE = 65_536
MAX_CONTROL_SHARE = 0.05  # random bytes: 11 % (Windows-1252) to 25 % (Latin-1)
MAX_REPLACEMENT_SHARE = 0.1  # mis-decoded real pages (Polish read as Latin-1) reach 4-6 %
MIN_SPACE_SHARE = 0.03
MIN_LETTER_SHARE = 0.3
_PROSE_FROM = 200  # shorter texts are judged by the splitter itself (no article, ...)


class BinaryContent(BadInput):
    """The page is binary or undecodable, not text."""

    code = "binary_content"


def _letters(text: str) -> int:
    """How many letters ``text`` holds: the ASCII ones counted on its UTF-8 bytes in C (a byte
    deletion, no pattern), only the few characters beyond ASCII through the pattern."""
    raw = text.encode("utf-8", "surrogatepass")
    beyond = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return len(raw.translate(None, _NOT_ASCII_LETTER_BYTES)) + len(_NOT_LETTERS.sub("", beyond))


def refuse_binary(text: str, *, prose: bool) -> None:
    """Raise :class:`BinaryContent` with the measure that gave ``text`` away; ``prose``: test for words."""
    sample = text[:SAMPLE]
    if not sample:
        return
    size = len(sample)
    controls = len(_CONTROL.findall(sample)) / size if _CONTROL.search(sample) else 0.0
    if controls > MAX_CONTROL_SHARE:
        msg = f"binary content: {controls:.1%} control characters (over {MAX_CONTROL_SHARE:.0%})"
        raise BinaryContent(msg)
    replaced = sample.count(_REPLACEMENT) / size
    if replaced > MAX_REPLACEMENT_SHARE:
        msg = (
            f"undecodable content: {replaced:.1%} replacement characters (U+FFFD, "
            f"over {MAX_REPLACEMENT_SHARE:.0%}), bytes the producer could not decode"
        )
        raise BinaryContent(msg)
    if not prose or size < _PROSE_FROM:
        return
    spaces = (size - len("".join(sample.split()))) / size  # str.split cuts at what \s matches
    letters = _letters(sample) / size
    if spaces < MIN_SPACE_SHARE or letters < MIN_LETTER_SHARE:
        msg = f"no prose: {letters:.0%} letters and {spaces:.1%} white space, not text written to be read"
        raise BinaryContent(msg)
