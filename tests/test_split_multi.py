"""Multi-article page structures the splitter must read by their shape, on small pages written here.

Furniture, names and stories are made-up words ("Quenby Marlowe", "Blorp"), so what is pinned is
where headlines, bylines, datelines and bodies stand, never a phrase.
"""

from __future__ import annotations

from newsflow.extraction.credits import bio_line, person_line
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from tests.pages import KILN, KILN_BODY

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
    "Vandermolen said the club would keep the burned winch as a spare parts store, and that two of "
    "its younger members were already learning to drive the new one under the instructors' eye.",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/multi.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


KILN_HEAD = (KILN, "Mar. 3, 2021 2:05 p.m.")
WEAK_GLIDER = "Raffle money buys weekend flyers a winch"
"""A headline few of whose words recur in its story: where it stands must tell it is the headline."""


def _two_stories(second_head: tuple[str, ...], *, first_head: tuple[str, ...] = KILN_HEAD) -> list[Article]:
    """The articles of a page with the kiln story, a stray button, then the glider story under
    ``second_head`` (its headline and what stands between it and the body)."""
    return _parse(
        _page(
            "The Blorp Herald",
            *first_head,
            *KILN_BODY,
            "Quaxel snap",
            *second_head,
            *GLIDER_BODY,
            "Zindle Quax",
        )
    )


def test_a_byline_in_any_wording_between_headline_and_dateline_is_not_the_headline() -> None:
    articles = _two_stories(
        (WEAK_GLIDER, "Opinion by Quenby Marlowe", "Mar. 4, 2021 9:40 a.m."),
        first_head=(KILN, "Zorin Palt, Special to The Blorp Herald", "Mar. 3, 2021 2:05 p.m."),
    )
    assert [a.title for a in articles] == [KILN, WEAK_GLIDER]


def test_a_line_naming_people_with_a_role_or_site_is_a_byline_by_its_shape() -> None:
    for line in (
        "Opinion by Quenby Marlowe",
        "Zorin Palt, Special to The Blorp Herald",
        "Quenby Marlowe · The Blorp Herald",
        "Zorin Palt and Quenby Marlowe",
        "Reportage by Zorin Palt; pictures by Quenby Marlowe",
    ):
        assert person_line(line), line
    for line in (
        KILN,
        GLIDER,
        "Varnholt potters fire Drennick kiln",
        "Why did Zorin Palt leave?",
        "Upcoming Quaxel Blorp updates",
    ):
        assert not person_line(line), line


def test_a_headline_over_a_byline_and_buttons_heads_its_story_without_a_dateline() -> None:
    articles = _two_stories((GLIDER, "Opinion by Quenby Marlowe", "Snib it", "Flomp · 4:10", "Zarn 12"))
    assert [a.title for a in articles] == [KILN, GLIDER]
    assert articles[1].body.startswith(GLIDER_BODY[0])


def test_a_headline_printed_only_after_its_body_beats_a_consent_button_over_the_first_dateline() -> None:
    body = _page(
        "Snib the crumbs and leave",  # a consent button, then the site's name, then the story's dateline
        "The Blorp Herald",
        "Mar. 3, 2021 2:05 p.m.",
        *KILN_BODY,
        KILN,
        "Quaxel snap",
        GLIDER,
        "Mar. 4, 2021 9:40 a.m.",
        *GLIDER_BODY,
        "Zindle Quax Tromp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [KILN, GLIDER]
    assert articles[0].body.startswith(KILN_BODY[0])


def test_another_story_s_headline_dropped_into_a_story_does_not_cut_it_in_two() -> None:
    teaser = "Ospel bakers win the county bread fair again"  # listed again at the end of the page
    body = _page(
        "The Blorp Herald",
        GLIDER,
        "Mar. 4, 2021 9:40 a.m.",
        *GLIDER_BODY,
        "Quaxel snap",
        KILN,
        "Mar. 3, 2021 2:05 p.m.",
        *KILN_BODY[:2],
        "Zarn",
        teaser,
        *KILN_BODY[2:],
        "Zindle Quax Tromp",
        f"1. {teaser}",
        teaser,
        "2",
        "Drennick mill reopens its doors to walkers",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [GLIDER, KILN]
    assert articles[1].body.endswith(KILN_BODY[-1])


def test_a_two_word_headline_over_a_byline_is_the_story_s_headline_not_an_author() -> None:
    articles = _two_stories(("Tessaly Gliders", "By Quenby Marlowe", "Mar. 4, 2021 9:40 a.m."))
    assert [a.title for a in articles] == [KILN, "Tessaly Gliders"]


def test_an_author_s_one_line_bio_over_the_dateline_is_not_the_headline() -> None:
    bio = "Quenby Marlowe is a flight reporter at The Blorp Herald."
    articles = _two_stories((WEAK_GLIDER, bio, "Mar. 4, 2021 9:40 a.m."))
    assert [a.title for a in articles] == [KILN, WEAK_GLIDER]
    assert not bio_line(GLIDER)
    assert not bio_line("Varnholt Potters Fire The Kiln. Why It Matters.")


def test_a_second_story_with_a_full_head_is_an_article_though_few_headline_words_recur() -> None:
    head = ("Weekend flyers cheer at Marrow", "Story by Quenby Marlowe", "Mar. 4, 2021 9:40 a.m.")
    articles = _two_stories(head)
    assert [a.title for a in articles] == [KILN, head[0]]
