"""Datelines in the shapes news pages print them, read to ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsflow.extraction.dates import (
    Dateline,
    DateOrder,
    date_reading,
    looks_like_dateline,
    numeric_order,
    page_date_order,
    parse_dateline,
)

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


# ---------------------------------------------------------------- format families, as sites print them

NOW = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)
LATER = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("May 4, 2024, 5:34 PM", "2024-05-04T17:34"),
        ("May 4, 2024 at 5:34 p.m.", "2024-05-04T17:34"),
        ("4 May 2024, 5.34pm", "2024-05-04T17:34"),
        ("Saturday 4 May 2024 05.34 PM", "2024-05-04T17:34"),
        ("12:05 a.m., May 4, 2024", "2024-05-04T00:05"),
        ("May 4, 2024 12 p.m.", "2024-05-04T12:00"),
    ],
)
def test_twelve_hour_clocks_with_am_pm_in_any_spelling(text: str, published: str) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published
    assert looks_like_dateline(text)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Sat 4 May 2024 17.34", "2024-05-04T17:34"),
        ("17.34, 4 May 2024", "2024-05-04T17:34"),
        ("04.05.2024 um 17.34 Uhr", "2024-05-04T17:34"),
        ("4 May 2024 17h34", "2024-05-04T17:34"),
        ("2024-05-04 17:34:12", "2024-05-04T17:34:12"),
        ("Yesterday, 17.34", "2024-05-05T17:34+00:00"),
    ],
)
def test_twenty_four_hour_clocks_with_colon_dot_or_h(text: str, published: str) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published
    assert looks_like_dateline(text)


def test_a_dotted_number_that_continues_as_a_date_is_not_a_clock() -> None:
    assert parse_dateline("10.29.2025", NOW) == Dateline(published="2025-10-29", updated=None)


def test_a_price_before_a_date_is_not_its_clock() -> None:
    parsed = parse_dateline("$2.50 on May 4, 2024", NOW)
    assert parsed == Dateline(published="2024-05-04", updated=None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("04/05/2024 17:34", "2024-05-04T17:34"),
        ("04.05.2024 17:34", "2024-05-04T17:34"),
        ("04-05-2024 17:34", "2024-05-04T17:34"),
        ("04.05.24 17:34", "2024-05-04T17:34"),
        ("Published 04/05/2024", "2024-05-04"),
    ],
)
def test_day_first_numeric_dates_with_slash_dot_or_dash(text: str, published: str) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Sept. 4, 2023, 5:34 a.m. ET", "2023-09-04T05:34-04:00"),
        ("Tues., Sept. 5, 2023", "2023-09-05"),
        ("Sep 4 2023 17:34", "2023-09-04T17:34"),
        ("4 Sept 2023", "2023-09-04"),
        ("Thu Sep 5 20:51:00 UTC 2019", "2019-09-05T20:51+00:00"),
        ("2019年9月5日 20時51分", "2019-09-05T20:51"),
    ],
)
def test_abbreviated_months_with_or_without_a_period_and_other_orders(text: str, published: str) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("4 May 2024 17:34 CEST", "2024-05-04T17:34+02:00"),
        ("May 4, 2024 5:34 PM PT", "2024-05-04T17:34-07:00"),
        ("Jan 4, 2024 5:34 PM PT", "2024-01-04T17:34-08:00"),
        ("4 May 2024 17:34 GMT+5:30", "2024-05-04T17:34+05:30"),
        ("Sat, 04 May 2024 17:34:00 +0000", "2024-05-04T17:34+00:00"),
        ("May 4, 2024 | 05:34 PM IST", "2024-05-04T17:34+05:30"),
        ("4 May 2024 17:34 NZST", "2024-05-04T17:34+12:00"),
    ],
)
def test_time_zones_by_name_or_offset_are_kept(text: str, published: str) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    "line",
    [
        "Updated 5:34 PM EDT, Sat May 4, 2024",
        "Posted on Saturday 4 May 2024 at 17:34",
        "Last updated: 04.05.2024 - 17:34",
        "First published on Sat 4 May 2024 17.34 BST",
        "Stand: 04.05.2024 17:34 Uhr",
        "Dateline filed 4 May 2024, 17:34",
        "Reuters | May 4, 2024",
        "Published On 4 May 2024",
        "4 May 2024 · 5 min read",
        "May 4, 2024 / 3 Comments / in Local News / by editor",
        "Updated May 5, 9:41 AM; Posted May 4, 8:19 PM",
    ],
)
def test_any_short_label_around_a_date_leaves_a_dateline(line: str) -> None:
    assert looks_like_dateline(line)
    assert parse_dateline(line, NOW) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Dow falls 500 points on Tuesday, March 3",
        "Election results will be announced on 5 November 2024 in every district",
        "Nov 18",
        "2013年04月09日",
        "Today",
        "Today's Paper",
        "Prices may rise 5% next year",
        "Tue – Sat 4PM (Closed on Sun & Mon)",
        "Version 2.10 is out",
        "Brexit deal collapses as talks stall in Brussels | 5 Nov 2019",
        "Police said the crash happened at 10:30. | 5 May 2024",
        "4. Mai um 08:37",  # a comment's stamp: no year, no label
        "Apr 3, 2024 Harbour Gala Apr 3, 2024",  # a list entry printing its date twice
        "Season 04.01.2024 - 02.02.2024 Low season 88 € a night",  # a range
        "© 2017 Dago Handball Club",  # "2017 D" + "ago" is not "2017 days ago"
        "Review: Lee (ed.) - Harbour Law Sunday, 3 April 2016",
    ],
)
def test_lines_that_only_mention_a_date_are_not_datelines(line: str) -> None:
    assert not looks_like_dateline(line)


@pytest.mark.parametrize(
    ("text", "published", "updated"),
    [
        (
            "Updated: 18:02, 4 May 2024; Published: 17:34, 4 May 2024",
            "2024-05-04T17:34",
            "2024-05-04T18:02",
        ),
        (
            "Sat 4 May 2024 17.34 BST Last modified on Sun 5 May 2024 09.12 BST",
            "2024-05-04T17:34+01:00",
            "2024-05-05T09:12+01:00",
        ),
        ("Posted May 4, 2024 5:34 PM, edited 6:10 PM", "2024-05-04T17:34", "2024-05-04T18:10"),
        ("Published 23:50 4 May 2024, updated 00:20", "2024-05-04T23:50", "2024-05-05T00:20"),
    ],
)
def test_published_and_updated_times_stay_apart_in_either_order(
    text: str, published: str, updated: str
) -> None:
    assert parse_dateline(text, NOW) == Dateline(published=published, updated=updated)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Sat 4 May 17.34", "2024-05-04T17:34"),  # the weekday picks the year
        ("Tue 4 May 17.34", "2021-05-04T17:34"),
        ("May 4 at 5:34 PM", "2024-05-04T17:34"),
        ("Today at 5:34 PM", "2024-05-06T17:34+00:00"),
        ("1 hour, 20 minutes ago", "2024-05-06T10:40+00:00"),
        ("2 hrs ago", "2024-05-06T10:00+00:00"),
        ("just now", "2024-05-06T12:00+00:00"),
        ("a year ago", "2023-05-07T12:00+00:00"),
    ],
)
def test_dates_without_a_year_and_relative_times_resolve_against_the_fetch_time(
    text: str, published: str
) -> None:
    parsed = parse_dateline(text, NOW)
    assert parsed is not None
    assert parsed.published == published


def test_a_date_without_a_year_is_not_guessed_without_a_fetch_time() -> None:
    assert parse_dateline("Sat 4 May 17.34", None) is None


# ---------------------------------------------------------------- day/month order and what decided it


def test_a_weekday_printed_with_a_numeric_date_decides_its_order() -> None:
    # 6 September 2019 was a Friday, 9 June 2019 a Sunday
    assert date_reading("Friday 09/06/2019 20:51") == DateOrder(month_first=True, basis="weekday")
    parsed = parse_dateline("Friday 09/06/2019 20:51", month_first=False)
    assert parsed is not None
    assert parsed.published == "2019-09-06T20:51"


def test_a_reading_after_the_fetch_time_is_ruled_out() -> None:
    fetched = datetime(2024, 3, 10, tzinfo=UTC)
    assert date_reading("04/03/2024 10:00", fetched) == DateOrder(month_first=False, basis="fetch-time")
    assert date_reading("03/04/2024 10:00", fetched) == DateOrder(month_first=True, basis="fetch-time")
    parsed = parse_dateline("03/04/2024 10:00", fetched)
    assert parsed is not None
    assert parsed.published == "2024-03-04T10:00"


def test_the_page_order_beats_the_clock_habit_and_the_default() -> None:
    page = DateOrder(month_first=False, basis="site")
    assert date_reading("03/04/2024 10:00 AM", None, page) == page
    assert date_reading("03/04/2024 10:00 AM") == DateOrder(month_first=True, basis="clock")
    assert date_reading("03/04/2024 10:00") == DateOrder(month_first=False, basis="default")
    assert date_reading("25/04/2024 10:00") == DateOrder(month_first=False, basis="numbers")
    assert date_reading("April 3, 2024") is None


def test_the_page_order_comes_from_its_datelines_then_its_other_dates_then_its_site() -> None:
    assert page_date_order(["11/25/2024 08:15"], "https://example.co.uk/a") == DateOrder(True, "page")
    assert page_date_order(["03/04/2024"], "", ["Comments", "25.11.2023 by Ann"]) == DateOrder(False, "page")
    assert page_date_order(["03/04/2024"], "https://news.example.co.uk/a") == DateOrder(False, "site")
    assert page_date_order(["03/04/2024"], "https://example.us/story") == DateOrder(True, "site")
    assert page_date_order(["03/04/2024"], "https://example.com/story") is None
    assert page_date_order(["03/04/2024"], "/tmp/page.txt") is None


# ---------------------------------------------------------------- nothing unreadable raises


@pytest.mark.parametrize(
    ("text", "fetched_at"),
    [
        ("99999999999999 hours ago", FETCHED),
        ("3 hours ago", datetime(1, 1, 1, tzinfo=UTC)),
        ("Yesterday at 10:00", datetime(1, 1, 1, tzinfo=UTC)),
        ("99999999999999999999 years ago", FETCHED),
        ("Sat 4 May 17.34", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
        ("03/04/2024", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
    ],
)
def test_an_unreadable_or_overflowing_date_is_no_date_not_an_error(text: str, fetched_at: datetime) -> None:
    parsed = parse_dateline(text, fetched_at)
    assert parsed is None or parsed.published is not None
    if "ago" in text or "Yesterday" in text:
        assert parsed is None


# ---------------------------------------------------------------- other languages and short forms


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("vor 3 Stunden", "2025-03-01T09:00+00:00"),
        ("vor einer Stunde", "2025-03-01T11:00+00:00"),
        ("vor 2 Tagen", "2025-02-27T12:00+00:00"),
        ("vor 1 Std. 20 Min.", "2025-03-01T10:40+00:00"),
        ("hace 3 horas", "2025-03-01T09:00+00:00"),
        ("Hace una hora", "2025-03-01T11:00+00:00"),
        ("hace 20 min", "2025-03-01T11:40+00:00"),
        ("il y a 3 heures", "2025-03-01T09:00+00:00"),
        ("Il y a une heure", "2025-03-01T11:00+00:00"),
        ("il y a 2 jours", "2025-02-27T12:00+00:00"),
        ("há 5 minutos", "2025-03-01T11:55+00:00"),
        ("3 horas atrás", "2025-03-01T09:00+00:00"),
        ("3 ore fa", "2025-03-01T09:00+00:00"),
        ("un'ora fa", "2025-03-01T11:00+00:00"),
        ("3 ore e 20 minuti fa", "2025-03-01T08:40+00:00"),
        ("5 minuten geleden", "2025-03-01T11:55+00:00"),
        ("een uur geleden", "2025-03-01T11:00+00:00"),
        ("2 dagen geleden", "2025-02-27T12:00+00:00"),
    ],
)
def test_relative_times_in_other_languages_before_or_after_the_number(text: str, published: str) -> None:
    assert looks_like_dateline(text)
    assert parse_dateline(text, FETCHED) == Dateline(published=published, updated=None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("3 hrs ago", "2025-03-01T09:00+00:00"),
        ("3 hr. ago", "2025-03-01T09:00+00:00"),
        ("3 hour(s) ago", "2025-03-01T09:00+00:00"),
        ("5 mins. ago", "2025-03-01T11:55+00:00"),
        ("an hr ago", "2025-03-01T11:00+00:00"),
    ],
)
def test_abbreviated_english_relative_times(text: str, published: str) -> None:
    assert looks_like_dateline(text)
    assert parse_dateline(text, FETCHED) == Dateline(published=published, updated=None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Zelda Pront · 3h", "2025-03-01T09:00+00:00"),
        ("3h · Zelda Pront", "2025-03-01T09:00+00:00"),
        ("By Zelda Pront | 5m", "2025-03-01T11:55+00:00"),
        ("Zelda Pront · Quorm Daily · 2d", "2025-02-27T12:00+00:00"),
        ("Updated 3h", "2025-03-01T09:00+00:00"),
    ],
)
def test_a_bare_span_beside_a_label_or_a_byline_field_is_a_relative_time(text: str, published: str) -> None:
    assert looks_like_dateline(text)
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    "line",
    [
        "3h",
        "The 5m pool opened in 2021",
        "Size 3h · 5 pieces",
        "He scored twice in the 2d half",
        "48h | 90days",  # a span beside another number, not beside a name
        "3h · 5 min",
    ],
)
def test_a_bare_span_alone_or_among_words_is_not_a_dateline(line: str) -> None:
    assert not looks_like_dateline(line)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("22. März 2024, 09:05 Uhr", "2024-03-22T09:05"),
        ("Mo., 22. Mär. 2024 09:05", "2024-03-22T09:05"),
        ("Freitag, 22. März 2024", "2024-03-22"),
        ("22 de marzo de 2024", "2024-03-22"),
        ("viernes, 22 de marzo del 2024 - 09:05 h", "2024-03-22T09:05"),
        ("Sáb., 23 mar. 2024", "2024-03-23"),
        ("le 22 mars 2024 à 15h07", "2024-03-22T15:07"),
        ("vendredi 22 févr. 2024 à 15h07", "2024-02-22T15:07"),
        ("sexta-feira, 22 de março de 2024, às 09h05", "2024-03-22T09:05"),
        ("22 fev 2024 09:05", "2024-02-22T09:05"),
        ("venerdì 22 marzo 2024, ore 09:05", "2024-03-22T09:05"),
        ("22 gen 2024 alle 09:05", "2024-01-22T09:05"),
        ("vrijdag 22 maart 2024 om 09:05", "2024-03-22T09:05"),
        ("22 okt. 2024 09:05", "2024-10-22T09:05"),
        ("5 ago 2024", "2024-08-05"),
    ],
)
def test_month_and_weekday_names_in_other_languages_in_their_orders(text: str, published: str) -> None:
    assert looks_like_dateline(text)
    assert parse_dateline(text, FETCHED) == Dateline(published=published, updated=None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("22-Mar-24", "2024-03-22"),
        ("22-Mar-24 09:05", "2024-03-22T09:05"),
        ("22.Mär.24 09:05", "2024-03-22T09:05"),
        ("22 Mar '24", "2024-03-22"),
        ("22 Mar 24", "2024-03-22"),
        ("22-Mar-99", "1999-03-22"),
        ("Posted 22.03.24", "2024-03-22"),
        ("22/03/24 09:05", "2024-03-22T09:05"),
    ],
)
def test_two_digit_years_after_a_month_name_or_in_numeric_dates(text: str, published: str) -> None:
    assert looks_like_dateline(text)
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published


def test_a_two_digit_number_after_a_date_without_a_year_stays_its_clock() -> None:
    assert parse_dateline("Updated 1 Feb 15.30", FETCHED) == Dateline(
        published="2025-02-01T15:30", updated="2025-02-01T15:30"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Vor 2 Wochen hatte der Zlorbrat das Projekt noch abgelehnt, sagte die Sprecherin",
        "Hace 20 min que esperamos el autobús en la plaza de Quelmar",
        "Il y a 3 heures de route entre Quelmar et Vintrop selon le guide",
        "3 ore fa il sindaco di Quelmar ha annunciato la chiusura della scuola",
        "De wedstrijd in Quelmar begon 2 uur geleden en is nog steeds bezig",
        "Am 22. März 2024 trat das neue Gesetz in Quelmar in Kraft",
        "El 22 de marzo de 2024 el consejo de Quelmar aprobó la ley",
        "Vendredi, le conseil de Quelmar a voté le budget du 22 mars 2024",
        "3 March 25 people were hurt in Quelmar",
        "Do 5 push ups so 10 times",
    ],
)
def test_sentences_mentioning_a_date_or_a_span_in_other_languages_are_not_datelines(line: str) -> None:
    assert not looks_like_dateline(line)


def test_a_weekday_abbreviation_that_is_also_a_word_counts_only_with_its_period() -> None:
    # 3 April 2025 was a Thursday ("Do." in German), 4 March 2025 a Tuesday
    assert date_reading("Do., 03/04/2025 5:34 PM") == DateOrder(month_first=False, basis="weekday")
    assert date_reading("Do 03/04/2025 5:34 PM") == DateOrder(month_first=True, basis="clock")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("This piece was published 4 March 2024 18:00", "2024-03-04T18:00"),
        ("This piece was published 3 hours ago", "2024-03-05T09:00+00:00"),
        ("Our report was last updated at 6:05 p.m. ET on March 4, 2024", "2024-03-04T18:05-05:00"),
        ("Teodor Fenwick / This piece was published 04.03.2024 18:00", "2024-03-04T18:00"),
    ],
)
def test_a_few_words_leading_into_a_label_leave_a_dateline(line: str, published: str) -> None:
    assert looks_like_dateline(line)
    parsed = parse_dateline(line, LATER)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        (
            "Ottilie Brandvold covers rail and ports for The Saltmarsh Gazette. | 4 Mar 2024, 18:00",
            "2024-03-04T18:00",
            None,
        ),
        (
            "Ottilie Brandvold covers rail and ports for The Saltmarsh Gazette.  Published 2 hours ago",
            "2024-03-05T10:00+00:00",
            None,
        ),
        (
            "Words by Ottilie Brandvold; pictures by Teodor Fenwick · Monday 4 March 2024 · 6:00 PM",
            "2024-03-04T18:00",
            None,
        ),
        (
            "Teodor Fenwick, Harbour and Shipping Correspondent — Published 6:00 PM +0100, March 4, 2024 — "
            "Updated 9:30 PM +0100, March 4, 2024",
            "2024-03-04T18:00+01:00",
            "2024-03-04T21:30+01:00",
        ),
        ("Ottilie Brandvold, Saltmarsh Gazette | 04/03/2024 1800 GMT", "2024-03-04T18:00+00:00", None),
    ],
)
def test_a_byline_with_the_writers_role_or_bio_beside_a_timed_date_is_a_dateline(
    line: str, published: str, updated: str | None
) -> None:
    assert looks_like_dateline(line)
    assert parse_dateline(line, LATER) == Dateline(published=published, updated=updated)


def test_later_dates_each_under_a_word_of_their_own_are_the_datelines_later_times() -> None:
    line = "Stamped 4 Mar 2024 · 09:00 | Reissued 4 Mar 2024 · 13:30"
    assert looks_like_dateline(line)
    assert parse_dateline(line, LATER) == Dateline(published="2024-03-04T09:00", updated=None)


@pytest.mark.parametrize(
    "line",
    [
        "The vote was held at the old town hall on the river bank — 10:00 on March 4, 2024",
        "The ferry left late. It docked at noon | 4 March 2024 10:00",
        "Why did the ferry leave so late on a calm morning? | 4 March 2024 10:00",
        "Ottilie Brandvold covers rail and ports for The Saltmarsh Gazette. | 4 Mar 2024",
        "The ferry timetable changes from the spring and adds two sailings — Published 4 March 2024 10:00",
        "Mar 3, 2024 09:00 | Mar 4, 2024 18:00",
        "Mar 3, 2024 Harbour notes / Quayside Mar 3, 2024",
    ],
)
def test_sentences_beside_a_date_and_lists_of_dates_stay_no_datelines(line: str) -> None:
    assert not looks_like_dateline(line)
