"""A page of two articles, stored with the people, places and organisations NER finds."""

from pathlib import Path

import pytest

PAGE = Path(__file__).parent / "pages" / "hangzhou-and-iran.txt"


@pytest.fixture
def newsflow_env() -> dict[str, str]:
    """NER on for this module (pyproject.toml switches it off for the others)."""
    return {}


def test_page_is_stored_as_two_articles_with_their_entities(submit_page, wait_for_articles) -> None:
    page_id = submit_page(PAGE)  # a path or a newsflow.shared.contracts.Page
    outcome = wait_for_articles(page_id, timeout=120)

    assert outcome.dead_letters == []
    hangzhou, iran = outcome.articles  # typed Article models, in page order
    assert hangzhou.title == "China's Hangzhou drives vitality in sci-tech sector via innovations"
    assert iran.title == "Iranian president says government focusing on ensuring supplies amid protests"
    people = {e["name"] for e in iran.enrichment["entities"]["items"] if e["label"] == "PERSON"}
    assert "Masoud Pezeshkian" in people
    organisations = {e["name"] for e in hangzhou.enrichment["entities"]["items"] if e["label"] == "ORG"}
    assert "Alibaba" in organisations
