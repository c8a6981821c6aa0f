"""Date lines in formats written for these tests (real-world styles, not copied from any page or
pool): each is read to the time a person reads in it, and is taken as a dateline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsflow.extraction.dates import looks_like_dateline, parse_dateline

FETCHED = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)

FORMATS = [
    ("Mon 4 Mar 2024 06.00 GMT", "2024-03-04T06:00+00:00"),
    ("March 4, 2024 at 6:00 a.m. ET", "2024-03-04T06:00-05:00"),
    ("04.03.2024 – 06:00", "2024-03-04T06:00"),
    ("2024年3月4日", "2024-03-04"),
    ("2024-03-04T06:00:00+01:00", "2024-03-04T06:00+01:00"),
    ("4h ago", "2024-03-05T08:00+00:00"),
    ("Published 6:00 AM EST Mar 4, 2024", "2024-03-04T06:00-05:00"),
    ("Updated: 04/03/2024 06:00", "2024-03-04T06:00"),
    ("Posted on March 4th, 2024 at 6:00 pm", "2024-03-04T18:00"),
    ("4 March 2024, 18:00 CET", "2024-03-04T18:00+01:00"),
    ("18:00, 4 March 2024", "2024-03-04T18:00"),
    ("6:00PM ET, Mon March 4, 2024", "2024-03-04T18:00-05:00"),
    ("Monday, 4 March 2024 6.00pm", "2024-03-04T18:00"),
    ("2024/03/04 18:00 JST", "2024-03-04T18:00+09:00"),
    ("4. März 2024, 18:00 Uhr", "2024-03-04T18:00"),
    ("le 4 mars 2024 à 18h00", "2024-03-04T18:00"),
    ("4 de marzo de 2024, 18:00 h", "2024-03-04T18:00"),
    ("04-03-2024 18:00", "2024-03-04T18:00"),
    ("Mar 4, 2024 18:00 UTC+1", "2024-03-04T18:00+01:00"),
    ("2024-03-04 18:00 (UTC)", "2024-03-04T18:00+00:00"),
    ("Mar. 4, 2024 6 p.m. ET", "2024-03-04T18:00-05:00"),
    ("Last updated: Monday, March 4, 2024, 18:00", "2024-03-04T18:00"),
    ("2 days ago", "2024-03-03T12:00+00:00"),
    ("Yesterday at 6:00 PM", "2024-03-04T18:00+00:00"),
    ("an hour ago", "2024-03-05T11:00+00:00"),
    ("1 hr 20 min ago", "2024-03-05T10:40+00:00"),
    ("vor 2 Stunden", "2024-03-05T10:00+00:00"),
    ("hace 3 horas", "2024-03-05T09:00+00:00"),
    ("il y a 5 minutes", "2024-03-05T11:55+00:00"),
    ("3/4/24 6:00 PM", "2024-03-04T18:00"),
    ("Mon, 04 Mar 2024 18:00:00 +0000", "2024-03-04T18:00+00:00"),
    ("2024-03-04 18:00:00Z", "2024-03-04T18:00+00:00"),
    ("Mar 04 2024 06:00 PM", "2024-03-04T18:00"),
    ("Monday 4th March 2024", "2024-03-04"),
    ("6:00 PM · Mar 4, 2024", "2024-03-04T18:00"),
    ("04 Mar 2024 | 18:00 IST", "2024-03-04T18:00+05:30"),
    ("Published: 18:00 GMT, 4 March 2024 | Updated: 19:30 GMT, 4 March 2024", "2024-03-04T18:00+00:00"),
    ("4 Mar 2024, 6:00pm AEDT", "2024-03-04T18:00+11:00"),
    ("Sunday, March 3, 2024 11:59 p.m. PST", "2024-03-03T23:59-08:00"),
    ("03.04.2023, 06:00 Uhr", "2023-04-03T06:00"),
    ("March 4, 2024 — 6:00 PM EST", "2024-03-04T18:00-05:00"),
    ("2024년 3월 4일 18시 00분", "2024-03-04T18:00"),
    ("2024年3月4日 18:00", "2024-03-04T18:00"),
    ("2024年3月4日 18時00分", "2024-03-04T18:00"),
    ("Mar 4 2024 6:00PM", "2024-03-04T18:00"),
    ("6 hours, 30 minutes ago", "2024-03-05T05:30+00:00"),
    ("Updated 35 mins ago", "2024-03-05T11:25+00:00"),
    ("Monday 04/03/2024 18:00", "2024-03-04T18:00"),
    ("Mon, 3/4/2024 - 18:00", "2024-03-04T18:00"),
    ("Published Mar 4 2024 6:00PM EST", "2024-03-04T18:00-05:00"),
    ("4th March 2024 18:00", "2024-03-04T18:00"),
    ("12:30 pm ET Mar 4, 2024", "2024-03-04T12:30-05:00"),
    ("March 4, 2024 at noon ET", "2024-03-04T12:00-05:00"),
    ("March 4, 2024 at midnight", "2024-03-04T00:00"),
    ("Mar 4, 2024 at 6 PM", "2024-03-04T18:00"),
    ("Monday March 4 2024 6PM", "2024-03-04T18:00"),
    ("2024-03-04 • 18:00", "2024-03-04T18:00"),
    ("18h00 - 04/03/2024", "2024-03-04T18:00"),
    ("Posted: Mon 4 Mar 2024 @ 18:00", "2024-03-04T18:00"),
    ("4 Mar 24, 18:00", "2024-03-04T18:00"),
    ("Sept. 4, 2023, 6:00 a.m. ET", "2023-09-04T06:00-04:00"),
    ("Tue., Sept. 3, 2024", "2024-09-03"),
    ("JUNE 7, 2023 / 1:44 AM", "2023-06-07T01:44"),
    ("07 JUN 2023 01:44AM", "2023-06-07T01:44"),
    ("2023-06-07 01:44 +0530", "2023-06-07T01:44+05:30"),
    ("06/07/2023 01:44 PM EDT", "2023-06-07T13:44-04:00"),
    ("2 weeks ago", "2024-02-20T12:00+00:00"),
    ("Publicado el 4 de marzo de 2024 a las 18:00", "2024-03-04T18:00"),
    ("Pubblicato il 4 marzo 2024 alle 18:00", "2024-03-04T18:00"),
    ("Gepubliceerd op 4 maart 2024 om 18:00", "2024-03-04T18:00"),
    ("Publicado em 4 de março de 2024 às 18h00", "2024-03-04T18:00"),
    ("Mon 04 Mar 2024 18.00", "2024-03-04T18:00"),
    ("Mo., 04.03.2024, 18:00 Uhr", "2024-03-04T18:00"),
    ("04.03.24 18:00", "2024-03-04T18:00"),
    ("4 Mar, 2024 18:00", "2024-03-04T18:00"),
    ("Mar 4th 2024, 6:00 pm", "2024-03-04T18:00"),
    ("2024-03-04 18:00 GMT+5:30", "2024-03-04T18:00+05:30"),
    ("Today at 09:15", "2024-03-05T09:15+00:00"),
    ("Updated 1 day ago", "2024-03-04T12:00+00:00"),
    ("Last Updated: Mar 4, 2024 @ 6:00 pm", "2024-03-04T18:00"),
    ("4 March 2024 at 18:00 (UTC+02:00)", "2024-03-04T18:00+02:00"),
    ("Monday 4 March 2024 18:00 CET", "2024-03-04T18:00+01:00"),
    ("18:00 CET | 4 March 2024", "2024-03-04T18:00+01:00"),
    ("2024.03.04 18:00", "2024-03-04T18:00"),
    ("Mar 4, 2024 6:00 p.m. EST Updated Mar 5, 2024 8:00 a.m. EST", "2024-03-04T18:00-05:00"),
    ("14 March 2021 | 2010 GMT", "2021-03-14T20:10+00:00"),
    ("Updated 2010 GMT (0410 HKT) March 14, 2021", "2021-03-14T20:10+00:00"),
    ("14/03/2021 às 20h10", "2021-03-14T20:10"),
    ("14.03.2021 um 20:10 Uhr", "2021-03-14T20:10"),
    ("20:10 Uhr, 14.03.2021", "2021-03-14T20:10"),
    ("il y a 2 h", "2024-03-05T10:00+00:00"),
    ("hace 5 min", "2024-03-05T11:55+00:00"),
    ("March 14th 2021, 8:10:33 pm", "2021-03-14T20:10:33"),
    ("14-Mar-2021 20:10 IST", "2021-03-14T20:10+05:30"),
    ("2021-03-14 20:10:33.123456", "2021-03-14T20:10:33"),
    ("2021-03-14T20:10:33.000Z", "2021-03-14T20:10:33+00:00"),
    ("Sun, 14 Mar 2021 20:10:33 GMT", "2021-03-14T20:10:33+00:00"),
    ("Sunday, March 14, 2021 — 8:10 p.m. CDT", "2021-03-14T20:10-05:00"),
    ("3/14/2021 8:10:33 PM", "2021-03-14T20:10:33"),
    ("Sun Mar 14 2021 20:10:33 GMT+0000 (Coordinated Universal Time)", "2021-03-14T20:10:33+00:00"),
    ("Updated: 14 March, 2021 8:10 pm IST", "2021-03-14T20:10+05:30"),
    ("Mar 14 '21 at 20:10", "2021-03-14T20:10"),
    ("March 14, 2021 8:10 p.m. ET | Updated 2 hours ago", "2021-03-14T20:10-04:00"),
    ("Last Updated : 14 Mar 2021, 08:10:33 PM IST", "2021-03-14T20:10:33+05:30"),
    ("14 Mar 2021 - 8:10pm", "2021-03-14T20:10"),
    ("8:10 PM EDT March 14, 2021", "2021-03-14T20:10-04:00"),
    ("Posted: 14-03-2021 20:10", "2021-03-14T20:10"),
    ("Modified date: March 14, 2021", "2021-03-14"),
    ("Date: 2021/03/14", "2021-03-14"),
    ("14 de marzo 2021 a las 20:10 hs", "2021-03-14T20:10"),
    ("14 marzo 2021 ore 20:10", "2021-03-14T20:10"),
    ("Zondag 14 maart 2021, 20:10 uur", "2021-03-14T20:10"),
    ("2021年03月14日 20:10", "2021-03-14T20:10"),
    ("2021/3/14 20:10", "2021-03-14T20:10"),
    ("14th Mar '21", "2021-03-14"),
    ("Sunday 14 March 2021 at 8.10pm", "2021-03-14T20:10"),
    ("20.10 GMT 14/03/2021", "2021-03-14T20:10+00:00"),
    ("Sun 14.03.21 20:10", "2021-03-14T20:10"),
    ("14 Mar 2021 20:10 (GMT+01:00)", "2021-03-14T20:10+01:00"),
    ("14 Mar 2021 20:10 CET/CEST", "2021-03-14T20:10+01:00"),
    ("Mar 14, 2021 8:10 p.m. Eastern", "2021-03-14T20:10"),
    (
        "Wendel Oakes is a courts reporter at the Ospel Herald. First published on March 14 2021 – 20:10",
        "2021-03-14T20:10",
    ),
    ("By ANN LEE, The Ospel Herald Posted on: 14 March 2021 at 20:10", "2021-03-14T20:10"),
]


@pytest.mark.parametrize(("text", "published"), FORMATS)
def test_date_lines_in_formats_of_their_own_are_read_as_a_person_reads_them(
    text: str, published: str
) -> None:
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published


@pytest.mark.parametrize("text", [text for text, _published in FORMATS if text != "2024年3月4日"])
def test_date_lines_in_formats_of_their_own_are_datelines(text: str) -> None:
    assert looks_like_dateline(text)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("May 2, 2022 — 0857 GMT", "2022-05-02T08:57+00:00"),
        ("21 Jul 2020 1515 hrs", "2020-07-21T15:15"),
        ("Filed 12 Oct 2021 0139 UTC+1", "2021-10-12T01:39+01:00"),
        ("Created February 10, 2021 — 1309 +10:00", "2021-02-10T13:09+10:00"),
        ("2021年2月10日 0930", "2021-02-10T09:30"),
    ],
)
def test_a_four_digit_clock_right_after_a_dated_year_is_a_time(text: str, published: str) -> None:
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published


def test_a_year_printed_again_after_a_date_is_not_a_clock() -> None:
    assert parse_dateline("March 4, 2024 2024", FETCHED) == parse_dateline("March 4, 2024", FETCHED)


@pytest.mark.parametrize(
    ("text", "published", "updated"),
    [
        ("10:51 AM -0400 February 3, 2019 — 8:24 PM -0400 February 4, 2019", "2019-02-03T10:51-04:00", None),
        (
            "Ann Lee / Published 1:35 PM EEST January 6, 2024 / Updated 2:02 PM EEST January 7, 2024",
            "2024-01-06T13:35+03:00",
            "2024-01-07T14:02+03:00",
        ),
        ("Mar 3, 2024 09:00 | Mar 4, 2024 18:00", "2024-03-03T09:00", None),
    ],
)
def test_a_clock_printed_before_the_next_date_is_that_dates_clock(
    text: str, published: str, updated: str | None
) -> None:
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert (parsed.published, parsed.updated) == (published, updated)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("March 4, 2024 at noon ET", "2024-03-04T12:00-05:00"),
        ("Mon 4 Mar 2024, 12 noon", "2024-03-04T12:00"),
        ("March 4, 2024 at midnight", "2024-03-04T00:00"),
    ],
)
def test_noon_and_midnight_after_a_date_are_its_clock(text: str, published: str) -> None:
    parsed = parse_dateline(text, FETCHED)
    assert parsed is not None
    assert parsed.published == published
