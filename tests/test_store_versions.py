"""Property: whatever order and batching versions of a page arrive in, the newest one is what is stored."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from newsflow.shared.contracts import Article
from newsflow.store.schema import article_revisions
from newsflow.store.store import ArticleStore
from tests.test_store import T0, make

# A page version: the bodies of its segments (few distinct bodies, so unchanged segments happen).
versions_strategy = st.lists(
    st.lists(st.sampled_from(["Alpha.", "Beta.", "Gamma."]), min_size=1, max_size=3), min_size=1, max_size=4
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(versions=versions_strategy, data=st.data())
def test_any_delivery_order_ends_with_the_newest_version(
    database_url: str, versions: list[list[str]], data: st.DataObject
) -> None:
    page = f"p{uuid.uuid4().hex[:10]}"
    articles = [
        make(segment, page=page, count=len(bodies), body=body, fetched=T0 + timedelta(hours=v))
        for v, bodies in enumerate(versions)
        for segment, body in enumerate(bodies)
    ]
    redelivered = data.draw(st.lists(st.sampled_from(articles), max_size=3), label="redelivered")
    order: list[Article] = data.draw(st.permutations(articles + redelivered), label="order")
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(order) - 1)), max_size=3), label="cuts"))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True) if order[a:b]]

    async def deliver() -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
        store = ArticleStore(database_url)
        try:
            await store.migrate()
            for batch in batches:
                await store.upsert(batch)
            docs = await store.documents([page])
            async with store.engine.connect() as conn:
                query = (
                    select(article_revisions.c.article_id, func.count())
                    .where(article_revisions.c.article_id.like(f"{page}-%"))
                    .group_by(article_revisions.c.article_id)
                )
                revisions = {key: int(n) for key, n in await conn.execute(query)}
            return {d.id: (d.body, d.revision) for d in docs}, revisions
        finally:
            await store.close()

    stored, revisions = asyncio.run(deliver())
    newest = versions[-1]
    assert {key: body for key, (body, _) in stored.items()} == {
        f"{page}-{segment}": body for segment, body in enumerate(newest)
    }
    # Every bump of a revision kept the version it replaced.
    assert {key: revision - 1 for key, (_, revision) in stored.items() if revision > 1} == revisions


async def test_versions_of_a_page_in_one_batch_each_become_a_revision(database_url: str) -> None:
    page = "versions"
    bodies = ["First text.", "Second text.", "Third text."]
    versions = [
        make(0, page=page, count=1, body=b, fetched=T0 + timedelta(hours=h)) for h, b in enumerate(bodies)
    ]
    versions.append(versions[1])  # a redelivery of the middle version, in the same batch
    store = ArticleStore(database_url)
    try:
        await store.migrate()
        await store.upsert([versions[2], versions[0], versions[3], versions[1]])
        doc = await store.get(f"{page}-0")
    finally:
        await store.close()
    assert doc is not None
    assert (doc.body, doc.revision) == ("Third text.", 3)
    assert [r.body for r in doc.revisions] == ["Second text.", "First text."]


async def test_naive_and_aware_versions_of_a_page_in_one_batch_are_ordered_as_utc(database_url: str) -> None:
    naive = make(0, page="mixed", count=1, body="Naive, earlier.", fetched=T0.replace(tzinfo=None))
    aware = make(0, page="mixed", count=1, body="Aware, later.", fetched=T0 + timedelta(hours=1))
    store = ArticleStore(database_url)
    try:
        await store.migrate()
        await store.upsert([aware, naive])
        doc = await store.get("mixed-0")
    finally:
        await store.close()
    assert doc is not None and (doc.body, doc.revision) == ("Aware, later.", 2)
