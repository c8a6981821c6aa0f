"""Single-article text dumps with furniture laid out in ways the corpus did not show: each test is a
small page written here, pinning one behaviour decided by the page's shape."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

FERRY = "Island ferry timetable for the summer season"

FERRY_STOPS = [
    f"Sailing {n}: {day} June from the north pier – calls at Eastholm and Wick"
    for n, day in enumerate(range(2, 28, 3), start=1)
]

MENU = ["Harbour Gazette", "News", "Sport", "Weather", "Opinion", "Travel"]


def _parse(body: str, fetched_at: datetime = FETCHED) -> list[Article]:
    page = Page(uri="pages/test.txt", body=body, fetched_at=fetched_at)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_a_list_with_no_prose_under_the_headline_dateline_and_a_photo_is_the_body() -> None:
    page = "\n\n".join(
        [
            f"{FERRY} | Harbour Gazette",
            *MENU,
            FERRY,
            "By Tilda Marsh",
            "Posted: 9:40am May 11, 2024",
            "Listen to this story",
            "Passengers board the early boat",
            "Photo: The north pier at dawn",
            *FERRY_STOPS,
            "Print this page",
            "Most read",
            "Lighthouse keeper retires after forty years",
            "Council approves new cycle lanes on the seafront",
            "© 2024 Harbour Gazette. All rights reserved.",
        ]
    )
    (article,) = _parse(page)
    assert article.title == FERRY
    assert article.body.split("\n\n") == FERRY_STOPS


def test_a_list_of_links_under_a_later_teaser_headline_is_no_body() -> None:
    story = [
        "The harbour board voted on Tuesday to extend the summer ferry service to the two outer islands "
        "for the first time since the pier was rebuilt.",
        "Residents of Eastholm had asked for a daily crossing for years, saying the weekly boat left them "
        "cut off from doctors and shops during the busiest months.",
        "The new service starts in June and will run until the end of September, the board said.",
    ]
    teasers = [
        "Man fined for parking on the lifeboat slipway",
        "Fishing fleet returns early as the storm builds",
        "School choir wins the regional contest again",
        "New cafe opens in the old harbour master's office",
    ]
    teaser = "Bakery on the quay closes after ninety years"
    page = "\n\n".join(
        [
            f"{FERRY} | Harbour Gazette",
            *MENU,
            FERRY,
            "Posted: 9:40am May 11, 2024",
            *story,
            teaser,
            "Print this page",
            "More stories",
            *teasers,
            teaser,
            "© 2024 Harbour Gazette. All rights reserved.",
        ]
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [FERRY]
    assert articles[0].body.split("\n\n") == story
