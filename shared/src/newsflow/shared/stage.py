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
from functools import partial
from typing import Any, Generic, TypeVar

import structlog
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.shared import metrics
from newsflow.shared.contracts import DeadLetter, Page, Stage
from newsflow.shared.deadletters import DeadLetterPolicy, add_letter, bounded_original
from newsflow.shared.errors import DeliveriesExhausted, error_type, is_permanent, is_transient
from newsflow.shared.limits import deadline
from newsflow.shared.logging import get_logger
from newsflow.shared.tracing import BatchSpans
from newsflow.shared.wire import Fields, decode, encode

log = get_logger(__name__)

In = TypeVar("In", bound=BaseModel)
T = TypeVar("T")


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
    self_timed: bool = False  # the work enforces max_seconds itself (a child process): run in a thread
    dead_letters: DeadLetterPolicy = field(default_factory=DeadLetterPolicy)


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
        **bounded_original(entry.fields, spec.dead_letters),
    )


def _bury(
    spec: StageSpec[Any], outcome: BatchOutcome, entry: Entry, exc: BaseException, page_id: str | None
) -> None:
    """Dead-letter ``entry`` (it is acknowledged with the batch) and say so once."""
    outcome.dead.append(dead_letter(spec, entry, exc, page_id))
    outcome.done.append(entry.id)
    _log_buried(spec, entry, exc)


def _log_buried(spec: StageSpec[Any], entry: Entry, exc: BaseException) -> None:
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


@dataclass(slots=True)
class _Unit:
    """What one entry commits: its outputs, or its dead letter, and its acknowledgement."""

    entry: Entry
    outputs: Sequence[BaseModel] = ()
    letter: DeadLetter | None = None
    beside: dict[str, bytes] = field(default_factory=dict)  # wire fields beside each output's payload


async def _execute(redis: Redis, spec: StageSpec[Any], target: str | None, units: Sequence[_Unit]) -> None:
    """Publish, dead-letter and acknowledge ``units`` in one MULTI/EXEC (serialised inside it)."""
    async with redis.pipeline(transaction=True) as pipe:
        for unit in units:
            if target is not None:
                for out in unit.outputs:
                    pipe.xadd(target, encode(out) | unit.beside)  # type: ignore[arg-type]
        for unit in units:
            if unit.letter is not None:
                add_letter(pipe, spec.dead, unit.letter, spec.dead_letters)
        pipe.xack(spec.source, spec.group, *[unit.entry.id for unit in units])
        await pipe.execute()


async def _commit_units(
    redis: Redis, spec: StageSpec[Any], target: str | None, units: list[_Unit], outcome: BatchOutcome
) -> None:
    """Commit ``units``; failing for a reason other than an outage, halve them until the culprit is alone.

    The culprit alone is dead-lettered with its own error; every other entry
    is committed. A halved batch is one transaction per half: outputs already
    published by a failed transaction (Redis does not roll back a command
    that failed inside EXEC) are published again, which idempotent ids absorb.
    """
    try:
        await _execute(redis, spec, target, units)
    except Exception as exc:
        if is_transient(exc):
            raise
        if len(units) == 1:
            unit = units[0]
            if unit.letter is not None:
                raise  # even its dead letter cannot be written: leave it pending
            page_id = _context(unit.outputs[0]).get("page_id") if unit.outputs else None
            unit.outputs, unit.letter = (), dead_letter(spec, unit.entry, exc, page_id)
            outcome.dead.append(unit.letter)
            _log_buried(spec, unit.entry, exc)
            await _execute(redis, spec, target, units)
            return
        half = len(units) // 2
        log.info("commit.halved", stage=spec.stage.value, entries=len(units), error=error_type(exc))
        await _commit_units(redis, spec, target, units[:half], outcome)
        await _commit_units(redis, spec, target, units[half:], outcome)


