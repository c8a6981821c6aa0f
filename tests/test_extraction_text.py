"""Text pages (innerText dumps): splitting into articles and parsing each, on small pages written here."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import parse_document
from newsflow.extraction.text import split_text
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

CRANES = "Harbour cranes return to work after a week-long strike"
LIBRARY = "Village library reopens with a new reading garden"

CRANES_BODY = [
    "Dock workers at the northern port went back to their cranes on Monday morning, ending a strike "
    "that had left dozens of container ships waiting at anchor outside the harbour.",
    "The union said its members had accepted a pay offer of four percent this year and three percent "
    "next year, along with new rules on rest breaks during night shifts.",
    '"We did not want to stop the port, but we needed to be heard," said Maria Olsen, who has driven '
    "a gantry crane for eleven years.",
    "Shipping lines expect the backlog of vessels to clear by the end of the week, although some "
    "importers warned that shelves could stay thin for longer.",
]
LIBRARY_BODY = [
    "The village library closed for repairs last spring reopened its doors on Saturday with a reading "
    "garden built by volunteers behind the old stone building.",
    "Children's books have moved to a bright room on the ground floor, and the reading garden has "
    "benches, a small pond and shelves of books protected from the rain.",
    "The librarian said more than two hundred people came on the first day, many of them families "
    "who had never visited the library before.",
]

MULTI = "\n\n".join(
    [
        "Skip to Content",
        "Menu Search Subscribe",
        "World",
        "World",
        "World",
        CRANES,
        "Published: March 3, 2021 14:05",
        "By Ann Lee and Bo Chen",
        CRANES_BODY[0],
        CRANES_BODY[1],
        "Photo: Cranes at the northern port on Monday",
        CRANES_BODY[2],
        CRANES_BODY[3],
        "Share this article",
        f"Photo: {CRANES}",
        CRANES,
        *LIBRARY_BODY,
        f"Photo: {LIBRARY}",
        LIBRARY,
        "Recommended Articles",
        "Markets slip as investors wait for the central bank decision",
        "Storm warning issued for the coast this weekend",
        "Local team wins the cup after a penalty shoot-out",
        "Terms of Use | Privacy Policy | Contact Us",
    ]
)


def _parse(body: str, fetched_at: datetime = FETCHED) -> list[Article]:
    page = Page(uri="pages/test.txt", body=body, fetched_at=fetched_at)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _line_of(body: str, text: str) -> int:
    return body.splitlines().index(text) + 1


def test_two_articles_are_split_and_the_recommended_list_is_not_an_article() -> None:
    articles = _parse(MULTI)
    assert [a.title for a in articles] == [CRANES, LIBRARY]
    assert [a.segment for a in articles] == [0, 1]
    assert all(a.segment_count == 2 for a in articles)


def test_headline_before_body_gives_title_dateline_category_and_byline() -> None:
    first = _parse(MULTI)[0]
    assert first.title == CRANES
    assert first.published_at == "2021-03-03T14:05"
    assert first.category == "World"
    assert first.authors == ["Ann Lee", "Bo Chen"]


def test_body_paragraphs_are_exact_without_chrome_or_repeated_headline() -> None:
    first, second = _parse(MULTI)
    assert first.body.split("\n\n") == CRANES_BODY
    assert second.body.split("\n\n") == LIBRARY_BODY


def test_article_with_headline_only_in_captions_after_it_takes_that_headline() -> None:
    second = _parse(MULTI)[1]
    assert second.title == LIBRARY
    assert second.published_at is None


def test_captions_are_kept_apart_from_the_body() -> None:
    first = _parse(MULTI)[0]
    assert "Cranes at the northern port on Monday" in first.captions
    assert "Cranes at the northern port" not in first.body
    assert "Photo:" not in first.body


def test_provenance_points_at_page_lines() -> None:
    first = _parse(MULTI)[0]
    assert first.provenance["title"].start_line == _line_of(MULTI, CRANES)
    date_line = _line_of(MULTI, "Published: March 3, 2021 14:05")
    assert first.provenance["published_at"].start_line == date_line
    assert first.provenance["body"].start_line == _line_of(MULTI, CRANES_BODY[0])
    assert first.provenance["body"].end_line == _line_of(MULTI, CRANES_BODY[3])
    assert first.provenance["authors"].start_line == _line_of(MULTI, "By Ann Lee and Bo Chen")
    assert MULTI.splitlines()[first.provenance["category"].start_line - 1] == "World"


def test_relative_dateline_resolves_against_fetch_time() -> None:
    body = MULTI.replace("Published: March 3, 2021 14:05", "3 hours ago")
    first = _parse(body, fetched_at=FETCHED)[0]
    assert first.published_at == "2025-03-01T09:00+00:00"


def test_dateline_timezone_is_kept() -> None:
    body = MULTI.replace("Published: March 3, 2021 14:05", "Updated Jan 5, 2024, 3:12 PM EST")
    first = _parse(body)[0]
    assert first.published_at == "2024-01-05T15:12-05:00"
    assert first.updated_at == "2024-01-05T15:12-05:00"


def test_single_article_page_drops_navigation_cookie_banner_and_footer() -> None:
    body = "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "Business",
            "Culture",
            "Weather",
            "",
            "We use cookies to improve your experience. Accept all",
            "",
            CRANES,
            "",
            *[p + "\n" for p in CRANES_BODY],
            "Advertisement",
            "",
            "Most Read",
            "Storm warning issued for the coast this weekend",
            "Local team wins the cup after a penalty shoot-out",
            "© 2025 Example News. All rights reserved.",
        ]
    )
    (article,) = _parse(body)
    assert article.body.split("\n\n") == CRANES_BODY


def test_short_lines_between_paragraphs_stay_in_the_body() -> None:
    body_lines = [CRANES_BODY[0], "What happens next", CRANES_BODY[1], "[ Reuters ]", CRANES_BODY[2]]
    page = "\n\n".join([CRANES, "2024-06-01 08:30", *body_lines, f"Photo: {CRANES}", CRANES])
    (article,) = _parse(page)
    assert article.body.split("\n\n") == body_lines


def test_list_of_headlines_alone_gives_no_article_segment() -> None:
    page = "\n\n".join(
        [
            "Recommended Articles",
            "Markets slip as investors wait for the central bank decision",
            "Storm warning issued for the coast this weekend",
            "Local team wins the cup after a penalty shoot-out",
        ]
    )
    _lines, segments = split_text(page)
    assert segments == []


def test_inline_related_links_and_shouting_link_lines_are_not_body() -> None:
    body_lines = [
        CRANES_BODY[0],
        "Related: Port strike enters its second week as talks stall",
        CRANES_BODY[1],
        "PORT WORKERS ACROSS EUROPE WATCH THE STRIKE CLOSELY AS TALKS RESUME",
        CRANES_BODY[2],
        "Like this story? Share it with a friend!",
    ]
    page = "\n\n".join([CRANES, "2024-06-01 08:30", *body_lines, f"Photo: {CRANES}", CRANES])
    (article,) = _parse(page)
    assert article.body.split("\n\n") == CRANES_BODY[:3]


def test_headline_printed_once_after_the_body_closes_the_article() -> None:
    page = "\n\n".join(
        [
            CRANES,
            "World",
            CRANES,
            "2024-06-01 08:30",
            *CRANES_BODY,
            f"Photo: {CRANES}",
            *LIBRARY_BODY,
            LIBRARY,
            "Related Stories",
            "Markets slip as investors wait for the central bank decision",
        ]
    )
    cranes, library = _parse(page)
    assert cranes.title == CRANES
    assert library.title == LIBRARY
    assert library.body.split("\n\n") == LIBRARY_BODY


def test_caption_ending_with_an_image_credit_is_kept_apart() -> None:
    caption = (
        "Cranes stand idle at the northern port during the strike last week. (Image credit: Port Authority)"
    )
    page = "\n\n".join(
        [CRANES, "2024-06-01 08:30", CRANES_BODY[0], caption, *CRANES_BODY[1:], f"Photo: {CRANES}"]
    )
    (article,) = _parse(page)
    assert article.body.split("\n\n") == CRANES_BODY
    assert caption in article.captions


def test_headline_repeated_by_a_gallery_inside_the_article_does_not_split_it() -> None:
    more = [f"Later that day, {p[0].lower()}{p[1:]}" for p in CRANES_BODY]
    page = "\n\n".join(
        [
            CRANES,
            "By Ann Lee",
            "2024-06-01 08:30",
            *CRANES_BODY[:2],
            "Image 1 of 4",
            "Photo: Jan Berg, AP",
            CRANES,
            "1 / 4",
            "Back to Gallery",
            *CRANES_BODY[2:],
            *more,
            "Most Read",
            "Storm warning issued for the coast this weekend",
        ]
    )
    (article,) = _parse(page)
    assert article.title == CRANES
    assert article.body.split("\n\n") == CRANES_BODY + more


def test_a_sentence_printed_twice_as_a_pull_quote_does_not_split_the_article() -> None:
    page = "\n\n".join(
        [CRANES, "2024-06-01 08:30", *CRANES_BODY[:3], CRANES_BODY[1], CRANES_BODY[3], *LIBRARY_BODY]
    )
    (article,) = _parse(page)
    assert article.title == CRANES
    assert article.body.endswith(LIBRARY_BODY[-1])


def test_subscribe_box_inside_the_body_is_dropped_and_a_story_list_after_it_ends_it() -> None:
    page = "\n\n".join(
        [
            CRANES,
            "2024-06-01 08:30",
            *CRANES_BODY[:2],
            "SUBSCRIBE",
            "Subscribe to Example News and stay smart with more of your favourite writers.",
            *CRANES_BODY[2:],
            "More Great Example Stories",
            "Markets slip as investors wait for the central bank decision",
            "Storm warning issued for the coast this weekend",
            "Local team wins the cup after a penalty shoot-out",
            "Ann Lee is a reporter at Example News who has covered the port and its workers for ten years.",
            f"Photo: {CRANES}",
        ]
    )
    (article,) = _parse(page)
    assert article.body.split("\n\n") == CRANES_BODY


def test_a_schedule_with_no_prose_under_a_headline_and_dateline_is_a_body() -> None:
    schedule = [
        f"Round {n}: {day} March at the city stadium, kick-off 15:00" for n, day in enumerate(range(3, 24, 3))
    ]
    page = "\n\n".join(
        ["Home", CRANES, "World", CRANES, "2024-06-01 08:30", "Share this article", *schedule, "Tweet"]
    )
    (article,) = _parse(page)
    assert article.title == CRANES
    assert article.body.split("\n\n") == schedule


def test_an_ambiguous_numeric_dateline_is_read_the_way_the_page_prints_its_other_dates() -> None:
    page = "\n\n".join(
        [
            CRANES,
            "World",
            "World",
            CRANES,
            "03/04/2025 10:29 Last Updated At:11:07",
            *CRANES_BODY,
            f"Photo: {CRANES}",
            LIBRARY,
            "Science",
            "Science",
            LIBRARY,
            "11/25/2024 08:15",
            *LIBRARY_BODY,
            f"Photo: {LIBRARY}",
        ]
    )
    cranes, library = _parse(page)
    assert (cranes.published_at, cranes.updated_at) == ("2025-03-04T10:29", "2025-03-04T11:07")
    assert library.published_at == "2024-11-25T08:15"


def test_a_short_box_under_a_heading_whose_words_are_not_the_storys_closes_the_body() -> None:
    bio = "Quill Tromp grows zindle beans on a windy hill and writes about old bicycles on Sundays."
    page = "\n\n".join(
        [
            CRANES,
            "2024-06-01 08:30",
            *CRANES_BODY,
            "Blorp Quax",  # a heading in words no list knows, over a box about something else
            bio,
        ]
    )
    (article,) = _parse(page)
    assert article.body.split("\n\n") == CRANES_BODY


def test_a_closing_section_under_a_subhead_that_keeps_the_storys_words_stays_in_the_body() -> None:
    closing = (
        "The union said the crane drivers at the northern port would vote on the pay offer again next year."
    )
    page = "\n\n".join([CRANES, "2024-06-01 08:30", *CRANES_BODY, "What comes next", closing])
    (article,) = _parse(page)
    assert article.body.split("\n\n")[-1] == closing
