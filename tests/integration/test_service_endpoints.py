"""Real `newsflow serve` processes answer /healthz, /readyz and /metrics on NEWSFLOW_HTTP_PORT=0."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis.asyncio import Redis

from newsflow.shared.contracts import Page
from newsflow.testing import Deployment

pytestmark = pytest.mark.integration


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def wait_ready(base: str, within: float = 30.0) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + within
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = await asyncio.to_thread(http_get, f"{base}/readyz")
        if status == 200:
            return json.loads(body)  # type: ignore[no-any-return]
        await asyncio.sleep(0.2)
    msg = f"{base}/readyz still {status}: {body}"
    raise AssertionError(msg)


def metric_values(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_services_serve_health_readiness_and_metrics(
    redis_url: str, sqlite_url: str, prefix: str, redis: Redis, seed_text: str
) -> None:
    env = {
        "NEWSFLOW_HTTP_PORT": "0",
        "NEWSFLOW_HTTP_HOST": "127.0.0.1",
        "NEWSFLOW_ENRICHERS_DISABLED": "entities",
    }
    async with Deployment(redis_url, sqlite_url, prefix, env=env) as dep:
        bases = {s.name: f"http://127.0.0.1:{s.http_port()}" for s in dep.services}
        assert len(set(bases.values())) == 3  # port 0: each its own free port
        for name, base in bases.items():
            ready = await wait_ready(base)
            assert {"broker", "groups", "read_loop"} <= ready["checks"].keys(), ready
            assert (await asyncio.to_thread(http_get, f"{base}/healthz"))[0] == 200, name
        assert "database" in (await wait_ready(bases["sink"]))["checks"]
        assert "models" in (await wait_ready(bases["worker"]))["checks"]

        page = Page(uri="https://example.org/endpoints", body=seed_text)
        await dep.submit([page, Page(uri="https://example.org/blank", body="   ")])
        await dep.wait_drained()

        status, text = await asyncio.to_thread(http_get, f"{bases['sink']}/metrics")
        assert status == 200
        sink = metric_values(text)
        stored = len(await dep.stored([page.id]))
        assert stored >= 1
        assert sink[("newsflow_entries_succeeded_total", (("stage", "sink"),))] == stored
        assert sink[("newsflow_sink_articles_written_total", (("result", "inserted"),))] == stored
        assert sink[("newsflow_end_to_end_seconds_count", ())] == stored
        assert sink[("newsflow_group_lag", (("group", "sink"),))] == 0
        assert sink[("newsflow_dead_letters", ())] == 1  # the blank page

        splitter = metric_values((await asyncio.to_thread(http_get, f"{bases['splitter']}/metrics"))[1])
        assert splitter[("newsflow_entries_read_total", (("stage", "splitter"),))] == 2
        dead = [k for k in splitter if k[0] == "newsflow_entries_dead_lettered_total"]
        assert [dict(k[1])["stage"] for k in dead] == ["splitter"]

        worker = metric_values((await asyncio.to_thread(http_get, f"{bases['worker']}/metrics"))[1])
        assert worker[("newsflow_work_duration_seconds_count", (("stage", "worker"),))] == stored
        assert worker[("newsflow_enricher_duration_seconds_count", (("enricher", "language"),))] == stored
        assert not [
            k for k in worker if k[0] == "newsflow_enricher_duration_seconds_count" and "entities" in str(k)
        ]


async def test_a_service_without_its_broker_is_alive_but_not_ready(sqlite_url: str, prefix: str) -> None:
    env = {"NEWSFLOW_HTTP_PORT": "0", "NEWSFLOW_HTTP_HOST": "127.0.0.1"}
    dep = Deployment("redis://127.0.0.1:1/0", sqlite_url, prefix, env=env).start()  # no broker: never ready
    try:
        splitter = next(s for s in dep.services if s.name == "splitter")
        base = f"http://127.0.0.1:{splitter.http_port()}"
        status, body = await asyncio.to_thread(http_get, f"{base}/readyz")
        assert status == 503
        assert json.loads(body)["checks"]["broker"].startswith("FAIL")
        assert (await asyncio.to_thread(http_get, f"{base}/healthz"))[0] == 200
    finally:
        dep.stop()
