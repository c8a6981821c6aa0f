"""Datelines in the shapes news pages print them, read to ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsflow.extraction.dates import Dateline, looks_like_dateline, numeric_order, parse_dateline

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "published", "updated"),
    [
        ("2025-02-17 10:29 Last Updated At:11:07", "2025-02-17T10:29", "2025-02-17T11:07"),
        ("Published: March 3, 2021 14:05", "2021-03-03T14:05", None),
        ("02 Jul 2022 | 21:04", "2022-07-02T21:04", None),
        ("Reuters November 18, 2019 11:03 PM", "2019-11-18T23:03", None),
        ("Mon 17 Feb 2025 10.29 GMT", "2025-02-17T10:29+00:00", None),
        ("17.02.2025 10:29", "2025-02-17T10:29", None),
        ("10:29 AM ET, Feb 17 2025", "2025-02-17T10:29-05:00", None),
        ("2025-02-17T10:29:00+08:00", "2025-02-17T10:29+08:00", None),
        ("Feb. 17, 2025 at 10:29 a.m. EST", "2025-02-17T10:29-05:00", None),
        ("Tuesday 17 February 2025 10:29 CET", "2025-02-17T10:29+01:00", None),
        ("5 de mayo de 2020 23:15", "2020-05-05T23:15", None),
        ("August 13, 2018", "2018-08-13", None),
        ("17-Feb-2025 10:29", "2025-02-17T10:29", None),
        ("17th of February 2025 at 10:29", "2025-02-17T10:29", None),
        ("Published 10:00, 1 June 2024 | Updated 12:30, 1 June 2024", "2024-06-01T10:00", "2024-06-01T12:30"),
    ],
)
def test_absolute_datelines(text: str, published: str, updated: str | None) -> None:
    assert parse_dateline(text, FETCHED) == Dateline(published=published, updated=updated)


def test_updated_only_dateline_gives_both_times_with_their_zone() -> None:
    parsed = parse_dateline("Updated Jan 5, 2024, 3:12 PM EST", FETCHED)
    assert parsed == Dateline(published="2024-01-05T15:12-05:00", updated="2024-01-05T15:12-05:00")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("3 hours ago", "2025-03-01T09:00+00:00"),
        ("Published 5 mins ago", "2025-03-01T11:55+00:00"),
        ("an hour ago", "2025-03-01T11:00+00:00"),
        ("2 days ago", "2025-02-27T12:00+00:00"),
        ("Yesterday at 14:30", "2025-02-28T14:30+00:00"),
        ("2h ago", "2025-03-01T10:00+00:00"),
        ("Posted 3d ago", "2025-02-26T12:00+00:00"),
    ],
)
def test_relative_datelines_resolve_against_fetch_time(text: str, published: str) -> None:
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published


def test_relative_dateline_without_fetch_time_is_not_guessed() -> None:
    assert parse_dateline("3 hours ago", None) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("03/04/2024 10:00", "2024-04-03T10:00"),  # 24-hour clock: day first
        ("03/04/2024 10:00 AM", "2024-03-04T10:00"),  # 12-hour clock: the US habit, month first
        ("25/04/2024 10:00 AM", "2024-04-25T10:00"),  # the numbers force it
    ],
)
def test_numeric_dates_are_ordered_by_what_the_page_prints(text: str, published: str) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    "line",
    [
        "2025-02-17 10:29 Last Updated At:11:07",
        "Published: March 3, 2021 14:05",
        "3 hours ago",
        "02 Jul 2022 | 21:04",
    ],
)
def test_dateline_shapes_are_recognised(line: str) -> None:
    assert looks_like_dateline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Beijing tariff demands may expand 2019 deal",
        "Opening Bell 11.18.19",
        "China",
        "Posted by Vortex",
        "The 2020 Sentra goes on sale in late January, Nissan said on Tuesday.",
    ],
)
def test_headlines_and_sentences_with_numbers_are_not_datelines(line: str) -> None:
    assert not looks_like_dateline(line)


def test_numeric_order_comes_from_dates_whose_numbers_force_it() -> None:
    assert numeric_order(["03/04/2025 10:29", "11/25/2024 08:15"]) is True
    assert numeric_order(["03/04/2025 10:29", "25/11/2024 08:15"]) is False
    assert numeric_order(["03/04/2025 10:29"]) is None
    assert numeric_order(["11/25/2024", "25/11/2024"]) is None
