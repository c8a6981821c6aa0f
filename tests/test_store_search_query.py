"""The one search syntax, written out for FTS5 and for websearch_to_tsquery."""

from __future__ import annotations

import pytest

from newsflow.sink.search import Query, fts5_query, parse, websearch_query


@pytest.mark.parametrize(
    ("raw", "groups", "excluded"),
    [
        ("new businesses", [["new"], ["businesses"]], []),
        ('"new businesses" hangzhou', [["new businesses"], ["hangzhou"]], []),
        ("hangzhou OR tehran supplies", [["hangzhou", "tehran"], ["supplies"]], []),
        ("tehran -protests", [["tehran"]], ["protests"]),
        ('-"state media" iran', [["iran"]], ["state media"]),
        ('sci-tech ab"c', [["sci-tech"], ["ab c"]], []),
        ("OR lonely OR", [["lonely"]], []),
        ("- ( ) * ^", [], []),
        ('"unclosed phrase', [["unclosed phrase"]], []),
    ],
)
def test_parse_reads_words_phrases_or_and_exclusions(
    raw: str, groups: list[list[str]], excluded: list[str]
) -> None:
    assert parse(raw) == Query(groups, excluded)


def test_fts5_query_quotes_every_term_so_user_input_is_never_syntax() -> None:
    query = parse('hangzhou OR "new AND NEAR(x)" -protest sci-tech')
    assert fts5_query(query) == '(("hangzhou" OR "new AND NEAR(x)") AND "sci-tech") NOT "protest"'


def test_websearch_query_says_the_same_for_postgresql() -> None:
    query = parse('hangzhou OR "new businesses" -protest')
    assert websearch_query(query) == '"hangzhou" or "new businesses" -"protest"'


def test_nothing_to_look_for_gives_no_query() -> None:
    assert fts5_query(parse("-only -exclusions")) is None
    assert websearch_query(parse("   ")) is None
