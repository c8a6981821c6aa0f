"""structlog set-up: fixed dotted event names, key-value fields, ids bound per message.

Services call :func:`configure` once; message handlers bind ``page_id`` and
``document_id`` with :func:`structlog.contextvars.bound_contextvars` so every
line logged while handling a message carries them.
"""

from __future__ import annotations

import logging
import sys
from typing import Literal

import structlog

from newsflow.shared.redact import redact_url

LogFormat = Literal["auto", "json", "console"]


def _redact_urls(
    _logger: object, _name: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    for key, value in event_dict.items():
        if isinstance(value, str) and "://" in value and "@" in value:
            event_dict[key] = redact_url(value)
    return event_dict


def configure(level: str = "INFO", fmt: LogFormat = "auto") -> None:
    """Route structlog (and the stdlib loggers FastStream uses) to stderr."""
    use_console = fmt == "console" or (fmt == "auto" and sys.stderr.isatty())
    renderer: structlog.types.Processor = (
        structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
        if use_console
        else structlog.processors.JSONRenderer()
    )
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact_urls,
    ]
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            _redact_urls,  # again: tracebacks are rendered only now
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                _redact_urls,
                renderer,
            ],
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """A logger for one module; event names are fixed dotted strings."""
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name)
    return logger
