"""One FastStream application per service process (``newsflow serve NAME``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

from faststream import FastStream
from faststream.redis import RedisBroker
from redis.exceptions import RedisError

from newsflow.shared import tracing
from newsflow.shared.broker import ensure_groups, make_broker, redis_client
from newsflow.shared.endpoints import Check, ops_server
from newsflow.shared.logging import get_logger
from newsflow.shared.pending import DeliveryPolicy
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings

log = get_logger(__name__)

Hook = Callable[[], Awaitable[None]]


def delivery_policy(settings: Settings) -> DeliveryPolicy:
    """How every stage of this process reads, reclaims and gives up (see shared.consumer)."""
    return DeliveryPolicy(
        batch_size=settings.batch_size,
        block_ms=settings.block_ms,
        claim_idle_ms=settings.claim_idle_ms,
        retry_max_ms=settings.retry_max_ms,
        trim_every_s=settings.trim_every_s,
    )


def service_app(
    name: str,
    settings: Settings,
    wire: Callable[[RedisBroker], None],
    *,
    startup: Sequence[Hook] = (),
    shutdown: Sequence[Hook] = (),
    checks: Mapping[str, Check] | None = None,
) -> FastStream:
    """A FastStream app running the subscribers ``wire`` puts on a fresh broker.

    Consumer groups are created at id 0 before any subscriber starts, so pages
    published before the services came up are not skipped. With
    ``NEWSFLOW_HTTP_PORT`` set, ``/healthz``, ``/readyz`` (the broker's checks
    and ``checks``) and ``/metrics`` are served while the service runs.
    """
    if settings.redis_url is None:
        msg = "NEWSFLOW_REDIS_URL is required to serve (newsflow run starts its own broker)"
        raise SystemExit(msg)
    url = settings.redis_url
    tracing.configure_from_env(name)
    broker = make_broker(url)
    wire(broker)
    app = FastStream(broker, logger=None)
    http = ops_server(name, settings, url, checks or {})

    @app.on_startup
    async def _bootstrap() -> None:
        redis = redis_client(url)
        try:
            await ensure_groups(redis, settings.streams)
        except (RedisError, OSError) as exc:
            # Not fatal: each stage's read loop creates the groups once Redis answers.
            log.warning("broker.unavailable", service=name, error=redact_url(str(exc)), at="startup")
        finally:
            await redis.aclose()
        for hook in startup:
            await hook()
        port = await http.start() if http is not None else None
        log.info(
            "service.started",
            service=name,
            consumer=settings.consumer_name,
            prefix=settings.stream_prefix,
            http_port=port,
        )

    @app.after_shutdown
    async def _teardown() -> None:
        if http is not None:
            await http.stop()
        for hook in shutdown:
            await hook()
        tracing.shutdown()
        log.info("service.stopped", service=name)

    return app
