"""The one place errors are classified: bad input (never retried) or transient.

Handlers do not catch exceptions themselves; the consumer loop asks
:func:`is_permanent` once and either dead-letters the message at once or
leaves it pending for a retry. :func:`is_transient` picks out failures of the
environment (storage or broker down): those are retried in place, without
counting against the message, for as long as they last.
"""

from __future__ import annotations

import json

import pydantic
import redis.exceptions


class BadInput(Exception):
    """The message can never be processed, however often it is retried."""

    code = "bad_input"


class UndecodableMessage(BadInput):
    code = "undecodable"


class NoArticles(BadInput):
    code = "no_articles"


class NestedTooDeep(BadInput):
    """HTML nested deeper than the parser builds: the text below its limit would be lost unseen."""

    code = "nested_too_deep"


class LimitExceeded(BadInput):
    code = "limit_exceeded"


class TimeLimitExceeded(LimitExceeded):
    """Work on one page ran past ``max_seconds_per_page``."""

    code = "time_limit"


class DeliveriesExhausted(BadInput):
    """Delivered too often without being acknowledged: a consumer crashed, hung or kept failing on it."""

    code = "deliveries_exhausted"


class Transient(Exception):
    """A failure that may go away by itself (storage down, broker hiccup)."""


_PERMANENT: tuple[type[BaseException], ...] = (
    BadInput,
    pydantic.ValidationError,
    json.JSONDecodeError,
    UnicodeDecodeError,
    RecursionError,
)


def is_permanent(exc: BaseException) -> bool:
    """True when retrying ``exc`` cannot help: the message goes to the dead letters."""
    return isinstance(exc, _PERMANENT)


_TRANSIENT: tuple[type[BaseException], ...] = (
    Transient,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)


def is_transient(exc: BaseException) -> bool:
    """True when the environment, not the message, failed: retry the same work, count no delivery."""
    return isinstance(exc, _TRANSIENT)


def error_type(exc: BaseException) -> str:
    """A stable name for the error, recorded on dead letters."""
    return type(exc).__name__
