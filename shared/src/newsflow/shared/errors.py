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


class RemoteError(Exception):
    """An error raised in another process (the worker's child), classified there, carried by value.

    Exceptions do not all survive pickling (pydantic's do not), so the child
    sends their type name, message and classification instead.
    """

    def __init__(self, name: str, message: str, *, permanent: bool, transient: bool) -> None:
        super().__init__(message)
        self.name = name
        self.permanent = permanent
        self.transient = transient

    def __reduce__(self) -> tuple[object, ...]:
        return (_remote, (self.name, str(self), self.permanent, self.transient))

    @classmethod
    def of(cls, exc: BaseException) -> RemoteError:
        return cls(error_type(exc), str(exc), permanent=is_permanent(exc), transient=is_transient(exc))


def _remote(name: str, message: str, permanent: bool, transient: bool) -> RemoteError:
    return RemoteError(name, message, permanent=permanent, transient=transient)


_PERMANENT: tuple[type[BaseException], ...] = (
    BadInput,
    pydantic.ValidationError,
    json.JSONDecodeError,
    UnicodeError,  # undecodable input, or text that cannot be encoded (decoding and encoding are pure)
    OverflowError,  # a number or date out of range: the same value overflows on every delivery
    RecursionError,
)


def is_permanent(exc: BaseException) -> bool:
    """True when retrying ``exc`` cannot help: the message goes to the dead letters."""
    return isinstance(exc, _PERMANENT) or (isinstance(exc, RemoteError) and exc.permanent)


_TRANSIENT: tuple[type[BaseException], ...] = (
    Transient,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)


#: Server-side refusals that say nothing about the entry: out of memory (``maxmemory`` with
#: ``noeviction``), a read-only replica, a master link down, a cluster reconfiguring. redis-py
#: raises them as ``ResponseError`` subclasses (LOADING is ``BusyLoadingError``, a ConnectionError).
_REFUSALS: tuple[type[BaseException], ...] = (
    redis.exceptions.OutOfMemoryError,
    redis.exceptions.ReadOnlyError,
    redis.exceptions.MasterDownError,
    redis.exceptions.ClusterDownError,
    redis.exceptions.TryAgainError,
)


def server_refusal(exc: BaseException) -> bool:
    """True when Redis refused a command for its own state (memory, role), not for what was sent."""
    return isinstance(exc, _REFUSALS)


def is_transient(exc: BaseException) -> bool:
    """True when the environment, not the message, failed: retry the same work, count no delivery."""
    return (
        isinstance(exc, _TRANSIENT) or server_refusal(exc) or (isinstance(exc, RemoteError) and exc.transient)
    )


def error_type(exc: BaseException) -> str:
    """A stable name for the error, recorded on dead letters."""
    return exc.name if isinstance(exc, RemoteError) else type(exc).__name__
