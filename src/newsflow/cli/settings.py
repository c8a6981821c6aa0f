"""Loading settings for a command, with a readable error instead of a traceback; quiet logging."""

from __future__ import annotations

import io
import logging
import os
import sys
from typing import TextIO, cast

import structlog
from pydantic import ValidationError

from newsflow.cli.errors import UserError
from newsflow.shared.logging import configure
from newsflow.shared.settings import Settings

#: Loggers whose records are routine for a command's user: shown only at DEBUG.
#: Alembic announces every migration step at INFO; trafilatura logs ERROR for an
#: ordinary page it finds no article in (the page is dead-lettered with the reason);
#: FastStream logs "callback for Task-N is being executed..." at INFO per subscriber.
DEMOTED = ("alembic", "trafilatura", "htmldate", "courlan", "justext")
_FRAMEWORK_CHATTER = "callback for "


class _CurrentStderr(io.TextIOBase):
    """Writes to whatever ``sys.stderr`` is now, so that log lines go above a live progress bar.

    (rich's progress display swaps ``sys.stderr`` for a proxy while it runs.)
    """

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


class _Demote(logging.Filter):
    """Routine records of the DEMOTED loggers and the framework's task chatter become DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        routine = record.name.split(".")[0] in DEMOTED or (
            record.levelno == logging.INFO and str(record.msg).startswith(_FRAMEWORK_CHATTER)
        )
        if routine and record.levelno > logging.DEBUG:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


def quiet_logging() -> None:
    """Route logs through the current stderr and send routine framework records to DEBUG."""
    stream = _CurrentStderr()
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=cast(TextIO, stream)))
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(stream)
        handler.addFilter(_Demote())


def load_settings(default_level: str | None = None) -> Settings:
    """Settings from the environment, with a clear message instead of a traceback."""
    try:
        settings = Settings()
    except ValidationError as exc:
        lines = [f"NEWSFLOW_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()]
        raise UserError("invalid NEWSFLOW_* settings: " + "; ".join(lines)) from None
    level = settings.log_level
    if default_level is not None and "NEWSFLOW_LOG_LEVEL" not in os.environ:
        level = default_level  # type: ignore[assignment]
    configure(level, settings.log_format)
    quiet_logging()
    return settings
