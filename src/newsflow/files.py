"""Local files as pages: what `newsflow run`, `ingest` and `parse` read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsflow.shared.contracts import ContentType, Page
from newsflow.shared.ids import canonical_file_uri

_TYPES = {".html": ContentType.HTML, ".htm": ContentType.HTML, ".json": ContentType.JSON}


def content_type_for(path: str) -> ContentType:
    """Content type from the extension; anything else is an innerText dump."""
    return _TYPES.get(Path(path).suffix.lower(), ContentType.TEXT)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file not read, and why (reported to the user; the others are still read)."""

    path: str
    reason: str


def problem(path: str) -> str | None:
    """Why ``path`` cannot be read as a page, or None.

    Only regular files are pages: reading a named pipe or a device could
    block forever or never end.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "dangling symlink" if os.path.islink(path) else "no such file"
    except OSError as exc:
        return exc.strerror or str(exc)
    if not stat.S_ISREG(mode):
        return "not a regular file (a folder, named pipe, device or socket)"
    return None


def expand(paths: list[str], skipped: list[Skipped] | None = None) -> list[str]:
    """Files named, and files inside folders named (sorted, hidden ones skipped), as spelled.

    Anything that is not a readable regular file is left out, with the reason
    appended to ``skipped`` when given.
    """
    out: list[str] = []
    found: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        else:
            found.append(given)
    for path in found:
        reason = problem(path)
        if reason is None:
            out.append(path)
        elif skipped is not None:
            skipped.append(Skipped(path, reason))
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


def read_pages(paths: list[str], skipped: list[Skipped] | None = None) -> Iterator[Page]:
    """The pages in ``paths``; files that cannot be read are skipped (and added to ``skipped``)."""
    for path in expand(paths, skipped):
        try:
            yield read_page(path)
        except OSError as exc:
            if skipped is not None:
                skipped.append(Skipped(path, exc.strerror or str(exc)))
