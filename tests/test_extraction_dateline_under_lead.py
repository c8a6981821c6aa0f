"""A dateline printed under a story's one-line lead, inside the body's lines.

Small documents written here in made-up words, so what is pinned is the layout the parser is given:
an opening line, the story's dateline, then the paragraphs. The dateline is no line of the story's
text and goes; one further down the story (under two paragraphs or more) is left to the text.
"""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import ContentType, Document, SplitHints
from newsflow.shared.limits import Limits

LEAD = "The island ferry sails again from Monday, but the storms left the ferry pier at Tillow damaged."
DATELINE = "14.03.2023 09:15"
PARAGRAPHS = [
    "After eleven weeks without a crossing, the ferry to Tillow Island will leave the mainland harbour "
    "at seven on Monday morning, the harbour authority said on Tuesday evening.",
    "Divers inspected the ferry pier at Tillow last week and found two of its wooden piles cracked, so "
    "the ferry will moor at the old fishing jetty until the repairs are finished in May.",
    "Islanders welcomed the news. Shop owners on Tillow had relied on a small supply boat since January, "
    "and the island school had moved its lessons online for most of the winter.",
]


def _body(*lines: str) -> str:
    text = "\n\n".join(lines)
    doc = Document(
        page_id="p",
        uri="pages/ferry.txt",
        segment=0,
        segment_count=1,
        content_type=ContentType.TEXT,
        text=text,
        hints=SplitHints(title="Ferry to Tillow Island returns after the winter storms"),
        fetched_at="2023-03-15T00:00:00Z",
    )
    return parse_document(doc, Limits()).body


def test_a_dateline_under_the_storys_one_line_lead_is_no_line_of_its_text() -> None:
    text = _body(LEAD, DATELINE, *PARAGRAPHS)
    assert text.startswith(LEAD)
    assert DATELINE not in text
    assert all(p in text for p in PARAGRAPHS)


def test_a_date_further_down_the_story_stays_in_its_text() -> None:
    text = _body(LEAD, *PARAGRAPHS[:2], DATELINE, PARAGRAPHS[2])
    assert DATELINE in text


def test_a_bracketed_date_under_the_lead_is_an_aside_of_the_story_and_stays() -> None:
    aside = "(Published Monday, March 13, 2023)"
    text = _body(LEAD, aside, *PARAGRAPHS)
    assert aside in text
