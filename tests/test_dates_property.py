"""Whatever a page prints, reading its dates never raises: an unreadable date is no date."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.extraction import dates
from newsflow.extraction.dates import (
    date_reading,
    dateline_fields,
    dateline_with_neighbours,
    looks_like_dateline,
    page_date_order,
    parse_dateline,
)

_PIECES = st.sampled_from(
    [
        " ",
        ", ",
        "/",
        ".",
        "-",
        ":",
        "|",
        "·",
        "at",
        "on",
        "ago",
        "hours",
        "h",
        "min",
        "days",
        "years",
        "Updated",
        "Published",
        "Yesterday",
        "today",
        "just now",
        "am",
        "p.m.",
        "PM",
        "GMT",
        "UTC+14",
        "GMT-99",
        "+23:59",
        "EST",
        "ET",
        "Sat",
        "Tuesday",
        "May",
        "Sept.",
        "February",
        "年",
        "月",
        "日",
        "時",
        "分",
        "Uhr",
        "de",
        "of",
    ]
)
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=99).map(str),
    st.integers(min_value=1890, max_value=2110).map(str),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}"),
)
_DATELINE_SHAPED = st.lists(st.one_of(_PIECES, _NUMBERS), max_size=14).map(" ".join)
_FETCHED = st.one_of(
    st.none(),
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), _DATELINE_SHAPED),
    fetched_at=_FETCHED,
    order=st.sampled_from([None, True, False]),
)
def test_reading_a_dateline_never_raises(text: str, fetched_at: datetime | None, order: bool | None) -> None:
    parsed = parse_dateline(text, fetched_at, order)
    if parsed is not None:
        assert parsed.published is not None
        datetime.fromisoformat(parsed.published)
        if parsed.updated is not None:
            datetime.fromisoformat(parsed.updated)
    looks_like_dateline(text)
    date_reading(text, fetched_at, page_date_order([text], text))
    dateline_fields(text)
    joined = dateline_with_neighbours([text, "", text, "5:34 PM"], 2)
    parse_dateline(joined, fetched_at, order)


_SEPARATORS_AND_WORD_ENDS = st.sampled_from(["(", ")", ",", "\t", "\u2009", "Latest", "zest", "WIB", "Z"])
_ZONED = st.lists(
    st.one_of(_PIECES, _NUMBERS, _SEPARATORS_AND_WORD_ENDS),
    max_size=14,
).map(lambda parts: "".join(parts) if len(parts) % 2 else " ".join(parts))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=60), _ZONED))
def test_zones_blanked_by_search_match_the_zone_tail_pattern(text: str) -> None:
    """The cheap zone blanking (search the zone, widen back over separators) is the pattern's own."""
    assert dates._blank_zones(text) == dates._ZONE_TAIL.sub(" ", text)


_LABELLED = st.lists(
    st.one_of(
        _PIECES,
        _NUMBERS,
        st.sampled_from(
            ["Last updated", "first posted", "Veröffentlicht", "vor 3 Stunden", "un'ora fa", "3h"]
        ),
    ),
    max_size=10,
).map(" ".join)


_LED_PATTERNS = (
    *dates._DATES[: dates._CJK_AT],
    *dates._DATES[dates._CJK_AT + 1 :],
    *dates._DATES_WITHOUT_YEAR,
    dates._CLOCK,
    dates._WEEKDAY,
    dates._LABEL,
    dates._ZONE_ALONE,
    dates._RELATIVE,
    dates._CLOCK_AMPM_ONLY,
    dates._COMPACT_SPAN,
    dates._MILITARY_ZONED,
)
_LEAD = re.compile(r"^\(\?=(?:\[(?:\\.|[^\]])*\]|\\d)\)")
"""The lookahead a pattern starts with: a class of characters, or a digit."""
_LOOKAHEAD_LED = tuple(p for p in _LED_PATTERNS if _LEAD.match(p.pattern))
"""(The patterns led by their first character itself are checked in test_extraction_speeddates.)"""


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=60), _LABELLED, _ZONED))
def test_a_pattern_led_by_its_first_characters_finds_what_it_found_without_them(text: str) -> None:
    """A lookahead of a pattern's possible first characters only skips positions where it fails."""
    for pattern in _LOOKAHEAD_LED:
        unled = re.compile(_LEAD.sub("", pattern.pattern, count=1), pattern.flags)
        assert unled.pattern != pattern.pattern
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in unled.finditer(text)]
