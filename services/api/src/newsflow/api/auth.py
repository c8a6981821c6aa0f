"""The optional bearer token (``NEWSFLOW_API_TOKEN``): a header for programs, a cookie for the browser.

A browser cannot send a header when it follows a link, so ``/?token=…`` checks
the token once and keeps it in an HTTP-only cookie for the page's own calls.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request, status

COOKIE = "newsflow_token"


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def presented(request: Request) -> str | None:
    """The token a request carries: ``Authorization: Bearer …``, else the page's cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    return request.cookies.get(COOKIE)


def require_token(request: Request) -> None:
    """FastAPI dependency: 401 unless the request carries the configured token (none configured: pass)."""
    token: str | None = request.app.state.newsflow.token
    if token is None or token_matches(presented(request), token):
        return
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "missing or wrong bearer token (Authorization: Bearer $NEWSFLOW_API_TOKEN)",
        headers={"WWW-Authenticate": "Bearer"},
    )
