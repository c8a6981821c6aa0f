"""ArticleStore on both engines for real: SQLite in a temp dir and a fresh PostgreSQL database."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection

from newsflow.shared.contracts import Article, Span
from newsflow.shared.errors import BadInput, Transient
from newsflow.store.query import ArticleFilter
from newsflow.store.schema import (
    article_countries,
    article_revisions,
    entities,
    facts,
    metadata,
    not_in_metadata,
    places,
    quotes,
)
from newsflow.store.store import MIGRATIONS, ArticleStore, SchemaError, classified

T0 = datetime(2025, 2, 18, 8, 0, tzinfo=UTC)
HANGZHOU = {
    "language": {"code": "en", "confidence": 0.99},
    "entities": {
        "items": [
            {
                "name": "Xi Jinping",
                "kind": "person",
                "label": "PERSON",
                "count": 2,
                "mentions": [
                    {"text": "Xi Jinping", "start": 0, "end": 10},
                    {"text": "Xi", "start": 20, "end": 22},
                ],
            },
            {"name": "Alibaba", "kind": "organization", "label": "ORG", "count": 1, "mentions": []},
        ]
    },
    "places": {
        "items": [
            {
                "name": "Hangzhou",
                "kind": "city",
                "country_code": "CN",
                "latitude": 30.29,
                "longitude": 120.16,
                "count": 3,
                "mentions": [],
            }
        ],
        "unresolved": [],
        "main_countries": ["CN"],
    },
    "quotes": {
        "items": [{"text": "We keep going", "speaker": "Xi Jinping", "kind": "direct", "start": 5, "end": 18}]
    },
    "numbers": {
        "items": [
            {
                "text": "over 280 new businesses",
                "value": 280.0,
                "unit": None,
                "counted": "new businesses",
                "qualifier": "over",
                "start": 0,
                "end": 23,
            }
        ]
    },
}


def make(
    segment: int = 0,
    *,
    page: str = "page-1",
    body: str = "The eastern Chinese tech city of Hangzhou keeps growing.",
    title: str | None = "Hangzhou drives vitality in sci-tech",
    fetched: datetime = T0,
    count: int = 2,
    enrichment: dict[str, Any] | None = None,
    **fields: Any,
) -> Article:
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:32]
    return Article(
        id=f"{page}-{segment}",
        page_id=page,
        source_uri=f"https://news.example/{page}",
        segment=segment,
        segment_count=count,
        title=title,
        body=body,
        content_hash=digest,
        fetched_at=fetched,
        parser="test/1",
        enrichment=HANGZHOU if enrichment is None else enrichment,
        **fields,
    )


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[ArticleStore]:
    s = ArticleStore(database_url)
    await s.migrate()
    try:
        yield s
    finally:
        await s.close()


async def scalar(store: ArticleStore, query: Any) -> Any:
    async with store.engine.connect() as conn:
        return (await conn.execute(query)).scalar_one()


async def side_counts(store: ArticleStore, article_id: str) -> dict[str, int]:
    counts = {}
    for table in (entities, places, quotes, facts, article_countries):
        query = select(func.count()).select_from(table).where(table.c.article_id == article_id)
        counts[table.name] = await scalar(store, query)
    return counts


# -- schema --------------------------------------------------------------------------------


async def test_migrate_twice_is_a_no_op_and_check_then_passes(database_url: str) -> None:
    store = ArticleStore(database_url)
    try:
        with pytest.raises(SchemaError):
            await store.check()
        await store.migrate()
        await store.migrate()
        await store.check()
        assert await store.count() == 0
    finally:
        await store.close()


async def test_migrated_schema_matches_the_metadata(store: ArticleStore) -> None:
    def diff(conn: Connection) -> list[Any]:
        context = MigrationContext.configure(
            conn, opts={"include_name": not_in_metadata, "compare_type": True}
        )
        return list(compare_metadata(context, metadata))

    async with store.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_migrations_go_down_to_nothing_and_up_again(store: ArticleStore) -> None:
    await store.upsert([make(0)])

    def run(conn: Connection, direction: str) -> list[str]:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        getattr(command, direction)(config, "base" if direction == "downgrade" else "head")
        return sorted(inspect(conn).get_table_names())

    async with store.engine.begin() as conn:
        assert await conn.run_sync(run, "downgrade") == ["alembic_version"]
    async with store.engine.begin() as conn:
        assert "articles" in await conn.run_sync(run, "upgrade")
    await store.check()
    assert await store.count() == 0


async def test_database_made_before_migrations_is_refused(database_url: str) -> None:
    store = ArticleStore(database_url)
    try:
        async with store.engine.begin() as conn:
            await conn.execute(text("CREATE TABLE articles (id VARCHAR(64) PRIMARY KEY)"))
        with pytest.raises(SchemaError, match="before migrations"):
            await store.migrate()
    finally:
        await store.close()


# -- upsert semantics ----------------------------------------------------------------------


async def test_same_articles_again_are_a_no_op(store: ArticleStore) -> None:
    batch = [make(0), make(1, body="Iran says supplies are ensured.")]
    await store.upsert(batch)
    first = await store.documents()
    await store.upsert(batch)
    assert store.last.unchanged == 2
    again = await store.documents()
    assert again == first
    assert [d.revision for d in again] == [1, 1]


async def test_changed_article_keeps_its_id_bumps_revision_and_keeps_the_old_version(
    store: ArticleStore,
) -> None:
    await store.upsert([make(0), make(1, body="Iran says supplies are ensured.")])
    edited = make(0, body="Hangzhou now has over 290 new businesses.", fetched=T0 + timedelta(hours=1))
    await store.upsert([edited])
    docs = {d.id: d for d in await store.documents()}
    assert set(docs) == {"page-1-0", "page-1-1"}
    assert docs["page-1-0"].revision == 2
    assert docs["page-1-0"].body == edited.body
    assert docs["page-1-1"].revision == 1
    shown = await store.get("page-1-0")
    assert shown is not None
    assert [(r.revision, r.body) for r in shown.revisions] == [
        (1, "The eastern Chinese tech city of Hangzhou keeps growing.")
    ]
    assert shown.revisions[0].fetched_at == T0
    assert shown.page is not None and shown.page.fetched_at == T0 + timedelta(hours=1)
    assert (shown.page.uri, shown.page.segment_count) == ("https://news.example/page-1", 2)


async def test_older_version_arriving_late_never_overwrites_the_newer(store: ArticleStore) -> None:
    newer = make(0, body="The newer text.", fetched=T0 + timedelta(hours=2))
    await store.upsert([newer])
    await store.upsert([make(0, body="The older text.", fetched=T0)])
    [doc] = await store.documents()
    assert (doc.body, doc.revision) == ("The newer text.", 1)
    assert await scalar(store, select(func.count()).select_from(article_revisions)) == 0


async def test_older_version_arriving_after_a_newer_one_with_unchanged_content_does_not_win(
    store: ArticleStore,
) -> None:
    await store.upsert([make(0, body="Beta.", fetched=T0)])
    await store.upsert([make(0, body="Beta.", fetched=T0 + timedelta(hours=3))])  # same content, newer
    await store.upsert([make(0, body="Alpha.", fetched=T0 + timedelta(hours=1))])  # older, different
    [doc] = await store.documents()
    assert (doc.body, doc.revision, doc.fetched_at) == ("Beta.", 1, T0 + timedelta(hours=3))


async def test_segments_the_newer_version_no_longer_has_are_removed_with_their_side_rows(
    store: ArticleStore,
) -> None:
    await store.upsert([make(i, count=3, body=f"Story number {i}.") for i in range(3)])
    assert (await side_counts(store, "page-1-2"))["entities"] == 2
    await store.upsert([make(0, count=1, body="Story number 0.", fetched=T0 + timedelta(hours=1))])
    assert [d.id for d in await store.documents()] == ["page-1-0"]
    assert set((await side_counts(store, "page-1-2")).values()) == {0}


async def test_late_segment_of_an_older_version_is_not_stored_again(store: ArticleStore) -> None:
    await store.upsert([make(0, count=1, fetched=T0 + timedelta(hours=1))])
    await store.upsert([make(1, count=2, body="Dropped since.", fetched=T0)])
    assert store.last.stale == 1
    assert [d.id for d in await store.documents()] == ["page-1-0"]


async def test_late_older_version_does_not_remove_segments_of_the_newer(store: ArticleStore) -> None:
    await store.upsert(
        [make(i, count=3, body=f"Story {i}.", fetched=T0 + timedelta(hours=1)) for i in range(3)]
    )
    await store.upsert([make(0, count=1, body="Old story 0.", fetched=T0)])
    assert len(await store.documents()) == 3


async def test_same_id_twice_in_a_batch_ends_with_the_newest_the_older_kept_as_a_revision(
    store: ArticleStore,
) -> None:
    await store.upsert(
        [make(0, body="Later.", fetched=T0 + timedelta(minutes=5)), make(0, body="Earlier.", fetched=T0)]
    )
    [doc] = await store.documents()
    assert (doc.body, doc.revision) == ("Later.", 2)
    shown = await store.get(doc.id)
    assert shown is not None and [r.body for r in shown.revisions] == ["Earlier."]


async def test_side_rows_are_rewritten_when_the_article_changes(store: ArticleStore) -> None:
    await store.upsert([make(0)])
    fewer = {
        "entities": {
            "items": [
                {"name": "DeepSeek", "kind": "organization", "label": "ORG", "count": 1, "mentions": []}
            ]
        }
    }
    await store.upsert([make(0, body="DeepSeek only.", fetched=T0 + timedelta(hours=1), enrichment=fewer)])
    shown = await store.get("page-1-0")
    assert shown is not None
    assert [e.name for e in shown.entities] == ["DeepSeek"]
    assert shown.places == shown.quotes == shown.facts == shown.countries == []


async def test_enrichment_side_rows_are_queryable(store: ArticleStore) -> None:
    await store.upsert([make(0)])
    shown = await store.get("page-1-0")
    assert shown is not None
    assert [(e.name, e.key, e.kind, e.label, e.mentions) for e in shown.entities] == [
        ("Xi Jinping", "xi jinping", "person", "PERSON", 2),
        ("Alibaba", "alibaba", "organization", "ORG", 1),
    ]
    assert [e.forms for e in shown.entities] == [["Xi Jinping", "Xi"], []]
    assert [(p.name, p.country, p.lat, p.lon) for p in shown.places] == [("Hangzhou", "CN", 30.29, 120.16)]
    assert shown.countries == ["CN"]
    assert [(q.speaker, q.kind, q.start_char, q.end_char) for q in shown.quotes] == [
        ("Xi Jinping", "direct", 5, 18)
    ]
    assert [(f.value, f.counted, f.qualifier) for f in shown.facts] == [(280.0, "new businesses", "over")]


@pytest.mark.parametrize(
    "enrichment",
    [
        {},
        {"language": "EN", "entities": [{"text": "Bare list"}], "places": None, "quotes": "oops"},
        {
            "entities": {"items": [{"label": "ORG"}, "not a dict", {"name": "  "}]},
            "numbers": [{"value": "n/a"}],
        },
        {"places": {"items": [{"name": "Nowhere", "latitude": "north", "longitude": 999}]}, "countries": [7]},
    ],
)
async def test_missing_or_odd_enrichment_is_stored_without_error(
    store: ArticleStore, enrichment: dict[str, Any]
) -> None:
    await store.upsert([make(0, enrichment=enrichment)])
    [doc] = await store.documents()
    assert doc.enrichment.model_dump(mode="json") == enrichment


async def test_document_round_trips_the_article(store: ArticleStore) -> None:
    article = make(
        0,
        published_at="2025-02-17T10:29:00+08:00",
        category="China",
        authors=["Li Wei"],
        captions=["A robot"],
        provenance={"title": Span(start_line=3, end_line=3)},
        enrichment_errors={"tone": "boom"},
    )
    await store.upsert([article])
    [doc] = await store.documents()
    assert (doc.revision, doc.language) == (1, "en")
    kept = doc.model_dump(mode="json", exclude={"revision", "language", "stored_at"})
    assert Article.model_validate(kept) == article


async def test_count_for_pages_and_documents_by_page(store: ArticleStore) -> None:
    await store.upsert([make(0), make(1, body="Two."), make(0, page="page-2", count=1)])
    assert await store.count_for_pages(["page-1", "page-2", "page-1"]) == 3
    assert [d.id for d in await store.documents(["page-2"])] == ["page-2-0"]


async def test_concurrent_writers_keep_the_newest_version(database_url: str) -> None:
    stores = [ArticleStore(database_url) for _ in range(3)]
    await stores[0].migrate()
    versions = [make(0, body=f"Version {v}.", fetched=T0 + timedelta(minutes=v)) for v in range(12)]
    try:
        await asyncio.gather(*(stores[v % 3].upsert([versions[v]]) for v in range(12)))
        [doc] = await stores[0].documents()
        assert doc.body == "Version 11."
        revisions = await scalar(stores[0], select(func.count()).select_from(article_revisions))
        assert doc.revision == revisions + 1
    finally:
        for s in stores:
            await s.close()


# -- failures ------------------------------------------------------------------------------


async def test_unreachable_postgres_raises_transient() -> None:
    store = ArticleStore("postgresql://postgres@127.0.0.1:1/none")
    try:
        with pytest.raises(Transient):
            await store.upsert([make(0)])
    finally:
        await store.close()


async def test_unopenable_sqlite_file_raises_transient(tmp_path: Any) -> None:
    store = ArticleStore(f"sqlite:///{tmp_path}/missing/dir/x.db")
    try:
        with pytest.raises(Transient):
            await store.upsert([make(0)])
    finally:
        await store.close()
        # aiosqlite finishes a failed connection's thread when it is collected: let it, while
        # this test's event loop still runs.
        gc.collect()
        await asyncio.sleep(0.05)


def test_raw_sqlite_errors_from_the_bulk_path_are_classified(tmp_path: Any) -> None:
    path = str(tmp_path / "locked.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    holder.execute("INSERT INTO t VALUES (1)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError) as locked:
            other.execute("BEGIN IMMEDIATE")
        holder.execute("ROLLBACK")
        with pytest.raises(sqlite3.IntegrityError) as duplicate:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        other.close()
        holder.close()
    assert isinstance(classified(locked.value), Transient)
    assert isinstance(classified(duplicate.value), BadInput)


@pytest.mark.postgres
async def test_row_postgres_rejects_raises_bad_input_and_leaves_the_batch_unwritten(
    postgres_url: str,
) -> None:
    store = ArticleStore(postgres_url)
    await store.migrate()
    try:
        with pytest.raises(BadInput):
            await store.upsert([make(1, body="Fine."), make(0, body="NUL \x00 byte")])
        assert await store.count() == 0
        await store.upsert([make(1, body="Fine.")])
        assert await store.count() == 1
    finally:
        await store.close()


@pytest.mark.postgres
async def test_body_too_large_for_postgres_search_raises_bad_input(postgres_url: str) -> None:
    store = ArticleStore(postgres_url)
    await store.migrate()
    try:
        with pytest.raises(BadInput, match="too long for tsvector"):
            await store.upsert([make(0, body=" ".join(f"w{i}qz" for i in range(200_000)))])
    finally:
        await store.close()


# -- reading -------------------------------------------------------------------------------


async def test_filters_select_by_time_source_language_country_entity_category(store: ArticleStore) -> None:
    await store.upsert(
        [
            make(0, page="cn", count=1, published_at="2025-02-17T10:29:00+08:00", category="China"),
            make(
                0,
                page="ir",
                count=1,
                body="Tehran says supplies are ensured.",
                published_at="2025-01-10",
                category="World",
                enrichment={
                    "language": {"code": "fa", "confidence": 0.9},
                    "entities": {
                        "items": [
                            {
                                "name": "Masoud Pezeshkian",
                                "kind": "person",
                                "label": "PERSON",
                                "count": 1,
                                "mentions": [],
                            }
                        ]
                    },
                    "places": {
                        "items": [
                            {
                                "name": "Tehran",
                                "kind": "city",
                                "country_code": "IR",
                                "latitude": 35.69,
                                "longitude": 51.42,
                                "count": 1,
                                "mentions": [],
                            }
                        ],
                        "main_countries": ["IR"],
                    },
                },
            ),
            make(0, page="none", count=1, body="No date, no enrichment.", enrichment={}),
        ]
    )

    async def ids(**where: Any) -> list[str]:
        return [d.page_id for d in await store.find(ArticleFilter(**where))]

    assert await ids() == ["none", "cn", "ir"]  # newest first; undated articles by fetch time
    assert await ids(since=datetime(2025, 2, 1, tzinfo=UTC), until=datetime(2025, 2, 18, tzinfo=UTC)) == [
        "cn"
    ]
    assert await ids(until=datetime(2025, 2, 17, 2, 29, tzinfo=UTC)) == ["ir"]  # exclusive
    assert await ids(source="NEWS.example/IR") == ["ir"]
    assert await ids(source="100%") == []
    assert await ids(language="EN") == ["cn"]
    assert await ids(country="ir") == ["ir"]
    assert await ids(entity="  xi   JINPING ") == ["cn"]
    assert await ids(category="world") == ["ir"]
    assert await ids(language="en", country="IR") == []
    assert await ids(limit=1) == ["none"]


async def test_get_accepts_a_unique_id_prefix(store: ArticleStore) -> None:
    await store.upsert([make(0, page="alpha", count=1), make(0, page="beta", count=1)])
    shown = await store.get("alp")
    assert shown is not None
    assert shown.id == "alpha-0"
    assert await store.get("nothing") is None
    await store.upsert([make(0, page="alpine", count=1)])
    with pytest.raises(LookupError):
        await store.get("alp")


async def test_search_ranks_title_matches_above_body_matches(store: ArticleStore) -> None:
    await store.upsert(
        [
            make(0, page="body", count=1, title="Markets", body="Analysts discussed robots at length today."),
            make(
                0, page="title", count=1, title="Robots everywhere", body="Analysts discussed markets today."
            ),
            make(0, page="other", count=1, title="Weather", body="Rain is expected tomorrow."),
        ]
    )
    hits = await store.search("robot")  # stemmed: matches "robots"
    assert [h.article.page_id for h in hits] == ["title", "body"]
    assert hits[0].rank > hits[1].rank
    assert "«" in hits[1].snippet


async def test_search_phrases_or_and_exclusion(store: ArticleStore) -> None:
    await store.upsert(
        [
            make(0, page="a", count=1, title=None, body="The new businesses registered daily in Hangzhou."),
            make(0, page="b", count=1, title=None, body="Businesses were new to the protests in Tehran."),
            make(0, page="c", count=1, title=None, body="Supplies reached Tehran."),
        ]
    )

    async def found(query: str) -> set[str]:
        return {h.article.page_id for h in await store.search(query)}

    assert await found('"new businesses"') == {"a"}
    assert await found("new businesses") == {"a", "b"}
    assert await found("hangzhou OR supplies") == {"a", "c"}
    assert await found("tehran -protests") == {"c"}
    assert await found('sci-tech "unclosed AND NEAR( * ^') == set()
    assert await found("- ( ) *") == set()
    assert await found("tehran") == {"b", "c"}
    assert {h.article.page_id for h in await store.search("tehran", ArticleFilter(source="/c"))} == {"c"}


async def test_search_follows_revisions_and_removals(store: ArticleStore) -> None:
    await store.upsert([make(0, count=2, body="Talk of pandas."), make(1, count=2, body="Koalas too.")])
    await store.upsert([make(0, count=1, body="Talk of tigers.", fetched=T0 + timedelta(hours=1))])
    assert await store.search("pandas") == []
    assert await store.search("koalas") == []
    assert [h.article.id for h in await store.search("tigers")] == ["page-1-0"]
