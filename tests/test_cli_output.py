"""What the command line prints: run's dead letters and exit status, skipped files, JSON, tables, logs."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import structlog
from click.testing import CliRunner, Result
from redis.asyncio import Redis
from rich.console import Console

from newsflow.cli import main
from newsflow.cli.display import print_table
from newsflow.cli.settings import load_settings
from newsflow.shared.contracts import Page
from newsflow.shared.streams import Streams
from newsflow.shared.wire import encode
from newsflow.store.models import StoredArticle

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FAST = {"NEWSFLOW_ENRICHERS_DISABLED": "entities,places", "NEWSFLOW_LOG_LEVEL": "WARNING", "COLUMNS": "100"}


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={**FAST, **(env or {})})


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A seed page, a page with no article, a dangling symlink and a named pipe."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.txt").write_text((SEEDS / "000_d6a69832709aa93b.txt").read_text())
    (folder / "menu.txt").write_text("Home\nWorld\nSport\n")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_run_exits_1_and_names_each_dead_letter_and_the_skipped_files(pages: Path, tmp_path: Path) -> None:
    result = invoke(
        "run",
        str(pages),
        env={"NEWSFLOW_REDIS_URL": "", "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"},
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    text = " ".join(result.output.split())
    assert f"skipped {pages / 'gone.txt'}: dangling symlink" in text
    assert f"skipped {pages / 'pipe.txt'}: not a regular file" in text
    assert f"dead letter: {pages / 'menu.txt'}: splitter NoArticles: no article found on the page" in text
    assert "embedded Valkey server stops now" in text
    assert "2 pages, 2 articles stored, 1 dead letters" in text


def test_run_json_summary_lists_the_dead_letters(
    pages: Path, tmp_path: Path, redis_url: str, prefix: str
) -> None:
    env = {
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STREAM_PREFIX": prefix,
        "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
    }
    (pages / "gone.txt").unlink()
    (pages / "pipe.txt").unlink()
    try:
        result = invoke("run", "--json", str(pages / "menu.txt"), env=env)
    finally:
        asyncio.run(_delete(redis_url, prefix))
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert (doc["pages"], doc["articles"]) == (1, 0)
    assert [(d["file"], d["stage"], d["error_type"]) for d in doc["dead_letters"]] == [
        (str(pages / "menu.txt"), "splitter", "NoArticles")
    ]


async def _delete(url: str, prefix: str) -> None:
    redis = Redis.from_url(url)
    try:
        keys = [k async for k in redis.scan_iter(match=f"{prefix}:*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


async def test_ingest_json_reports_published_and_skipped(
    pages: Path, redis_url: str, prefix: str, redis: Redis
) -> None:
    env = {"NEWSFLOW_REDIS_URL": redis_url, "NEWSFLOW_STREAM_PREFIX": prefix}
    result = await asyncio.to_thread(invoke, "ingest", "--json", str(pages), env=env)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["published"] == 2 and doc["stream"] == f"{prefix}:pages"
    assert sorted(Path(s["path"]).name for s in doc["skipped"]) == ["gone.txt", "pipe.txt"]


async def _letter(redis: Redis, streams: Streams) -> str:
    """A dead letter from the splitter for a page with no article; returns its id."""
    from tests.test_stage_ops_cli import _one_dead_letter

    await _one_dead_letter(redis, streams)
    ((letter_id, _fields),) = await redis.xrevrange(streams.dead, count=1)
    return str(letter_id.decode())


async def test_dlq_list_shows_whole_ids_and_json(redis: Redis, redis_url: str, prefix: str) -> None:
    letter_id = await _letter(redis, Streams(prefix))
    env = {"NEWSFLOW_REDIS_URL": redis_url, "NEWSFLOW_STREAM_PREFIX": prefix}
    table = await asyncio.to_thread(invoke, "dlq", "list", env=env)
    assert table.exit_code == 0, table.output
    row = next(line for line in table.output.splitlines() if "NoArticles" in line)
    assert row.split()[:3] == [letter_id, "splitter", "NoArticles"]
    assert len(row) <= 100
    listed = await asyncio.to_thread(invoke, "dlq", "list", "--json", env=env)
    (doc,) = json.loads(listed.output)
    assert (doc["id"], doc["stage"], doc["error_type"]) == (letter_id, "splitter", "NoArticles")


async def test_dlq_show_previews_a_big_original_unless_full(
    redis: Redis, redis_url: str, prefix: str
) -> None:
    from newsflow.shared.broker import ensure_groups
    from newsflow.shared.deadletters import get_letter

    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    big = Page(uri="https://ops.example/big", body="word " * 200_000)
    await redis.xadd(streams.dead, {"payload": _dead_payload(streams, encode(big))})
    ((letter_id, _),) = await redis.xrange(streams.dead)
    assert await get_letter(redis, streams.dead, letter_id.decode()) is not None
    env = {"NEWSFLOW_REDIS_URL": redis_url, "NEWSFLOW_STREAM_PREFIX": prefix}
    shown = await asyncio.to_thread(invoke, "dlq", "show", letter_id.decode(), env=env)
    assert shown.exit_code == 0, shown.output
    assert "original: 1 field(s), 1.0 MB" in shown.output
    assert len(shown.output) < 3000
    assert "--full for all" in shown.output
    full = await asyncio.to_thread(invoke, "dlq", "show", "--full", letter_id.decode(), env=env)
    assert len(json.loads(full.output)["original"]["payload"]) > 1_000_000


def _dead_payload(streams: Streams, original: dict[str, str]) -> str:
    from newsflow.shared.contracts import DeadLetter

    letter = DeadLetter(
        stage="splitter",
        reason="page over the size cap",
        error_type="LimitExceeded",
        attempts=1,
        source_stream=streams.pages,
        message_id="1-1",
        original={k: v if isinstance(v, str) else v.decode() for k, v in original.items()},
    )
    return letter.model_dump_json()


async def test_trim_json(redis: Redis, redis_url: str, prefix: str) -> None:
    from newsflow.shared.broker import ensure_groups

    await ensure_groups(redis, Streams(prefix))
    env = {"NEWSFLOW_REDIS_URL": redis_url, "NEWSFLOW_STREAM_PREFIX": prefix}
    result = await asyncio.to_thread(invoke, "trim", "--dry-run", "--json", env=env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["stream"] for r in rows} >= {f"{prefix}:pages", f"{prefix}:documents"}
    assert all(r["dry_run"] and r["removed"] == 0 for r in rows)


def _stored(article_id: str, title: str, **fields: Any) -> StoredArticle:
    at = datetime(2025, 1, 12, tzinfo=UTC)
    return StoredArticle(
        id=article_id,
        page_id="p",
        source_uri="https://news.example/p",
        segment=0,
        segment_count=1,
        title=title,
        body="Body.",
        content_hash="h",
        fetched_at=at,
        parser="test/1",
        revision=1,
        language=None,
        stored_at=at,
        **fields,
    )


def test_article_table_keeps_each_title_on_one_line_at_100_columns() -> None:
    long = "Iranian president says government focusing on ensuring supplies amid protests in several cities"
    docs = [
        _stored("d595c5ab12cd34ef", long, published_at="2025-01-12T10:00", category="World"),
        _stored("211c84ab12cd34ef", "Short"),
    ]
    console = Console(width=100, record=True)
    print_table(console, docs)
    lines = console.export_text().splitlines()
    assert len(lines) == 3  # header and one line per article
    assert all(len(line) <= 100 for line in lines)
    title_width = lines[1].index("2025-01-12") - lines[1].index("Iranian")
    assert title_width >= 50  # most of the width
    assert lines[1].startswith("d595c5ab12cd")  # as `articles show` takes it


def test_search_with_a_star_explains_there_is_no_prefix_search(tmp_path: Path) -> None:
    env = {"NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    made = invoke("run", str(SEEDS / "000_d6a69832709aa93b.txt"), env=env)
    assert made.exit_code == 0, made.output
    result = invoke("articles", "search", "chin*", env=env)
    assert result.exit_code == 0
    assert "no prefix search: 'chin*' looks for the word 'chin'" in result.stderr
    assert "no matches" in result.stdout
    excluded = invoke("articles", "search", "hangzhou", "-iran", "--jsonl", env=env)
    assert excluded.exit_code == 0, excluded.output
    assert [json.loads(line)["segment"] for line in excluded.stdout.splitlines()] == [0]


def test_routine_framework_logs_go_to_debug(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSFLOW_LOG_FORMAT", "json")
    monkeypatch.delenv("NEWSFLOW_LOG_LEVEL", raising=False)
    load_settings(default_level="INFO")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade -> 0001")
    logging.getLogger("trafilatura.core").error("not enough text")
    logging.getLogger("newsflow.faststream").info("callback for Task-3 is being executed...")
    logging.getLogger("newsflow.faststream").warning("something real")
    assert capsys.readouterr().err.count("\n") == 1

    monkeypatch.setenv("NEWSFLOW_LOG_LEVEL", "DEBUG")
    load_settings()
    logging.getLogger("trafilatura.core").error("not enough text")
    assert '"level": "debug"' in capsys.readouterr().err


def test_log_lines_follow_stderr_so_they_print_above_a_progress_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setenv("NEWSFLOW_LOG_FORMAT", "json")
    load_settings(default_level="WARNING")
    swapped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", swapped)  # what rich's live display does while it runs
    structlog.get_logger("t").warning("run.something")
    logging.getLogger("x").warning("stdlib line")
    assert "run.something" in swapped.getvalue() and "stdlib line" in swapped.getvalue()