async def _commit(
    redis: Redis,
    spec: StageSpec[Any],
    entries: Sequence[Entry],
    outcome: BatchOutcome,
    *,
    target: str | None = None,
    outputs: dict[bytes, Sequence[BaseModel]] | None = None,
    carried: dict[bytes, dict[str, bytes]] | None = None,
) -> None:
    """Publish the outputs (with the fields ``carried`` beside them), dead-letter and acknowledge
    what ``outcome`` says is done."""
    outputs, carried = outputs or {}, carried or {}
    if not outcome.done:
        return
    letters = {letter.message_id: letter for letter in outcome.dead}
    by_id = {entry.id: entry for entry in entries}
    units = [
        _Unit(by_id[i], outputs.get(i, ()), letters.get(i.decode()), carried.get(i, {}))
        for i in dict.fromkeys(outcome.done)
    ]
    await _commit_units(redis, spec, target, units, outcome)
    outcome.produced = sum(len(unit.outputs) for unit in units)


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
    outputs: dict[bytes, Sequence[BaseModel]] = {}
    carried: dict[bytes, dict[str, bytes]] = {}
    spans = BatchSpans(spec.stage.value)
    decoded = _decode_all(spec, entries, outcome)
    grouped = await _work_in_groups(spec, decoded, work_group, spans) if work_group is not None else {}
    for entry, model in decoded:
        ctx = _context(model)
        with structlog.contextvars.bound_contextvars(**ctx):
            produced = grouped.get(entry.id)
            try:
                if produced is None:
                    with metrics.working(spans, spec.stage.value, [entry], [model]):
                        produced = await _timed(spec, partial(work, model))
            except Exception as exc:
                if is_transient(exc):
                    raise  # an outage (Redis refusing, say): the batch is retried in place, uncounted
                if is_permanent(exc) or entry.deliveries >= spec.max_deliveries:
                    _bury(spec, outcome, entry, exc, ctx.get("page_id"))
                else:
                    outcome.retry.append(entry.id)
                    log.exception("message.retry_later", stage=spec.stage.value)
                continue
            if entry.id not in grouped and not spec.self_timed:
                await asyncio.sleep(0)  # let the batch's lease heartbeat run between pages
        outputs[entry.id] = produced
        carried[entry.id] = spans.carry(entry)
        outcome.done.append(entry.id)
    await _commit(redis, spec, entries, outcome, target=target, outputs=outputs, carried=carried)
    spans.end(outcome)
    return outcome


async def _timed(spec: StageSpec[Any], call: Callable[[], T]) -> T:
    """``call()`` under the page time limit.

    Work that times itself (the worker's child process) runs in a thread, so
    that the event loop, and with it the batch's lease heartbeat, runs on
    while it waits. Other work runs here under SIGALRM; if the time-limit
    error was swallowed inside the work, its output may be degraded: refused.
    """
    if spec.self_timed:
        return await asyncio.to_thread(call)
    with deadline(spec.max_seconds) as limit:
        result = call()
    if limit.fired:
        raise limit.exceeded()
    return result


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
            with metrics.working(spans, spec.stage.value, *zip(*group, strict=True)):
                produced = await _timed(spec, partial(work_group, [model for _, model in group]))
            done.update(list(zip((entry.id for entry, _ in group), produced, strict=True)))
        except Exception as exc:  # not classified here: each entry is redone, and classified, on its own
            if is_transient(exc):
                raise  # an outage: the whole batch waits and is retried in place
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
    """Commit a whole batch with ``store``, then ack it; isolate what fails if the batch fails.

    A transient failure propagates and leaves every entry pending (nothing is
    acknowledged before its commit). Any other failure halves the batch until
    the failing entry stands alone, so that one bad article cannot hold back
    the others: alone, it is dead-lettered with its own error when that error
    is permanent or its deliveries are used up, else left pending for a retry.
    """
    outcome = BatchOutcome()
    spans = BatchSpans(spec.stage.value)
    decoded = _decode_all(spec, entries, outcome)
    if decoded:
        with metrics.working(spans, spec.stage.value, *zip(*decoded, strict=True)):
            await _store_halving(spec, decoded, store, outcome)
    await _commit(redis, spec, entries, outcome)
    spans.end(outcome)
    return outcome


async def _store_halving(
    spec: StageSpec[In],
    decoded: Sequence[tuple[Entry, In]],
    store: Callable[[Sequence[In]], Awaitable[None]],
    outcome: BatchOutcome,
) -> None:
    if not decoded:
        return
    try:
        await store([model for _, model in decoded])
    except Exception as exc:
        if is_transient(exc):
            raise
        if len(decoded) > 1:
            half = len(decoded) // 2
            log.info("store.halved", stage=spec.stage.value, entries=len(decoded), error=error_type(exc))
            await _store_halving(spec, decoded[:half], store, outcome)
            await _store_halving(spec, decoded[half:], store, outcome)
            return
        entry, model = decoded[0]
        if is_permanent(exc) or entry.deliveries >= spec.max_deliveries:
            _bury(spec, outcome, entry, exc, _context(model).get("page_id"))
        else:
            outcome.retry.append(entry.id)
            log.warning(
                "message.retry_later",
                stage=spec.stage.value,
                message_id=entry.id.decode(),
                error_type=error_type(exc),
                error=str(exc)[:300],
                attempts=entry.deliveries,
            )
    else:
        outcome.done.extend(entry.id for entry, _ in decoded)


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
    await _commit(redis, spec, entries, outcome)
    return outcome
