"""Local files as pages: what `newsflow run`, `ingest` and `parse` read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsflow.shared.contracts import ContentType, Page
from newsflow.shared.ids import canonical_file_uri

_TYPES = {".html": ContentType.HTML, ".htm": ContentType.HTML, ".json": ContentType.JSON}


def content_type_for(path: str) -> ContentType:
    """Content type from the extension; anything else is an innerText dump."""
    return _TYPES.get(Path(path).suffix.lower(), ContentType.TEXT)


def expand(paths: list[str]) -> list[str]:
    """Files named, and files inside folders named (sorted, hidden ones skipped), as spelled."""
    out: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        else:
            out.append(given)
    return out


def read_page(path: str) -> Page:
    """The page in ``path``: uri as given, key (hence id) the resolved path, mtime as fetch time.

    Bytes that are not UTF-8 are read as Windows-1252, the usual culprit.
    """
    raw = Path(path).read_bytes()
    try:
        body = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        body = raw.decode("cp1252", errors="replace")
    fetched = datetime.fromtimestamp(os.stat(path).st_mtime, tz=UTC)
    return Page(
        key=canonical_file_uri(path),
        uri=path,
        content_type=content_type_for(path),
        body=body,
        fetched_at=fetched,
        metadata={"producer": "newsflow-cli"},
    )


def read_pages(paths: list[str]) -> Iterator[Page]:
    for path in expand(paths):
        yield read_page(path)
