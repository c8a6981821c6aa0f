"""Parse and enrich in a child process the worker owns, so that a time limit cannot corrupt anything.

A time limit raised inside the work itself (SIGALRM) lands wherever the
work happens to be: inside spaCy's memory zone, the zone's clean-up never ran
and every later article of that process lost its entities. So the worker does
its parse and enrich in one child process, forked once the models are loaded
(a child costs no start-up and shares the models' memory), and waits for the
answer under the page's limit. A child that overruns, or dies, is killed and
replaced by a fresh fork, as Celery's prefork pool and RQ's work-horse do;
the parent, which holds the broker connections, is never interrupted.
Documents go to the child and articles come back over a pipe, pickled.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from newsflow.shared.contracts import Document
from newsflow.shared.errors import RemoteError, TimeLimitExceeded
from newsflow.shared.logging import get_logger

log = get_logger(__name__)

R = TypeVar("R")
Work = Callable[[Sequence[Document]], R]

_PR_SET_PDEATHSIG = 1


class ChildDied(Exception):
    """The work process died while working (killed from outside, out of memory): not the page's fault."""


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no orphaned children)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _serve(conn: Connection, parent_end: Connection, work: Work[Any]) -> None:
    """The child's loop: documents in, ("ok", articles) or ("error", RemoteError) out."""
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when work stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    while True:
        try:
            docs = conn.recv()
        except (EOFError, OSError):
            return
        if docs is None:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", work(docs))
        except Exception as exc:
            reply = ("error", RemoteError.of(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # the articles would not pickle: say so rather than hang the parent
            conn.send(("error", RemoteError.of(exc)))


class WorkPool(Generic[R]):
    """One supervised child process running ``work``; :meth:`run` waits for it under a time limit."""

    def __init__(self, work: Work[R]) -> None:
        self._work = work
        self._context = multiprocessing.get_context("fork")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self.replaced = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> WorkPool[R]:
        """Fork the child now (before the service's threads start), rather than at the first page."""
        if self._process is None:
            self._spawn()
        return self

    def _spawn(self) -> None:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(child, parent, self._work), name="newsflow-work", daemon=True
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def _kill(self) -> int | None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is None:
            return None
        if process.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid or 0, signal.SIGKILL)
        process.join(5)
        code = process.exitcode
        process.close()
        return code

    def _replace(self, reason: str) -> int | None:
        code = self._kill()
        self.replaced += 1
        log.warning("work.child_replaced", reason=reason, exit_code=code, replaced=self.replaced)
        return code

    def run(self, docs: Sequence[Document], seconds: float | None) -> R:
        """``work(docs)`` in the child, which is killed and replaced if it takes longer than ``seconds``."""
        if self._process is None or not self._process.is_alive():
            if self._process is not None:
                self._replace("found dead")
            self._spawn()
        conn = self._conn
        assert conn is not None
        started = time.monotonic()
        try:
            conn.send(list(docs))
            if not conn.poll(seconds):
                self._replace(f"over the time limit ({seconds:g}s)")
                msg = f"processing took longer than {seconds:g}s (max_seconds_per_page)"
                raise TimeLimitExceeded(msg)
            kind, value = conn.recv()
        except (EOFError, OSError) as exc:
            code = self._replace("died while working")
            took = time.monotonic() - started
            msg = f"the work process died while working (exit code {code}, after {took:.1f}s)"
            raise ChildDied(msg) from exc
        except BaseException as exc:
            if not isinstance(exc, TimeLimitExceeded):
                self._replace(f"interrupted ({type(exc).__name__})")  # it may still be busy with these docs
            raise
        if kind == "error":
            raise value
        result: R = value
        return result

    def close(self) -> None:
        """Stop the child (between pages)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
        if self._process is not None:
            self._process.join(2)
        self._kill()
