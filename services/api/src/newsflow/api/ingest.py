"""Reading pages out of a POST /pages request body: plain functions over bytes, no framework.

A body is one of: a Page as JSON, a JSON array of Pages, JSON Lines of Pages,
or (with ``uri`` in the query) the page's raw body. Every page is validated
before anything is published, so a bad one refuses the whole request.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from newsflow.shared.contracts import ContentType, Page

JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq")
MAX_BATCH = 1000


class Refused(Exception):
    """The request cannot be published: ``status`` (400 or 413) and what is wrong, per page where known."""

    def __init__(self, status: int, errors: list[dict[str, Any]]) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors


def _media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, [{"msg": f"the body is not valid UTF-8 (byte {exc.start})"}]) from None


def _json_items(text: str, media_type: str) -> list[Any]:
    """The JSON values of a body: one object, an array's items, or one per line."""
    try:
        if media_type in JSON_LINES:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Refused(400, [{"msg": f"invalid JSON: {exc}"}]) from None
    return value if isinstance(value, list) else [value]


def _validated(items: list[Any]) -> list[Page]:
    pages: list[Page] = []
    errors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        try:
            pages.append(Page.model_validate(item))
        except ValidationError as exc:
            for error in exc.errors(include_url=False, include_input=False):
                errors.append({"index": index, "loc": list(error["loc"]), "msg": error["msg"]})
    if errors:
        raise Refused(400, errors)
    return pages


def raw_page(body: bytes, uri: str, content_type: str | None, metadata: dict[str, str]) -> Page:
    """One page whose body is the request body as sent."""
    media_type = _media_type(content_type) or ContentType.TEXT.value
    return _validated([{"uri": uri, "content_type": media_type, "body": _text(body), "metadata": metadata}])[
        0
    ]


def read_pages(body: bytes, content_type: str | None) -> list[Page]:
    """The Pages of a JSON, JSON array or JSON Lines body; :class:`Refused` when any is invalid."""
    media_type = _media_type(content_type)
    if media_type not in ("", "application/json", *JSON_LINES):
        msg = (
            f"a {media_type} body needs ?uri=… (the page's raw body); send Pages as application/json "
            "(one or an array) or application/x-ndjson (one per line)"
        )
        raise Refused(400, [{"msg": msg}])
    items = _json_items(_text(body), media_type)
    if not items:
        raise Refused(400, [{"msg": "no pages in the body"}])
    if len(items) > MAX_BATCH:
        raise Refused(413, [{"msg": f"{len(items)} pages in one request; at most {MAX_BATCH}"}])
    return _validated(items)


def check_sizes(pages: list[Page], max_page_bytes: int) -> None:
    """:class:`Refused` (413) when a page's body is over ``max_page_bytes`` (NEWSFLOW_MAX_PAGE_BYTES)."""
    errors = [
        {"index": index, "msg": f"body of {size} bytes is over NEWSFLOW_MAX_PAGE_BYTES={max_page_bytes}"}
        for index, page in enumerate(pages)
        if (size := len(page.body.encode("utf-8"))) > max_page_bytes
    ]
    if errors:
        raise Refused(413, errors)
