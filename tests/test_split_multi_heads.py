"""The headline and dateline each story of a multi-article page gets, read by shape: where lines
stand and whether their words recur in the body they head, on small pages written here (made-up
places and people, so what is pinned is the layout, never a phrase)."""

from __future__ import annotations

from newsflow.extraction.blocks import _Group, _groups
from newsflow.extraction.dates import looks_like_dateline
from newsflow.extraction.layout import _classify
from newsflow.extraction.lines import page_lines
from newsflow.extraction.segments import _closes_ours, _story_topic, _tail_headline
from newsflow.extraction.text import split_text
from tests.pages import KILN, KILN_BODY

KILN_BODY = KILN_BODY[:4]
GLIDER = "Tessaly gliding club lands a new winch after a year of fundraising"
GLIDER_BODY = [
    "Members of the Tessaly gliding club hauled their new winch onto the Marrow airfield on "
    "Wednesday, a year after the old one burned out during the summer camp at Quillon.",
    "Club chair Piet Vandermolen said bake sales, a raffle and a grant from the Quillon county "
    "fund had paid for the winch, which can launch a glider every four minutes.",
    "The Tessaly gliders had been towed by a borrowed aircraft since the fire, which Vandermolen "
    "said cost the club more in fuel than it earned from its trial flights at Marrow.",
    "The first launches with the new winch are planned for the Marrow open day next month, when the "
    "Tessaly club will offer trial flights to anyone over fourteen.",
]
FERRY = "Ferry timetable to change for the winter months"
BAKERS = "Bakers guild elects its first woman master"


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _titles(body: str) -> list[str | None]:
    return [seg.title_text for seg in split_text(body)[1]]


def _kiln_then_glider_headed_after(*tail: str) -> str:
    """The kiln story under its headline and dateline, then the glider story under a dateline alone,
    its headline printed after its body, then ``tail`` (teasers, a list, the footer)."""
    return _page(
        "Harrowgate Lantern",
        "Weather · Courts · Schools · Opinion · Sport",
        KILN,
        "Odile Pask · Harrowgate Lantern · 8 February 2019 12.04 GMT-5",
        *KILN_BODY,
        "Published: 29 May 2023 15.38 GMT-5",
        "Estimated reading time 4 min",
        *GLIDER_BODY,
        "COMING UP",
        "Juniors: Saturday morning.",
        "Seniors: Sunday afternoon.",
        GLIDER,
        *tail,
    )


def test_headline_after_body_beats_a_teaser_printed_twice_further_down() -> None:
    """A teaser printed twice in a list under the story is a headline of the page, but none of its
    words recur in the body: the line right under the body whose words do is the story's headline."""
    body = _kiln_then_glider_headed_after(
        "Partner story",
        "Orchard owners argue over a new cider tax",
        "Growers have until Friday to answer.",
        FERRY,
        "Few saw it coming, but the signs were there.",
        "Stories we liked",
        f"1. {FERRY}",
        FERRY,
        f"2. {BAKERS}",
        BAKERS,
        "About us",
        "Privacy",
    )
    assert _titles(body) == [KILN, GLIDER]


def test_headline_closing_a_body_is_found_among_the_short_lines_bridged_into_it() -> None:
    """When the short lines under a body (a list, the headline, teasers) are read into the body, the
    headline-shaped line among them whose words the paragraphs repeat is the story's headline; a
    teaser's title (no words in common) and the list's items (sentences) are not."""
    lines = page_lines(
        _page(*GLIDER_BODY, "Juniors: Saturday morning.", GLIDER, "Orchard owners argue over a new cider tax")
    )
    page = _classify(lines)
    group = _Group(blocks=[(0, len(lines) - 1)])
    assert _tail_headline(page, group) == len(GLIDER_BODY) + 1


BAR = "Copy link — Text size — Email this article — Report an error"


def _heads_and_datelines(body: str) -> list[tuple[str | None, str | None]]:
    return [(seg.title_text, seg.dateline.text if seg.dateline else None) for seg in split_text(body)[1]]


