"""The consume → work → publish/commit → acknowledge cycle every stage shares.

A stage reads a bounded batch from its consumer group, decodes each entry
against its contract, does its work, and then, in one MULTI/EXEC transaction,
publishes what it produced, dead-letters what can never succeed and XACKs
both. Outputs and the acknowledgement therefore land together or not at all:
a crash in between leaves the entry pending, to be delivered again, and the
idempotent ids downstream absorb the repeat.

Errors are classified here, once (:func:`newsflow.shared.errors.is_permanent`):
bad input is dead-lettered at once; anything else leaves the entry pending,
to be claimed again later (:mod:`newsflow.shared.consumer`), until its
delivery count reaches ``max_deliveries``: then it is dead-lettered too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import structlog
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.shared import metrics
from newsflow.shared.contracts import DeadLetter, Page, Stage
from newsflow.shared.errors import DeliveriesExhausted, error_type, is_permanent
from newsflow.shared.limits import deadline
from newsflow.shared.logging import get_logger
from newsflow.shared.tracing import BatchSpans
from newsflow.shared.wire import Fields, decode, encode, printable

log = get_logger(__name__)

In = TypeVar("In", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Entry:
    """One stream entry: its id and raw fields."""

    id: bytes
    fields: Fields
    deliveries: int = 1


@dataclass(frozen=True, slots=True)
class StageSpec(Generic[In]):
    """Where a stage reads, what it reads, and where its failures go."""

    stage: Stage
    source: str
    group: str
    dead: str
    model: type[In]
    max_deliveries: int = 5
    max_seconds: float | None = None
    group_size: int = 1


@dataclass(slots=True)
class BatchOutcome:
    """What one batch did, for logs, tests and progress displays."""

    done: list[bytes] = field(default_factory=list)
    produced: int = 0
    dead: list[DeadLetter] = field(default_factory=list)
    retry: list[bytes] = field(default_factory=list)


def _context(model: BaseModel) -> dict[str, Any]:
    """The ids bound to every log line while ``model`` is handled."""
    if isinstance(model, Page):
        return {"page_id": model.id}
    ctx: dict[str, Any] = {}
    for name, key in (("page_id", "page_id"), ("id", "document_id")):
        value = getattr(model, name, None)
        if isinstance(value, str):
            ctx[key] = value
    return ctx


def dead_letter(spec: StageSpec[Any], entry: Entry, exc: BaseException, page_id: str | None) -> DeadLetter:
    """The dead letter recording why ``entry`` failed for good."""
    return DeadLetter(
        stage=spec.stage,
        reason=str(exc) or error_type(exc),
        error_type=error_type(exc),
        attempts=entry.deliveries,
        source_stream=spec.source,
        message_id=entry.id.decode(),
        page_id=page_id,
        original=printable(entry.fields),
    )


def _bury(
    spec: StageSpec[Any], outcome: BatchOutcome, entry: Entry, exc: BaseException, page_id: str | None
) -> None:
    """Dead-letter ``entry`` (it is acknowledged with the batch) and say so once."""
    outcome.dead.append(dead_letter(spec, entry, exc, page_id))
    outcome.done.append(entry.id)
    log.warning(
        "message.dead_lettered",
        stage=spec.stage.value,
        message_id=entry.id.decode(),
        error_type=error_type(exc),
        attempts=entry.deliveries,
        reason=str(exc)[:300],
    )


def _decode_all(
    spec: StageSpec[In], entries: Sequence[Entry], outcome: BatchOutcome
) -> list[tuple[Entry, In]]:
    decoded: list[tuple[Entry, In]] = []
    for entry in entries:
        try:
            decoded.append((entry, decode(entry.fields, spec.model)))
        except Exception as exc:
            if not is_permanent(exc):
                raise
            _bury(spec, outcome, entry, exc, None)
    return decoded


async def _commit(
    redis: Redis,
    spec: StageSpec[Any],
    outcome: BatchOutcome,
    target: str | None,
    outputs: Sequence[BaseModel],
    *,
    carried: Sequence[dict[str, bytes]] = (),
) -> None:
    if not outcome.done:
        return
    async with redis.pipeline(transaction=True) as pipe:
        if target is not None:
            for out, beside in zip(outputs, carried or [{}] * len(outputs), strict=True):
                pipe.xadd(target, encode(out) | beside)  # type: ignore[arg-type]
        for letter in outcome.dead:
            pipe.xadd(spec.dead, encode(letter))  # type: ignore[arg-type]
        pipe.xack(spec.source, spec.group, *outcome.done)
        await pipe.execute()
    outcome.produced = len(outputs)


async def transform_batch(
    redis: Redis,
    spec: StageSpec[In],
    entries: Sequence[Entry],
    work: Callable[[In], Sequence[BaseModel]],
    target: str,
    *,
    work_group: Callable[[Sequence[In]], Sequence[Sequence[BaseModel]]] | None = None,
) -> BatchOutcome:
    """Run ``work`` on each entry and publish its outputs to ``target``, atomically with the ack.

    With ``work_group``, entries are first worked on ``spec.group_size`` at a
    time (each group under one page's time limit); a group that fails in any
    way is redone entry by entry with ``work``, where each error is classified
    on its own entry. The outputs are the same either way.
    """
    outcome = BatchOutcome()
    outputs: list[BaseModel] = []
    carried: list[dict[str, bytes]] = []
    spans = BatchSpans(spec.stage.value)
    decoded = _decode_all(spec, entries, outcome)
    grouped = await _work_in_groups(spec, decoded, work_group, spans) if work_group is not None else {}
    for entry, model in decoded:
        ctx = _context(model)
        with structlog.contextvars.bound_contextvars(**ctx):
            produced = grouped.get(entry.id)
            try:
                if produced is None:
                    with (
                        metrics.working(spans, spec.stage.value, [entry], [model]),
                        deadline(spec.max_seconds) as limit,
                    ):
                        produced = work(model)
                    if limit.fired:  # the time-limit error was swallowed inside the work
                        raise limit.exceeded()
            except Exception as exc:
                if is_permanent(exc) or entry.deliveries >= spec.max_deliveries:
                    _bury(spec, outcome, entry, exc, ctx.get("page_id"))
                else:
                    outcome.retry.append(entry.id)
                    log.exception("message.retry_later", stage=spec.stage.value)
                continue
            if entry.id not in grouped:
                await asyncio.sleep(0)  # let the batch's lease heartbeat run between pages
        outputs.extend(produced)
        carried.extend([spans.carry(entry)] * len(produced))
        outcome.done.append(entry.id)
    await _commit(redis, spec, outcome, target, outputs, carried=carried)
    spans.end(outcome)
    return outcome


async def _work_in_groups(
    spec: StageSpec[In],
    decoded: Sequence[tuple[Entry, In]],
    work_group: Callable[[Sequence[In]], Sequence[Sequence[BaseModel]]],
    spans: BatchSpans,
) -> dict[bytes, Sequence[BaseModel]]:
    """Outputs by entry id of the groups that worked as a whole; other entries are left out."""
    done: dict[bytes, Sequence[BaseModel]] = {}
    size = spec.group_size
    for start in range(0, len(decoded) if size > 1 else 0, size):
        group = decoded[start : start + size]
        if len(group) < 2:
            break
        try:
            with (
                metrics.working(spans, spec.stage.value, *zip(*group, strict=True)),
                deadline(spec.max_seconds) as limit,
            ):
                produced = work_group([model for _, model in group])
            if limit.fired:  # swallowed inside the work: some output may be degraded, so none is used
                raise limit.exceeded()
            done.update(list(zip((entry.id for entry, _ in group), produced, strict=True)))
        except Exception as exc:  # not classified here: each entry is redone, and classified, on its own
            log.info(
                "group.redone_one_by_one", stage=spec.stage.value, entries=len(group), error=error_type(exc)
            )
        await asyncio.sleep(0)  # let the batch's lease heartbeat run between groups
    return done


async def store_batch(
    redis: Redis,
    spec: StageSpec[In],
    entries: Sequence[Entry],
    store: Callable[[Sequence[In]], Awaitable[None]],
) -> BatchOutcome:
    """Commit a whole batch with ``store``, then ack it; isolate bad rows if the batch fails.

    A transient failure propagates and leaves every entry pending (nothing is
    acknowledged before its commit). A permanent one retries entry by entry so
    that one bad article cannot hold back the others.
    """
    outcome = BatchOutcome()
    spans = BatchSpans(spec.stage.value)
    decoded = _decode_all(spec, entries, outcome)
    if decoded:
        try:
            with metrics.working(spans, spec.stage.value, *zip(*decoded, strict=True)):
                await store([model for _, model in decoded])
        except Exception as exc:
            if not is_permanent(exc):
                raise
            for entry, model in decoded:
                try:
                    await store([model])
                except Exception as one_exc:
                    if not is_permanent(one_exc):
                        raise
                    _bury(spec, outcome, entry, one_exc, _context(model).get("page_id"))
                else:
                    outcome.done.append(entry.id)
        else:
            outcome.done.extend(entry.id for entry, _ in decoded)
    await _commit(redis, spec, outcome, None, ())
    spans.end(outcome)
    return outcome


async def give_up(redis: Redis, spec: StageSpec[Any], entries: Sequence[Entry]) -> BatchOutcome:
    """Dead-letter ``entries`` unprocessed: they were delivered too often already.

    Reaching this means a consumer crashed, hung or hit an unexpected error on
    each of the earlier deliveries, so processing them once more is not safe.
    """
    outcome = BatchOutcome()
    for entry in entries:
        exc = DeliveriesExhausted(
            f"delivered {entry.deliveries} times without being acknowledged "
            f"(max_deliveries={spec.max_deliveries}): its consumer crashed, hung or kept failing"
        )
        page_id: str | None = None
        try:
            page_id = _context(decode(entry.fields, spec.model)).get("page_id")
        except Exception:  # the page id is only a courtesy here
            page_id = None
        _bury(spec, outcome, entry, exc, page_id)
    await _commit(redis, spec, outcome, None, ())
    return outcome
