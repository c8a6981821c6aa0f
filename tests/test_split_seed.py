"""The seed page, split and parsed exactly as the pipeline does it."""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

TITLE_1 = "China's Hangzhou drives vitality in sci-tech sector via innovations"
TITLE_2 = "Iranian president says government focusing on ensuring supplies amid protests"


def _articles(text: str):  # type: ignore[no-untyped-def]
    page = Page(uri="seeds/seed.txt", body=text)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_seed_page_holds_exactly_two_articles(seed_text: str) -> None:
    first, second = _articles(seed_text)
    assert first.title == TITLE_1
    assert second.title == TITLE_2
    assert (first.segment, second.segment) == (0, 1)
    assert first.segment_count == second.segment_count == 2


def test_seed_first_article_fields(seed_text: str) -> None:
    first = _articles(seed_text)[0]
    assert first.category == "China"
    assert first.published_at == "2025-02-17T10:29"
    assert first.updated_at == "2025-02-17T11:07"
    assert first.body.startswith("The eastern Chinese tech city of Hangzhou")
    assert first.body.endswith("said Fang Yi, deputy mayor of Hangzhou.")


def test_seed_second_article_has_no_dateline_and_clean_body(seed_text: str) -> None:
    second = _articles(seed_text)[1]
    assert second.published_at is None
    assert second.body.startswith("The Iranian government is focusing on public concerns")
    assert second.body.endswith("sanctions imposed by the United States.")


def test_seed_bodies_hold_no_chrome_or_repeated_headlines(seed_text: str) -> None:
    for article in _articles(seed_text):
        assert "Recommended Articles" not in article.body
        assert "Skip to Content" not in article.body
        assert TITLE_1 not in article.body
        assert TITLE_2 not in article.body
        assert "\n\n\n" not in article.body
