"""The cheap gates before the dateline readers keep their verdicts (they were rewritten to run faster):
each shape a dateline needs still passes, and lines with only a count, a word run into a number or a
relative word inside another word do not."""

from __future__ import annotations

import pytest

from newsflow.extraction.dates import could_be_dateline, dateline_shaped, looks_like_dateline
from newsflow.extraction.memo import uncached

GATE_CASES = [
    ("Posted 12/03/2024", True),  # a numeric date
    ("Rate rose 1.5 points", True),  # a number, a separator, a number: could be a date
    ("2024年3月5日", True),  # a CJK year
    ("Filed at 9:41", True),  # a clock
    ("Doors open 7 pm", True),  # a 12-hour clock
    ("Mara Quill · 5m", True),  # a compact span after a separator
    ("Room x5m wide", False),  # a number run into a word is no span
    ("Top 10 lists", False),  # a count, no date shape, no calendar word
    ("March 4", True),  # a month name beside a number
    ("Updated yesterday", True),  # a relative word, no number
    ("Yesterday's tide tables", True),  # the word before an apostrophe
    ("Harbour lanterns glow", False),  # "ha" inside a word is no relative word
    ("The haul was large", False),
    ("just now", True),
    ("Quiet streets", False),
]


@pytest.mark.parametrize(("line", "expected"), GATE_CASES)
def test_could_be_dateline_passes_every_dateline_shape_and_nothing_else(line: str, expected: bool) -> None:
    assert uncached(could_be_dateline)(line) is expected


@pytest.mark.parametrize(
    "line",
    [
        "Posted 12/03/2024 10:15",
        "Mara Quill · The Lantern Post · 8 Feb 2019",
        "Top 10 lists",
        "Harbour lanterns glow",
        "Updated 3 hours ago",
        "x" * 170 + " 12/03/2024",
    ],
)
def test_dateline_shaped_agrees_with_looks_like_dateline(line: str) -> None:
    assert dateline_shaped(line) is uncached(looks_like_dateline)(line)
