"""Boxes and prompts that close a story on real pages (an author's box, a sign-up line), kept out of
the body by their shape: small pages written here, in words no list holds."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import _Body, _cut_tail, parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from tests.pages import FERRY, FERRY_BODY

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

HEADLINE, BODY = FERRY, FERRY_BODY
BIO = (
    "Brenna Tolvik writes about the ferry, the harbour town and the outer islands, where the shipping "
    "company and the shopkeepers have told her about every crossing since the old ferry was launched"
)


def _parse(lines: list[str]) -> list[Article]:
    page = Page(uri="pages/test.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _body(lines: list[str]) -> list[str]:
    (article,) = _parse(lines)
    return article.body.split("\n\n")


def test_an_author_box_with_a_name_line_and_a_bio_opening_with_that_name_ends_the_body() -> None:
    box = ["Zum Verfasser", "Brenna Tolvik", BIO, "Posted 2024-06-01"]
    page = [HEADLINE, "2024-06-01 08:30", *BODY, *box]
    assert _body(page) == BODY


def test_an_author_box_whose_heading_sits_under_the_name_ends_the_body_too() -> None:
    box = ["Brenna Tolvik", "Sur l'autrice", BIO]
    page = [HEADLINE, "2024-06-01 08:30", *BODY, *box]
    assert _body(page) == BODY


def test_a_subhead_repeated_by_the_paragraph_under_it_stays_in_the_body() -> None:
    section = [
        "Winter Timetable",
        "Winter Timetable sailings will start again in November, with two crossings a day.",
    ]
    page = [HEADLINE, "2024-06-01 08:30", *BODY[:3], "Photo", *section, BODY[3]]
    assert _body(page) == [*BODY[:3], "Photo", *section, BODY[3]]


def test_two_portraits_under_name_lines_are_the_story_s_own() -> None:
    first = "Arno Pell runs the kiosk on the pier and has sold tickets for the ferry for twenty years now."
    second = "Mira Quist drives the island bus that waits for every ferry at the small harbour on the hill."
    portraits = ["The crew", "Arno Pell", first, "On shore", "Mira Quist", second]
    page = [HEADLINE, "2024-06-01 08:30", *BODY, *portraits]
    assert _body(page) == [*BODY, *portraits]


POST = [
    "Walked down to the pier at dawn today, and the first ferry after the winter came round the point.",
    "It hooted twice, as it always did, and the gulls on the harbour wall took off all at once.",
]
NOTICE = (
    "The harbour diary keeps small files in your browser to count the visits to its pier and ferry "
    "pages at dawn, and by reading on you agree that the diary may keep them there for a year."
)


def test_a_short_post_ends_at_a_long_run_of_furniture_even_with_a_notice_heavier_than_it_below() -> None:
    furniture = ["Pass it on:", "Chirp", "Facebook", "Like this:", "Like Loading...", "Related", "Tags ferry"]
    furniture += ["Filed under diary", "Comments are closed.", "Back to top"]
    lines = [POST[0], *furniture, NOTICE]
    body = _Body(paragraphs=list(lines), numbers=list(range(len(lines))))
    _cut_tail(body)
    assert body.paragraphs == [POST[0]]


def test_a_gallery_whose_items_repeat_their_furniture_keeps_its_last_item() -> None:
    items = [
        "The blue kettle my grandmother left me still sits on the stove and boils water every morning.",
        "Three ferns hang by the window where the morning sun falls on the old wooden table.",
    ]
    pins = ["0", "12", "Save"]
    tail = [
        "Where we live",
        "Tovi",
        "How much room?",
        "54 sqm",
        "Favourite corner",
        "By the window.",
        "3",
        "7",
    ]
    closing = "The old armchair from the flea market is where every evening ends in this flat, with tea."
    page = [
        "A small flat by the harbour",
        "2024-06-01 08:30",
        items[0],
        *pins,
        items[1],
        *pins,
        *tail,
        "Save",
    ]
    page += [closing, "0", "4", "Save"]
    body = _body(page)
    assert closing in body
