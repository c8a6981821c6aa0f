"""`newsflow serve api` and `newsflow run --open`: the HTTP api and its status page."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError

from newsflow.cli.connect import REDIS, ping_redis
from newsflow.cli.errors import UserError, reaching
from newsflow.extras import MissingExtra, require
from newsflow.shared.settings import Settings

if TYPE_CHECKING:
    from newsflow.api.config import ApiSettings

NOTHING: contextlib.AbstractAsyncContextManager[None] = contextlib.nullcontext()


def _api_settings() -> ApiSettings:
    try:
        require("newsflow.api.app", "api", "the HTTP api")
    except MissingExtra as exc:
        raise click.ClickException(str(exc)) from None
    from newsflow.api.config import ApiSettings

    try:
        return ApiSettings()
    except ValidationError as exc:
        lines = [f"NEWSFLOW_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()]
        raise UserError("invalid NEWSFLOW_* settings: " + "; ".join(lines)) from None


@contextlib.asynccontextmanager
async def _stages(settings: Settings, url: str) -> AsyncIterator[None]:
    from newsflow.shared.app import running_stages
    from newsflow.sink.app import SINK
    from newsflow.splitter.app import SPLITTER
    from newsflow.worker.app import WORKER

    async with running_stages([SPLITTER, WORKER, SINK], settings, url):
        yield


async def _serve(settings: Settings, url: str, api: ApiSettings, with_stages: bool) -> None:
    from newsflow.api.app import create_app
    from newsflow.api.server import server

    async with _stages(settings, url) if with_stages else NOTHING:
        app = create_app(settings, api, url)
        running = server(app, api.host, api.http_port)
        running.stop_on_signals()
        serving = asyncio.create_task(running.serve())
        ready = asyncio.create_task(running.ready.wait())
        await asyncio.wait([serving, ready], return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if running.url:
            click.echo(f"newsflow api and status page: {running.url}  (Ctrl-C stops)")
        await serving


def serve_api(settings: Settings) -> None:
    """`newsflow serve api`: the api alone, against a running deployment."""
    api = _api_settings()
    if not settings.redis_url:
        raise UserError("NEWSFLOW_REDIS_URL is not set: name the deployment's Redis")
    url = settings.redis_url
    asyncio.run(ping_redis(url))
    with reaching(REDIS, url):
        asyncio.run(_serve(settings, url, api, with_stages=False))


def keep_open(settings: Settings, url: str) -> None:
    """`newsflow run --open`: splitter, worker, sink and the api in this process until Ctrl-C."""
    api = _api_settings()
    asyncio.run(_serve(settings, url, api, with_stages=True))
