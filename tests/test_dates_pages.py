"""Datelines on whole text pages: what the splitter records about a date's reading, what the worker
stores, and that an unreadable date costs only the date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsflow.extraction import parse
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Document, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

KITE = "Kite festival fills the beach with colour"
KITE_BODY = [
    "Hundreds of kites rose over the long beach on Sunday as the town held its first festival since "
    "the old pier was rebuilt, with flyers coming from three countries.",
    "The largest kite, a whale more than twenty metres long, needed eight people to launch it and "
    "stayed aloft for most of the afternoon despite a shifting wind.",
    "Organisers said they would hold the festival again next summer and hoped to add a night show "
    "with kites carrying small lights.",
]
BRIDGE = "Old rail bridge to become a walking path"
BRIDGE_BODY = [
    "The council approved a plan on Thursday to turn the disused rail bridge over the river into a "
    "path for walkers and cyclists, after years of debate about pulling it down.",
    "Engineers found the iron frame in better shape than expected, and the work is due to start in "
    "the autumn once the old sleepers have been lifted.",
]


def _page(kite_dateline: str, bridge_dateline: str | None = None) -> str:
    lines = ["Home", "Local", KITE, kite_dateline, *KITE_BODY, "Share this article"]
    if bridge_dateline is not None:
        lines += [BRIDGE, bridge_dateline, *BRIDGE_BODY, "Share this article"]
    return "\n\n".join(lines)


def _documents(body: str, uri: str = "pages/test.txt", fetched_at: datetime = FETCHED) -> list[Document]:
    return split_page(Page(uri=uri, body=body, fetched_at=fetched_at), Limits())


def _articles(body: str, uri: str = "pages/test.txt", fetched_at: datetime = FETCHED) -> list[Article]:
    return [parse_document(doc, Limits()) for doc in _documents(body, uri, fetched_at)]


@pytest.mark.parametrize(
    ("dateline", "published", "updated"),
    [
        ("Sun 2 Feb 2025 17.34", "2025-02-02T17:34", None),
        ("Posted on Sunday 2 February 2025 at 5:34 p.m.", "2025-02-02T17:34", None),
        ("Stand: 02.02.2025, 17:34 Uhr", "2025-02-02T17:34", None),
        (
            "Feb. 2, 2025 5:34 PM ET | Updated Feb. 3, 2025 9:10 AM ET",
            "2025-02-02T17:34-05:00",
            "2025-02-03T09:10-05:00",
        ),
        ("3 hours ago", "2025-03-01T09:00+00:00", None),
        ("vor 3 Stunden", "2025-03-01T09:00+00:00", None),
        ("Publié il y a 2 jours", "2025-02-27T12:00+00:00", None),
        ("2. Februar 2025, 17:34 Uhr", "2025-02-02T17:34", None),
        ("domingo, 2 de febrero de 2025 - 17:34 h", "2025-02-02T17:34", None),
        ("02-Feb-25 17:34", "2025-02-02T17:34", None),
    ],
)
def test_a_dateline_in_a_format_of_its_own_is_read_on_the_page(
    dateline: str, published: str, updated: str | None
) -> None:
    (article,) = _articles(_page(dateline))
    assert (article.title, article.published_at, article.updated_at) == (KITE, published, updated)
    assert article.body.split("\n\n") == KITE_BODY


def test_the_page_records_how_an_ambiguous_numeric_date_was_read() -> None:
    kite, bridge = _documents(_page("02/03/2024 10:00", "25/11/2023 09:00"))
    assert (kite.hints.date_order, kite.hints.date_order_basis) == ("day-first", "page")
    assert (bridge.hints.date_order, bridge.hints.date_order_basis) == ("day-first", "numbers")
    assert parse_document(kite, Limits()).published_at == "2024-03-02T10:00"


def test_the_site_country_reads_an_ambiguous_date_when_the_page_cannot() -> None:
    (us,) = _documents(_page("02/03/2024 10:00"), uri="https://www.example.us/kites")
    (uk,) = _documents(_page("02/03/2024 10:00 AM"), uri="https://www.example.co.uk/kites")
    assert (us.hints.date_order, us.hints.date_order_basis) == ("month-first", "site")
    assert (uk.hints.date_order, uk.hints.date_order_basis) == ("day-first", "site")
    assert parse_document(us, Limits()).published_at == "2024-02-03T10:00"
    assert parse_document(uk, Limits()).published_at == "2024-03-02T10:00"


def test_a_dateline_without_a_numeric_date_records_no_reading() -> None:
    (doc,) = _documents(_page("February 2, 2025 10:00"))
    assert (doc.hints.date_order, doc.hints.date_order_basis) == (None, None)


@pytest.mark.parametrize(
    ("dateline", "fetched_at"),
    [
        ("99999999999999 hours ago", FETCHED),
        ("3 hours ago", datetime(1, 1, 1, tzinfo=UTC)),
    ],
)
def test_an_overflowing_relative_dateline_gives_an_article_without_a_date(
    dateline: str, fetched_at: datetime
) -> None:
    # a Page fetched before 1990 is refused at the edge; a Document still carries any fetch time,
    # so the page is split as fetched now and its documents get the time that overflows
    (doc,) = _documents(_page(dateline))
    moved = Document.model_validate({**doc.model_dump(), "fetched_at": fetched_at})
    article = parse_document(moved, Limits())
    assert article.title == KITE
    assert article.published_at is None
    assert article.body.split("\n\n") == KITE_BODY


def test_a_failing_field_parser_costs_only_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        msg = "year 0 is out of range"
        raise ValueError(msg)

    monkeypatch.setattr(parse, "parse_dateline", broken)
    (article,) = _articles(_page("Sun 2 Feb 2025 17.34"))
    assert (article.title, article.published_at) == (KITE, None)
    assert article.body.split("\n\n") == KITE_BODY


@pytest.mark.parametrize(
    ("dateline", "authors"),
    [
        ("By Ann Lee | Sun 2 Feb 2025 17.34", ["Ann Lee"]),
        ("Ann Lee · The Harbour Times · 2 February 2025, 17:34", []),
        ("Words by Ann Lee and Bo Chen — Posted 17:34 02-02-2025", ["Ann Lee", "Bo Chen"]),
    ],
)
def test_a_byline_printed_beside_the_date_leaves_the_line_a_dateline(
    dateline: str, authors: list[str]
) -> None:
    (article,) = _articles(_page(dateline))
    assert (article.title, article.published_at) == (KITE, "2025-02-02T17:34")
    assert article.authors == authors
    assert article.body.split("\n\n") == KITE_BODY


def test_a_publication_line_over_an_update_line_gives_both_times() -> None:
    dateline = "Originally published 2 February 2025 17.34 IST\n\nLast updated 3 February 2025 09.10 IST"
    (article,) = _articles(_page(dateline))
    assert (article.published_at, article.updated_at) == ("2025-02-02T17:34+05:30", "2025-02-03T09:10+05:30")
    assert article.body.split("\n\n") == KITE_BODY


def test_a_clock_printed_under_its_date_is_the_dateline_time_not_body() -> None:
    (article,) = _articles(_page("February 2, 2025\n\n5:34 PM"))
    assert article.published_at == "2025-02-02T17:34"
    assert article.body.split("\n\n") == KITE_BODY


def test_a_shouted_byline_beside_the_date_is_a_dateline_not_site_furniture() -> None:
    (article,) = _articles(_page("BY ANN LEE · 02-02-2025 17:34"))
    assert (article.title, article.published_at, article.authors) == (KITE, "2025-02-02T17:34", ["ANN LEE"])


def test_a_bare_span_beside_a_byline_dates_the_article_and_leaves_the_name() -> None:
    (article,) = _articles(_page("By Ann Lee · 3h"))
    assert (article.title, article.published_at, article.authors) == (
        KITE,
        "2025-03-01T09:00+00:00",
        ["Ann Lee"],
    )
    assert article.body.split("\n\n") == KITE_BODY


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        (
            "Ottilie Brandvold covers kites and beaches for The Saltmarsh Gazette. | 2 Feb 2025, 17:34",
            "2025-02-02T17:34",
        ),
        ("This piece was published 2 February 2025 17:34", "2025-02-02T17:34"),
        ("Teodor Fenwick, Coast Correspondent · Sun 2 Feb 2025 · 1734 GMT", "2025-02-02T17:34+00:00"),
    ],
)
def test_a_dateline_beside_a_bio_or_led_into_its_label_dates_the_story(dateline: str, published: str) -> None:
    (article,) = _articles(_page(dateline))
    assert (article.title, article.published_at) == (KITE, published)
    assert article.body.split("\n\n") == KITE_BODY
