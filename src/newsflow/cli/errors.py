"""A user's mistakes as one line: the setting or path, what is wrong, what to do (exit status 1).

Every command reaches Redis and the database through :func:`reaching`, which
turns a failure to connect (closed port, unknown host, missing database, wrong
role, a server that never answers) into a :class:`UserError` naming the setting
with its URL, password masked. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click

from newsflow.shared.redact import redact_url

#: Seconds a command waits for a server to answer before saying it does not.
CONNECT_TIMEOUT_S = 10.0


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit status 1."""

    def format_message(self) -> str:
        return " ".join(self.message.split())


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)


def _where(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.startswith("unix") or not parts.hostname:
        return parts.path or url
    return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    return None


def _postgres_problem(exc: BaseException, url: str) -> str | None:
    try:
        import asyncpg  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency
        return None
    database = urlsplit(url).path.lstrip("/") or "(default)"
    user = urlsplit(url).username or "(default)"
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return f"database {database!r} does not exist on {_where(url)}: create it (createdb {database})"
    if isinstance(exc, asyncpg.InvalidPasswordError):
        return f"wrong password for role {user!r}"
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        return f"PostgreSQL refused role {user!r} ({exc}): use a role that exists"
    return None


def explain(exc: BaseException, url: str) -> str | None:
    """What went wrong reaching ``url``, in a few words; None when it is not a connection problem."""
    for cause in _chain(exc):
        if (problem := _postgres_problem(cause, url)) is not None:
            return problem
        if isinstance(cause, socket.gaierror):
            return f"unknown host {urlsplit(url).hostname!r}"
        if isinstance(cause, TimeoutError):
            return f"no answer from {_where(url)} within {CONNECT_TIMEOUT_S:g}s"
        if isinstance(cause, ConnectionRefusedError) or "Connect call failed" in str(cause):
            return (
                f"nothing accepts connections on {_where(url)} (connection refused): is the server running?"
            )
        if isinstance(cause, sqlite3.OperationalError) and (path := sqlite_path(url)) is not None:
            if not path.parent.is_dir():
                return f"folder {str(path.parent)!r} does not exist: create it or choose another path"
            return f"cannot open {str(path)!r}: {cause}"
    for cause in _chain(exc):
        name = type(cause).__name__
        if name in ("AuthenticationError", "AuthenticationWrongNumberOfArgsError", "NoPermissionError"):
            return f"the server refused the login: {cause}"
        if name in ("ConnectionError", "TimeoutError") and type(cause).__module__.startswith("redis"):
            return str(cause).rstrip(".")
        if isinstance(cause, OSError) and cause.errno in (errno.ENOENT, errno.EACCES, errno.ECONNRESET):
            return str(cause)
    return None


@contextmanager
def reaching(setting: str, url: str) -> Iterator[None]:
    """Turn a failure to reach ``url`` (the value of ``setting``) into a one-line UserError."""
    try:
        yield
    except click.ClickException:
        raise
    except Exception as exc:
        problem = explain(exc, url)
        if problem is None:
            raise
        raise UserError(f"{setting}={redact_url(url)}: {problem}") from None
