"""The one search syntax, written out for FTS5 and as a PostgreSQL tsquery."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql

from newsflow.store.search import (
    MAX_TERMS,
    Query,
    QueryTooLong,
    bounded,
    fts5_query,
    parse,
    pg_tsquery,
)
from tests.test_articles_cli import run, stored  # noqa: F401 (a fixture)


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
        ("NOT harbour", [], ["harbour"]),
        ('plague NOT "black death" OR x', [["plague"], ["x"]], ["black death"]),
        ("not the harbour", [["harbour"]], []),
        ("ship OR the OR boat storm", [["ship", "boat"], ["storm"]], []),
        ("ship OR the OR boat -x OR y", [["ship", "boat"], ["y"]], ["x"]),
        ('"the" OR of -a "state of the art"', [["state of the art"]], []),
    ],
)
def test_parse_reads_words_phrases_or_and_exclusions(
    raw: str, groups: list[list[str]], excluded: list[str]
) -> None:
    assert parse(raw) == Query(groups, excluded)


def test_fts5_query_quotes_every_term_so_user_input_is_never_syntax() -> None:
    query = parse('hangzhou OR "new AND NEAR(x)" -protest sci-tech')
    assert fts5_query(query) == '(("hangzhou" OR "new AND NEAR(x)") AND "sci-tech") NOT "protest"'


def test_pg_tsquery_nests_as_parsed_and_binds_every_term() -> None:
    query = parse('trump china OR "new businesses" -protest')
    compiled = pg_tsquery(query).compile(dialect=postgresql.dialect())  # type: ignore[union-attr]
    sql = str(compiled).replace("'english'::regconfig", "c")
    assert sql == (
        "tsquery_and(tsquery_and(phraseto_tsquery(c, %(term_1)s::VARCHAR), "
        "tsquery_or(phraseto_tsquery(c, %(term_2)s::VARCHAR), phraseto_tsquery(c, %(term_3)s::VARCHAR))), "
        "tsquery_not(phraseto_tsquery(c, %(term_4)s::VARCHAR)))"
    )
    assert compiled.params == {
        "term_1": "trump",
        "term_2": "china",
        "term_3": "new businesses",
        "term_4": "protest",
    }


def test_nothing_to_look_for_gives_no_query() -> None:
    assert fts5_query(parse("-only -exclusions")) is None
    assert pg_tsquery(parse("   ")) is None
    assert pg_tsquery(parse("NOT harbour")) is None


def test_a_query_over_the_term_bound_is_refused_naming_it() -> None:
    words = " ".join(f"word{n}" for n in range(MAX_TERMS + 1))
    with pytest.raises(QueryTooLong, match=f"at most {MAX_TERMS}"):
        bounded(parse(words))
    assert bounded(parse(words.rsplit(" ", 1)[0])).terms == MAX_TERMS


def test_repeated_terms_are_searched_for_once() -> None:
    query = parse("Ship ship OR boat OR SHIP storm boat OR ship -x -X storm")
    assert query == Query([["Ship"], ["ship", "boat"], ["storm"]], ["x"])


@pytest.mark.usefixtures("stored")
def test_the_command_line_refuses_a_400_word_query_naming_the_bound() -> None:
    words = " ".join(f"word{n}" for n in range(400))
    result = run("search", words)
    assert result.exit_code != 0
    assert f"at most {MAX_TERMS}" in result.output and "MAX_TERMS" in result.output
