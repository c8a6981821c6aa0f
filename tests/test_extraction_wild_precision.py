"""Furniture that slips into a body on real pages (credits, teasers, boxes at its edges), kept out by
its shape: small pages written here, in words no list holds."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from tests.pages import FERRY, FERRY_BODY

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

HEADLINE, BODY = FERRY, FERRY_BODY


def _parse(lines: list[str]) -> list[Article]:
    page = Page(uri="pages/test.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _body(lines: list[str]) -> list[str]:
    (article,) = _parse(lines)
    return article.body.split("\n\n")


def test_a_caption_closed_by_a_labelled_credit_in_any_language_goes_to_the_captions() -> None:
    caption = "The repaired ferry leaves the harbour at dawn. Zorpik: Tella Vonder/Harbour Press"
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], caption, *BODY[1:]]
    (article,) = _parse(page)
    assert article.body.split("\n\n") == BODY
    assert caption in article.captions


def test_a_lone_credit_line_and_a_copyright_sign_credit_are_not_body() -> None:
    credit, signed = "Klemvo: Orla Dent", "© Pim Astery | Lumo"
    page = [HEADLINE, "2024-06-01 08:30", credit, BODY[0], BODY[1], signed, *BODY[2:]]
    assert _body(page) == BODY


def test_a_run_of_labelled_fields_is_a_list_of_the_story_not_credits() -> None:
    rows = ["Deck chairs: Holm Brothers", "Life jackets: Sea Safe", "Railings: Port Works"]
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], *rows, *BODY[2:]]
    assert _body(page) == [BODY[0], BODY[1], *rows, *BODY[2:]]


def test_a_sentence_with_a_colon_inside_stays_in_the_body() -> None:
    line = "Timetable: The first ferry leaves the harbour at six in the morning on weekdays."
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], line, *BODY[1:]]
    assert _body(page) == [BODY[0], line, *BODY[1:]]


def test_a_box_linking_another_story_between_two_paragraphs_is_dropped_whatever_its_heading() -> None:
    box = ["Plinda ooh...", "Night buses to the airport will run every hour from next month"]
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], *box, *BODY[2:]]
    assert _body(page) == BODY


def test_a_subhead_over_a_line_its_paragraph_talks_about_stays_in_the_body() -> None:
    section = ["Cars on deck", "Room for forty cars and two lorries on every crossing"]
    paragraph = (
        "The crossing now has room for forty cars again, and lorries carrying food to the islands get "
        "the first places on every crossing."
    )
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], *section, paragraph, *BODY[2:]]
    assert _body(page) == [BODY[0], BODY[1], *section, paragraph, *BODY[2:]]


def test_a_lead_in_with_a_colon_keeps_the_items_under_it() -> None:
    items = ["Fares for the winter crossings:", "Cars and their drivers pay the summer fare"]
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], *items, *BODY[2:]]
    assert _body(page) == [BODY[0], BODY[1], *items, *BODY[2:]]


def test_a_closing_prompt_that_is_no_sentence_and_not_the_storys_is_dropped() -> None:
    prompt = "Zwonk along on Blimmer, Quappa and Dorrit for every fresh update right now"
    advert = ["Glimmer space", "Glimmer space"]  # printed twice under the story, as pages do
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, prompt, *advert]) == BODY


def test_a_closing_sentence_stays_even_when_its_words_are_new() -> None:
    closing = "Nobody knows yet whether the older boat will be sold abroad or kept as a reserve."
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, closing, *advert]) == [*BODY, closing]


def test_a_copyright_line_under_the_story_ends_the_body() -> None:
    footer = "© 2024 Brimble Quay Gazette Ltd, printed and kept by the owners of the harbour paper."
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, footer]) == BODY


def test_a_heading_over_nothing_but_headlines_under_the_story_ends_the_body() -> None:
    teasers = [
        "Grummel zang",
        "Lighthouse keeper retires after forty winters on the rock",
        "New bakery opens its doors in the old fish market",
    ]
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, *teasers, *advert]) == BODY


def test_a_closing_list_that_repeats_the_storys_words_stays() -> None:
    crossings = [
        "Crossing times",
        "Harbour town to the largest island every morning",
        "Largest island back to the harbour town every evening",
    ]
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, *crossings, *advert]) == [*BODY, *crossings]


def test_a_closing_sentence_signed_off_with_an_emoji_stays() -> None:
    closing = "See you all on the first summer crossing! 🙂"
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, closing, *advert]) == [*BODY, closing]


def test_a_colon_heading_over_one_headline_under_the_story_ends_the_body() -> None:
    teaser = ["Plonk zevver:", "Lighthouse keeper retires after forty winters on the rock"]
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, *teaser, *advert]) == BODY


def test_a_colon_heading_over_a_longer_closing_list_stays() -> None:
    packing = [
        "What to bring aboard:",
        "Warm coats for the open deck in the evening when the wind comes in cold from the sea",
        "Tickets bought at the harbour office beforehand",
        "Sandwiches because the cafe on board stays shut",
    ]
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, *packing, *advert]) == [*BODY, *packing]


def test_a_one_line_link_with_a_label_that_is_no_name_between_paragraphs_is_dropped() -> None:
    link = "Zupp also glorp: Night buses to the airport will run every hour from next month"
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], link, *BODY[2:]]
    assert _body(page) == BODY


def test_an_interview_question_after_a_speakers_name_stays() -> None:
    question = "Tella Vonder: Why did the repairs take the whole winter?"
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], question, *BODY[2:]]
    assert _body(page) == [BODY[0], BODY[1], question, *BODY[2:]]


def test_a_credit_with_separators_between_its_fields_goes_to_the_captions() -> None:
    caption = "Gulls wait on the ferry's railing. Klemvo: Orla Dent | snapclub | CC BY 2.0"
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], caption, *BODY[1:]]
    (article,) = _parse(page)
    assert article.body.split("\n\n") == BODY
    assert caption in article.captions


def test_a_web_address_on_its_own_line_is_no_credit() -> None:
    link = "http://ferry.example/timetable"
    page = [HEADLINE, "2024-06-01 08:30", BODY[0], BODY[1], link, *BODY[2:]]
    (article,) = _parse(page)
    assert link not in article.captions


def test_an_agencys_long_notice_is_printed_with_its_story() -> None:
    notice = (
        "© 2024 Brimble Wire Service, all of it owned by the members, and not to be printed again, "
        "sent out or rewritten without leave."
    )
    advert = ["Glimmer space", "Glimmer space"]
    assert _body([HEADLINE, "2024-06-01 08:30", *BODY, notice, *advert]) == [*BODY, notice]
