"""Multi-article pages: which headline heads which story, and which stories are kept.

Small pages written here with invented places and people, so what is pinned is the layout: a
story's headline over its dateline over two paragraphs is a story's head even when its words are
not the body's (a pun, a question), while a dated teaser's one blurb is no story; a headline with
its column after a bar ("... | Editorial") over a byline and a dateline is no photo caption; a
name and a place over a dateline is the byline when the headline is printed after the body; a
comments link in a story's head (an end-of-article heading by its words) does not cut the headline
off its body when only furniture stands between.
"""

from __future__ import annotations

from newsflow.extraction.layout import Kind, _classify
from newsflow.extraction.lines import page_lines
from newsflow.extraction.text import split_text
from tests.pages import FERRY, FERRY_BODY, KILN, KILN_BODY

MENU = ["Harbourside Courier", "Home", "Islands", "Weather", "Letters", "Sign in"]

PUN_HEAD = "Nobody saw the ninth seat coming"
PUN_BODY = [
    "The rowing club of Tessaby lost its oldest trophy on Saturday when the judges ruled that the "
    "winning boat had carried one oarsman more than the rules allow for the river race.",
    "Captain Ivo Marchetti said the crew would appeal, although the club admitted that a reserve had "
    "climbed aboard at the last bridge to replace a rower who had hurt his wrist.",
    "The trophy, a silver jug first rowed for in the year the mill opened, now passes to the crew "
    "from Ostervik, who finished second by half a length and had protested at the finish.",
]


def _titles(lines: list[str]) -> list[str | None]:
    _lines, segments = split_text("\n\n".join(lines))
    return [seg.title_text for seg in segments]


def test_dated_headline_over_two_paragraphs_heads_a_story_whatever_its_words() -> None:
    page = [
        *MENU,
        PUN_HEAD,
        "9:15am March 3, 2024",
        *PUN_BODY,
        "Share",
        "Print",
        FERRY,
        "By Odo Franke",
        "11:40am March 3, 2024",
        *FERRY_BODY,
        *KILN_BODY[:2],
        "About us",
        "Privacy policy",
    ]
    assert _titles(page) == [PUN_HEAD, FERRY]


def test_dated_teaser_with_one_blurb_is_no_story() -> None:
    page = [
        *MENU,
        KILN,
        "By Odo Franke",
        "11:40am March 3, 2024",
        *KILN_BODY,
        "Share",
        "Print",
        PUN_HEAD,
        "9:15am March 3, 2024",
        PUN_BODY[0],
        "About us",
        "Privacy policy",
    ]
    assert _titles(page) == [KILN]


EDITORIAL_HEAD = "The ferry company should publish its winter timetable early | Editorial"


def test_headline_with_a_column_after_a_bar_over_a_byline_and_dateline_is_no_caption() -> None:
    page = [
        "May we keep a few cookies?",
        "Some cookies keep this page working; others help us count our readers.",
        "Allow all",
        "Only necessary",
        *MENU,
        EDITORIAL_HEAD,
        "By Odo Franke",
        "8:05am March 3, 2024",
        *FERRY_BODY,
        "Share",
        "Print",
        KILN,
        "By Marta Lindqvist",
        "11:40am March 3, 2024",
        *KILN_BODY,
        "About us",
        "Privacy policy",
    ]
    assert _titles(page) == [EDITORIAL_HEAD, KILN]
    layout = _classify(page_lines("\n\n".join(page)))
    at = next(k for k, line in enumerate(layout.lines) if line.text == EDITORIAL_HEAD)
    assert layout.kinds[at] is not Kind.CAPTION
    assert layout.heads[at]


def test_credited_caption_under_a_headline_stays_a_caption() -> None:
    page = [
        *MENU,
        FERRY,
        "Passengers wait on the quay for the morning crossing | Odo Franke",
        "8:05am March 3, 2024",
        *FERRY_BODY,
        "About us",
        "Privacy policy",
    ]
    assert _titles(page) == [FERRY]
    layout = _classify(page_lines("\n\n".join(page)))
    assert Kind.CAPTION in layout.kinds


LANTERN = "Lantern walk draws record crowd along the canal"
LANTERN_BODY = [
    "More than two thousand people carried paper lanterns along the Ospel canal on Friday night, the "
    "largest crowd the walk has drawn since the town first held it after the war.",
    "The walk started at the lock keeper's cottage and ended at the church square in Ospel, where "
    "the choir sang and the bakery handed out spiced buns until the lanterns burned low.",
    "Organiser Petra Voss said the lanterns were made in the library over three weekends, and that "
    "children from the canal school had painted most of them with boats and herons.",
    "The council said it would close the towpath to cyclists again next year, after a few riders "
    "had to push their bikes through the crowd for most of the evening.",
]


def test_name_and_place_over_dateline_is_the_byline_when_the_headline_follows_the_body() -> None:
    page = [
        *MENU,
        KILN,
        "By Marta Lindqvist",
        "11:40am March 3, 2024",
        *KILN_BODY,
        "Share",
        "Print",
        "Odo Franke in Ospel",
        "8:05am March 3, 2024",
        *LANTERN_BODY,
        LANTERN,
        "Share",
        "About us",
        "Privacy policy",
    ]
    _lines, segments = split_text("\n\n".join(page))
    assert [seg.title_text for seg in segments] == [KILN, LANTERN]
    kiln_text = " ".join(line.text for line in segments[0].body)
    assert not any(paragraph in kiln_text for paragraph in LANTERN_BODY)


def test_a_comments_link_and_a_photo_credit_between_dateline_and_body_keep_the_headline() -> None:
    page = [
        *MENU,
        FERRY,
        "By Odo Franke",
        "8:05am March 3, 2024",
        "Comments",
        "Listen",
        "Photo: Marta Lindqvist",
        *FERRY_BODY,
        "Share",
        "Print",
        KILN,
        "By Marta Lindqvist",
        "11:40am March 3, 2024",
        *KILN_BODY,
        "About us",
        "Privacy policy",
    ]
    assert _titles(page) == [FERRY, KILN]
