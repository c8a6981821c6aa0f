"""How contracts sit in a stream entry, and how raw entries are read back.

newsflow writes one field, ``payload``, holding the contract's JSON, and may
add ``traceparent`` and ``origin`` beside it (tracing, latency). Producers
that write to Redis directly may do the same, or send the page's fields flat
(``uri``, ``body``, ``content_type``, ...); entries published through
FastStream (``__data__``) are accepted too.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from faststream.redis import BinaryMessageFormatV1
from pydantic import BaseModel

from newsflow.shared.errors import UndecodableMessage

PAYLOAD = b"payload"
_FASTSTREAM_DATA = b"__data__"
# Beside the payload, never part of it: the W3C trace context of the span that
# produced the entry, and the pages-stream entry id the page entered with
# (its time is the page's acceptance, for end-to-end latency). Both optional.
TRACEPARENT = b"traceparent"
ORIGIN = b"origin"
_BESIDE = (TRACEPARENT, ORIGIN)

M = TypeVar("M", bound=BaseModel)

Fields = dict[bytes, bytes]

#: A UTF-16 surrogate standing alone: JSON's ``\\ud800`` escape decodes to one, and no
#: UTF-8 encoder (Redis, the database, the next stage's JSON) accepts it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: JSON's escape of a surrogate (``\\ud800`` to ``\\udfff``): the only way one gets into decoded
#: text, since decoding UTF-8 refuses them. Entries without it skip the walk over every string.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def encode(model: BaseModel) -> dict[str, bytes]:
    """The stream-entry fields for ``model``."""
    return {"payload": model.model_dump_json().encode()}


def _text(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{what} is not valid UTF-8 (byte {exc.start})"
        raise UndecodableMessage(msg) from exc


def payload_of(fields: Fields) -> Any:
    """The JSON value an entry carries, whichever way the producer wrote it."""
    if PAYLOAD in fields:
        return json.loads(_text(fields[PAYLOAD], "payload"))
    if _FASTSTREAM_DATA in fields:
        data, _headers = BinaryMessageFormatV1.parse(fields[_FASTSTREAM_DATA])
        return json.loads(_text(data, "__data__"))
    if not fields:
        msg = "empty stream entry"
        raise UndecodableMessage(msg)
    flat: dict[str, Any] = {}
    for key, value in fields.items():
        if key in _BESIDE:
            continue
        name = _text(key, "field name")
        text = _text(value, f"field {name!r}")
        flat[name] = json.loads(text) if name == "metadata" else text
    return flat


def serialisable(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD.

    Text that decodes must also encode again, or the entry fails later, in a
    batch's commit, for everyone in the batch.
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {serialisable(k): serialisable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [serialisable(v) for v in value]
    return value


def decode(fields: Fields, model: type[M]) -> M:
    """Validate an entry against ``model``; raises bad-input errors on failure."""
    value = payload_of(fields)
    if any(_SURROGATE_ESCAPE.search(raw) for raw in fields.values()):
        value = serialisable(value)
    if not isinstance(value, dict):
        msg = f"payload must be a JSON object, got {type(value).__name__}"
        raise UndecodableMessage(msg)
    return model.model_validate(value)


def printable(fields: Fields) -> dict[str, str]:
    """Fields as text for a dead letter, undecodable bytes kept as escapes."""
    return {
        k.decode("utf-8", "backslashreplace"): v.decode("utf-8", "backslashreplace")
        for k, v in fields.items()
    }
