"""The pipeline's streams described for people: an AsyncAPI document and a JSON Schema per contract.

Every stream is declared here with its FastStream publisher and subscriber and its pydantic contract, on
a broker that is never started: it exists for the document (``faststream docs gen
newsflow.shared.asyncapi:app``, or ``newsflow schema``). The services read through their own stage
loop (``shared/app.py``), so nothing here consumes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from faststream import FastStream
from faststream.redis import RedisBroker, StreamSub
from faststream.specification import AsyncAPI
from pydantic import BaseModel

from newsflow.shared.contracts import SCHEMA_VERSION, Article, DeadLetter, Document, Page
from newsflow.shared.streams import SINK_GROUP, SPLITTER_GROUP, WORKER_GROUP, Streams

CONTRACTS: dict[str, type[BaseModel]] = {
    "page": Page,
    "document": Document,
    "article": Article,
    "dead_letter": DeadLetter,
}


def _broker(streams: Streams) -> RedisBroker:
    broker = RedisBroker(
        "redis://localhost:6379/0",
        description="Redis Streams with consumer groups; an entry's `payload` field holds the message JSON.",
    )
    dead = broker.publisher(
        stream=streams.dead,
        schema=DeadLetter,
        title="dead letters",
        description="What can never succeed, from any stage: stage, reason, error type, attempts, original.",
    )

    @broker.subscriber(
        stream=StreamSub(streams.pages, group=SPLITTER_GROUP, consumer="splitter", batch=True),
        title="splitter",
        description="Splits each page into one document per article.",
    )
    @broker.publisher(
        stream=streams.documents,
        schema=Document,
        title="documents",
        description="One article's part of a page.",
    )
    async def split(page: Page) -> Document:  # declared for the document, never run
        raise NotImplementedError

    @broker.subscriber(
        stream=StreamSub(streams.documents, group=WORKER_GROUP, consumer="worker", batch=True),
        title="worker",
        description="Parses and enriches each document into an article.",
    )
    @broker.publisher(
        stream=streams.articles, schema=Article, title="articles", description="Parsed and enriched articles."
    )
    async def parse(document: Document) -> Article:
        raise NotImplementedError

    @broker.subscriber(
        stream=StreamSub(streams.articles, group=SINK_GROUP, consumer="sink", batch=True),
        title="sink",
        description="Upserts articles into SQLite or PostgreSQL, acknowledged after the commit.",
    )
    async def store(article: Article) -> None:
        raise NotImplementedError

    _ = (split, parse, store, dead)
    return broker


def specification(prefix: str = "newsflow") -> AsyncAPI:
    """The AsyncAPI description of the pipeline's streams under ``prefix``."""
    return AsyncAPI(
        _broker(Streams(prefix)),
        title="newsflow",
        version=f"schema {SCHEMA_VERSION}",
        description="Raw scraped news pages in, clean enriched articles out: pages → documents → articles.",
    )


app = FastStream(specification=specification())


def documents() -> dict[str, dict[str, Any]]:
    """Every shipped description by file name: ``asyncapi.json`` and one JSON Schema per contract."""
    files = {"asyncapi.json": json.loads(specification().to_specification().to_json())}
    for name, model in CONTRACTS.items():
        files[f"{name}.schema.json"] = model.model_json_schema()
    return files


def write(folder: Path) -> list[Path]:
    """Write :func:`documents` into ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in documents().items():
        path = folder / name
        path.write_text(json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        written.append(path)
    return written
