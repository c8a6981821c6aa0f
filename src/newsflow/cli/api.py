"""`newsflow serve api` and `newsflow run --open`: the HTTP api and its status page."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import click

from newsflow.cli.connect import REDIS, ping_redis
from newsflow.cli.errors import UserError, reaching
from newsflow.extras import MissingExtra, require
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings

if TYPE_CHECKING:
    from newsflow.api.config import ApiSettings

log = get_logger(__name__)

NOTHING: contextlib.AbstractAsyncContextManager[None] = contextlib.nullcontext()


def _api_settings(settings: Settings) -> ApiSettings:
    try:
        require("newsflow.api.app", "api", "the HTTP api")
    except MissingExtra as exc:
        raise click.ClickException(str(exc)) from None
    from newsflow.api.config import ApiSettings

    return ApiSettings.of(settings)


@contextlib.asynccontextmanager
async def _stages(settings: Settings, url: str) -> AsyncIterator[None]:
    from newsflow.shared.app import running_stages
    from newsflow.sink.app import SINK
    from newsflow.splitter.app import SPLITTER
    from newsflow.worker.app import WORKER

    async with running_stages([SPLITTER, WORKER, SINK], settings, url):
        yield


async def _serve(settings: Settings, url: str, api: ApiSettings, with_stages: bool) -> None:
    """The api on the services' HTTP runner (``shared/http.py``) until SIGINT or SIGTERM."""
    from newsflow.api.app import create_app
    from newsflow.shared.http import HttpServer

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with _stages(settings, url) if with_stages else NOTHING:
        server = HttpServer(create_app(settings, api, url), api.http_port, api.host)
        port = await server.start()
        address = f"http://{api.host}:{port}/"
        log.info("api.started", url=address)
        click.echo(f"newsflow api and status page: {address}  (Ctrl-C stops)")
        try:
            await stop.wait()
        finally:
            await server.stop()


def serve_api(settings: Settings) -> None:
    """`newsflow serve api`: the api alone, against a running deployment."""
    api = _api_settings(settings)
    if not settings.redis_url:
        raise UserError("NEWSFLOW_REDIS_URL is not set: name the deployment's Redis")
    url = settings.redis_url
    asyncio.run(ping_redis(url))
    with reaching(REDIS, url):
        asyncio.run(_serve(settings, url, api, with_stages=False))


def keep_open(settings: Settings, url: str) -> None:
    """`newsflow run --open`: splitter, worker, sink and the api in this process until Ctrl-C."""
    api = _api_settings(settings)
    asyncio.run(_serve(settings, url, api, with_stages=True))
