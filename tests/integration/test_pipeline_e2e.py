"""End to end: the three services as real processes against a real Redis server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from redis.asyncio import Redis

from newsflow.shared.contracts import Page
from newsflow.testing import Deployment

pytestmark = pytest.mark.integration

SEED_URI = "https://news.example/hangzhou-and-iran"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def deployment(redis_url: str, sqlite_url: str, prefix: str, redis: Redis):  # type: ignore[no-untyped-def]
    # `redis` is requested so the test's keys are deleted afterwards.
    dep = Deployment(redis_url, sqlite_url, prefix)
    yield dep
    codes = dep.stop()
    assert all(code == 0 for code in codes.values()), f"unclean exits {codes}\n{dep.logs()[-3000:]}"


async def test_seed_page_is_stored_as_its_two_articles_once(deployment: Deployment, seed_text: str) -> None:
    page = Page(uri=SEED_URI, body=seed_text)
    # Published before any service runs: consumer groups created at 0 must not skip it.
    await deployment.submit([page])
    deployment.start()
    await deployment.wait_drained()
    stored = await deployment.stored()
    assert [a["title"] for a in stored] == [
        "China's Hangzhou drives vitality in sci-tech sector via innovations",
        "Iranian president says government focusing on ensuring supplies amid protests",
    ]
    ids = {a["id"] for a in stored}

    await deployment.submit([page])  # the same page again
    await deployment.wait_drained()
    again = await deployment.stored()
    assert {a["id"] for a in again} == ids
    assert len(again) == 2
    assert all(a["revision"] == 1 for a in again)
    assert await deployment.dead_letters() == []


async def test_changed_version_of_a_page_updates_its_articles(deployment: Deployment, seed_text: str) -> None:
    fetched = datetime(2025, 2, 18, tzinfo=UTC)
    first = Page(uri=SEED_URI, body=seed_text, fetched_at=fetched)
    edited = seed_text.replace("over 280 new businesses", "over 290 new businesses")
    second = Page(uri=SEED_URI, body=edited, fetched_at=fetched + timedelta(hours=1))
    deployment.start()
    await deployment.submit([first])
    await deployment.wait_drained()
    await deployment.submit([second])
    await deployment.wait_drained()
    stored = await deployment.stored()
    assert len(stored) == 2
    revisions = {a["segment"]: a["revision"] for a in stored}
    assert revisions == {0: 2, 1: 1}
    assert "over 290 new businesses" in stored[0]["body"]


async def test_bad_page_is_dead_lettered_and_good_pages_still_stored(
    deployment: Deployment, seed_text: str, redis: Redis
) -> None:
    deployment.start()
    await redis.xadd(deployment.streams.pages, {"payload": b"{broken json"})
    await redis.xadd(deployment.streams.pages, {"payload": json.dumps({"uri": "x", "body": "tiny"})})
    await deployment.submit([Page(uri=SEED_URI, body=seed_text)])
    await deployment.wait_drained()
    assert len(await deployment.stored()) == 2
    letters = await deployment.dead_letters()
    reasons = [json.loads(f[b"payload"])["error_type"] for f in letters]
    assert sorted(reasons) == ["JSONDecodeError", "NoArticles"]


def test_newsflow_run_ingests_seeds_on_an_embedded_broker(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from newsflow.cli import main

    for var in ("NEWSFLOW_REDIS_URL", "NEWSFLOW_LOG_LEVEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{tmp_path / 'run.db'}")
    seeds = SEEDS
    files = sorted(str(p) for p in seeds.iterdir())
    parsed = CliRunner().invoke(main, ["parse", "--jsonl", *files])
    assert parsed.exit_code == 0, parsed.output
    expected = {json.loads(line)["id"]: json.loads(line)["title"] for line in parsed.stdout.splitlines()}
    assert len(expected) >= 2

    result = CliRunner().invoke(main, ["run", str(seeds)])
    assert result.exit_code == 0, result.output
    assert f"{len(files)} pages, {len(expected)} articles stored, 0 dead letters" in " ".join(
        result.output.split()
    )
    listed = CliRunner().invoke(main, ["articles", "--jsonl"])
    assert listed.exit_code == 0, listed.output
    stored = {json.loads(line)["id"]: json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert stored == expected


def test_newsflow_ingest_publishes_pages_for_a_running_deployment(
    redis_url: str,
    prefix: str,
    redis: Redis,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from click.testing import CliRunner
    from redis import Redis as SyncRedis

    from newsflow.cli import main

    monkeypatch.setenv("NEWSFLOW_REDIS_URL", redis_url)
    monkeypatch.setenv("NEWSFLOW_STREAM_PREFIX", prefix)
    result = CliRunner().invoke(main, ["ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    client = SyncRedis.from_url(redis_url)
    try:
        entries = client.xrange(f"{prefix}:pages")
        groups = {g["name"] for g in client.xinfo_groups(f"{prefix}:pages")}
    finally:
        client.close()
    uris = sorted(json.loads(fields[b"payload"])["uri"] for _id, fields in entries)
    assert uris == sorted(str(p) for p in SEEDS.iterdir())
    assert groups == {b"splitter"}  # created at 0 by the producer, before any service
