"""Search means the same on SQLite and PostgreSQL: the parsed tree, rendered per engine."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsflow.store.query import ArticleFilter
from newsflow.store.store import ArticleStore
from tests.test_store import make

pytestmark = pytest.mark.postgres

#: Words whose FTS5 porter stem and PostgreSQL english stem pick out the same words here.
WORDS = ("trump", "china", "beijing", "black", "death", "plague", "bubonic", "harbour", "ship", "storm")
STOP = ("not", "the", "or", "of")
ISSUE = {
    "a": "Trump visits China to talk about trade",
    "b": "Beijing hosts the summit on trade",
    "c": "Trump speaks about Beijing and its harbour",
    "d": "The Black Death was a plague",
    "e": "Bubonic plague is not the Black Death",
    "f": "A plague of rats in the harbour",
    "g": "Storm closes the harbour to every ship",
}


def corpus() -> dict[str, str]:
    """The issue's articles plus 60 generated from a small vocabulary (fixed seed)."""
    rng = random.Random(15)
    docs = dict(ISSUE)
    for n in range(60):
        docs[f"r{n}"] = " ".join(rng.choice(WORDS + STOP) for _ in range(rng.randint(3, 9)))
    return docs


class Engines:
    """The same articles stored in a SQLite and a PostgreSQL store, searched from one event loop."""

    def __init__(self, sqlite_url: str, postgres_url: str) -> None:
        self.runner = asyncio.Runner()
        self.stores = [ArticleStore(sqlite_url), ArticleStore(postgres_url)]
        articles = [make(0, page=key, count=1, title=None, body=body) for key, body in corpus().items()]
        for store in self.stores:
            self.runner.run(store.migrate())
            self.runner.run(store.upsert(articles))

    def ids(self, query: str) -> list[set[str]]:
        where = ArticleFilter(limit=1000)
        found = []
        for store in self.stores:
            hits = self.runner.run(store.search(query, where))
            found.append({hit.article.page_id for hit in hits})
        return found

    def close(self) -> None:
        for store in self.stores:
            self.runner.run(store.close())
        self.runner.close()


@pytest.fixture
def engines(sqlite_url: str, postgres_url: str) -> Iterator[Engines]:
    both = Engines(sqlite_url, postgres_url)
    try:
        yield both
    finally:
        both.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trump china OR beijing", {"a", "c"}),
        ('"Black Death" OR plague -bubonic', {"d", "f"}),
        ('"black death" OR plague NOT bubonic', {"d", "f"}),
        ("NOT harbour", set()),
        ("not harbour", {"c", "f", "g"}),
        ("the OR harbour ship", {"g"}),
        ("harbour -the", {"c", "f", "g"}),
        ("-trump -china", set()),
    ],
)
def test_issue_queries_mean_the_same_on_both_engines(
    engines: Engines, query: str, expected: set[str]
) -> None:
    on_sqlite, on_postgresql = engines.ids(query)
    assert on_sqlite & set(ISSUE) == expected
    assert on_postgresql == on_sqlite


def _term() -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS + STOP + tuple(w.upper() for w in WORDS[:3]))
    phrase = st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"')
    plain = st.one_of(word, phrase)
    return st.one_of(plain, plain.map(lambda t: "-" + t), plain.map(lambda t: "NOT " + t), st.just("OR"))


QUERIES = st.lists(_term(), min_size=1, max_size=7).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_both_engines_return_the_same_ids_for_any_query(engines: Engines, query: str) -> None:
    on_sqlite, on_postgresql = engines.ids(query)
    assert on_sqlite == on_postgresql, (query, sorted(on_sqlite ^ on_postgresql))
