"""Comment threads under an article: found by shape and cut off the page before it is split.

A thread is a run of entries close together, each a short name-like line (a person's name or a
handle) over a stamp, the stamps all printed in one shape ("(22 June 2018 @11h13)", "Sep 18, 2020",
"3 days ago"), most entries saying something. A feed of dated briefs looks alike but puts a headline by
each stamp, so a run where a third of the stamps or more stand by a headline-shaped line is no thread.
The article is the block before the thread; when there is no prose before it (a forum page), the first
entry is the post and the thread starts with the second.
"""

from __future__ import annotations

import re

from newsflow.extraction.dates import _date_bearing, could_be_dateline, looks_like_dateline
from newsflow.extraction.lines import Line, is_prose

MIN_ENTRIES = 3
"""Stamps of one shape needed before a run reads as a thread rather than a few dated lines."""
NAME_SHARE = 2 / 3
"""Share of the stamps that must have a name-like line just over them."""
NAME_REACH = 3
"""How many lines over a stamp its author's name may stand (a counter or an avatar line between)."""
STAMP_WORDS = 10
"""The longest stamp line, in words: a date with a few buttons beside it ("Reply", "Quote #")."""
NAME_WORDS = 3
"""The longest name or handle, in words."""
MIN_ARTICLE_PROSE = 1
"""Prose lines needed before the thread for that block to be the article."""
MAX_GAP = 16
"""The longest distance between two stamps of one thread, in lines: comments are short."""

_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = (".", "!", "?", ";", ",")
_ATTRIBUTION = ("—", "–", "-")


def _stamp_candidate(text: str) -> bool:
    """Short, not led by a dash, and printing something a date could be read from: every stamp is one
    (a cheap test, so the dateline readers run only on the few lines that pass)."""
    if text.startswith(_ATTRIBUTION) or len(text.split(None, STAMP_WORDS)) > STAMP_WORDS:
        return False  # a dash before a name and a date signs a quote or an embedded post
    return could_be_dateline(text)


def _candidate_stamp(text: str) -> bool:
    """Whether a stamp candidate (see :func:`_stamp_candidate`) is a stamp: a line led by a date or a
    relative time, buttons allowed after it."""
    return looks_like_dateline(text) or _date_bearing(text)


def _stamp(text: str) -> bool:
    """A short line led by a date or a relative time: a comment's stamp, buttons allowed after it, not
    the signature of a quoted post."""
    return _stamp_candidate(text) and _candidate_stamp(text)


def _stamp_shape(text: str) -> str:
    """The stamp's print shape (numbers and words blanked) over its first three tokens: the buttons
    after a stamp vary between entries, the date's shape does not."""
    head = " ".join(text.split()[:3])
    return _LETTERS.sub("a", _DIGITS.sub("0", head))


def _handle_like(text: str) -> bool:
    """A name or a handle: one to three words, not led by a number (a rank, an ordinal), no sentence
    punctuation at its end, not prose."""
    n = len(text.split())
    return (
        1 <= n <= NAME_WORDS
        and len(text) <= 40
        and not text[0].isdigit()
        and not text.endswith(_SENTENCE_END)
        and not is_prose(text)
    )


def _headline_shaped(text: str) -> bool:
    """Four words or more, not a sentence, not prose, not a stamp: a brief's title."""
    return (
        len(text.split()) >= 4
        and not text.endswith(_SENTENCE_END)
        and not is_prose(text)
        and not _stamp(text)
    )


def _headed(lines: list[Line], at: int, floor: int) -> bool:
    """Whether a headline-shaped line stands by the stamp at ``at`` (within reach over it, not past
    ``floor``, or right under it): a brief's title, which a comment does not have."""
    near = [*range(max(floor + 1, at - NAME_REACH), at), at + 1]
    return any(0 <= i < len(lines) and _headline_shaped(lines[i].text) for i in near)


def _named(lines: list[Line], at: int, floor: int) -> bool:
    """Whether a name-like line stands right over the stamp at ``at`` (a counter may sit between,
    not past ``floor``, the previous stamp)."""
    return any(_handle_like(lines[i].text) for i in (at - 1, at - 2) if i > floor)


def _has_body(lines: list[Line], at: int, end: int) -> bool:
    """Whether the entry from the stamp at ``at`` to ``end`` says something: a line of prose, a
    sentence, or six words or more (a row of links between stamps does not)."""
    return any(
        is_prose(text) or text.endswith((".", "!", "?")) or len(text.split()) >= 6
        for text in (line.text for line in lines[at + 1 : end])
    )


def _runs(stamps: list[int]) -> list[list[int]]:
    """The stamps cut into runs wherever two stand further apart than a comment is long."""
    runs: list[list[int]] = []
    for at in stamps:
        if runs and at - runs[-1][-1] <= MAX_GAP:
            runs[-1].append(at)
        else:
            runs.append([at])
    return runs


def _thread_like(lines: list[Line], run: list[int]) -> bool:
    """Whether a run of stamps reads as a thread: enough entries, most with a name by their stamp and
    something said, few with a headline."""
    if len(run) < MIN_ENTRIES:
        return False
    floors = [-1, *run[:-1]]
    ends = [*run[1:], min(len(lines), run[-1] + MAX_GAP)]
    named = sum(_named(lines, at, floor) for at, floor in zip(run, floors, strict=True))
    headed = sum(_headed(lines, at, floor) for at, floor in zip(run, floors, strict=True))
    said = sum(_has_body(lines, at, end) for at, end in zip(run, ends, strict=True))
    n = len(run)
    return named >= NAME_SHARE * n and headed * 3 < n and said * 2 >= n


