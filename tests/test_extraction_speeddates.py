"""Date patterns led by their first character itself (not by a lookahead) find what the lookahead
forms found: the same spans and groups, from any start position."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.extraction import dates

_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º)?"
_REWRITTEN = (
    (dates._DATES[0], dates._led_year(r"\d"), r"(?<!\d)(?P<y>(?:19|20)\d{2})"),
    (dates._DATES[5], dates._led_year(r"\w"), r"\b(?P<y>(?:19|20)\d{2})"),
    (dates._DATES[3], dates._led_day(r"\w"), r"\b(?P<d>[0-3]?\d)" + _DAY_SUFFIX),
    (dates._SHORT_YEAR, dates._led_day(r"\w"), r"\b(?P<d>[0-3]?\d)" + _DAY_SUFFIX),
    (dates._DATES_WITHOUT_YEAR[1], dates._led_day(r"\w.,:"), r"(?<![\d.,:])\b(?P<d>[0-3]?\d)" + _DAY_SUFFIX),
    (dates._NUMERIC, r"(?P<a>\d(?<![\d.]\d)(?:(?<=[0-3])\d)?)", r"(?<![\d.])(?P<a>[0-3]?\d)"),
    (dates._CLOCK, r"(?P<hh>\d(?<![\d.$€£¥]\d)(?:(?<=[0-2])\d)?)", r"(?<![\d.$€£¥])(?P<hh>[0-2]?\d)"),
    (
        dates._MILITARY_ZONED,
        r"(?P<hh>\d(?<![\d:.]\d)(?:(?<=[01])\d|(?<=2)[0-3]))",
        r"(?<![\d:.])(?P<hh>[01]\d|2[0-3])",
    ),
    (
        dates._CLOCK_AMPM_ONLY,
        r"(?P<hh>\d(?<![\d.:]\d)(?:(?<=1)[0-2]|(?<=0)[1-9]|(?<=[1-9])))",
        r"(?<![\d.:])(?P<hh>1[0-2]|0?[1-9])",
    ),
    (dates._COMPACT_SPAN, r"(?P<n>\d(?<![\w$€£¥.,:/-]\d)\d{0,2})", r"(?<![\w$€£¥.,:/-])(?P<n>\d{1,3})"),
)
_PIECES = st.sampled_from(
    [
        "0", "1", "2", "3", "9", "12", "19", "20", "31", "2024", "1999", "07", "١", "x", "_", ".", ",", ":",
        "/", "-", "$", "€", " ", "Mar", "march", "Juni", "of", "de", "st", "th", "º", "'", "’", "am", "p.m.",
        "h", "m", "min", "GMT", "UTC", "+02:00", "年", "Thu",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=14).map("".join))


def _matches(
    pattern: re.Pattern[str], text: str, pos: int
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos)]


def test_every_rewritten_pattern_starts_with_its_led_form() -> None:
    for pattern, led, _ in _REWRITTEN:
        assert pattern.pattern.startswith(led)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, pos=st.integers(0, 6))
def test_a_pattern_led_by_its_first_character_finds_what_its_lookahead_form_found(
    text: str, pos: int
) -> None:
    """The lookbehinds after the first character see what the lookbehinds before it saw."""
    for pattern, led, plain in _REWRITTEN:
        reference = re.compile(plain + pattern.pattern[len(led) :], pattern.flags)
        assert _matches(pattern, text, pos) == _matches(reference, text, pos)
