"""shared/http.py: an ASGI app served by uvicorn inside the caller's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from newsflow.shared.http import HttpServer, serving


def _hello(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


APP = Starlette(routes=[Route("/hello", _hello)])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def test_port_zero_serves_on_a_free_port_until_stopped() -> None:
    server = HttpServer(APP, port=0, host="127.0.0.1")
    port = await server.start()
    assert port > 0
    assert server.url == f"http://127.0.0.1:{port}"
    assert await asyncio.to_thread(_get, f"{server.url}/hello") == (200, "hello")
    assert (await asyncio.to_thread(_get, f"{server.url}/nothing"))[0] == 404
    await server.stop()
    with pytest.raises(OSError):
        await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/hello")


async def test_two_servers_on_port_zero_get_different_ports() -> None:
    async with serving(APP, 0, "127.0.0.1") as one, serving(APP, 0, "127.0.0.1") as two:
        assert one.port != two.port
        assert (await asyncio.to_thread(_get, f"{two.url}/hello"))[0] == 200


async def test_a_port_in_use_is_a_clear_error() -> None:
    async with serving(APP, 0, "127.0.0.1") as first:
        assert first.port is not None
        with pytest.raises(OSError):
            await HttpServer(APP, port=first.port, host="127.0.0.1").start()


async def test_an_app_whose_startup_fails_raises_instead_of_exiting_the_process() -> None:
    @contextlib.asynccontextmanager
    async def broken(_app: Any) -> AsyncIterator[None]:
        raise RuntimeError("no database")
        yield

    server = HttpServer(Starlette(lifespan=broken), port=0, host="127.0.0.1")
    with pytest.raises(RuntimeError, match="did not start"):
        await server.start()
