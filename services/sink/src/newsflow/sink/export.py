"""Writing stored articles to files: JSON Lines, CSV or Parquet, streamed in chunks.

JSON Lines carries each article document whole. CSV and Parquet are flat, one
row per article, with the queryable enrichment reduced to columns (language,
countries, entity names) and the full enrichment as a JSON text column, so a
spreadsheet or a data frame gets the useful part without parsing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

from newsflow.sink.rows import countries_of, entity_rows, place_rows

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


def flat(doc: dict[str, Any]) -> dict[str, Any]:
    """An article document as one flat export row (lists kept as lists)."""
    enrichment = doc.get("enrichment") or {}
    names = dict.fromkeys(e["name"] for e in entity_rows(enrichment))
    row = {name: doc.get(name) for name in COLUMNS}
    row["countries"] = countries_of(enrichment, place_rows(enrichment))
    row["entities"] = list(names)
    row["authors"] = list(doc.get("authors") or [])
    row["enrichment"] = json.dumps(enrichment, ensure_ascii=False, sort_keys=True)
    return row


def csv_row(doc: dict[str, Any]) -> dict[str, Any]:
    """An article document as one CSV row: the flat row with list columns ``;``-joined."""
    row = flat(doc)
    for name in LIST_COLUMNS:
        row[name] = ";".join(row[name])
    return row


async def export(docs: AsyncIterator[dict[str, Any]], fmt: Format, path: Path) -> int:
    """Write ``docs`` to ``path`` in ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        return await _jsonl(docs, path)
    if fmt == "csv":
        return await _csv(docs, path)
    return await _parquet(docs, path)


async def _jsonl(docs: AsyncIterator[dict[str, Any]], path: Path) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        async for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            written += 1
    return written


async def _csv(docs: AsyncIterator[dict[str, Any]], path: Path) -> int:
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


async def _parquet(docs: AsyncIterator[dict[str, Any]], path: Path) -> int:
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
