"""Where one story ends and the next begins on a multi-article page, on small pages written here.

The stories, names and furniture are made up; what is pinned is where a headline stands between two
runs of paragraphs and what stands around it, never a phrase.
"""

from __future__ import annotations

from newsflow.extraction.text import split_text
from tests.pages import KILN, KILN_BODY

KILN_BODY = KILN_BODY[:4]
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


MILL = "Ospel water mill grinds rye again after the flood"
MILL_BODY = [
    "The water mill at Ospel turned again on Thursday for the first time since the flood of the "
    "winter before last, when the river Quell tore away its sluice gate and half of the wheel.",
    "Miller Jorun Halvard said the new oak paddles were cut by hand in her own yard, and that the "
    "work took three carpenters from Brask the better part of eleven months to finish.",
    "The mill grinds rye and spelt for four bakeries in Ospel and two in Brask, which had been "
    "buying flour from a factory on the coast while the wheel stood still all that time.",
    "Halvard said the flood had taught her to keep the sluice open in the wet months, and that a "
    "second gate upstream, paid for by the Ospel parish, should spare the wheel next time.",
    "Visitors may watch the grinding every Saturday morning, and the parish will sell the first "
    "sacks of stone-ground rye at the spring fair on the green beside the old Ospel church.",
    "The Brask carpenters have been asked to build a small footbridge over the mill race as well, "
    "so that schoolchildren from Ospel can cross it safely on their way to see the wheel turn.",
    "Halvard said that a miller's year starts when the river rises, and that she had not slept "
    "well until she heard the stones turning again and smelled the first rye flour in the loft.",
    "The parish council of Ospel voted last autumn to lend the mill the money for the new wheel, "
    "and Halvard said she expects to repay the loan within five years if the bakeries keep buying.",
    "Two apprentices from Brask have joined the mill this winter, the first in a generation, and "
    "Halvard is teaching them to dress the millstones with the chisels her grandfather used.",
    "The river Quell is expected to run high again in March, and Halvard said the new sluice gate "
    "would be tested then for the first time, with carpenters from Brask standing by.",
    "Halvard keeps the old broken paddles stacked in the loft, and said she may one day carve a "
    "bench from them for the visitors who come on Saturdays to watch the wheel.",
]


KILN_MORE = [
    "The potters had feared the old chimney would crack in the heat, but Brannock said the bricks "
    "from the Drennick mill held well, and only two pots of the three hundred broke in the fire.",
    "Schoolchildren from Varnholt came on Monday to collect what they had made, and several of "
    "them asked the guild when they could come back to the workshop to throw more clay.",
    "The guild will keep a record of every firing in a ledger at the market hall, Brannock said, "
    "as the potters of Varnholt did until the kiln went cold forty years ago this spring.",
    "A retired potter from Ospel, who fired the kiln as an apprentice before it closed, brought "
    "his old tongs and gloves as a gift, and Brannock hung them by the kiln door for luck.",
    "The next firing of the Varnholt kiln is planned for midsummer, when the guild hopes to fill it "
    "with glazed tiles for the roof of the market hall, which has leaked for many winters.",
    "Brannock said the guild would welcome anyone who wants to learn, and that the workshop "
    "door stays open every Wednesday evening from seven until the last pot is on the shelf.",
]


def test_long_dated_body_under_a_poor_headline_guess_is_a_story() -> None:
    # the line over the second story's dateline is only a label, so its headline is a poor guess;
    # a dated body of many whole paragraphs, half as long as the first story at least, is a story
    first = ("The Harbour Lantern", "Home", "Towns", MILL, "Mar. 3, 2021 2:05 p.m.", *MILL_BODY)
    found = _split(*first, "Our Region Today", "Mar. 5, 2021 8:40 a.m.", *KILN_BODY, *KILN_MORE, "© Lantern")
    assert len(found) == 2
