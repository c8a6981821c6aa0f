"""The JSON endpoints: POST /pages, articles, search, dead letters, status, throughput.

Handlers only translate HTTP to the functions that already do the work: the
client's :class:`~newsflow.client.Producer` publishes, the store's
:class:`~newsflow.store.store.ArticleStore` reads, ``shared.deadletters`` and
``shared.backlog`` do what ``newsflow dlq`` and ``newsflow status`` do.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse

from newsflow.api.auth import require_token
from newsflow.api.ingest import Refused, check_sizes, raw_page, read_pages
from newsflow.api.responses import ArticleList, SearchResults
from newsflow.api.state import ApiState, api_state
from newsflow.shared.backlog import status as group_status
from newsflow.shared.backlog import status_document
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.deadletters import Letter, get_letter, list_letters, purge, replay, summary
from newsflow.shared.logging import get_logger
from newsflow.store.models import StoredArticleDetail
from newsflow.store.query import ArticleFilter

log = get_logger(__name__)

router = APIRouter(dependencies=[Depends(require_token)])
State = Annotated[ApiState, Depends(api_state)]

RAW_TYPES = {"text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}
PAGE_REF = {"$ref": "#/components/schemas/Page"}
INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One Page, a JSON array of Pages, JSON Lines of Pages (application/x-ndjson), "
        "or a page's raw body with `uri` in the query.",
        "content": {
            "application/json": {"schema": {"oneOf": [PAGE_REF, {"type": "array", "items": PAGE_REF}]}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            **RAW_TYPES,
        },
    }
}


def _error(
    status_code: int, errors: list[dict[str, Any]], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"detail": errors}, status_code=status_code, headers=headers)


def _retry_after(lag: int, max_backlog: int) -> str:
    """Seconds to wait: one per thousand entries over the limit, 1 to 60."""
    return str(min(60, max(1, math.ceil((lag - max_backlog + 1) / 1000))))


@router.post(
    "/pages",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Submit pages",
    openapi_extra=INGEST_BODY,
    responses={
        400: {"description": "A page is invalid (validation errors per page index); nothing was published."},
        401: {"description": "NEWSFLOW_API_TOKEN is set and the request did not carry it."},
        413: {
            "description": "A page body is over NEWSFLOW_MAX_PAGE_BYTES, or too many pages in one request."
        },
        429: {"description": "A consumer group lags NEWSFLOW_MAX_BACKLOG entries or more; see Retry-After."},
    },
)
async def submit_pages(
    request: Request,
    state: State,
    uri: Annotated[str | None, Query(description="The page's uri: the body is the page itself.")] = None,
    content_type: Annotated[
        str | None, Query(description="The raw body's content type (default: the Content-Type header).")
    ] = None,
) -> Any:
    """Publish pages to the pages stream; 202 with each page's id and stream entry id."""
    body = await request.body()
    uri = uri or request.headers.get("x-newsflow-uri")
    header_type = request.headers.get("content-type")
    try:
        if uri:
            metadata = {"submitted_via": "http"}
            pages: list[Page] = [raw_page(body, uri, content_type or header_type, metadata)]
        else:
            pages = read_pages(body, header_type)
        check_sizes(pages, state.settings.max_page_bytes)
    except Refused as refused:
        log.info("api.pages_refused", status=refused.status, errors=len(refused.errors))
        return _error(refused.status, refused.errors)
    lag = await state.producer.over_backlog()
    if lag is not None:
        limit = state.settings.max_backlog
        msg = f"backlog of {lag} entries is at NEWSFLOW_MAX_BACKLOG={limit} or over: retry later"
        return _error(429, [{"msg": msg}], {"Retry-After": _retry_after(lag, limit)})
    entry_ids = await state.producer.publish(pages)
    log.info("api.pages_accepted", pages=len(pages))
    return {
        "stream": state.settings.streams.pages,
        "pages": [
            {"id": page.id, "uri": page.uri, "stream_id": entry_id}
            for page, entry_id in zip(pages, entry_ids, strict=True)
        ],
    }


