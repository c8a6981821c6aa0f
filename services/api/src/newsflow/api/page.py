"""The status page at ``/``: server-rendered HTML, a little JavaScript, every asset shipped (offline)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from newsflow.api.auth import COOKIE, require_token, token_matches
from newsflow.api.state import ApiState, api_state
from newsflow.shared.backlog import status as group_status
from newsflow.shared.backlog import status_document
from newsflow.shared.deadletters import Letter, list_letters
from newsflow.store.models import StoredArticleDetail, StoredPlace, instant_text
from newsflow.store.query import ArticleFilter

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["instant"] = instant_text
LATEST = 10
LETTERS_SHOWN = 200

router = APIRouter(include_in_schema=False)
State = Annotated[ApiState, Depends(api_state)]


def letter_groups(letters: list[Letter]) -> list[dict[str, Any]]:
    """Dead letters counted by stage, error type and reason (first line), most frequent first."""
    counts = Counter(
        (i.letter.stage.value, i.letter.error_type, " ".join(i.letter.reason.split())[:160]) for i in letters
    )
    return [
        {"stage": stage, "error_type": error, "reason": reason, "count": count}
        for (stage, error, reason), count in counts.most_common()
    ]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place on a 360×180 equirectangular plane (x: lon+180, y: 90-lat)."""

    name: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class ShownArticle:
    """One of the latest articles as the page shows it: in full, with its places as map points."""

    article: StoredArticleDetail
    map: list[MapPoint]


def map_points(places: list[StoredPlace]) -> list[MapPoint]:
    """The places that have coordinates, as points on the page's map."""
    return [
        MapPoint(p.name, round(p.lon + 180, 2), round(90 - p.lat, 2))
        for p in places
        if p.lat is not None and p.lon is not None
    ]


async def latest_articles(state: ApiState) -> list[ShownArticle]:
    """The newest stored articles, each with its side rows (entities, places, quotes)."""
    shown = []
    for doc in await state.store.find(ArticleFilter(limit=LATEST)):
        full = await state.store.get(doc.id)
        if full is not None:
            shown.append(ShownArticle(full, map_points(full.places)))
    return shown


@router.get("/", response_class=HTMLResponse)
async def status_page(
    request: Request,
    state: State,
    q: Annotated[str | None, Query()] = None,
    token: Annotated[str | None, Query()] = None,
) -> Response:
    """The page; ``?token=`` (when NEWSFLOW_API_TOKEN is set) is checked once and kept in a cookie."""
    if token is not None and state.token is not None and token_matches(token, state.token):
        response = RedirectResponse("/", status_code=status.HTTP_303_SEE_OTHER)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response
    try:
        require_token(request)
    except HTTPException:
        return HTMLResponse(
            "<!doctype html><title>newsflow</title><p>This newsflow api needs its token: open /?token=…",
            status_code=status.HTTP_401_UNAUTHORIZED,
        )
    groups, dead = await group_status(state.redis, state.settings.streams)
    letters = await list_letters(state.redis, state.settings.streams.dead, count=LETTERS_SHOWN)
    hits = await state.store.search(q) if q else None
    context = {
        "status": status_document(groups, dead),
        "dead": dead,
        "letter_groups": letter_groups(letters),
        "letters": letters,
        "articles": await latest_articles(state),
        "q": q or "",
        "hits": hits,
        "prefix": state.settings.stream_prefix,
    }
    return templates.TemplateResponse(request, "index.html", context)
