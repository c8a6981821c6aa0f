"""The dead-letter stream, for operators: read, replay and purge dead letters.

A dead letter keeps the original stream entry and the stream it came from,
so replaying one after the cause is fixed (a raised limit, a parser fix)
puts the very same entry back at the start of its stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis

from newsflow.shared.contracts import DeadLetter
from newsflow.shared.wire import decode


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


async def list_letters(redis: Redis, dead: str, *, count: int = 100, start: str = "-") -> list[Letter]:
    """The oldest ``count`` dead letters from ``start`` on."""
    entries = await redis.xrange(dead, min=start, max="+", count=count)
    return [_letter(i, fields) for i, fields in entries or ()]


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
