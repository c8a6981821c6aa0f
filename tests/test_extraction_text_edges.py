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


STORM = "Storm closes the coast road for a second night"

STORM_BODY = [
    "The coast road between Wick and the north pier stayed shut on Wednesday night after waves threw "
    "rocks and seaweed across both lanes for a second evening in a row.",
    "Road crews worked until dark to clear the worst of the debris, but the council said the surface "
    "had cracked in two places and would need checking before traffic could return.",
    "Bus services are running on the inland route, which adds about twenty minutes to the journey — "
    "and the council has asked drivers to avoid it at school times.",
    "Forecasters expect the wind to ease by Friday, when engineers hope to inspect the sea wall from a "
    "boat at low tide.",
]


def test_photo_captions_with_a_credit_after_a_separator_are_not_body() -> None:
    captions = [
        "Waves break over the sea wall at high tide | Tilda Marsh",
        "A road crew clears rocks from the northbound lane © Harbour Photo Agency",
        "Seaweed covers the bus stop at the north pier (File)",
    ]
    page = "\n\n".join(
        [
            f"{STORM} | Harbour Gazette",
            *MENU,
            STORM,
            "Posted: 9:40am May 11, 2024",
            captions[0],
            STORM_BODY[0],
            STORM_BODY[1],
            captions[1],
            STORM_BODY[2],
            captions[2],
            STORM_BODY[3],
            "© 2024 Harbour Gazette. All rights reserved.",
        ]
    )
    (article,) = _parse(page)
    assert article.title == STORM
    assert article.body.split("\n\n") == STORM_BODY


def test_a_body_line_with_a_dash_clause_or_a_quoted_post_stays_in_the_body() -> None:
    lines = [
        *STORM_BODY[:2],
        "Residents said the road should have been raised years ago — and the mayor agreed",
        "— Harbour Watch (@harbourwatch) May 11, 2024",
        *STORM_BODY[2:],
    ]
    page = "\n\n".join([f"{STORM} | Harbour Gazette", *MENU, STORM, "Posted: 9:40am May 11, 2024", *lines])
    (article,) = _parse(page)
    assert article.body.split("\n\n") == lines


def test_bare_clock_lines_stamping_live_updates_are_not_body() -> None:
    updates = [
        "Crews have reopened the northbound lane of the coast road after clearing the last of the rocks.",
        "The council says the southbound lane will stay shut until engineers have checked the sea wall.",
        "Buses are back on the coast route, although the first services are running about ten minutes late.",
    ]
    page = "\n\n".join(
        [
            f"{STORM} | Harbour Gazette",
            *MENU,
            STORM,
            "Posted: 9:40am May 11, 2024",
            *STORM_BODY[:2],
            "10:42 AM",
            updates[0],
            "11:05 AM",
            updates[1],
            "11.58",
            updates[2],
        ]
    )
    (article,) = _parse(page)
    assert article.body.split("\n\n") == [*STORM_BODY[:2], *updates]


LINE_UP = [
    "Ann Holm (Eastholm Rowing Club): first crossing",
    "Bo Strand (Wick Sea Scouts): third crossing",
    "Cy Lund (North Pier Swimmers): second crossing",
    "Dag Ek (Harbour Kayak Club): first crossing",
    "Eva Berg (Island Rowers): fifth crossing",
    "Finn Dahl (Wick Sea Scouts): fourth crossing",
]

RACE = "Rowers set off on the island crossing"

RACE_BODY = [
    "Six crews set off from the north pier at dawn on Saturday for the annual crossing to Eastholm, "
    "a race that the harbour board revived last year after a decade without it.",
    "Calm water and a light westerly wind gave the rowers good conditions for the first hour, "
    "although the tide turned earlier than the organisers had expected.",
    "The crews taking part this year are listed below with the number of times each has made the crossing.",
]


def _race_page(*tail: str) -> str:
    return "\n\n".join(
        [f"{RACE} | Harbour Gazette", *MENU, RACE, "Posted: 9:40am May 11, 2024", *RACE_BODY, *tail]
    )


def test_a_line_up_of_items_marked_alike_after_the_last_paragraph_stays_in_the_body() -> None:
    page = _race_page(
        "The crews",
        *LINE_UP[:2],
        "ADVERTISEMENT",
        *LINE_UP[2:],
        "More stories",
        "Lighthouse keeper retires after forty years",
        "Council approves new cycle lanes on the seafront",
    )
    (article,) = _parse(page)
    assert article.body.split("\n\n") == [*RACE_BODY, "The crews", *LINE_UP]


def test_what_follows_a_line_up_closing_the_story_is_not_body() -> None:
    furniture = [
        "Back to the list",
        "You may also like",
        "Sailing club elects its first woman commodore",
        "Harbour wall repairs to start in autumn",
    ]
    page = _race_page(*LINE_UP, *furniture)
    (article,) = _parse(page)
    assert article.body.split("\n\n") == [*RACE_BODY, *LINE_UP]


def test_photo_credits_with_one_label_over_and_over_are_no_line_up() -> None:
    credits = [line for n in range(1, 6) for line in (f"Photo: Harbour Archive/Reel {n}", f"Gallery {n}")]
    page = _race_page(*credits)
    (article,) = _parse(page)
    assert article.body.split("\n\n") == RACE_BODY


def test_a_headline_with_a_section_after_a_bar_printed_once_after_its_story_keeps_its_section() -> None:
    headline = "The Gazette view on the coast road: raise it before the next storm | Editorial"
    page = "\n\n".join(
        [
            *RACE_BODY[:2],
            "Lighthouse keeper retires after forty years",
            *STORM_BODY,
            "Email Facebook Twitter Print",
            headline,
            "Related Topics",
            "Council approves new cycle lanes on the seafront",
            "Sailing club elects its first woman commodore",
        ]
    )
    titles = [a.title for a in _parse(page)]
    assert headline in titles
