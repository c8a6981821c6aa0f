"""A page with nothing but site furniture is dead-lettered, with the stage and the reason."""

from newsflow.shared.contracts import Page


def test_page_without_an_article_is_dead_lettered(submit_page, wait_for_articles) -> None:
    page_id = submit_page(Page(uri="https://news.example/menu", body="Home\nWorld\nSport\nContact us\n"))
    outcome = wait_for_articles(page_id)

    assert outcome.articles == []
    (letter,) = outcome.dead_letters
    assert (letter.stage, letter.error_type) == ("splitter", "NoArticles")
    assert letter.page_id == page_id
