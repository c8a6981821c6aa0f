"""A line's shape is measured once and the cheap checks in front of costly ones never change an answer.

The pre-checks (a line that could hold a date, a credit word, a row separator) skip regexes that
would fail anyway; these tests pin that they only ever skip what would fail, on made-up lines.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.extraction import dates
from newsflow.extraction.dates import could_be_dateline, looks_like_dateline
from newsflow.extraction.features import WORD, LineFeatures, case_counts, line_features
from newsflow.extraction.lines import (
    byline_names,
    content_words,
    has_credit_tail,
    is_prose,
    link_row,
    proper_names,
    title_case_ratio,
    words,
)

DATELINES = [
    "2021-03-03 14:05",
    "03/04/2025 5:34 PM",
    "17.02.2025 10.29",
    "Mar. 3, 2021 2:05 p.m.",
    "Updated 17 February 2025",
    "Posted on Sept 4, 2019",
    "Thu Sep 5 20:51:00 UTC 2019",
    "2025年2月17日 10時29分",
    "3 hours ago",
    "2 days ago",
    "Yesterday",
    "just now",
    "Updated 5 PM",
    "Yesterday, 17.34",
    "Updated 11:07",
    "Zorbel Quax · The Blorp Courier · 8 Feb 2019",
    "Friday 14 March 2025 17h34 GMT",
]


def test_every_dateline_shape_passes_the_date_precheck() -> None:
    for line in DATELINES:
        assert could_be_dateline(line), line
        assert looks_like_dateline(line), line


def test_lines_with_a_number_but_no_date_shape_fail_the_date_precheck() -> None:
    for line in ["188 replies", "Quaxel (6)", "▲ 29 ▼", "Blorp 42 zindle tromp 7"]:
        assert not could_be_dateline(line), line
        assert not looks_like_dateline(line), line


_PIECES = st.sampled_from(
    [" ", ", ", "/", ".", "-", ":", "|", "·", "h", "am", "p.m.", "of", "de", "th", "Updated", "ago",
     "hours", "today", "Yesterday", "May", "MARCH", "sept.", "Tuesday", "mon", "年", "月", "時", "Blorp"]
)  # fmt: skip
_NUMBERS = st.one_of(st.integers(0, 99).map(str), st.integers(1890, 2110).map(str))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_PIECES, _NUMBERS), max_size=10), glue=st.sampled_from(["", " "]))
def test_the_date_precheck_rejects_only_lines_the_readers_reject(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    if not could_be_dateline(text):
        assert not dates._plain_dateline(text)
        assert not dates._fielded_dateline(text)


def test_case_counts_agree_with_counting_each_character() -> None:
    for text in ["Ann Lee met BO in Kelmar", "Ärger über Öl in İstanbul", "ǅemal ſtraße ΣΑΣ", ""]:
        expected = (sum(ch.islower() for ch in text), sum(ch.isupper() for ch in text))
        assert case_counts(text) == expected, text


def test_a_line_is_measured_once_while_it_is_remembered() -> None:
    line = "Quaxel ferry sails again from Kelmar"
    assert line_features(line) is line_features(line)
    assert words(line) == 6
    assert title_case_ratio(line) == 2 / 6


def test_scripts_without_spaces_count_a_word_per_two_characters() -> None:
    assert LineFeatures("東京で新しい橋が開通した").words == 1 + 12 // 2


def test_prose_is_judged_on_the_line_as_given() -> None:
    sentence = "The Kelmar ferry sailed again on Tuesday after the pier was repaired by crews."
    assert is_prose(sentence)
    assert not is_prose("Kelmar Ferry Sails Again On Tuesday After The Pier Was Repaired")


def test_the_cheap_gates_keep_credits_rows_and_names() -> None:
    assert has_credit_tail("Crews repair the Kelmar pier (Photo: Zorbel Quax)")
    assert not has_credit_tail("Crews repair the Kelmar pier")
    assert link_row("Blorp | Quax | Zindle")
    assert link_row("Blorp — Quax — Zindle")
    assert not link_row("Blorp, Quax and Zindle")
    names = proper_names('Crews from Harland Marine said "Kelmar will reopen." Ostvik waits. NATO agreed')
    assert names == frozenset({"harland", "marine", "kelmar"})


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_lines_count_the_words_the_pattern_finds(text: str) -> None:
    assert LineFeatures(text).words == len(WORD.findall(text))


def test_content_words_are_the_long_folded_tokens_and_a_fresh_set_each_call() -> None:
    body = "Die Fähre von Kelmar fährt wieder; crews_of KELMAR said ﬁxing the pier took 12345 days."
    expected = {w for w in WORD.findall(unicodedata.normalize("NFKC", body).casefold()) if len(w) > 3}
    first = content_words(body)
    assert first == expected
    first.add("zorbel")
    assert content_words(body) == expected


def test_a_role_byline_needs_its_comma() -> None:
    assert byline_names("Zorbel Quaxley, Kelmar Staff Writer") == ["Zorbel Quaxley"]
    assert byline_names("Zorbel Quaxley Kelmar Staff Writer") == []


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_PIECES, _NUMBERS), max_size=10), glue=st.sampled_from(["", " "]))
def test_the_page_vote_precheck_passes_every_full_numeric_date(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    if dates._FULL_NUMERIC.search(text) is not None:
        assert dates._FULL_NUMERIC_HINT.search(text) is not None
    assert dates._page_votes("Kelmar 14/03/2024 and 03/15/2024") is None
    assert dates._page_votes("Kelmar pier 14/03/2024") is False
