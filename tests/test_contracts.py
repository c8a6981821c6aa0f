"""The wire contracts: ids, validation and the formats producers may write."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from newsflow.shared.contracts import SCHEMA_VERSION, ContentType, Document, Page
from newsflow.shared.errors import UndecodableMessage, is_permanent
from newsflow.shared.ids import article_id_for, canonical_file_uri, page_id_for
from newsflow.shared.wire import decode, encode, printable


def test_page_id_depends_only_on_uri_so_new_versions_keep_it() -> None:
    a = Page(uri="https://example.org/a", body="one")
    b = Page(uri="https://example.org/a", body="two")
    c = Page(uri="https://example.org/b", body="one")
    assert a.id == b.id == page_id_for("https://example.org/a")
    assert a.id != c.id


def test_document_id_is_the_article_id_of_its_segment() -> None:
    doc = Document(
        page_id="p1",
        uri="u",
        segment=1,
        segment_count=2,
        content_type=ContentType.TEXT,
        text="x",
        fetched_at=datetime.now(UTC),
    )
    assert doc.id == article_id_for("p1", 1) != article_id_for("p1", 0)


def test_file_uri_identity_ignores_how_the_path_was_spelled(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert canonical_file_uri("a.txt") == canonical_file_uri(str(tmp_path / "a.txt"))


def test_round_trip_through_stream_fields() -> None:
    page = Page(uri="u", body="text", metadata={"site": "s"})
    fields = {k.encode(): v for k, v in encode(page).items()}
    assert decode(fields, Page) == page
    assert page.schema_version == SCHEMA_VERSION


def test_producers_may_write_page_fields_flat() -> None:
    fields = {
        b"uri": b"https://x.org/1",
        b"body": b"hello",
        b"content_type": b"text/html",
        b"metadata": b'{"crawler": "c1"}',
    }
    page = decode(fields, Page)
    assert page.content_type is ContentType.HTML
    assert page.metadata == {"crawler": "c1"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({b"payload": b"{not json"}, json.JSONDecodeError),
        ({b"payload": b"\xff\xfe"}, UndecodableMessage),
        ({b"payload": b"[1, 2]"}, UndecodableMessage),
        ({b"payload": b'{"uri": 5, "body": []}'}, ValidationError),
        ({b"payload": b'{"uri": "u", "body": "b", "schema_version": 99}'}, ValidationError),
        ({b"payload": b'{"uri": "u", "body": "b", "surprise": 1}'}, ValidationError),
        ({}, UndecodableMessage),
    ],
)
def test_bad_entries_raise_permanent_errors(fields: dict[bytes, bytes], expected: type[Exception]) -> None:
    with pytest.raises(expected) as info:
        decode(fields, Page)
    assert is_permanent(info.value)


def test_dead_letter_keeps_undecodable_bytes_visible() -> None:
    assert printable({b"payload": b"ok \xff"}) == {"payload": "ok \\xff"}
