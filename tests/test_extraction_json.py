"""JSON pages: fields a producer already has are mapped, not guessed again."""

from __future__ import annotations

import json

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, ContentType, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

TEXT_ITEM = {
    "url": "https://example.com/cranes",
    "title": "Harbour cranes return to work",
    "text": "Dock workers went back to their cranes on Monday morning, ending a strike that had left "
    "ships waiting.\n\nThe union said its members had accepted a pay offer of four percent.",
    "published": "2024-05-01T10:00:00Z",
    "author": "Ann Lee",
    "section": "World",
}
HTML_ITEM = {
    "title": "Library reopens",
    "html": "<html><body><nav><a>Home</a> <a>News</a></nav><article><h1>Library reopens</h1>"
    "<p>The village library closed for repairs last spring reopened its doors on Saturday with a "
    "reading garden built by volunteers.</p><p>Children's books have moved to a bright room on the "
    "ground floor, and the garden has benches and a small pond.</p></article>"
    "<footer>Copyright 2024 Example News</footer></body></html>",
    "published": "May 2, 2024 09:15",
}


def _parse(data: object) -> list[Article]:
    page = Page(uri="feed.json", content_type=ContentType.JSON, body=json.dumps(data))
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_json_fields_are_mapped_as_given() -> None:
    (article,) = _parse(TEXT_ITEM)
    assert article.title == "Harbour cranes return to work"
    assert article.published_at == "2024-05-01T10:00+00:00"
    assert article.category == "World"
    assert article.authors == ["Ann Lee"]
    assert article.body.split("\n\n") == TEXT_ITEM["text"].split("\n\n")


def test_json_list_gives_one_article_per_item_and_html_items_are_extracted() -> None:
    cranes, library = _parse([TEXT_ITEM, HTML_ITEM])
    assert (cranes.segment, library.segment, library.segment_count) == (0, 1, 2)
    assert library.title == "Library reopens"
    assert library.published_at == "2024-05-02T09:15"
    assert library.body.startswith("The village library closed for repairs")
    assert "Home" not in library.body
    assert "Copyright" not in library.body


def test_json_articles_envelope_is_understood() -> None:
    articles = _parse({"articles": [TEXT_ITEM, TEXT_ITEM | {"title": "Second"}]})
    assert [a.title for a in articles] == ["Harbour cranes return to work", "Second"]


def test_json_author_lists_become_authors() -> None:
    item = {k: v for k, v in TEXT_ITEM.items() if k != "author"} | {
        "authors": ["Ann Lee", {"name": "Bo Chen"}]
    }
    (article,) = _parse(item)
    assert article.authors == ["Ann Lee", "Bo Chen"]
