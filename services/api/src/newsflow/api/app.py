"""Wiring: the FastAPI application (``create_app``), its shared state and its lifespan.

``create_app`` returns a plain ASGI app, so any ASGI server (``server.serve``,
or the services' shared HTTP runner) can host it; the lifespan starts the
throughput sampler and closes Redis and the database when the server stops.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from newsflow.api import page, routes
from newsflow.api.config import ApiSettings
from newsflow.api.samples import Sampler
from newsflow.api.state import ApiState
from newsflow.client import Producer
from newsflow.shared.broker import redis_client
from newsflow.shared.contracts import Page
from newsflow.shared.logging import get_logger
from newsflow.shared.settings import Settings
from newsflow.store.store import ArticleStore

log = get_logger(__name__)

TITLE = "newsflow"
DESCRIPTION = (
    "Submit raw pages over HTTP; read stored articles, search them, inspect and replay dead letters; "
    "see the streams. With NEWSFLOW_API_TOKEN set, every call needs `Authorization: Bearer <token>`."
)


def _state(settings: Settings, api: ApiSettings, redis_url: str) -> ApiState:
    redis = redis_client(redis_url)
    return ApiState(
        settings=settings,
        token=api.token,
        redis=redis,
        producer=Producer(redis, settings.streams, settings.max_backlog),
        store=ArticleStore(settings.database_url),
        sampler=Sampler(redis, settings.streams),
    )


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    """The store cannot be read (down, or no sink has created the tables yet): 503, not a traceback."""
    log.warning("api.database_unavailable", error=str(exc).splitlines()[0])
    detail = "the article store cannot be read now (is a sink running against NEWSFLOW_DATABASE_URL?)"
    return JSONResponse({"detail": detail}, status_code=503)


def _with_page_schema(app: FastAPI) -> None:
    """Add the Page contract to the OpenAPI components (POST /pages reads its body by hand)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = generate()
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            page_schema = Page.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(page_schema.pop("$defs", {}))
            schemas["Page"] = page_schema
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings, api: ApiSettings | None = None, redis_url: str | None = None) -> FastAPI:
    """The api for ``settings``' deployment; Redis at ``redis_url`` (default: NEWSFLOW_REDIS_URL)."""
    url = redis_url or settings.redis_url
    if not url:
        msg = "the api needs a Redis URL (NEWSFLOW_REDIS_URL)"
        raise ValueError(msg)
    state = _state(settings, api or ApiSettings.of(settings), url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sampling = asyncio.create_task(state.sampler.run(), name="api-sampler")
        try:
            yield
        finally:
            await state.sampler.stop(sampling)
            await state.store.close()
            await state.redis.aclose()

    app = FastAPI(title=TITLE, description=DESCRIPTION, version="1", lifespan=lifespan)
    app.state.newsflow = state
    app.include_router(routes.router)
    app.include_router(routes.health)
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")
    app.add_exception_handler(SQLAlchemyError, _database_unavailable)
    _with_page_schema(app)
    return app
