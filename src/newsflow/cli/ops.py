"""Operator commands: `newsflow status`, `newsflow dlq list|show|replay|purge`, `newsflow trim`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from redis.asyncio import Redis
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsflow.cli.connect import REDIS, ping_redis
from newsflow.cli.display import column_width, compact_table
from newsflow.cli.errors import UserError, reaching
from newsflow.cli.settings import load_settings
from newsflow.shared.backlog import status as group_status
from newsflow.shared.backlog import status_document
from newsflow.shared.broker import redis_client
from newsflow.shared.deadletters import (
    NotReplayable,
    get_letter,
    list_letters,
    purge,
    replay,
    summary,
)
from newsflow.shared.retention import trim_acknowledged
from newsflow.shared.settings import Settings

T = TypeVar("T")
out = Console()


def _with_redis(action: Callable[[Redis, Settings], Awaitable[T]]) -> T:
    settings = load_settings(default_level="WARNING")
    if not settings.redis_url:
        raise UserError("NEWSFLOW_REDIS_URL is not set: name the deployment's Redis")
    url = settings.redis_url

    async def run() -> T:
        await ping_redis(url)
        with reaching(REDIS, url):
            redis = redis_client(url)
            try:
                return await action(redis, settings)
            finally:
                await redis.aclose()

    return asyncio.run(run())


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.1f}s"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json: bool) -> None:
    """Per stream: length; per group: lag and pending entries per consumer; dead-letter depth."""

    async def gather(redis: Redis, settings: Settings) -> None:
        groups, dead = await group_status(redis, settings.streams)
        if as_json:
            doc = status_document(groups, dead)
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


@dlq.command("list")
@click.option("--limit", default=50, show_default=True, help="How many letters, oldest first.")
@click.option("--stage", type=click.Choice(["splitter", "worker", "sink"]), help="Only this stage's.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, every field of each letter.")
def list_command(limit: int, stage: str | None, as_json: bool) -> None:
    """List dead letters, oldest first: whole id (for show/replay/purge), stage, error type, reason."""

    async def show(redis: Redis, settings: Settings) -> None:
        letters = await list_letters(redis, settings.streams.dead, count=limit, stage=stage)
        if as_json:
            click.echo(json.dumps([summary(item) for item in letters], indent=2))
            return
        table = compact_table()
        table.add_column("id", width=column_width((i.id for i in letters), "id", 40), no_wrap=True)
        table.add_column("stage", width=8, no_wrap=True)
        errors = column_width((i.letter.error_type for i in letters), "error", 24)
        table.add_column("error", width=errors, no_wrap=True, overflow="ellipsis")
        table.add_column("reason", ratio=1, no_wrap=True, overflow="ellipsis", min_width=20)
        for item in letters:
            letter = item.letter
            table.add_row(
                item.id, letter.stage.value, letter.error_type, escape(" ".join(letter.reason.split()))
            )
        out.print(table)
        if not letters:
            out.print(f"no dead letters in {settings.streams.dead}", highlight=False)

    _with_redis(show)


PREVIEW_CHARS = 600


def _size(n: int) -> str:
    return (
        f"{n:,} bytes"
        if n < 10_000
        else f"{n / 1_000_000:.1f} MB"
        if n >= 1_000_000
        else f"{n / 1000:.1f} kB"
    )


@dlq.command()
@click.argument("letter_id")
@click.option("--full", is_flag=True, help="The whole letter as JSON, original entry included.")
def show(letter_id: str, full: bool) -> None:
    """Show one dead letter: its fields, the original entry's size and a preview (--full: all of it)."""

    async def fetch(redis: Redis, settings: Settings) -> None:
        item = await get_letter(redis, settings.streams.dead, letter_id)
        if item is None:
            raise UserError(f"no dead letter {letter_id} in {settings.streams.dead} (`newsflow dlq list`)")
        if full:
            click.echo(item.letter.model_dump_json(indent=2))
            return
        for key, value in summary(item).items():
            click.echo(f"{key}: {value}")
        original = item.letter.original
        size = sum(len(k) + len(v) for k, v in original.items())
        click.echo(f"original: {len(original)} field(s), {_size(size)} from {item.letter.source_stream}")
        for key, value in original.items():
            preview = value[:PREVIEW_CHARS]
            more = f" … ({_size(len(value))}; --full for all)" if len(value) > PREVIEW_CHARS else ""
            click.echo(f"  {key}: {preview}{more}")

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
                raise UserError(f"no dead letter {', '.join(missing)} in {dead}")
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
@click.option("--json", "as_json", is_flag=True, help="One JSON array, one object per stream.")
def trim(dry_run: bool, as_json: bool) -> None:
    """Delete stream entries every consumer group has acknowledged (never anything still pending)."""

    async def run(redis: Redis, settings: Settings) -> None:
        done = await trim_acknowledged(redis, settings.streams, dry_run=dry_run)
        if as_json:
            rows = [
                {
                    "stream": i.stream,
                    "length": i.length,
                    "removed": i.removed,
                    "floor": i.floor,
                    "dry_run": dry_run,
                }
                for i in done
            ]
            click.echo(json.dumps(rows, indent=2))
            return
        for item in done:
            verb = "would remove" if dry_run else "removed"
            floor = item.floor or "(no group: kept)"
            out.print(
                f"{item.stream}: {item.length} entries, {verb} {item.removed} below {floor}", highlight=False
            )

    _with_redis(run)