def _thread_stamps(lines: list[Line]) -> list[int]:
    """The indices of the stamps of the page's longest thread-like run of one stamp shape."""
    candidates = [i for i, line in enumerate(lines) if _stamp_candidate(line.text)]
    if len(candidates) < MIN_ENTRIES:
        return []  # too few lines that could print a date to hold a thread: most pages stop here
    shapes: dict[str, list[int]] = {}
    for i in candidates:
        shapes.setdefault(_stamp_shape(lines[i].text), []).append(i)
    found: list[tuple[int, list[list[int]]]] = []
    for shaped in shapes.values():
        runs = [run for run in _runs(_stamps_of(lines, shaped)) if _thread_like(lines, run)]
        if runs:
            first = next(i for i in shaped if _candidate_stamp(lines[i].text))
            found.append((first, runs))
    # runs in the order of each shape's first stamp, so the longest run is picked as if every
    # candidate had been read as a stamp or not, in page order
    runs = [run for _, shape_runs in sorted(found) for run in shape_runs]
    return max(runs, key=len) if runs else []


def _stamps_of(lines: list[Line], shaped: list[int]) -> list[int]:
    """The stamps among candidates of one print shape that could make a thread: only those in a run
    of enough candidates close together are read (the dateline readers are the costly part), as a
    run of stamps lies inside a run of candidates."""
    return [
        i for run in _runs(shaped) if len(run) >= MIN_ENTRIES for i in run if _candidate_stamp(lines[i].text)
    ]


def _entry_start(lines: list[Line], at: int, floor: int) -> int:
    """Where the entry of the stamp at ``at`` begins: its name line, when one stands over it."""
    for near in range(at - 1, max(floor, at - 1 - NAME_REACH), -1):
        if _handle_like(lines[near].text):
            return near
    return at


def thread_start(lines: list[Line]) -> int | None:
    """The index of the first line of the page's comment thread, or None when it has none."""
    stamps = _thread_stamps(lines)
    if not stamps:
        return None
    start = _entry_start(lines, stamps[0], -1)
    prose = sum(1 for line in lines[:start] if is_prose(line.text))
    if prose >= MIN_ARTICLE_PROSE:
        return start
    return _entry_start(lines, stamps[1], stamps[0])  # no article above: the first entry is the post


INTRO_WORDS = 4
"""The longest line introducing a comment: a name of up to three words and the word after it."""
ENTRY_LINES = 1
"""Lines of prose an undated comment runs under its introducing line (buttons may follow): a story
quoting two people under such lines goes on between the quotes."""
MIN_INTRO_ENTRIES = 2
"""Introduced entries needed, by different names, for a run to read as a thread."""
MIN_PROSE_ABOVE = 2
"""Prose lines needed before such a run for the block above it to be the article."""


def _intro_word(text: str) -> str | None:
    """The word closing a short line that introduces what follows after a name ("Ann Lee says:",
    "Tom writes:"): a colon at its end, every word before the last capitalised. None for any other
    line."""
    stripped = text.strip()
    if not stripped.endswith(":"):
        return None
    tokens = stripped[:-1].split()
    if not 2 <= len(tokens) <= INTRO_WORDS or not all(t[:1].isupper() for t in tokens[:-1]):
        return None
    return tokens[-1].lower()


def _entries_only(lines: list[Line], run: list[int]) -> bool:
    """Every entry of the run says something right under its introducing line, and no prose between
    the first entry and the last stands outside an entry."""
    for at, end in zip(run, [*run[1:], run[-1] + ENTRY_LINES + 1], strict=True):
        if at + 1 >= len(lines) or not (is_prose(lines[at + 1].text) or lines[at + 1].text.endswith(".")):
            return False
        if any(is_prose(line.text) for line in lines[at + 1 + ENTRY_LINES : end]):
            return False
    return True


def introduced_thread_start(lines: list[Line]) -> int | None:
    """The index where an undated comment thread starts: two or more entries, each a paragraph under
    a line naming its author and closing on one same word with a colon ("Ann says:", "Tom says:"),
    the names differing, close together, nothing else of prose among them, after an article's prose.
    An interview prints each speaker's own name ("Ann Lee:"), not a shared word after it."""
    intros: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        word = _intro_word(line.text) if ":" in line.text else None  # most lines hold no colon
        if word is not None:
            intros.setdefault(word, []).append(i)
    starts = [
        run[0]
        for at in intros.values()
        if len(at) >= MIN_INTRO_ENTRIES
        for run in _runs(at)
        if len(run) >= MIN_INTRO_ENTRIES
        and len({lines[i].text.strip()[:-1].rsplit(None, 1)[0] for i in run}) >= MIN_INTRO_ENTRIES
        and _entries_only(lines, run)
        and sum(1 for line in lines[: run[0]] if is_prose(line.text)) >= MIN_PROSE_ABOVE
    ]
    return min(starts) if starts else None


def without_thread(lines: list[Line]) -> list[Line]:
    """The page's lines before its comment thread, dated or not (all of them when it has none)."""
    found = [k for k in (thread_start(lines), introduced_thread_start(lines)) if k is not None]
    return lines[: min(found)] if found else lines
