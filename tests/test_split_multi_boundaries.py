"""Where one story ends and the next begins on a multi-article page, on small pages written here.

The stories, names and furniture are made up; what is pinned is where a headline stands between two
runs of paragraphs and what stands around it, never a phrase.
"""

from __future__ import annotations

from newsflow.extraction.text import split_text

KILN = "Potters of Varnholt fire the old town kiln for the first time in forty years"
KILN_BODY = [
    "The brick kiln behind the Varnholt market was lit again on Saturday, after the potters' guild "
    "spent two winters rebuilding its chimney with bricks salvaged from the Drennick mill.",
    "Guild master Odile Brannock said the first firing held more than three hundred pots, most of "
    "them made by Varnholt schoolchildren who had learned to throw clay at the guild's workshop.",
    "The kiln needs a full day and a night of wood fire, and volunteers from Drennick and Ospel "
    "took turns feeding it until Brannock declared the temperature right on Sunday morning.",
    "The guild hopes to fire the Varnholt kiln every season from now on, and Brannock said the pots "
    "from this firing will be sold at the market to pay for next year's wood.",
]
WINCH = "Tessaly gliding club buys a winch with raffle money"
WINCH_BODY = [
    "Members of the Tessaly gliding club hauled their new winch onto the Marrow airfield on "
    "Wednesday, a year after the old winch burned out during the summer camp at Quillon.",
    "Club chair Piet Vandermolen said raffles, bake sales and a grant from the Quillon county "
    "fund had paid for the winch, which can launch a glider every four minutes.",
    "The Tessaly gliders had been towed by a borrowed aircraft since the fire, which Vandermolen "
    "said cost the club more in fuel than it earned from its trial flights at Marrow.",
    "The first launches with the new winch are planned for the Marrow open day next month, when "
    "the Tessaly club will offer trial flights to anyone over fourteen.",
    "Vandermolen said the gliding club would keep the burned winch for spare parts, and that two "
    "of its younger members were learning to drive the new winch under an instructor's eye.",
    "The Tessaly club flies from Marrow every weekend from April to October, and Vandermolen said "
    "the raffle would be held again next spring to pay for a second glider trailer.",
]


def _split(*lines: str) -> list[tuple[str | None, int]]:
    """Each article's headline and number of body lines."""
    _, segments = split_text("\n\n".join(lines))
    return [(seg.title.text if seg.title else None, len(seg.body)) for seg in segments]


def _kiln_story() -> tuple[str, ...]:
    return ("The Harbour Lantern", "Home", "Towns", "Sport", KILN, "Mar. 3, 2021 2:05 p.m.", *KILN_BODY)


def test_headline_printed_once_between_two_stories_with_its_furniture_starts_the_second_story() -> None:
    # no dateline over the second story: its headline stands among counters and buttons, its words
    # are the next paragraphs' and not the previous ones', which name other people and places
    furniture = ("Reader offers", WINCH, "(12)", "Listen · 3 min", "Post")
    found = _split(*_kiln_story(), *furniture, *WINCH_BODY, "© Lantern")
    assert [title for title, _ in found] == [KILN, WINCH]


def test_subheading_right_over_its_paragraph_stays_in_the_story() -> None:
    # a subheading stands alone over its paragraph (no furniture under it): a section of one story
    subhead = "Volunteers from Ospel keep the wood fire going overnight"
    more = [
        "Ospel sent eleven volunteers, who split the night into watches of two hours and kept "
        "a log of the wood each watch fed into the fire.",
        "The Ospel log showed the fire burned through four cartloads of beech, which Brannock said "
        "was less than the guild had feared.",
    ]
    found = _split(*_kiln_story(), "Advertisement", "Sponsored", subhead, *more, "© Lantern")
    assert len(found) == 1


def test_list_of_headline_shaped_items_between_paragraphs_stays_in_the_story() -> None:
    # several headline-shaped lines in a row are a list inside the story, not a new story's head
    items = [
        "Marrow Airfield Winch Launches Every Four Minutes",
        "Quillon County Fund Pays Tessaly Club Grant",
        "Tessaly Gliders Towed By Borrowed Aircraft",
    ]
    found = _split(*_kiln_story(), *items, *WINCH_BODY[:2], "© Lantern")
    assert len(found) == 1


def test_headline_printed_after_its_story_over_a_list_of_other_headlines_closes_the_story() -> None:
    # the second story, under a dateline alone, prints its headline after its paragraphs; a short heading and
    # a list of other stories' headlines with a one-line blurb: the list is not more of the story
    after = (
        WINCH,
        "Earlier:",
        "Ferry timetable changes for the winter months",
        "Harbour choir records its first album",
        "The album was recorded in the old net loft.",
        "Lifeboat crew called out twice in one night",
        "Bakery on the quay wins a regional prize",
    )
    found = _split(
        *_kiln_story(), "Reader offers", "Mar. 4, 2021 9:10 a.m.", *WINCH_BODY, *after, "© Lantern"
    )
    assert [title for title, _ in found] == [KILN, WINCH]
