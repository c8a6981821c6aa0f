"""Untrusted HTML is parsed without fetching anything: no DTD, entity, image or script is loaded."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from newsflow.shared.contracts import ContentType, Page
from newsflow.shared.errors import BadInput
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared with the test on purpose

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leaked 'FETCHED'>")

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def listener() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_hostile_html_fetches_nothing_and_expands_no_external_entity(listener: str) -> None:
    _Recorder.hits.clear()
    body = f"""<?xml version="1.0"?>
<!DOCTYPE html SYSTEM "{listener}/doctype.dtd" [
  <!ENTITY secret SYSTEM "file:///etc/hostname">
  <!ENTITY remote SYSTEM "{listener}/entity">
]>
<html><head>
<link rel="stylesheet" href="{listener}/style.css">
<script src="{listener}/script.js"></script>
<meta http-equiv="refresh" content="0; url={listener}/refresh">
</head><body>
<h1>Council approves the harbour budget</h1>
<img src="{listener}/image.png"><iframe src="{listener}/frame"></iframe>
<p>The council approved the harbour budget on Monday after a long debate. &secret; &remote;</p>
<p>Residents said the plan would change how the town spends money on roads and schools.</p>
<object data="{listener}/object"></object><embed src="{listener}/embed">
</body></html>"""
    page = Page(uri="https://hostile.example/a", content_type=ContentType.HTML, body=body)
    limits = Limits()
    try:
        articles = [process_document(doc, limits) for doc in split_page(page, limits)]
    except BadInput:
        articles = []  # rejecting the page is fine too; fetching is not
    assert _Recorder.hits == []
    text = " ".join(a.body + (a.title or "") for a in articles)
    assert "FETCHED" not in text
    with open("/etc/hostname", encoding="utf-8") as handle:
        hostname = handle.read().strip()
    if hostname:
        assert hostname not in text
