"""`newsflow status` and `newsflow dlq`: what an operator sees and does, on a real Redis."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner, Result
from redis.asyncio import Redis

from newsflow.cli import main
from newsflow.shared.broker import ensure_groups
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.pending import DeliveryPolicy, read_new
from newsflow.shared.stage import StageSpec, transform_batch
from newsflow.shared.streams import SPLITTER_GROUP, Streams
from newsflow.shared.wire import encode


async def _cli(env: dict[str, str], *args: str) -> Result:
    """Run the command in a thread: it starts its own event loop, as from a shell."""
    return await asyncio.to_thread(CliRunner().invoke, main, list(args), env=env)


@pytest.fixture
def cli_env(redis_url: str, prefix: str) -> dict[str, str]:
    return {
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STREAM_PREFIX": prefix,
        "NEWSFLOW_LOG_FORMAT": "json",
        "COLUMNS": "200",
    }


async def _one_dead_letter(redis: Redis, streams: Streams) -> bytes:
    """A page with no article, run through the splitter stage: one dead letter. Returns its entry id."""
    from newsflow.shared.limits import Limits
    from newsflow.splitter.split import split_page

    await ensure_groups(redis, streams)
    page = Page(uri="https://ops.example/empty", body="x")
    await redis.xadd(streams.pages, encode(page))  # type: ignore[arg-type]
    entries = await read_new(redis, streams.pages, SPLITTER_GROUP, "ops", DeliveryPolicy(block_ms=10))
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page)
    await transform_batch(redis, spec, entries, lambda p: split_page(p, Limits()), streams.documents)
    return entries[0].id


async def test_status_shows_lengths_lag_pending_per_consumer_and_dead_letters(
    redis: Redis, prefix: str, cli_env: dict[str, str]
) -> None:
    streams = Streams(prefix)
    await _one_dead_letter(redis, streams)
    await redis.xadd(streams.pages, encode(Page(uri="https://ops.example/a", body="y")))  # type: ignore[arg-type]
    await redis.xadd(streams.pages, encode(Page(uri="https://ops.example/b", body="z")))  # type: ignore[arg-type]
    await read_new(redis, streams.pages, SPLITTER_GROUP, "held", DeliveryPolicy(batch_size=1, block_ms=10))

    result = await _cli(cli_env, "status", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    pages = doc["streams"][0]
    assert (pages["stream"], pages["length"], pages["lag"], pages["pending"]) == (streams.pages, 3, 1, 1)
    held = {c["name"]: c["pending"] for c in pages["consumers"]}
    assert held == {"ops": 0, "held": 1}
    assert doc["dead_letters"] == 1

    table = await _cli(cli_env, "status")
    assert table.exit_code == 0 and "held" in table.output and "dead letters: 1" in table.output


async def test_dlq_list_show_replay_and_purge(redis: Redis, prefix: str, cli_env: dict[str, str]) -> None:
    streams = Streams(prefix)
    original_id = await _one_dead_letter(redis, streams)

    listed = await _cli(cli_env, "dlq", "list")
    assert listed.exit_code == 0 and "NoArticles" in listed.output
    ((letter_id, _fields),) = await redis.xrange(streams.dead)

    shown = await _cli(cli_env, "dlq", "show", "--full", letter_id.decode())
    letter = json.loads(shown.output)
    assert letter["message_id"] == original_id.decode() and letter["source_stream"] == streams.pages

    replayed = await _cli(cli_env, "dlq", "replay", letter_id.decode())
    assert replayed.exit_code == 0, replayed.output
    assert int(await redis.xlen(streams.dead)) == 0
    (*_, (_new_id, fields)) = await redis.xrange(streams.pages)
    assert json.loads(fields[b"payload"])["uri"] == "https://ops.example/empty"  # back at its stage's start

    await _one_dead_letter(redis, streams)  # reads the replayed entry too: still no article, two letters
    missing = await _cli(cli_env, "dlq", "replay", "1-1")
    assert missing.exit_code != 0 and "no dead letter" in missing.output
    purged = await _cli(cli_env, "dlq", "purge", "--all", "--yes")
    assert purged.exit_code == 0 and "purged 2" in purged.output
    assert int(await redis.xlen(streams.dead)) == 0
