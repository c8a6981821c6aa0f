"""Stable identifiers: the keys that make the pipeline idempotent.

A page is identified by its source uri, so a changed version of the same uri
keeps its id; an article by its page and its segment on that page. Content
hashes tell versions apart, so the sink can bump a revision only on change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_ID_LENGTH = 24


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:_ID_LENGTH]


def page_id_for(uri: str) -> str:
    """The id of the page behind ``uri``: the same for every version of it."""
    return _digest("page", uri)


def article_id_for(page_id: str, segment: int) -> str:
    """The id of article number ``segment`` on page ``page_id``."""
    return _digest("article", page_id, str(segment))


def content_hash(*parts: str) -> str:
    """A short fingerprint of content, used to detect changed versions."""
    return _digest("content", *parts)


def canonical_file_uri(path: str | Path) -> str:
    """The identity of a local file, independent of how its path was spelled."""
    return Path(path).resolve().as_uri()
