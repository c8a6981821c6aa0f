"""The one HTTP stack of every newsflow process: an ASGI app served by uvicorn inside the service's loop.

Every service (splitter, worker, sink, api) answers HTTP the same way: the
port comes from ``NEWSFLOW_HTTP_PORT`` (unset: no server; ``0``: a free port
chosen at start, so several services share one host), the server runs as a
task in the service's own event loop, starts with the service and stops with
it. The service owns the process's signals (SIGTERM stops the service, which
then stops the server), so uvicorn installs no signal handlers here.

    server = HttpServer(app, port=settings.http_port, host=settings.http_host)
    port = await server.start()      # the bound port; log it
    ...
    await server.stop()

or ``async with serving(app, port, host) as server: ...``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator

import uvicorn
from starlette.types import ASGIApp

from newsflow.shared.logging import get_logger

log = get_logger(__name__)

_START_TIMEOUT_S = 10.0


class _InLoopServer(uvicorn.Server):
    """uvicorn without its own signal handling: the service it runs in stops it."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port`` 0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


async def _serve(server: uvicorn.Server, sock: socket.socket) -> None:
    try:
        await server.serve(sockets=[sock])
    except SystemExit as exc:  # uvicorn exits when the app's lifespan startup fails: not our process's exit
        msg = f"HTTP app failed to start (uvicorn exit {exc.code})"
        raise RuntimeError(msg) from None
    finally:
        sock.close()


class HttpServer:
    """Serves ``app`` on ``host:port`` from a task of the running event loop.

    ``port`` 0 binds a free port; :attr:`port` is the one bound once
    :meth:`start` returned. Requests are not logged one by one (uvicorn's
    access log is off); errors go through the service's logging.
    """

    def __init__(self, app: ASGIApp, port: int, host: str = "0.0.0.0") -> None:  # noqa: S104
        self.app = app
        self.host = host
        self.requested_port = port
        self.port: int | None = None
        self._server: _InLoopServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """``http://host:port`` to reach the server from this host."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host  # noqa: S104
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    async def start(self) -> int:
        """Bind, start serving, and return the bound port; raises if the server cannot start."""
        if self._task is not None:
            msg = "HTTP server already started"
            raise RuntimeError(msg)
        sock = bind_socket(self.host, self.requested_port)
        self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            self.app,
            log_config=None,
            access_log=False,
            lifespan="auto",
            timeout_graceful_shutdown=5,
        )
        server = _InLoopServer(config)
        self._server = server
        self._task = asyncio.create_task(_serve(server, sock), name=f"http:{self.port}")
        deadline = asyncio.get_running_loop().time() + _START_TIMEOUT_S
        while not server.started:
            if self._task.done() or asyncio.get_running_loop().time() > deadline:
                sock.close()
                await self._reap()
                msg = f"HTTP server on {self.host}:{self.port} did not start"
                raise RuntimeError(msg)
            await asyncio.sleep(0.01)
        log.debug("http.started", host=self.host, port=self.port)
        return self.port

    async def stop(self) -> None:
        """Stop accepting, let requests in flight finish (up to 5 s), and return."""
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        await self._reap()

    async def _reap(self) -> None:
        task, self._task, self._server = self._task, None, None
        if task is None:
            return
        try:
            await task
        except Exception as exc:
            log.warning("http.failed", error=repr(exc))


@contextlib.asynccontextmanager
async def serving(app: ASGIApp, port: int, host: str = "0.0.0.0") -> AsyncIterator[HttpServer]:  # noqa: S104
    """Serve ``app`` for the duration of the block."""
    server = HttpServer(app, port, host)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
