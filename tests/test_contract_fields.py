"""What a producer puts on a page reaches the stored article; fields nobody reads are gone."""

from __future__ import annotations

import json

from newsflow.shared.contracts import Document, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document

STORY = (
    "Harbour reopens after storm\n\n"
    + "The harbour reopened on Monday after a week of repairs to the quay. " * 6
)


def test_producer_metadata_reaches_the_article() -> None:
    page = Page(
        uri="https://news.example/harbour", body=STORY, metadata={"site": "news.example", "feed": "rss"}
    )
    limits = Limits()
    (article,) = [process_document(doc, limits) for doc in split_page(page, limits)]
    assert article.metadata == {"site": "news.example", "feed": "rss"}
    assert article.url == "https://news.example/harbour"


def test_a_json_items_own_link_is_the_articles_url() -> None:
    items = [
        {"title": "First story", "url": "https://a.example/1", "body": "One. " * 40},
        {"title": "Second story", "url": "https://a.example/2", "body": "Two. " * 40},
    ]
    page = Page(uri="feed://a.example/export", content_type="application/json", body=json.dumps(items))
    limits = Limits()
    articles = [process_document(doc, limits) for doc in split_page(page, limits)]
    assert [a.url for a in articles] == ["https://a.example/1", "https://a.example/2"]


def test_a_local_file_page_has_no_url() -> None:
    page = Page(uri="file:///tmp/dump.txt", body=STORY)
    limits = Limits()
    (article,) = [process_document(doc, limits) for doc in split_page(page, limits)]
    assert article.url is None


def test_a_document_written_with_the_old_page_hash_field_still_decodes() -> None:
    doc = Document(
        page_id="p",
        uri="u",
        segment=0,
        segment_count=1,
        content_type="text/plain",
        text="x",
        fetched_at="2025-01-01T00:00:00Z",
    )
    old = doc.model_dump(mode="json") | {"page_hash": "abc"}
    assert Document.model_validate(old) == doc


def test_every_control_character_is_taken_out_and_a_clean_document_is_passed_as_is() -> None:
    from newsflow.worker.process import without_controls

    limits = Limits()
    (doc,) = split_page(Page(uri="https://news.example/harbour", body=STORY), limits)
    assert without_controls(doc) is doc
    kept_as_breaks = {0x0B, 0x0C, 0x1C, 0x1D, 0x1E}
    for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F):
        dirty = doc.model_copy(update={"text": f"Harbour{chr(code)} reopens\n" + doc.text})
        cleaned = without_controls(dirty)
        assert cleaned is not dirty
        assert chr(code) not in cleaned.text
        expected = "Harbour\n reopens" if code in kept_as_breaks else "Harbour reopens"
        assert cleaned.text.startswith(expected)
    tabbed = doc.model_copy(update={"text": "Harbour\treopens\r\n" + doc.text})
    assert without_controls(tabbed) is tabbed
