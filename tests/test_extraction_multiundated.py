"""Multi-article pages whose later stories have no dateline.

Small pages written here with invented places and people, so what is pinned is the layout: a
headline in sentence case standing alone between the last paragraph of one story and the first of
another, whose words are the second story's and whose names are not the first's, heads a story of
its own even with no dateline under it (and the line is that story's headline, not the first's
printed after it); a button printed under every story's dateline heads none of them; a
subheading inside one story (the same names on both sides) does not cut the body, nor do the
subheadings of a body in three sections or more.
"""

from __future__ import annotations

from newsflow.extraction.text import split_text
from tests.pages import KILN, KILN_BODY

MENU = ["Lowmarsh Gazette", "Home", "Towns", "Sport", "Opinion", "Sign in"]
FOOTER = ["About us", "Privacy"]

BRIDGE = "Tollbridge at Quennet reopens to lorries after load tests"
BRIDGE_BODY = [
    "The iron tollbridge at Quennet carried its first lorries in two years on Monday, after engineers "
    "from Harwell Dyne spent the summer testing each of its girders with sandbags and water tanks.",
    "Mayor Lisette Garrow said traders in Quennet had lost a fifth of their custom while lorries went "
    "the long way round through Pellow, adding an hour to every delivery of timber and grain.",
    "The county will keep a weight limit of twelve tonnes on the bridge, and Garrow said cameras at "
    "both ends would record any heavier vehicle that tried to cross the river at night.",
    "Engineers from Harwell Dyne will return each spring to repeat the tests, and the toll of two "
    "coins a crossing will pay for the paint that keeps the girders from rusting.",
]


def _articles(lines: list[str]) -> list[tuple[str | None, int]]:
    _lines, segments = split_text("\n\n".join(lines))
    return [(seg.title_text, len(seg.body)) for seg in segments]


def test_undated_headline_between_two_stories_heads_the_second() -> None:
    page = [*MENU, KILN, "By Odo Franke", "11:40am March 3, 2024", *KILN_BODY, BRIDGE, *BRIDGE_BODY, *FOOTER]
    assert _articles(page) == [(KILN, len(KILN_BODY)), (BRIDGE, len(BRIDGE_BODY))]


def test_page_with_no_dateline_keeps_each_headline_over_its_own_story() -> None:
    page = [*MENU, KILN, *KILN_BODY, BRIDGE, *BRIDGE_BODY, *FOOTER]
    assert _articles(page) == [(KILN, len(KILN_BODY)), (BRIDGE, len(BRIDGE_BODY))]


def test_subheading_inside_one_story_does_not_cut_it() -> None:
    subhead = "Schoolchildren fill the Varnholt kiln with their pots"
    page = [*MENU, KILN, "11:40am March 3, 2024", *KILN_BODY[:2], subhead, *KILN_BODY[2:], *FOOTER]
    assert [title for title, _ in _articles(page)] == [KILN]


def test_button_printed_under_every_dateline_heads_no_story() -> None:
    button = "Play the audio version"
    page = [*MENU, KILN, "11:40am March 3, 2024", button, *KILN_BODY, BRIDGE, button, *BRIDGE_BODY, *FOOTER]
    assert _articles(page) == [(KILN, len(KILN_BODY)), (BRIDGE, len(BRIDGE_BODY))]


def test_headline_printed_after_its_story_stays_its_own_before_a_cut() -> None:
    """A line between two stories whose words are the first story's closes it (its headline
    printed after it): the story below, cut by its names, does not take it."""
    page = [*MENU, *KILN_BODY, KILN, "Share", BRIDGE, *BRIDGE_BODY, *FOOTER]
    assert _articles(page)[0] == (KILN, len(KILN_BODY))


def test_body_under_three_sentence_case_subheadings_is_not_cut_at_them() -> None:
    """Several headline-shaped lines between a body's paragraphs make it one piece in sections (a
    guide, a list): where its names change under one of them is no second story by that alone."""
    heads = [
        "Lorries return to the tollbridge over the river",
        "Traders on the quay count the custom they lost",
        "Cameras will watch the girders by night",
    ]
    page = [
        *MENU,
        KILN,
        "11:40am March 3, 2024",
        *KILN_BODY,
        heads[0],
        *BRIDGE_BODY[:2],
        heads[1],
        BRIDGE_BODY[2],
        heads[2],
        BRIDGE_BODY[3],
        *FOOTER,
    ]
    assert [title for title, _ in _articles(page)] == [KILN]
