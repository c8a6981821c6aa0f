"""The dead-letter stream: writing bounded letters, and reading, replaying and purging them.

A dead letter keeps the original stream entry and the stream it came from,
so replaying one after the cause is fixed (a raised limit, a parser fix)
puts the very same entry back at the start of its stage. Poison can be
huge, so a letter is bounded: an original over ``max_bytes`` keeps only
each field's head, with its size and hash (it cannot be replayed), and the
stream keeps about ``max_letters`` letters (the oldest go first).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from newsflow.shared.contracts import DeadLetter
from newsflow.shared.wire import Fields, decode, encode, printable


@dataclass(frozen=True, slots=True)
class DeadLetterPolicy:
    """How much a dead letter keeps of its original, and how many letters the stream keeps."""

    max_bytes: int = 1_000_000
    head_bytes: int = 4_096
    max_letters: int = 100_000


def bounded_original(fields: Fields, policy: DeadLetterPolicy) -> dict[str, Any]:
    """The ``original*`` fields of a dead letter for ``fields``: whole under the cap, else heads."""
    digest = hashlib.sha256()
    size = 0
    for key, value in fields.items():
        digest.update(key + b"\x1f" + value + b"\x1e")
        size += len(key) + len(value)
    truncated = size > policy.max_bytes
    kept = {k: v[: policy.head_bytes] for k, v in fields.items()} if truncated else fields
    return {
        "original": printable(kept),
        "original_bytes": size,
        "original_sha256": digest.hexdigest(),
        "truncated": truncated,
    }


def add_letter(pipe: Pipeline, dead: str, letter: DeadLetter, policy: DeadLetterPolicy) -> None:
    """Queue ``letter`` on ``pipe``, trimming the stream to about ``policy.max_letters``."""
    pipe.xadd(dead, encode(letter), maxlen=policy.max_letters or None, approximate=True)  # type: ignore[arg-type]


class NotReplayable(ValueError):
    """The letter keeps only the head of its original."""


@dataclass(frozen=True, slots=True)
class Letter:
    """One dead-letter entry: its id in the dead-letter stream and its content."""

    id: str
    letter: DeadLetter


def summary(item: Letter) -> dict[str, object]:
    """A letter's fields without the original entry, as JSON (``dlq list --json``, ``GET /dead-letters``)."""
    letter = item.letter
    return {
        "id": item.id,
        "failed_at": letter.failed_at.isoformat(),
        "stage": letter.stage.value,
        "error_type": letter.error_type,
        "attempts": letter.attempts,
        "page_id": letter.page_id,
        "source_stream": letter.source_stream,
        "reason": letter.reason,
    }


def _id(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _letter(entry_id: object, fields: object) -> Letter:
    raw = fields if isinstance(fields, dict) else {}
    return Letter(_id(entry_id), decode(raw, DeadLetter))


async def list_letters(
    redis: Redis, dead: str, *, count: int = 100, start: str = "-", stage: str | None = None
) -> list[Letter]:
    """The oldest ``count`` dead letters from ``start`` on (of ``stage`` only, when given).

    Reads in pages of ``count``, so that no more letters are held than shown
    (one page more at most, when filtering by stage).
    """
    found: list[Letter] = []
    low = start
    while len(found) < count:
        entries = await redis.xrange(dead, min=low, max="+", count=count)
        if not entries:
            break
        for entry_id, fields in entries:
            letter = _letter(entry_id, fields)
            if stage is None or letter.letter.stage.value == stage:
                found.append(letter)
        low = "(" + _id(entries[-1][0])
        if len(entries) < count:
            break
    return found[:count]


async def get_letter(redis: Redis, dead: str, letter_id: str) -> Letter | None:
    entries = await redis.xrange(dead, min=letter_id, max=letter_id, count=1)
    if not entries:
        return None
    entry_id, fields = entries[0]
    return _letter(entry_id, fields)


async def replay(redis: Redis, dead: str, letters: Sequence[Letter]) -> list[str]:
    """Put each letter's original entry back on its source stream and remove the letter, atomically.

    Returns the new entry ids. The original fields are replayed as recorded
    (bytes that were not UTF-8 were kept as ``\\x`` escapes and stay so).
    """
    if not letters:
        return []
    cut = [item.id for item in letters if item.letter.truncated]
    if cut:
        msg = f"letters {', '.join(cut[:5])} keep only the head of their original (over the cap): no replay"
        raise NotReplayable(msg)
    async with redis.pipeline(transaction=True) as pipe:
        for item in letters:
            fields = {k.encode(): v.encode() for k, v in item.letter.original.items()}
            pipe.xadd(item.letter.source_stream, fields)  # type: ignore[arg-type]
        pipe.xdel(dead, *[item.id for item in letters])
        results = await pipe.execute()
    return [_id(r) for r in results[:-1]]


async def purge(redis: Redis, dead: str, letter_ids: Sequence[str] | None = None) -> int:
    """Delete the given dead letters, or all of them; returns how many went."""
    if letter_ids is None:
        count = int(await redis.xlen(dead))
        await redis.delete(dead)
        return count
    if not letter_ids:
        return 0
    return int(await redis.xdel(dead, *letter_ids))