def article_filter(
    *,
    since: Annotated[datetime | None, Query(description="Published at or after (ISO 8601).")] = None,
    until: Annotated[datetime | None, Query(description="Published before (ISO 8601).")] = None,
    source: Annotated[str | None, Query(description="Part of the source uri.")] = None,
    language: str | None = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code.")] = None,
    entity: Annotated[str | None, Query(description="An entity's name (case-insensitive).")] = None,
    category: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ArticleFilter:
    """The `newsflow articles list` filters, from the query string."""
    return ArticleFilter(since, until, source, language, country, entity, category, limit, offset)


Filter = Annotated[ArticleFilter, Depends(article_filter)]


@router.get("/articles", summary="List stored articles")
async def list_articles(state: State, where: Filter) -> ArticleList:
    """Stored articles matching the filters, newest first; ``next_offset`` pages through them."""
    found = await state.store.find(where)
    limit, offset = where.limit or 0, where.offset or 0
    more = len(found) == limit
    return ArticleList(
        articles=found, limit=limit, offset=offset, next_offset=offset + limit if more else None
    )


@router.get("/articles/{article_id}", summary="One article", responses={404: {}, 409: {}})
async def get_article(state: State, article_id: str) -> StoredArticleDetail:
    """One article in full (entities, places, quotes, facts, revisions), by id or unambiguous id prefix."""
    try:
        doc = await state.store.get(article_id)
    except LookupError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {article_id}")
    return doc


@router.get("/search", summary="Full-text search")
async def search(
    state: State,
    where: Filter,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", a OR b, -word.')],
) -> SearchResults:
    """Ranked full-text search over titles and bodies (the `newsflow articles search` language)."""
    return SearchResults(query=q, hits=await state.store.search(q, where))


@router.get("/dead-letters", summary="List dead letters")
async def dead_letters(
    state: State,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    stage: Stage | None = None,
) -> dict[str, Any]:
    """Dead letters, oldest first, without their original entries (`newsflow dlq list --json`)."""
    dead = state.settings.streams.dead
    letters = await list_letters(state.redis, dead, count=limit if stage is None else 1_000_000)
    if stage is not None:
        letters = [item for item in letters if item.letter.stage == stage][:limit]
    return {"stream": dead, "dead_letters": [summary(item) for item in letters]}


async def _letter(state: ApiState, letter_id: str) -> Letter:
    item = await get_letter(state.redis, state.settings.streams.dead, letter_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no dead letter {letter_id}")
    return item


@router.get("/dead-letters/{letter_id}", summary="One dead letter", responses={404: {}})
async def dead_letter(state: State, letter_id: str) -> dict[str, Any]:
    """One dead letter whole, its original stream entry included (`newsflow dlq show --full`)."""
    item = await _letter(state, letter_id)
    return {"id": item.id, **item.letter.model_dump(mode="json")}


def _replayed(letters: list[Letter], new_ids: list[str]) -> dict[str, Any]:
    rows = [
        {"id": item.id, "stream": item.letter.source_stream, "new_id": new_id}
        for item, new_id in zip(letters, new_ids, strict=True)
    ]
    return {"replayed": rows}


@router.post("/dead-letters/{letter_id}/replay", summary="Replay one dead letter", responses={404: {}})
async def replay_letter(state: State, letter_id: str) -> dict[str, Any]:
    """Put the letter's original entry back at the start of its stage and remove the letter."""
    letters = [await _letter(state, letter_id)]
    return _replayed(letters, await replay(state.redis, state.settings.streams.dead, letters))


@router.post("/dead-letters/replay", summary="Replay every dead letter")
async def replay_all(state: State) -> dict[str, Any]:
    """Replay every dead letter (`newsflow dlq replay --all`)."""
    letters = await list_letters(state.redis, state.settings.streams.dead, count=1_000_000)
    return _replayed(letters, await replay(state.redis, state.settings.streams.dead, letters))


@router.delete("/dead-letters/{letter_id}", summary="Purge one dead letter", responses={404: {}})
async def purge_letter(state: State, letter_id: str) -> dict[str, Any]:
    """Delete one dead letter for good."""
    gone = await purge(state.redis, state.settings.streams.dead, [letter_id])
    if not gone:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no dead letter {letter_id}")
    return {"purged": gone}


@router.delete("/dead-letters", summary="Purge every dead letter")
async def purge_all(
    state: State, all: Annotated[bool, Query(description="Must be true: deletes every letter.")] = False
) -> dict[str, Any]:
    """Delete every dead letter (`newsflow dlq purge --all`); asks for ``?all=true``."""
    if not all:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "add ?all=true to delete every dead letter")
    return {"purged": await purge(state.redis, state.settings.streams.dead, None)}


@router.get("/status", summary="Streams, groups, consumers and dead-letter depth")
async def stream_status(state: State) -> dict[str, object]:
    """What `newsflow status --json` prints."""
    groups, dead = await group_status(state.redis, state.settings.streams)
    return status_document(groups, dead)


@router.get("/throughput", summary="Entries per second per stream over the last minutes")
async def throughput(state: State) -> dict[str, object]:
    """Rates between the samples this api process keeps of each stream's entry count."""
    return state.sampler.document()


health = APIRouter()


@health.get("/healthz", summary="The api process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
