"""SQLite stores what PostgreSQL stores, and refuses what it refuses, as bad input."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from newsflow.shared.errors import BadInput
from newsflow.store.store import ArticleStore
from tests.test_store import T0, make

LONG_PAGE = "p" * 100


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[ArticleStore]:
    s = ArticleStore(database_url)
    await s.migrate()
    try:
        yield s
    finally:
        await s.close()


@pytest.mark.parametrize(
    "fields",
    [
        {"body": "A body with a NUL\x00 inside it."},
        {"title": "Title\x00"},
        {"category": "World\x00"},
        {"authors": ["Jane\x00 Doe"]},
        {"enrichment": {"keywords": {"items": ["nul\x00"]}}},
        {"captions": ["Photo\x00"]},
        {"page": LONG_PAGE},
    ],
    ids=["body", "title", "category", "authors", "enrichment", "captions", "page-id-100"],
)
async def test_what_postgresql_refuses_is_bad_input_on_both_engines(
    store: ArticleStore, fields: dict[str, Any]
) -> None:
    bad = make(0, count=1, **fields)
    with pytest.raises(BadInput):
        await store.upsert([bad])
    await store.upsert([make(0, page="good", count=1)])  # the store still works
    assert await store.count() == 1


async def test_a_refused_article_refuses_its_batch_and_the_rest_stores_on_its_own(
    store: ArticleStore,
) -> None:
    good = [make(0, page=f"good-{n}", count=1) for n in range(3)]
    with pytest.raises(BadInput):
        await store.upsert([*good, make(0, page="bad", count=1, body="NUL\x00")])
    assert await store.count() == 0
    await store.upsert(good)
    assert await store.count() == 3


async def test_a_refused_change_keeps_the_stored_version(store: ArticleStore) -> None:
    await store.upsert([make(0, count=1)])
    with pytest.raises(BadInput):
        await store.upsert([make(0, count=1, body="Changed\x00", fetched=T0 + timedelta(hours=1))])
    (doc,) = await store.documents()
    assert doc.revision == 1 and "\x00" not in doc.body


async def test_ids_of_64_characters_and_text_without_nul_are_stored_on_both(store: ArticleStore) -> None:
    article = make(0, page="q" * 62, count=1, body="Backslash-u text: \\u0000 is six characters.")
    await store.upsert([article])
    (doc,) = await store.documents()
    assert doc.id == "q" * 62 + "-0" and doc.body == article.body
