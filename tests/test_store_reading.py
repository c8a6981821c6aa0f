"""The read side returns typed models, the same on SQLite and PostgreSQL, serialised as the JSON documents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from newsflow.shared.contracts import Article, Span
from newsflow.shared.enrichment import Entity, Language, NumericFact, Place
from newsflow.store.models import (
    SearchHit,
    StoredArticle,
    StoredArticleDetail,
    StoredEnrichment,
    StoredEntity,
    StoredFact,
    StoredPage,
    StoredPlace,
    StoredQuote,
    StoredRevision,
)
from newsflow.store.query import ArticleFilter
from newsflow.store.store import ArticleStore
from tests.test_store import HANGZHOU, T0, make

#: The keys of an article's JSON document, in order, as `articles --jsonl`, exports and the api write them.
DOCUMENT_KEYS = [
    "schema_version",
    "id",
    "page_id",
    "source_uri",
    "segment",
    "segment_count",
    "title",
    "body",
    "published_at",
    "updated_at",
    "category",
    "authors",
    "captions",
    "provenance",
    "content_hash",
    "fetched_at",
    "parser",
    "enrichment",
    "enrichment_errors",
    "enrichers",
    "url",
    "metadata",
    "revision",
    "language",
    "stored_at",
]
DETAIL_KEYS = [*DOCUMENT_KEYS, "entities", "places", "quotes", "facts", "countries", "revisions", "page"]


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[ArticleStore]:
    s = ArticleStore(database_url)
    await s.migrate()
    try:
        yield s
    finally:
        await s.close()


def _article() -> Article:
    return make(
        0,
        published_at="2025-02-17T10:29:00+08:00",
        authors=["Li Wei"],
        provenance={"title": Span(start_line=3, end_line=3)},
        enrichers={"entities": "1"},
        url="https://news.example/hangzhou",
        metadata={"site": "news.example"},
    )


def _is_utc(value: datetime) -> bool:
    return value.utcoffset() == timedelta(0)


async def test_get_reads_the_article_and_its_side_rows_as_typed_models(store: ArticleStore) -> None:
    await store.upsert([_article()])
    await store.upsert([make(0, body="Hangzhou grows on.", fetched=T0 + timedelta(hours=1))])
    shown = await store.get("page-1-0")
    assert isinstance(shown, StoredArticleDetail)
    assert shown.fetched_at == T0 + timedelta(hours=1) and _is_utc(shown.fetched_at)
    assert isinstance(shown.stored_at, datetime) and _is_utc(shown.stored_at)
    assert shown.dated_at == T0 + timedelta(hours=1)  # the newer version gives no publication time
    assert isinstance(shown.enrichment.language, Language) and shown.enrichment.language.code == "en"
    assert shown.enrichment.entities is not None
    assert [type(e) for e in shown.enrichment.entities.items] == [Entity, Entity]
    assert shown.enrichment.places is not None and isinstance(shown.enrichment.places.items[0], Place)
    assert shown.enrichment.numbers is not None
    assert isinstance(shown.enrichment.numbers.items[0], NumericFact)
    assert [type(e) for e in shown.entities] == [StoredEntity, StoredEntity]
    assert [type(p) for p in shown.places] == [StoredPlace]
    assert [type(q) for q in shown.quotes] == [StoredQuote]
    assert [type(f) for f in shown.facts] == [StoredFact]
    assert shown.countries == ["CN"]
    [revision] = shown.revisions
    assert isinstance(revision, StoredRevision) and revision.revision == 1
    assert revision.fetched_at == T0 and _is_utc(revision.replaced_at)
    assert revision.enrichment.language == Language(code="en", confidence=0.99)
    assert isinstance(shown.page, StoredPage) and shown.page.fetched_at == T0 + timedelta(hours=1)


async def test_find_documents_and_search_read_typed_stored_articles(store: ArticleStore) -> None:
    await store.upsert([_article()])
    [found] = await store.find(ArticleFilter(entity="xi jinping"))
    [listed] = await store.documents()
    [hit] = await store.search("hangzhou")
    assert isinstance(hit, SearchHit) and isinstance(hit.rank, float) and "«" in hit.snippet
    for article in (found, listed, hit.article):
        assert type(article) is StoredArticle
        assert article.fetched_at == T0 and _is_utc(article.fetched_at)
        assert article.dated_at == datetime(2025, 2, 17, 2, 29, tzinfo=UTC)
        assert article.provenance == {"title": Span(start_line=3, end_line=3)}
        assert (article.url, article.metadata, article.enrichers) == (
            "https://news.example/hangzhou",
            {"site": "news.example"},
            {"entities": "1"},
        )
        assert article.enrichment.places is not None
        assert article.enrichment.places.main_countries == ["CN"]


async def test_the_json_documents_keep_their_keys_and_formats(store: ArticleStore) -> None:
    await store.upsert([_article()])
    shown = await store.get("page-1-0")
    assert shown is not None
    detail = shown.model_dump(mode="json")
    assert list(detail) == DETAIL_KEYS
    [listed] = await store.documents()
    document = listed.model_dump(mode="json")
    assert list(document) == DOCUMENT_KEYS
    assert document["fetched_at"] == "2025-02-18T08:00:00Z"
    assert document["stored_at"].endswith("Z")
    assert document["enrichment"] == HANGZHOU
    assert detail["page"]["fetched_at"] == "2025-02-18T08:00:00Z"
    assert StoredArticle.model_validate(document) == listed.model_copy(update={"dated_at": None})


def test_an_output_not_of_its_models_shape_or_an_unknown_enricher_is_kept_as_stored() -> None:
    stored = {"language": "EN", "entities": HANGZHOU["entities"], "sentiment": {"score": 1}}
    enrichment = StoredEnrichment.model_validate(stored)
    assert enrichment.language is None and enrichment.entities is not None
    assert enrichment.other == {"language": "EN", "sentiment": {"score": 1}}
    assert enrichment.model_dump(mode="json") == stored
    assert list(enrichment.model_dump(mode="json")) == list(stored)


def test_a_stored_article_has_every_field_of_the_article_contract() -> None:
    assert set(Article.model_fields) <= set(StoredArticle.model_fields)
