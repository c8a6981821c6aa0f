"""``/healthz``, ``/readyz`` and ``/metrics``: what an operator (or compose, or Prometheus) asks a service.

* ``/healthz`` — 200 while the process is alive and well: no reported
  problem (:func:`newsflow.shared.health.report_problem`) and every read loop
  completed a cycle within its bound (:func:`newsflow.shared.liveness.cycle_bound_s`).
  503 with the reasons otherwise: restart it.
* ``/readyz`` — 200 once it can work: the broker answers, every consumer
  group exists, its read loop runs, and the service's own checks pass (the
  sink's database, the worker's models). 503 with the failing checks: wait.
* ``/metrics`` — Prometheus text format; streams are sampled when scraped.

Every answer is JSON but ``/metrics``; each check has a time limit, so a
hung broker makes ``/readyz`` say so rather than hang the prober.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from redis.asyncio import Redis
from redis.exceptions import ResponseError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from newsflow.shared import health, liveness, metrics
from newsflow.shared.broker import redis_client
from newsflow.shared.errors import error_type
from newsflow.shared.http import HttpServer
from newsflow.shared.logging import get_logger
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings
from newsflow.shared.streams import Streams

log = get_logger(__name__)

Check = Callable[[], Awaitable[object]]
"""A readiness check: raises (with a message) when not ready; what it returns is shown as its detail."""

CHECK_TIMEOUT_S = 2.0


def broker_checks(redis: Redis, streams: Streams) -> dict[str, Check]:
    """The broker answers and every stage's consumer group exists."""

    async def broker() -> object:
        return await redis.ping()

    async def groups() -> object:
        missing = []
        for stream, group in streams.groups():
            try:
                names = {_name(info) for info in await redis.xinfo_groups(stream)}
            except ResponseError:  # no stream yet
                names = set()
            if group not in names:
                missing.append(f"{stream}/{group}")
        if missing:
            msg = f"missing consumer groups: {', '.join(missing)}"
            raise RuntimeError(msg)
        return "ok"

    return {"broker": broker, "groups": groups}


def loaded_check(component: str) -> Check:
    """Ready once ``component`` was marked loaded (:func:`newsflow.shared.liveness.mark_loaded`)."""

    async def check() -> object:
        detail = liveness.loaded().get(component)
        if detail is None:
            msg = f"{component} not loaded"
            raise RuntimeError(msg)
        return detail or "ok"

    return check


async def read_loop_check() -> object:
    """Ready once this process's read loops run (none yet: still starting)."""
    loops = liveness.loops()
    if not loops:
        msg = "no read loop running yet"
        raise RuntimeError(msg)
    return ", ".join(f"{w.name}: {w.cycles} cycles" for w in loops)


def unhealthy_reasons() -> list[str]:
    """Everything that makes this process unhealthy now: reported problems, then stalled read loops."""
    reported = [f"{component}: {reason}" for component, reason in sorted(health.status().problems.items())]
    return reported + liveness.stalled_loops()


def _name(info: Mapping[str, object]) -> str:
    name = info.get("name")
    return name.decode() if isinstance(name, bytes) else str(name)


async def _run_check(check: Check) -> tuple[bool, str]:
    try:
        detail = await asyncio.wait_for(check(), CHECK_TIMEOUT_S)
    except TimeoutError:
        return False, f"no answer within {CHECK_TIMEOUT_S}s"
    except Exception as exc:
        return False, redact_url(f"{error_type(exc)}: {exc}")[:300]
    return True, str(detail)


async def run_checks(checks: Mapping[str, Check]) -> tuple[bool, dict[str, str]]:
    """Run ``checks`` concurrently: (all passed, name → detail or error)."""
    names = list(checks)
    results = await asyncio.gather(*(_run_check(checks[n]) for n in names))
    return all(ok for ok, _ in results), {
        n: d if ok else f"FAIL {d}" for n, (ok, d) in zip(names, results, strict=True)
    }


def ops_app(
    service: str,
    checks: Mapping[str, Check],
    samplers: Sequence[Callable[[], Awaitable[None]]] = (),
) -> Starlette:
    """The app serving ``/healthz``, ``/readyz`` (``checks``) and ``/metrics`` (after ``samplers``)."""

    async def healthz(_request: Request) -> JSONResponse:
        problems = unhealthy_reasons()
        if problems:
            return JSONResponse({"status": "unhealthy", "service": service, "problems": problems}, 503)
        return JSONResponse({"status": "ok", "service": service})

    async def readyz(_request: Request) -> JSONResponse:
        ok, details = await run_checks(checks)
        body = {"status": "ready" if ok else "not ready", "service": service, "checks": details}
        return JSONResponse(body, 200 if ok else 503)

    async def metrics_endpoint(_request: Request) -> Response:
        for sample in samplers:
            try:
                await asyncio.wait_for(sample(), CHECK_TIMEOUT_S)
            except Exception as exc:  # a scrape still returns what the process counted itself
                log.warning(
                    "metrics.sample_failed", error_type=error_type(exc), error=redact_url(str(exc))[:200]
                )
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
        ]
    )


def stream_sampler(redis: Redis, streams: Streams) -> Callable[[], Awaitable[None]]:
    """Sample lag, pending and dead-letter depth into the gauges when ``/metrics`` is scraped."""

    async def sample() -> None:
        await metrics.sample_streams(redis, streams)

    return sample


class OpsServer(HttpServer):
    """The ops endpoints of one service, with the Redis client they use (closed with the server)."""

    def __init__(self, app: Starlette, redis: Redis, port: int, host: str) -> None:
        super().__init__(app, port, host)
        self.redis = redis

    async def stop(self) -> None:
        await super().stop()
        await self.redis.aclose()


def ops_server(
    service: str, settings: Settings, redis_url: str, checks: Mapping[str, Check]
) -> OpsServer | None:
    """The server of ``service``'s ops endpoints on ``NEWSFLOW_HTTP_PORT`` (None when it is unset)."""
    if settings.http_port is None:
        return None
    redis = redis_client(redis_url)
    streams = settings.streams
    all_checks = {**broker_checks(redis, streams), "read_loop": read_loop_check, **checks}
    app = ops_app(service, all_checks, [stream_sampler(redis, streams)])
    return OpsServer(app, redis, settings.http_port, settings.http_host)
