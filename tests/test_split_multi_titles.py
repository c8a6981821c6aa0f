"""The headline of each story on a multi-article page, chosen by the shape of the lines over its
body, on small pages written here (made-up names and places, so no phrase is pinned)."""

from __future__ import annotations

from newsflow.extraction.blocks import _groups
from newsflow.extraction.layout import _classify
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.extraction.segments import _segments
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from tests.pages import KILN, KILN_BODY
from tests.test_split_multi import GLIDER_BODY

KILN_HEAD = (KILN, "Mar. 3, 2021 2:05 p.m.")
WINCH = "Raffle money buys weekend flyers a new launching machine"
"""A headline none of whose words recur in the first paragraphs of its story."""


def _parse(*lines: str) -> list[Article]:
    page = Page(uri="pages/multi.txt", body="\n\n".join(lines))
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _two_stories(*second_head: str) -> list[Article]:
    """The kiln story, a stray button, then the glider story under ``second_head``."""
    return _parse(
        "The Blorp Herald", *KILN_HEAD, *KILN_BODY, "Quaxel snap", *second_head, *GLIDER_BODY, "Zindle Quax"
    )


def test_a_name_and_a_place_under_a_headline_is_its_byline_not_the_headline() -> None:
    for byline in ("Quenby Marlowe in Brindlemoor", "Quenby Marlowe at Brindlemoor Heights"):
        articles = _two_stories(WINCH, byline, "Mar. 4, 2021 9:40 a.m.")
        assert [a.title for a in articles] == [KILN, WINCH], byline


def _second_title(*second_head: str) -> str | None:
    """The headline chosen for the second story's body (the segments pass alone), under ``second_head``."""
    page = _classify(
        page_lines("\n\n".join(["The Blorp Herald", *KILN_HEAD, *KILN_BODY, *second_head, *GLIDER_BODY]))
    )
    return _segments(page, _groups(page))[1].title_text


def test_a_count_under_a_dateline_is_never_the_headline() -> None:
    for counter in ("12 members have commented", "1,204 members liked this", "⏱ 4 min read"):
        for byline in ((), ("Zorin Palt",)):
            head = (
                *byline,
                "Mar. 4, 2021 9:40 a.m.",
                counter,
                "Aa",
                "Share on Twitter",
                "Listen to this story",
            )
            assert _second_title(*head) != counter, (counter, byline)


SHARE_BAR = (
    "Quib",
    "Share on Twitter",
    "Zorple",
    "Vantra",
    "Share by email",
    "Klonk",
    "Share this article",
    "Comments: 31",
    "Listen to this story",
)
"""A long bar of buttons between a story's dateline and its body: its headline stands far over the body."""


def test_a_short_line_sharing_no_body_word_between_headline_and_dateline_is_a_credit() -> None:
    headline = "Tessaly club's new winch ends a year of borrowed tows at Marrow"
    for credit in ("Varnholt desk", "Wire copy", "Pooled reporting"):
        articles = _parse(
            "The Blorp Herald",
            *KILN_HEAD,
            *KILN_BODY,
            "Quaxel snap",
            headline,
            credit,
            "Mar. 4, 2021 9:40 a.m.",
            *SHARE_BAR,
            *GLIDER_BODY,
            "(Chart: Tessaly winch launches by month - here)",
            "Zindle Quax",
        )
        assert [a.title for a in articles] == [KILN, headline], credit
