"""Operator commands: `newsflow status`, `newsflow dlq list|show|replay|purge`, `newsflow trim`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from redis.asyncio import Redis
from redis.exceptions import RedisError
from rich.console import Console
from rich.table import Table

from newsflow.cli.settings import load_settings
from newsflow.shared.backlog import status as group_status
from newsflow.shared.broker import redis_client
from newsflow.shared.deadletters import Letter, NotReplayable, get_letter, list_letters, purge, replay
from newsflow.shared.redact import redact_url
from newsflow.shared.retention import trim_acknowledged
from newsflow.shared.settings import Settings

T = TypeVar("T")
out = Console()


def _with_redis(action: Callable[[Redis, Settings], Awaitable[T]]) -> T:
    settings = load_settings(default_level="WARNING")
    if not settings.redis_url:
        raise click.ClickException("NEWSFLOW_REDIS_URL is required (the deployment's Redis)")
    url = settings.redis_url

    async def run() -> T:
        redis = redis_client(url)
        try:
            return await action(redis, settings)
        finally:
            await redis.aclose()

    try:
        return asyncio.run(run())
    except (RedisError, OSError) as exc:
        msg = f"cannot reach Redis at {redact_url(url)}: {redact_url(str(exc))}"
        raise click.ClickException(msg) from None


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.1f}s"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json: bool) -> None:
    """Per stream: length; per group: lag and pending entries per consumer; dead-letter depth."""

    async def gather(redis: Redis, settings: Settings) -> None:
        groups, dead = await group_status(redis, settings.streams)
        if as_json:
            doc = {
                "streams": [
                    {
                        "stream": g.backlog.stream,
                        "length": g.backlog.length,
                        "group": g.backlog.group,
                        "lag": g.backlog.lag,
                        "pending": g.backlog.pending,
                        "consumers": [
                            {
                                "name": c.name,
                                "pending": c.pending,
                                "idle_ms": c.idle_ms,
                                "oldest_pending_idle_ms": c.oldest_pending_idle_ms,
                            }
                            for c in g.consumers
                        ],
                    }
                    for g in groups
                ],
                "dead_letters": dead,
            }
            click.echo(json.dumps(doc, indent=2))
            return
        table = Table(
            "stream", "length", "group", "lag", "pending", "consumer", "holds", "idle", "oldest held"
        )
        for g in groups:
            b = g.backlog
            first = [b.stream, str(b.length), b.group, str(b.lag), str(b.pending)]
            if not g.consumers:
                table.add_row(*first, "-", "", "", "")
            for index, c in enumerate(g.consumers):
                lead = first if index == 0 else ["", "", "", "", ""]
                oldest = _seconds(c.oldest_pending_idle_ms) if c.pending else ""
                table.add_row(*lead, c.name, str(c.pending), _seconds(c.idle_ms), oldest)
        out.print(table)
        out.print(f"dead letters: [bold]{dead}[/] in {settings.streams.dead}")

    _with_redis(gather)


@click.group()
def dlq() -> None:
    """Inspect, replay and purge the dead-letter stream."""


def _row(item: Letter) -> list[str]:
    letter = item.letter
    return [
        item.id,
        letter.failed_at.strftime("%Y-%m-%d %H:%M:%S"),
        letter.stage.value,
        letter.error_type,
        str(letter.attempts),
        letter.page_id or "",
        letter.reason[:80],
    ]


@dlq.command("list")
@click.option("--limit", default=50, show_default=True, help="How many letters, oldest first.")
@click.option("--stage", type=click.Choice(["splitter", "worker", "sink"]), help="Only this stage's.")
def list_command(limit: int, stage: str | None) -> None:
    """List dead letters: id, time, stage, error type, attempts, page id, reason."""

    async def show(redis: Redis, settings: Settings) -> None:
        letters = await list_letters(redis, settings.streams.dead, count=limit, stage=stage)
        table = Table("id", "failed at", "stage", "error", "attempts", "page", "reason")
        for item in letters:
            table.add_row(*_row(item))
        out.print(table)

    _with_redis(show)


@dlq.command()
@click.argument("letter_id")
def show(letter_id: str) -> None:
    """Print one dead letter in full (JSON), original entry included."""

    async def fetch(redis: Redis, settings: Settings) -> None:
        item = await get_letter(redis, settings.streams.dead, letter_id)
        if item is None:
            raise click.ClickException(f"no dead letter {letter_id}")
        click.echo(item.letter.model_dump_json(indent=2))

    _with_redis(fetch)


@dlq.command("replay")
@click.argument("letter_ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Replay every dead letter.")
def replay_command(letter_ids: tuple[str, ...], everything: bool) -> None:
    """Put dead letters' original entries back at the start of their stage (after fixing the cause)."""
    if not letter_ids and not everything:
        raise click.UsageError("give dead-letter ids, or --all")

    async def put_back(redis: Redis, settings: Settings) -> None:
        dead = settings.streams.dead
        if everything:
            letters = await list_letters(redis, dead, count=1_000_000)
            cut = [item for item in letters if item.letter.truncated]
            if cut:
                out.print(
                    f"skipped {len(cut)} letters that keep only the head of their original", highlight=False
                )
            letters = [item for item in letters if not item.letter.truncated]
        else:
            found = [await get_letter(redis, dead, i) for i in letter_ids]
            missing = [i for i, item in zip(letter_ids, found, strict=True) if item is None]
            if missing:
                raise click.ClickException(f"no dead letter {', '.join(missing)}")
            letters = [item for item in found if item is not None]
        try:
            new_ids = await replay(redis, dead, letters)
        except NotReplayable as exc:
            raise click.ClickException(str(exc)) from None
        for item, new_id in zip(letters, new_ids, strict=True):
            out.print(f"{item.id} → {item.letter.source_stream} {new_id}", highlight=False)
        out.print(f"replayed {len(new_ids)}")

    _with_redis(put_back)


@dlq.command("purge")
@click.argument("letter_ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Delete every dead letter.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge_command(letter_ids: tuple[str, ...], everything: bool, yes: bool) -> None:
    """Delete dead letters for good."""
    if not letter_ids and not everything:
        raise click.UsageError("give dead-letter ids, or --all")
    if everything and not yes:
        click.confirm("Delete every dead letter?", abort=True)

    async def remove(redis: Redis, settings: Settings) -> None:
        gone = await purge(redis, settings.streams.dead, None if everything else list(letter_ids))
        out.print(f"purged {gone}")

    _with_redis(remove)


@click.command()
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
def trim(dry_run: bool) -> None:
    """Delete stream entries every consumer group has acknowledged (never anything still pending)."""

    async def run(redis: Redis, settings: Settings) -> None:
        for item in await trim_acknowledged(redis, settings.streams, dry_run=dry_run):
            verb = "would remove" if dry_run else "removed"
            floor = item.floor or "(no group: kept)"
            out.print(f"{item.stream}: {item.length} entries, {verb} {item.removed} below {floor}")

    _with_redis(run)
