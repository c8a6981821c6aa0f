"""One FastStream application per service process (``newsflow serve NAME``).

FastStream hosts the process: its lifecycle hooks start and stop the stage, it handles SIGTERM/SIGINT,
and its broker owns the Redis connection (``broker.connect()``). The read loop itself is the project's
:class:`~newsflow.shared.consumer.StageConsumer`, run as a task beside the broker rather than inside a
FastStream subscriber: FastStream 0.7 has no pass over a consumer's own pending entries, no
per-delivery backoff, and stops on NOGROUP (see ``shared/consumer.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from redis.asyncio import Redis
from redis.exceptions import RedisError

from newsflow.shared import metrics, tracing
from newsflow.shared.broker import ensure_groups, make_broker, redis_client
from newsflow.shared.config import delivery_policy
from newsflow.shared.consumer import BatchWork, StageConsumer
from newsflow.shared.contracts import Stage
from newsflow.shared.endpoints import Check, ops_server
from newsflow.shared.logging import get_logger
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings
from newsflow.shared.stage import StageSpec

log = get_logger(__name__)

Hook = Callable[[], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class StageRun:
    """A stage ready to run: where it reads, what it does with a batch, what it opens and closes, and
    what ``/readyz`` checks besides the broker (the sink's database, the worker's models)."""

    spec: StageSpec[Any]
    work: BatchWork
    startup: Sequence[Hook] = ()
    shutdown: Sequence[Hook] = ()
    checks: Mapping[str, Check] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StageDef:
    """One service: its name, its stage, and how its run is built from settings and a Redis URL."""

    name: str
    stage: Stage
    build: Callable[[Settings, str], StageRun]


@dataclass(slots=True)
class RunningStage:
    """A :class:`StageRun` whose consumer reads as a task on a Redis connection."""

    run: StageRun
    consumer: StageConsumer
    task: asyncio.Task[None] | None = field(default=None)

    @classmethod
    def of(cls, run: StageRun, settings: Settings) -> RunningStage:
        return cls(
            run,
            StageConsumer(
                run.spec, settings.streams, settings.consumer_name, delivery_policy(settings, run.spec.stage)
            ),
        )

    def start(self, redis: Redis) -> None:
        stage = self.run.spec.stage.value

        async def dispatch(entries: list[Any]) -> None:
            started = time.perf_counter()
            outcome = await self.consumer.process(redis, entries, self.run.work)
            metrics.batch_done(stage, entries, outcome, time.perf_counter() - started)

        name = f"newsflow-{self.run.spec.stage.value}"
        self.task = asyncio.create_task(self.consumer.run(redis, dispatch), name=name)

    async def stop(self, within: float) -> None:
        """Finish and acknowledge the batch in hand (at most ``within`` seconds), then end the task."""
        self.consumer.request_stop()
        await self.consumer.wait_stopped(within)
        if self.task is not None and not self.task.done():
            self.task.cancel()
            with suppress(asyncio.CancelledError):
                await self.task


async def create_groups(url: str, settings: Settings, service: str) -> None:
    """Create every consumer group at id 0 before anything reads, so nothing published earlier is skipped."""
    redis = redis_client(url)
    try:
        await ensure_groups(redis, settings.streams)
    except (RedisError, OSError) as exc:
        # Not fatal: each stage's read loop creates the groups once Redis answers.
        log.warning("broker.unavailable", service=service, error=redact_url(str(exc)), at="startup")
    finally:
        await redis.aclose()


def service_app(definition: StageDef, settings: Settings, *, graceful_timeout: float = 30.0) -> FastStream:
    """The FastStream app of one service: groups first, then its stage as a task, stopped gracefully.

    With ``NEWSFLOW_HTTP_PORT`` set, ``/healthz``, ``/readyz`` (the broker's checks and the stage's)
    and ``/metrics`` are served while the service runs; traces are exported when OTLP is configured.
    """
    if settings.redis_url is None:
        msg = "NEWSFLOW_REDIS_URL is required to serve (newsflow run starts its own broker)"
        raise SystemExit(msg)
    url = settings.redis_url
    tracing.configure_from_env(definition.name)
    broker = make_broker(url)
    run = definition.build(settings, url)
    stage = RunningStage.of(run, settings)
    app = FastStream(broker, logger=None)
    http = ops_server(definition.name, settings, url, run.checks)

    @app.on_startup
    async def _prepare() -> None:
        await create_groups(url, settings, definition.name)
        for hook in run.startup:
            await hook()

    @app.after_startup
    async def _start() -> None:
        stage.start(await broker.connect())
        port = await http.start() if http is not None else None
        log.info(
            "service.started",
            service=definition.name,
            consumer=settings.consumer_name,
            prefix=settings.stream_prefix,
            http_port=port,
        )

    @app.on_shutdown
    async def _stop() -> None:
        await stage.stop(graceful_timeout)

    @app.after_shutdown
    async def _close() -> None:
        if http is not None:
            await http.stop()
        for hook in run.shutdown:
            await hook()
        tracing.shutdown()
        log.info("service.stopped", service=definition.name)

    return app


@asynccontextmanager
async def running_stages(
    definitions: Sequence[StageDef], settings: Settings, url: str, *, graceful_timeout: float = 30.0
) -> AsyncIterator[list[RunningStage]]:
    """Several stages in this process (``newsflow run``, the harness, benchmarks) on one broker.

    The same start and stop as :func:`service_app`: groups first, each stage's start-up hooks, the read
    loops as tasks; on exit each loop finishes its batch in hand, then the shut-down hooks run.
    """
    broker = make_broker(url)
    runs = [d.build(settings, url) for d in definitions]
    await create_groups(url, settings, "+".join(d.name for d in definitions))
    for run in runs:
        for hook in run.startup:
            await hook()
    stages = [RunningStage.of(run, settings) for run in runs]
    try:
        redis = await broker.connect()
        for stage in stages:
            stage.start(redis)
        yield stages
    finally:
        await asyncio.gather(*(stage.stop(graceful_timeout) for stage in stages))
        await broker.stop()
        for run in runs:
            for hook in run.shutdown:
                await hook()
