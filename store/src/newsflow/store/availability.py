"""Whether the database the sink writes to is there, is the one it opened, and has its schema.

A database can go away under a running sink in ways a connection does not
report: a SQLite file deleted (its open connections keep writing into the
unlinked file) or replaced, a PostgreSQL database dropped and created again
empty. The store checks for these around each batch, using what is here, and
reports each distinct failure once, so the log shows the current error and not
only the first.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from newsflow.shared.errors import Transient
from newsflow.shared.logging import get_logger
from newsflow.shared.redact import redact_url

log = get_logger(__name__)

#: PostgreSQL's ``undefined_table``: the schema is not there (a database created again, empty).
UNDEFINED_TABLE = "42P01"


class DatabaseGone(Transient):
    """The SQLite file the sink opened was deleted or replaced: hold everything until it is back."""


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path names: a file deleted and created again has another identity."""

    device: int
    inode: int


def sqlite_path(async_url: str) -> Path | None:
    """The database file of a ``sqlite+aiosqlite:///path`` URL; None for other engines and memory."""
    prefix = "sqlite+aiosqlite:///"
    if not async_url.startswith(prefix):
        return None
    path = async_url.removeprefix(prefix).split("?", 1)[0]
    return None if path in ("", ":memory:") or path.startswith("file:") else Path(path)


def identity(path: Path) -> FileIdentity | None:
    """The identity of the file at ``path`` now; None when there is none."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return FileIdentity(stat.st_dev, stat.st_ino)


def check_same_file(path: Path, opened: FileIdentity | None) -> None:
    """Raise :class:`DatabaseGone` unless ``path`` still names the file a connection ``opened``."""
    now = identity(path)
    if now is None:
        msg = f"the SQLite database file {path} was deleted; holding entries until it is back"
        raise DatabaseGone(msg)
    if opened is not None and now != opened:
        msg = f"the SQLite database file {path} was replaced; reopening it"
        raise DatabaseGone(msg)


def schema_missing(exc: BaseException) -> bool:
    """Whether ``exc`` says the tables are not there (an empty database): migrating fixes it."""
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlstate = getattr(cause, "pgcode", None) or getattr(getattr(cause, "__cause__", None), "sqlstate", None)
    if sqlstate is None:
        sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate == UNDEFINED_TABLE:
        return True
    return type(cause).__name__ == "OperationalError" and "no such table" in str(cause)


class OutageLog:
    """One WARNING line per distinct error while the database is unavailable, one INFO line after."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._since: float | None = None

    def failed(self, exc: BaseException, **fields: str) -> None:
        cause = exc.__cause__ or exc
        cause = cause.orig if isinstance(cause, DBAPIError) and cause.orig is not None else cause
        error = redact_url(str(exc))[:300]
        key = f"{type(cause).__name__}: {error}"
        if self._since is None:
            self._since = time.monotonic()
        if key in self._seen:
            return
        self._seen.add(key)
        log.warning(
            "store.unavailable",
            error_type=type(cause).__name__,
            error=error,
            distinct_errors=len(self._seen),
            retry="until it is back",
            **fields,
        )

    def recovered(self) -> None:
        if self._since is None:
            return
        waited = round(time.monotonic() - self._since, 3)
        log.info("store.available", waited_s=waited, distinct_errors=len(self._seen))
        self._seen.clear()
        self._since = None
