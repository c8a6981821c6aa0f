"""Single-story pages stay one article, and that article is the story.

Small pages written here in made-up words, so what is pinned is the layout: a story told in short
lines (a calendar) over a reader's short comment.
"""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/one.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


MENU = ["Home", "Regions", "Sport", "Weather", "Contact"]

CALENDAR_HEAD = "Quellmoor rowing league calendar for the new season"
CALENDAR = [
    "1st league race: 9 March – on the basin",
    "2nd league race: 23 March – at the reach",
    "3rd league race: 6 April – below the weir",
    "4th league race: 20 April – on the basin",
    "5th league race: 4 May – at the old lock",
    "6th league race: 18 May – at the reach",
    "7th league race: 1 June – to be announced",
    "8th league race: 15 June – below the weir",
    "9th league race: 29 June – on the lake",
    "10th league race: 13 July – on the basin",
    "11th league race: 27 July – to be announced",
    "12th league race: 10 August – at the old lock",
    "* the season calendar may change at the rowing league's request",
]


def _calendar_page() -> str:
    return _page(
        "Riverside Post",
        "\n".join(MENU),
        CALENDAR_HEAD,
        "4 February 2025, 10:20",
        *CALENDAR,
        "Share this",
        "Comments",
        "Oldest first",
        "oar.enthusiast",
        "Glad to see the lake round back on the list, we missed it last year and the crowds "
        "there are always the best, especially when the weather holds for the evening races.",
        "Load more replies",
        "Permalink",
        "Sitemap | Corrections | Cookie settings",
    )


def test_a_story_in_short_lines_outweighs_a_comment_under_it() -> None:
    """A story told in short lines (a calendar) under its headline and dateline, with a reader's
    one-paragraph comment below: the page's largest prose is the comment, but the story is the
    article, and the only one."""
    articles = _parse(_calendar_page())
    assert len(articles) == 1
    assert "5th league race: 4 May" in articles[0].body
    assert "missed it last year" not in articles[0].body