def test_headline_after_its_body_over_the_next_dateline_stays_with_the_body_it_names() -> None:
    """Every story printed dateline, body, then headline: the headline over the second story's
    dateline closes the first (its words recur there twice as much), and the second story takes
    the headline printed after its own body."""
    body = _page(
        "Harrowgate Lantern",
        "Weather · Courts · Schools · Opinion · Sport",
        "Published 19:14 20-04-2021",
        "Hear this story",
        BAR,
        *KILN_BODY,
        KILN,
        "Posted 14:24 01-06-2024",
        "Updated 08:53 02-06-2024",
        "Hear this story",
        BAR,
        *GLIDER_BODY,
        GLIDER,
        "More from the Lantern",
        "Orchard owners argue over a new cider tax",
        FERRY,
        "About us",
        "Privacy",
    )
    heads = _heads_and_datelines(body)
    assert [title for title, _ in heads] == [KILN, GLIDER]
    assert heads[0][1] == "Published 19:14 20-04-2021"


def test_dateline_printed_under_a_headline_after_its_body_is_that_story_s() -> None:
    """Every story printed body, headline, dateline: the dateline under a headline that closes its
    body is that story's, not the next story's (which has its own under its own headline)."""
    body = _page(
        "Harrowgate Lantern",
        "Weather · Courts · Schools · Opinion · Sport",
        *KILN_BODY,
        KILN,
        "Posted 14:24 01-06-2024",
        BAR,
        *GLIDER_BODY,
        GLIDER,
        "Posted 09:10 30-05-2024",
        BAR,
        "About us",
        "Privacy",
    )
    assert _heads_and_datelines(body) == [
        (KILN, "Posted 14:24 01-06-2024"),
        (GLIDER, "Posted 09:10 30-05-2024"),
    ]


def test_button_with_no_topic_word_over_a_body_gives_way_to_the_headline_closing_it() -> None:
    """A short button printed with every story ("Pin it": not one topic word) stands where a
    headline would, over the second body; the headline-shaped line closing that body, whose words
    the paragraphs repeat, is the story's headline."""
    body = _page(
        "Harrowgate Lantern",
        "Weather · Courts · Schools · Opinion · Sport",
        KILN,
        "By Odile Pask, Staff Writer",
        "4 June 2021, 04:27",
        "Pin it",
        *KILN_BODY,
        "Link copied",
        "Pin it",
        "Author: Wendel Oakes",
        "2 June 2023, 20:59",
        "Pin it",
        "Bookmark",
        *GLIDER_BODY,
        GLIDER,
        "Report an error",
        "Add to reading list",
        "Copy link",
        "Related coverage",
        "Orchard owners argue over a new cider tax",
        "About us",
    )
    assert _heads_and_datelines(body) == [(KILN, "4 June 2021, 04:27"), (GLIDER, "2 June 2023, 20:59")]


def test_a_sentence_before_an_unlabelled_time_stamp_is_no_dateline() -> None:
    """A bio run into its dateline reads as one ("... at the Herald. First published on ..."), but
    a sentence before a bare stamp (a price's, a comment's) says nothing of a story's time."""
    assert looks_like_dateline(
        "Wendel Oakes is a courts reporter at the Ospel Herald. Posted on 14 March 2021 20:10"
    )
    assert not looks_like_dateline("The price may have changed since. Price of 14.03.2021 20:10")


def test_short_stamp_between_headline_and_body_is_the_story_s_dateline() -> None:
    """A date with no year and a bare "4h" are no datelines on their own (a comment's stamp looks
    the same), but printed between a story's headline and its body they are the story's time."""
    body = _page(
        "Harrowgate Lantern",
        KILN,
        "By Odile Pask",
        "Thu 15 Oct, 18:40",
        *KILN_BODY,
        GLIDER,
        "4h",
        *GLIDER_BODY,
        "About us",
    )
    assert _heads_and_datelines(body) == [(KILN, "Thu 15 Oct, 18:40"), (GLIDER, "4h")]


def test_a_label_ending_in_a_colon_between_two_bodies_closes_neither() -> None:
    """A line over the second body's dateline whose words the first body repeats closes the first
    story as its headline; the same words ending in a colon introduce what follows (a breadcrumb's
    "You are here:"), and head nothing."""
    closing = "Varnholt potters fire the old kiln again"
    for line, closes in ((closing, True), (f"{closing}:", False)):
        lines = page_lines(
            _page(*KILN_BODY, line, "Posted 14:24 01-06-2024", *GLIDER_BODY, GLIDER, "About us")
        )
        page = _classify(lines)
        groups = _groups(page)
        topic = _story_topic(page, groups, 0)
        assert _closes_ours(page, groups, 0, len(KILN_BODY), topic) is closes
