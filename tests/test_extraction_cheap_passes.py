"""The worker's body passes do their costly work only where a page needs it: the words and names of
a story are gathered only when a short line near its end asks whether what follows is the story's.

Pages written here in made-up words.
"""

from __future__ import annotations

import pytest

from newsflow.extraction import parse
from newsflow.extraction.parse import _Body, _cut_foreign_tail

STORY = [
    "The lighthouse keepers of Varrow Point climbed the spiral stair for the last time on Sunday, "
    "handing the lamp over to a machine that the harbour board installed during the winter months.",
    "Ostrid Pelloway, who kept the light for twenty-two years, said the new lamp turns faster and "
    "shines further, though nobody will polish the brass rail that runs around the gallery any more.",
    "The keepers' cottage below the tower will become a small museum of charts, logbooks and the "
    "copper foghorn that once woke the whole village whenever the mist rolled in from the sound.",
    "Pelloway will stay on the point as the museum's warden, guiding visitors up the stair on summer "
    "afternoons and telling them about the storms that tested the tower across two centuries.",
]
HEADING = "About the writer"
BIO = (
    "Maren Quist covers gardening, baking and amateur theatre for several weekly papers, and she "
    "spends her free evenings rehearsing comedies with a troupe from a market town inland."
)
BIO_NAMING_THE_KEEPER = (
    "Maren Quist covers gardening, baking and amateur theatre for several weekly papers, and once "
    "spent an evening rehearsing a comedy with Pelloway and a troupe from a market town inland."
)


def _cut(paragraphs: list[str]) -> list[str]:
    body = _Body(paragraphs=list(paragraphs), numbers=list(range(len(paragraphs))))
    _cut_foreign_tail(body)
    return body.paragraphs


def test_a_bio_under_a_short_heading_at_the_end_of_a_story_is_cut() -> None:
    assert _cut([*STORY, HEADING, BIO]) == STORY


def test_a_closing_paragraph_naming_the_storys_people_stays() -> None:
    paragraphs = [*STORY, HEADING, BIO_NAMING_THE_KEEPER]
    assert _cut(paragraphs) == paragraphs


def test_a_story_with_no_short_line_near_its_end_never_gathers_its_words_or_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(text: str) -> frozenset[str]:
        raise AssertionError(f"gathered the words of {text[:30]!r}")

    monkeypatch.setattr(parse, "topic_words", refuse)
    monkeypatch.setattr(parse, "_capitals", refuse)
    assert _cut([*STORY, BIO]) == [*STORY, BIO]


def test_a_short_closing_line_with_no_paragraph_under_it_never_gathers_the_storys_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(text: str) -> frozenset[str]:
        raise AssertionError(f"gathered the names of {text[:30]!r}")

    monkeypatch.setattr(parse, "_capitals", refuse)
    assert _cut([*STORY, HEADING]) == [*STORY, HEADING]
