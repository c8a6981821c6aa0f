"""The date of each story on a multi-article page, by where the page prints it: a day heading over
stamps that print only a clock, a dateline closing its story instead of opening it, a page header's
date that is no story's, and relative days in the languages of the calendar tables ("gisteren
22:40"). Small pages written here, with made-up places and people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from newsflow.extraction.dates import day_heading, looks_like_dateline, names_a_day, parse_dateline
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
"""A Monday afternoon."""

STORIES = [
    (
        "Harbour crane returns to service after a year of repairs",
        [
            "The old harbour crane at Quillmouth lifted its first container on Monday, twelve months after a "
            "storm bent its main arm and left the dock without heavy lifting.",
            "Dock manager Petra Ansell said the repair crew had replaced the arm with steel rolled at the "
            "Fennick works, and that the crane passed its load test at the first attempt.",
            "Shipping agents in Quillmouth had sent heavy cargo to the port of Dorran while the crane stood "
            "idle, which added two days to most deliveries.",
        ],
    ),
    (
        "Village school in Marrowdale wins grant for a new library",
        [
            "Pupils at Marrowdale primary school will get a library of their own next spring, after the "
            "school won a grant from the county's reading fund.",
            "Headteacher Olwen Tracy said the money would turn a storeroom into a reading room with shelves "
            "for two thousand books and a corner for story time.",
            "Parents in Marrowdale have already offered to paint the room, and the village bookshop promised "
            "a discount on the first order of books.",
        ],
    ),
    (
        "Night bus to the airport will run every half hour from January",
        [
            "The night bus between the city centre and Elbridge airport will run every thirty minutes from "
            "January, the transport board said on Thursday.",
            "Board member Casimir Hald said night workers at the airport had asked for more buses for years, "
            "and that the new timetable follows a survey of three thousand riders.",
            "The extra buses will cost the board about four hundred thousand a year, which it plans to pay "
            "for by raising the price of a day ticket slightly.",
        ],
    ),
    (
        "Volunteers count a record number of swans on the Lenn estuary",
        [
            "Volunteers counted more than nine hundred swans on the Lenn estuary at the weekend, the largest "
            "number since the yearly count began in the nineteen-eighties.",
            "Count organiser Hettie Brandwood said mild weather and clean water had drawn birds from further "
            "north, where the lakes froze early this year.",
            "The count takes two days, and the volunteers walk the estuary's banks in teams of four with "
            "notebooks, binoculars and flasks of tea.",
        ],
    ),
]
HEADER = ["Quillmouth Courier", "News  Sport  Business  Opinion  Weather", "Subscribe"]
FOOTER = ["About us  Contact  Privacy", "© 2026 Quillmouth Courier"]
TITLES = [title for title, _body in STORIES]

Story = Callable[[int, str, list[str]], list[str]]


def _page(story: Story, header: list[str] = HEADER) -> list[Article]:
    """The page of the four stories, each printed by ``story`` (its index, headline and paragraphs)."""
    lines = [*header]
    for i, (title, body) in enumerate(STORIES):
        lines += story(i, title, body)
    lines += FOOTER
    page = Page(uri="pages/multidates.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _minutes(articles: list[Article]) -> list[str | None]:
    return [a.published_at[:16] if a.published_at else None for a in articles]


CLOCKS = ["14:05", "11:48", "09:20", "07:15"]
DATELINES = [
    "30 November 2026, 14:05",
    "30 November 2026, 11:48",
    "29 November 2026, 09:20",
    "28 Nov 2026, 07:15",
]
WANTED = ["2026-11-30T14:05", "2026-11-30T11:48", "2026-11-29T09:20", "2026-11-29T07:15"]


@pytest.mark.parametrize(
    "days",
    [
        ["Today", "Yesterday"],
        ["Heute", "Gestern"],
        ["30.11.2026", "29.11.2026"],
        ["Montag, 30. November", "Sonntag, 29. November"],
    ],
)
def test_stamps_printing_only_a_clock_take_the_day_heading_over_them(days: list[str]) -> None:
    def story(i: int, title: str, body: list[str]) -> list[str]:
        heading = {0: [days[0]], 2: [days[1]]}.get(i, [])
        return [*heading, title, CLOCKS[i], *body]

    articles = _page(story)
    assert [a.title for a in articles] == TITLES
    assert _minutes(articles) == WANTED


def test_a_day_heading_is_written_in_before_the_clock_of_a_stamp_with_a_byline() -> None:
    names = ["Ann Vell", "Bo Carrow", "Ann Vell", "Cy Dunmore"]

    def story(i: int, title: str, body: list[str]) -> list[str]:
        heading = {0: ["Monday 30 November"], 2: ["Sunday 29 November"]}.get(i, [])
        return [*heading, title, f"By {names[i]} · {CLOCKS[i]}", *body]

    assert _minutes(_page(story)) == WANTED


@pytest.mark.parametrize(
    ("today", "yesterday"),
    [
        ("Vandaag", "gisteren"),
        ("Dzisiaj", "wczoraj"),
        ("Idag", "igår"),
        ("I dag", "i går"),
        ("Hoje", "ontem"),
        ("Aujourd'hui", "hier"),
    ],
)
def test_relative_days_read_in_the_languages_of_the_calendar_tables(today: str, yesterday: str) -> None:
    stamps = [f"{today} 14:05", f"{today}, 11:48", f"{yesterday} 09:20", f"{yesterday.capitalize()}, 07:15"]

    def story(i: int, title: str, body: list[str]) -> list[str]:
        return [title, stamps[i], *body]

    assert _minutes(_page(story)) == WANTED


def test_a_dateline_closing_each_story_dates_the_story_over_it_not_the_next() -> None:
    stamps = DATELINES

    def story(i: int, title: str, body: list[str]) -> list[str]:
        return [title, *body, f"Filed {stamps[i]}"]

    articles = _page(story)
    assert [a.title for a in articles] == TITLES
    assert _minutes(articles) == [*WANTED[:3], "2026-11-28T07:15"]


def test_a_dateline_over_each_headline_still_dates_the_story_under_it() -> None:
    stamps = DATELINES

    def story(i: int, title: str, body: list[str]) -> list[str]:
        return [stamps[i], title, *body]

    assert _minutes(_page(story)) == [*WANTED[:3], "2026-11-28T07:15"]


def test_the_page_headers_date_over_unstamped_briefs_is_no_story_date() -> None:
    def story(_i: int, title: str, body: list[str]) -> list[str]:
        return [title, *body]

    articles = _page(story, [*HEADER, "Monday, 30 November 2026"])
    assert [a.title for a in articles] == TITLES
    assert _minutes(articles) == [None] * 4


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("piątek 21:10", "2026-11-27T21:10"),
        ("Friday 21:10", "2026-11-27T21:10"),
        ("fredag 08:30", "2026-11-27T08:30"),
        ("Monday 09:00", "2026-11-30T09:00"),
    ],
)
def test_a_weekday_with_a_clock_is_the_last_such_day_up_to_the_fetch(line: str, wanted: str) -> None:
    read = parse_dateline(line, FETCHED)
    assert read is not None
    assert read.published is not None
    assert read.published[:16] == wanted


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("3 godziny temu", "2026-11-30T13:00"),
        ("för 2 timmar sedan", "2026-11-30T14:00"),
        ("Gisteren 22:40", "2026-11-29T22:40"),
        ("przedwczoraj 10:15", "2026-11-28T10:15"),
        ("Avant-hier 10:15", "2026-11-28T10:15"),
    ],
)
def test_relative_times_in_more_languages(line: str, wanted: str) -> None:
    assert looks_like_dateline(line)
    read = parse_dateline(line, FETCHED)
    assert read is not None
    assert read.published is not None
    assert read.published[:16] == wanted


def test_a_day_word_alone_is_a_day_heading_but_an_ambiguous_one_is_no_dateline() -> None:
    assert names_a_day("Gestern")
    assert names_a_day("29.11.2026")
    assert not names_a_day("29.11.2026 14:05")
    assert not names_a_day("3 hours ago")
    assert looks_like_dateline("Gestern")
    assert not looks_like_dateline("Hier")  # the German and Dutch "here" as much as the French "yesterday"
    assert not looks_like_dateline("Today")


def test_stamps_closing_each_story_under_day_headings_date_the_story_over_them() -> None:
    def story(i: int, title: str, body: list[str]) -> list[str]:
        heading = {0: ["Monday 30 November"], 2: ["Sunday 29 November"]}.get(i, [])
        return [*heading, title, *body, CLOCKS[i]]

    articles = _page(story)
    assert [a.title for a in articles] == TITLES
    assert _minutes(articles) == WANTED


def test_a_day_heading_is_never_a_stories_headline() -> None:
    def story(i: int, title: str, body: list[str]) -> list[str]:
        heading = {0: ["Monday 30 November"], 2: ["Sunday 29 November"]}.get(i, [])
        return [*heading, title, CLOCKS[i], body[0]]

    titles = [a.title for a in _page(story)]
    assert "Monday 30 November" not in titles
    assert "Sunday 29 November" not in titles


def test_a_feed_under_a_heading_at_the_top_of_the_page_is_still_a_feed() -> None:
    def story(i: int, title: str, body: list[str]) -> list[str]:
        return [title, f"{CLOCKS[i]} GMT", *body]

    articles = _page(story, ["Quillmouth Courier", "Latest news"])
    assert [a.title for a in articles] == TITLES


def test_a_day_heading_is_calendar_words_alone_not_a_line_that_mentions_a_day() -> None:
    for line in ("Monday 30 November", "Sonntag, 29. November", "30.11.2026", "niedziela, 29 listopada"):
        assert day_heading(line), line
    for line in (
        "Prices checked on 2.11.2026 / links earn us a fee",
        "Filed 29 Nov 2026",
        "Monday 30 November 14:05",
    ):
        assert not day_heading(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Zmieniono 30.11.2026 08:00 | Dodano 29.11.2026 20:31",
        "Ändrad 30 nov 08.00 | Skriven 29 nov 20.31",
        "Updated 30 Nov 2026 08:00 | Published 29 Nov 2026 20:31",
    ],
)
def test_two_timed_fields_read_the_earlier_as_published_whatever_their_labels(line: str) -> None:
    read = parse_dateline(line, FETCHED)
    assert read is not None
    assert (read.published, read.updated) == ("2026-11-29T20:31", "2026-11-30T08:00")


def test_a_clock_before_its_date_joined_by_a_small_word() -> None:
    read = parse_dateline("Ritoccato alle 20:31 del 29 novembre 2026", FETCHED)
    assert read is not None
    assert read.published == "2026-11-29T20:31"
