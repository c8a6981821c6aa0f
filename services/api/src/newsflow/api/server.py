"""A minimal uvicorn runner for ``newsflow serve api`` (the services' shared HTTP runner may replace it)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from newsflow.shared.logging import get_logger

log = get_logger(__name__)


class Server(uvicorn.Server):
    """uvicorn's server, logging the address it actually bound (port 0: the free port it got)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.url: str | None = None
        self.ready = asyncio.Event()

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Leave signals to :meth:`stop_on_signals` (uvicorn's own re-raises SIGINT after a clean stop)."""
        yield

    def stop_on_signals(self) -> None:
        """SIGINT and SIGTERM stop the server gracefully (call from inside the running loop)."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stop)

    def stop(self) -> None:
        self.should_exit = True

    async def startup(self, sockets: list[object] | None = None) -> None:  # type: ignore[override]
        await super().startup(sockets)  # type: ignore[arg-type]
        for server in self.servers:
            for sock in server.sockets:
                host, port = sock.getsockname()[:2]
                self.url = f"http://{host}:{port}/"
                log.info("api.started", url=self.url)
                self.ready.set()
                return


def server(app: FastAPI, host: str, port: int) -> Server:
    """A server for ``app`` on ``host:port``; run it with ``await server.serve()``."""
    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, lifespan="on")
    return Server(config)
