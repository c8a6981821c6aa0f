"""Writing stored articles to files: JSON Lines, CSV or Parquet, streamed in chunks.

JSON Lines carries each article document whole. CSV and Parquet are flat, one
row per article, with the queryable enrichment reduced to columns (language,
countries, entity names) and the full enrichment as a JSON text column, so a
spreadsheet or a data frame gets the useful part without parsing.

A file is written beside its destination and moved into place when complete:
an existing file is replaced only when asked (``force``), a symbolic link is
never written through, and CSV cells a spreadsheet would run as a formula
are escaped.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, Literal

from newsflow.store.models import StoredArticle
from newsflow.store.rows import countries_of, entity_rows, place_rows

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
_PARQUET_ROWS = 2000

#: Flat columns of CSV and Parquet exports, in order; list columns are ``;``-joined in CSV.
COLUMNS = (
    "id",
    "page_id",
    "source_uri",
    "segment",
    "title",
    "published_at",
    "updated_at",
    "category",
    "language",
    "countries",
    "entities",
    "authors",
    "revision",
    "content_hash",
    "fetched_at",
    "stored_at",
    "parser",
    "body",
    "enrichment",
)
LIST_COLUMNS = frozenset({"countries", "entities", "authors"})
INT_COLUMNS = frozenset({"segment", "revision"})
#: First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportRefused(FileExistsError):
    """The destination is a symbolic link, or a file that may not be overwritten."""


def flat(article: StoredArticle) -> dict[str, Any]:
    """A stored article as one flat export row (lists kept as lists), values as in its JSON document."""
    doc = article.model_dump(mode="json")
    enrichment = doc["enrichment"]
    names = dict.fromkeys(e["name"] for e in entity_rows(enrichment))
    row = {name: doc.get(name) for name in COLUMNS}
    row["countries"] = countries_of(enrichment, place_rows(enrichment))
    row["entities"] = list(names)
    row["authors"] = list(article.authors)
    row["enrichment"] = json.dumps(enrichment, ensure_ascii=False, sort_keys=True)
    return row


def csv_row(doc: StoredArticle) -> dict[str, Any]:
    """A stored article as one CSV row: the flat row with list columns ``;``-joined."""
    row = flat(doc)
    for name in LIST_COLUMNS:
        row[name] = ";".join(row[name])
    return {name: inert(value) for name, value in row.items()}


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a ``'`` before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


async def export(docs: AsyncIterator[StoredArticle], fmt: Format, path: Path, *, force: bool = False) -> int:
    """Write ``docs`` to ``path`` in ``fmt``; returns how many were written.

    Raises :class:`ExportRefused` when ``path`` is a symbolic link, or exists and
    ``force`` is not set; nothing is written then.
    """
    writers: dict[Format, Callable[[AsyncIterator[StoredArticle], Path], Awaitable[int]]] = {
        "jsonl": _jsonl,
        "csv": _csv,
        "parquet": _parquet,
    }
    _check_destination(path, force=force)
    partial = _partial_beside(path)
    try:
        written = await writers[fmt](docs, partial)
        _move_into_place(partial, path, force=force)
    finally:
        _discard(partial)
    return written


def _partial_beside(path: Path) -> Path:
    """A new, private file in ``path``'s folder to write the export into."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.fchmod(handle, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
    os.close(handle)
    return Path(name)


def _discard(partial: Path) -> None:
    partial.unlink(missing_ok=True)  # gone already once moved into place


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _check_destination(path: Path, *, force: bool) -> None:
    if path.is_symlink():
        raise ExportRefused(f"{path} is a symbolic link: refusing to write through it")
    if path.exists() and not force:
        raise ExportRefused(f"{path} exists: pass --force to overwrite it")
    if path.exists() and not path.is_file():
        raise ExportRefused(f"{path} is not a regular file")


def _move_into_place(partial: Path, path: Path, *, force: bool) -> None:
    """Rename ``partial`` to ``path``: a rename replaces a link itself, never its target."""
    _check_destination(path, force=force)  # again: the export took a while
    if force:
        os.replace(partial, path)
        return
    try:
        os.link(partial, path)  # fails, rather than overwrite, if ``path`` appeared meanwhile
    except FileExistsError:
        raise ExportRefused(f"{path} exists: pass --force to overwrite it") from None


async def _jsonl(docs: AsyncIterator[StoredArticle], path: Path) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        async for doc in docs:
            out.write(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False) + "\n")
            written += 1
    return written


async def _csv(docs: AsyncIterator[StoredArticle], path: Path) -> int:
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        async for doc in docs:
            writer.writerow(csv_row(doc))
            written += 1
    return written


def parquet_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    def kind(name: str) -> Any:
        if name in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.int64() if name in INT_COLUMNS else pa.string()

    return pa.schema([(name, kind(name)) for name in COLUMNS])


async def _parquet(docs: AsyncIterator[StoredArticle], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = parquet_schema()
    written = 0
    chunk: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        async for doc in docs:
            chunk.append(flat(doc))
            if len(chunk) >= _PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                written += len(chunk)
                chunk = []
        if chunk or not written:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            written += len(chunk)
    return written
