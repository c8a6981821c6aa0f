"""How many stories a multi-article page holds, read by the shape of their starts.

Each page here is hand-written with made-up places and people. A run of short stories, each a
headline with its own dateline right under or over it and one short paragraph, is one article per
story: the dateline must not hide the run from the briefs pass, nor make it look like a feed of
longer stories. A story's sub-headings under one dateline stay one story.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def _parse(*lines: str) -> list[Article]:
    page = Page(uri="pages/count.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


LANTERNS = "Lantern parade returns to the old quay"
LANTERNS_BODY = (
    "The lantern parade will wind along the old quay again this winter after a two-year pause, "
    "organisers in Quaymouth confirmed on Saturday evening."
)
BAKERY = "Bakery on Tanner Row closes after forty years"
BAKERY_BODY = (
    "The bakery on Tanner Row has closed its doors after forty years, with owner Edda Vilk saying "
    "rising flour and energy costs made the shop too hard to run."
)
BRIDGE = "Footbridge over the Wend to be rebuilt next spring"
BRIDGE_BODY = (
    "The council will rebuild the footbridge over the Wend next spring, replacing the timber deck "
    "that flooding damaged last year, engineer Ross Alder said."
)
MASTHEAD = ("Millbrook Gazette", "News", "Sport", "What's On", "Local news")
FOOTER = ("Contact us", "Privacy")


def _titles(articles: list[Article]) -> list[str]:
    return [a.title or "" for a in articles]


def test_dated_one_paragraph_stories_are_one_article_each() -> None:
    articles = _parse(
        *MASTHEAD,
        LANTERNS,
        "8 November 2026",
        LANTERNS_BODY,
        BAKERY,
        "7 November 2026",
        BAKERY_BODY,
        BRIDGE,
        "6 November 2026",
        BRIDGE_BODY,
        *FOOTER,
    )
    assert _titles(articles) == [LANTERNS, BAKERY, BRIDGE]
    assert [(a.published_at or "")[:10] for a in articles] == ["2026-11-08", "2026-11-07", "2026-11-06"]
    assert all(len(a.body.split("\n\n")) == 1 for a in articles)


def test_dateline_with_a_byline_under_each_short_story_keeps_them_apart() -> None:
    articles = _parse(
        *MASTHEAD,
        LANTERNS,
        "Posted on 8 November 2026 by Newsdesk",
        LANTERNS_BODY,
        BAKERY,
        "Posted on 7 November 2026 by Newsdesk",
        BAKERY_BODY,
        BRIDGE,
        "Posted on 6 November 2026 by Newsdesk",
        BRIDGE_BODY,
        *FOOTER,
    )
    assert _titles(articles) == [LANTERNS, BAKERY, BRIDGE]


def test_dateline_over_each_short_stories_headline_keeps_them_apart() -> None:
    articles = _parse(
        *MASTHEAD,
        "8 November 2026",
        LANTERNS,
        LANTERNS_BODY,
        "7 November 2026",
        BAKERY,
        BAKERY_BODY,
        "6 November 2026",
        BRIDGE,
        BRIDGE_BODY,
        *FOOTER,
    )
    assert _titles(articles) == [LANTERNS, BAKERY, BRIDGE]
    assert [(a.published_at or "")[:10] for a in articles] == ["2026-11-08", "2026-11-07", "2026-11-06"]


def test_one_dated_story_with_short_sections_stays_one_article() -> None:
    articles = _parse(
        *MASTHEAD,
        "Quaymouth harbour wall to be rebuilt after winter storms",
        "8 November 2026",
        "The harbour wall at Quaymouth will be rebuilt next year after winter storms cracked the "
        "old stones, the harbour board said on Saturday.",
        "Harbour wall repairs",
        "Engineers told the Quaymouth harbour board that the harbour wall repairs will take most of "
        "the summer and close the quay to boats.",
        "Harbour wall costs",
        "The Quaymouth harbour board expects the harbour wall to cost more than the last repairs, and "
        "will ask the council to share the bill.",
        "Harbour wall timetable",
        "Work on the Quaymouth harbour wall starts in March, and the board hopes the harbour reopens "
        "to boats before the autumn.",
        *FOOTER,
    )
    assert len(articles) == 1


def test_byline_then_dateline_under_each_short_story_keeps_them_apart() -> None:
    articles = _parse(
        *MASTHEAD,
        LANTERNS,
        "By Ada Quill",
        "8 November 2026",
        LANTERNS_BODY,
        BAKERY,
        "By Ben Rook",
        "7 November 2026",
        BAKERY_BODY,
        BRIDGE,
        "By Cleo Marsh",
        "6 November 2026",
        BRIDGE_BODY,
        *FOOTER,
    )
    assert _titles(articles) == [LANTERNS, BAKERY, BRIDGE]
    assert [(a.published_at or "")[:10] for a in articles] == ["2026-11-08", "2026-11-07", "2026-11-06"]


def test_a_dateline_under_the_first_headline_only_is_one_story_over_its_sections() -> None:
    articles = _parse(
        *MASTHEAD,
        LANTERNS,
        "8 November 2026",
        LANTERNS_BODY,
        "Willow frames from the primary school",
        "Children from the Quaymouth primary school will carry willow frames, and the paper for the "
        "frames was given by a printer on the harbour road.",
        "Soup and a brass band by the lighthouse",
        "Stalls beside the old lighthouse will sell soup and cake once the walkers reach the end, and a "
        "brass band from Fenwick will play until nine.",
        *FOOTER,
    )
    assert len(articles) == 1
