"""The HTTP api against a real Redis and both databases, through an ASGI test client (httpx).

Every status code POST /pages answers, a 100-page batch stored end to end by
the in-process services, and the read endpoints (articles, search, dead
letters, status) over what a run stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from newsflow.api.app import create_app
from newsflow.api.config import ApiSettings
from newsflow.api.openapi import document
from newsflow.api.samples import Sample, rates
from newsflow.shared.contracts import Page
from newsflow.shared.settings import Settings
from newsflow.store.store import ArticleStore
from newsflow.testing import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HANGZHOU = "China's Hangzhou drives vitality in sci-tech sector via innovations"
IRAN = "Iranian president says government focusing on ensuring supplies amid protests"


def story(n: int) -> dict[str, str]:
    body = (
        f"Harbour council approves ferry route number {n}\n\n"
        f"The harbour council on Tuesday approved ferry route {n} between the north pier and the island, "
        "officials said.\n\n"
        "The service will start in spring and run every two hours, according to the published plan.\n"
    )
    return {"uri": f"https://example.org/ferry/{n}", "body": body}


@asynccontextmanager
async def client(settings: Settings, api: ApiSettings | None = None) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, api or ApiSettings(api_token=None))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://newsflow") as http,
    ):
        yield http


def settings_for(redis_url: str, prefix: str, database_url: str, **more: object) -> Settings:
    return Settings.model_validate(
        {"redis_url": redis_url, "stream_prefix": prefix, "database_url": database_url, **more}
    )


@pytest.fixture
async def settings(redis_url: str, prefix: str, sqlite_url: str, redis: Redis) -> Settings:
    """Settings on the test Redis (keys removed after) and an empty SQLite store with its schema."""
    store = ArticleStore(sqlite_url)
    await store.create()
    await store.close()
    return settings_for(redis_url, prefix, sqlite_url, max_page_bytes=1000, max_backlog=5)


async def published(redis: Redis, settings: Settings) -> int:
    return int(await redis.xlen(settings.streams.pages))


async def test_one_page_as_json_is_accepted_with_its_page_and_stream_ids(
    settings: Settings, redis: Redis
) -> None:
    async with client(settings) as http:
        answer = await http.post("/pages", json={"uri": "https://example.org/a", "body": "Some text"})
    assert answer.status_code == 202
    (page,) = answer.json()["pages"]
    entries = await redis.xrange(settings.streams.pages)
    assert [e[0].decode() for e in entries] == [page["stream_id"]]
    assert json.loads(entries[0][1][b"payload"])["id"] == page["id"]


async def test_a_raw_body_takes_its_uri_from_the_query_and_its_type_from_the_header(
    settings: Settings, redis: Redis
) -> None:
    async with client(settings) as http:
        answer = await http.post(
            "/pages?uri=https://example.org/b",
            content=b"<html><body><p>Hello</p></body></html>",
            headers={"content-type": "text/html; charset=utf-8"},
        )
    assert answer.status_code == 202
    entries = await redis.xrange(settings.streams.pages)
    payload = json.loads(entries[0][1][b"payload"])
    assert (payload["uri"], payload["content_type"]) == ("https://example.org/b", "text/html")
    assert payload["body"].startswith("<html>")


async def test_json_array_and_json_lines_batches_are_accepted_in_order(
    settings: Settings, redis: Redis
) -> None:
    async with client(settings) as http:
        array = await http.post("/pages", json=[story(1), story(2)])
        lines = "\n".join(json.dumps(story(n)) for n in (3, 4)) + "\n"
        jsonl = await http.post("/pages", content=lines, headers={"content-type": "application/x-ndjson"})
    assert (array.status_code, jsonl.status_code) == (202, 202)
    uris = [p["uri"] for p in array.json()["pages"] + jsonl.json()["pages"]]
    assert uris == [story(n)["uri"] for n in (1, 2, 3, 4)]
    assert await published(redis, settings) == 4


async def test_a_bad_page_refuses_the_whole_batch_with_its_errors_and_publishes_nothing(
    settings: Settings, redis: Redis
) -> None:
    async with client(settings) as http:
        answer = await http.post("/pages", json=[story(1), {"body": 7}, story(3)])
        not_json = await http.post("/pages", content=b"{oops", headers={"content-type": "application/json"})
        raw_without_uri = await http.post("/pages", content=b"text", headers={"content-type": "text/plain"})
    assert answer.status_code == 400
    errors = answer.json()["detail"]
    assert {(e["index"], e["loc"][0]) for e in errors} == {(1, "uri"), (1, "body")}
    assert not_json.status_code == 400 and "invalid JSON" in not_json.json()["detail"][0]["msg"]
    assert raw_without_uri.status_code == 400 and "?uri=" in raw_without_uri.json()["detail"][0]["msg"]
    assert await published(redis, settings) == 0


async def test_a_page_over_max_page_bytes_is_413_and_nothing_is_published(
    settings: Settings, redis: Redis
) -> None:
    big = {"uri": "https://example.org/big", "body": "é" * 600}  # 1200 bytes in UTF-8, cap 1000
    async with client(settings) as http:
        answer = await http.post("/pages", json=[story(1), big])
        raw = await http.post("/pages?uri=https://example.org/raw", content=b"x" * 1001)
    assert (answer.status_code, raw.status_code) == (413, 413)
    assert answer.json()["detail"][0]["index"] == 1
    assert "NEWSFLOW_MAX_PAGE_BYTES=1000" in answer.json()["detail"][0]["msg"]
    assert await published(redis, settings) == 0


async def test_a_backlog_at_max_backlog_answers_429_with_retry_after(
    settings: Settings, redis: Redis
) -> None:
    async with client(settings) as http:
        first = await http.post("/pages", json=[story(n) for n in range(5)])  # no consumer reads them
        refused = await http.post("/pages", json=story(99))
    assert first.status_code == 202
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "NEWSFLOW_MAX_BACKLOG=5" in refused.json()["detail"][0]["msg"]
    assert await published(redis, settings) == 5


async def test_with_a_token_every_endpoint_wants_it_and_the_page_keeps_it_in_a_cookie(
    settings: Settings,
) -> None:
    api = ApiSettings(api_token="s3cret")
    async with client(settings, api) as http:
        missing = await http.post("/pages", json=story(1))
        wrong = await http.get("/status", headers={"authorization": "Bearer nope"})
        right = await http.post("/pages", json=story(1), headers={"authorization": "Bearer s3cret"})
        page_without = await http.get("/")
        login = await http.get("/?token=s3cret")
        page_with = await http.get("/")  # the client kept the cookie
        health = await http.get("/healthz")
    assert (missing.status_code, wrong.status_code, right.status_code) == (401, 401, 202)
    assert missing.headers["www-authenticate"] == "Bearer"
    assert page_without.status_code == 401
    assert login.status_code == 303
    assert page_with.status_code == 200 and "Streams" in page_with.text
    assert health.status_code == 200


def test_without_a_token_the_api_listens_on_localhost_only() -> None:
    assert ApiSettings(api_token=None, http_host=None).host == "127.0.0.1"
    assert ApiSettings(api_token="t", http_host=None).host == "0.0.0.0"
    assert ApiSettings(api_token=None, http_host="0.0.0.0").host == "0.0.0.0"


def test_the_shipped_openapi_document_is_current() -> None:
    shipped = json.loads((ROOT / "docs" / "openapi.json").read_text())
    assert shipped == document(), "regenerate: python -m newsflow.api.openapi docs/openapi.json"
    assert {"/pages", "/articles", "/articles/{article_id}", "/search", "/dead-letters", "/status"} <= set(
        shipped["paths"]
    )
    assert set(shipped["paths"]["/pages"]["post"]["responses"]) >= {"202", "400", "413", "429"}


@pytest.fixture
async def pipeline(redis_url: str, prefix: str, database_url: str) -> AsyncIterator[Pipeline]:
    store = ArticleStore(database_url)
    await store.create()
    await store.close()
    async with Pipeline(redis_url, database_url, prefix) as running:
        yield running


async def test_a_batch_of_100_pages_is_stored_end_to_end(pipeline: Pipeline) -> None:
    settings = pipeline.settings()
    pages = [story(n) for n in range(100)]
    async with client(settings) as http:
        started = time.perf_counter()
        answer = await http.post("/pages", json=pages)
        seconds = time.perf_counter() - started
        print(f"\nPOST /pages of 100 pages answered {answer.status_code} in {seconds * 1000:.0f} ms")
        assert answer.status_code == 202
        ids = [p["id"] for p in answer.json()["pages"]]
        outcome = await pipeline.wait_for_articles(ids, seconds=300)
        assert not outcome.dead_letters
        first = await http.get("/articles", params={"source": "example.org/ferry", "limit": 60})
        second = await http.get(
            "/articles", params={"source": "example.org/ferry", "limit": 60, "offset": 60}
        )
    assert first.json()["next_offset"] == 60 and second.json()["next_offset"] is None
    stored = first.json()["articles"] + second.json()["articles"]
    assert sorted(a["source_uri"] for a in stored) == sorted(p["uri"] for p in pages)


async def test_read_endpoints_serve_what_a_run_stored_and_its_dead_letters(pipeline: Pipeline) -> None:
    settings = pipeline.settings()
    await pipeline.submit(sorted(SEEDS.iterdir()))
    blank_id = await pipeline.submit_page(Page(uri="blank.txt", body="\n\n"))
    await pipeline.wait_drained(seconds=300)
    async with client(settings) as http:
        listed = (await http.get("/articles")).json()["articles"]
        assert {HANGZHOU, IRAN} <= {a["title"] for a in listed}
        china = (await http.get("/articles", params={"country": "CN"})).json()["articles"]
        assert HANGZHOU in [a["title"] for a in china]
        assert "Town library reopens after two-year renovation" not in [a["title"] for a in china]
        hangzhou = next(a for a in listed if a["title"] == HANGZHOU)
        full = await http.get(f"/articles/{hangzhou['id']}")
        assert full.status_code == 200 and {"entities", "places", "quotes"} <= full.json().keys()
        assert full.json()["fetched_at"].endswith("Z") and "dated_at" not in full.json()
        assert (await http.get("/articles/ffffffffffff")).status_code == 404
        hits = (await http.get("/search", params={"q": "Hangzhou"})).json()["hits"]
        assert [h["article"]["title"] for h in hits] == [HANGZHOU]
        assert (await http.get("/search")).status_code == 422

        status = (await http.get("/status")).json()
        assert [s["group"] for s in status["streams"]] == ["splitter", "workers", "sink"]
        assert status["dead_letters"] == 1

        (letter,) = (await http.get("/dead-letters")).json()["dead_letters"]
        assert (letter["page_id"], letter["stage"], letter["error_type"]) == (
            blank_id,
            "splitter",
            "NoArticles",
        )
        shown = (await http.get(f"/dead-letters/{letter['id']}")).json()
        assert "payload" in shown["original"]
        assert (await http.get("/dead-letters/1-1")).status_code == 404
        replayed = (await http.post(f"/dead-letters/{letter['id']}/replay")).json()["replayed"]
        assert [r["stream"] for r in replayed] == [settings.streams.pages]
        await pipeline.wait_drained(seconds=60)
        (again,) = (await http.get("/dead-letters")).json()[
            "dead_letters"
        ]  # blank again: back as a new letter
        assert again["id"] != letter["id"]
        assert (await http.delete("/dead-letters")).status_code == 400
        assert (await http.delete(f"/dead-letters/{again['id']}")).json() == {"purged": 1}
        assert (await http.get("/dead-letters")).json()["dead_letters"] == []

        page = await http.get("/", params={"q": "Hangzhou"})
        assert page.status_code == 200 and "Hangzhou drives vitality in sci-tech sector" in page.text


def test_throughput_is_entries_added_per_second_between_samples() -> None:
    samples = [
        Sample(100.0, {"p": 0, "d": 4}),
        Sample(102.0, {"p": 10, "d": 4}),
        Sample(104.0, {"p": 11, "d": 8}),
    ]
    assert rates(samples) == [
        {"at": 102.0, "per_s": {"p": 5.0, "d": 0.0}},
        {"at": 104.0, "per_s": {"p": 0.5, "d": 2.0}},
    ]


async def test_throughput_endpoint_charts_pages_published_between_two_samples(
    settings: Settings, redis: Redis
) -> None:
    app = create_app(settings)
    sampler = app.state.newsflow.sampler
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://newsflow") as http:
        await sampler.sample_once()
        assert (await http.post("/pages", json=[story(1), story(2)])).status_code == 202
        await sampler.sample_once()
        doc = (await http.get("/throughput")).json()
    (point,) = doc["points"]
    assert point["per_s"][settings.streams.pages] > 0
    assert point["per_s"][settings.streams.dead] == 0
    await app.state.newsflow.store.close()
    await app.state.newsflow.redis.aclose()
