"""Single-article pages from the wild: one story per page, whatever else the page prints.

Small pages written here in made-up words, pinning shapes: the page's title repeating the story's
headline, the headline printed again over a teaser of the same story, boxes and sections after the
story with no head of their own.
"""

from __future__ import annotations

from newsflow.extraction.articles import _Prints, _without_closing_guesses
from newsflow.extraction.layout import _classify, _Page
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.extraction.segments import Segment
from newsflow.extraction.text import split_text
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

GLIDER = "Glider club on Tamsey Ridge opens its hangar to schoolchildren"
GLIDER_BODY = [
    "The glider club on Tamsey Ridge opened its hangar to three classes from the village school on "
    "Friday, letting the children sit in the cockpits and watch a launch from the winch line.",
    "Club chairman Olver Pranty said the hangar had been closed to visitors for years, because the "
    "old roof leaked and the gliders had to be covered with sheets whenever it rained.",
    "With the new roof in place the club wants to invite a class every month, and the teachers of "
    "Tamsey Ridge school plan to fold the visits into their science lessons on wind and weather.",
    "Two of the older pupils asked whether they could join the club, and Pranty said the youngest "
    "members start flying with an instructor at fourteen, after a winter of ground school.",
]
PUDDING = "Quince pudding with toasted oats"
PUDDING_BODY = [
    "Quince pudding is an old farmhouse dessert: the quinces are stewed with honey until soft, then "
    "baked under a crumble of toasted oats and butter until the top turns golden.",
    "Peel the quinces, cut them into wedges and remove the cores, then stew the wedges with honey "
    "and a little water for twenty minutes, stirring so that the fruit does not catch.",
    "Toast the oats in a dry pan, rub them with butter and sugar, and scatter them over the quinces "
    "in a baking dish before it goes into a hot oven for half an hour.",
    "Serve the quince pudding warm with cream, or cold the next day, when the honey has soaked into "
    "the oats and the fruit has set a little.",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/wild.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_the_headline_printed_again_over_a_teaser_of_the_same_story_is_no_second_article() -> None:
    body = _page(
        f"{GLIDER} - Ridge Weekly",
        "Search",
        "Home",
        "Sport",
        GLIDER,
        "By Ysolde Marr | 04/05/2022",
        *GLIDER_BODY,
        "Newsletter sign-up",
        "Back issues",
        *(str(year) for year in range(2022, 2016, -1)),
        "Topics",
        "Outdoors",
        "Outdoors",
        "Harbour",
        "Harbour",
        "Also this week",
        "Ferry timetable changes for the summer season",
        "The ferry to the islands will leave an hour earlier on weekdays from June, the operator said on "
        "Monday after a review of its winter timetable and a long winter of complaints from islanders.",
        "Read more",
        "Bakers of the valley bake the longest loaf ever seen in the market square",
        "Eleven bakers from the valley towns spent the night in the old mill to bake a loaf that stretched "
        "from one end of the market square to the other, then shared it out among the crowd at noon.",
        "Read more",
        "Night buses return to the coast road after the bridge repairs",
        "The night buses along the coast road run again from Sunday, now that the bridge at Tamsey Cove has "
        "been repaired and the speed limit on it lifted.",
        "Read more",
        GLIDER,
        "Pupils from the village school sat in the cockpits at the glider club on Friday.",
        "Read more",
        "Privacy Policy",
        "Cookie Policy",
    )
    (article,) = _parse(body)
    assert article.title == GLIDER
    assert article.body.split("\n\n") == GLIDER_BODY


def test_a_recipe_card_under_a_guessed_heading_after_the_recipe_on_its_own_page_is_no_second_article() -> (
    None
):
    card = [
        "Quince pudding is a warm dessert of stewed quinces under toasted oats, ready in an hour.",
        "Peel and core the quinces, stew the wedges with honey and water for twenty minutes.",
        "Toast the oats, rub them with butter and sugar, scatter them over the quinces in a dish.",
        "Bake the quince pudding in a hot oven for half an hour and serve it warm with cream.",
        "Quinces that are still hard need ten minutes more on the stove before they go under the oats.",
        "A spoon of honey over the oats before baking gives the top of the pudding a darker crust.",
    ]
    body = _page(
        PUDDING,
        "Recipes",
        "About",
        PUDDING,
        "March 2, 2021 by Tamsin Oake",
        *PUDDING_BODY,
        "Quince pudding video",
        "Quince pudding card",
        "Quince pudding card",
        *card,
        "Per portion",
        "( serving of quince pudding 150 g)",
        "Energy: 310",
        "Fat: 9 g",
    )
    (article,) = _parse(body)
    assert article.title == PUDDING
    assert article.body.split("\n\n")[: len(PUDDING_BODY)] == PUDDING_BODY


def test_a_story_headed_by_its_own_words_still_stands_beside_the_page_titles_story() -> None:
    second = "Ferry timetable changes for the summer season"
    second_body = [
        "The ferry timetable for the islands changes in June: the summer season brings an earlier "
        "boat on weekdays and a late one on Saturdays, the operator said.",
        "The operator said the new ferry timetable follows a winter of complaints from islanders who "
        "missed the first train on the mainland.",
        "Tickets for the summer season go on sale next week at the harbour office and on the boats.",
        "The operator also plans a second ferry on the island route in the summer season if enough "
        "tickets are sold before the end of June, and a timetable for it will follow in May.",
    ]
    body = _page(
        GLIDER,
        GLIDER,
        "2022-05-04 10:00",
        *GLIDER_BODY,
        f"Photo: {GLIDER}",
        *second_body,
        second,
        "More stories",
    )
    glider, ferry = _parse(body)
    assert (glider.title, ferry.title) == (GLIDER, second)


NOTE_BODY = [
    "The club's own flying field lies behind the Tamsey Ridge pub, where members have mown a strip "
    "of grass long enough for the winch to pull a glider up to four hundred metres.",
    "Visitors can watch from the fence on any Saturday with good weather, and the club sells coffee "
    "from a caravan beside the hangar door until the last glider has landed in the evening.",
    "Members pay a yearly fee and help with the winch on three weekends a year, while the club keeps "
    "two trainers and a single-seater for those who have flown alone.",
]


def _closing_page(over: str, closing: list[str]) -> tuple[_Page, Segment, Segment]:
    """The glider story (headline, dateline, body), then a block of prose under the line ``over``
    with the lines ``closing`` after it; the story and the block as segments, the block under its
    first closing line."""
    page = _classify(
        page_lines(
            _page(
                "Ridge Weekly",
                GLIDER,
                "By Ysolde Marr | 04/05/2022",
                *GLIDER_BODY,
                over,
                *NOTE_BODY,
                *closing,
            )
        )
    )
    lines = page.lines
    story = Segment(body=lines[3:7], title=lines[1], title_text=lines[1].text, dateline=lines[2], strong=True)
    end = 8 + len(NOTE_BODY)
    block = Segment(body=lines[8:end], title=lines[end], title_text=lines[end].text, strong=True)
    assert (story.title_text, block.title_text) == (GLIDER, closing[0])
    return page, story, block


def test_a_block_closed_by_a_line_printed_once_after_it_is_a_box_not_an_article() -> None:
    page, story, block = _closing_page("Visiting", ["Flying field", "Privacy Policy"])
    assert _without_closing_guesses(page, [story, block], _Prints.of(page)) == [story]


def test_a_block_under_a_headline_of_its_own_words_stays_whatever_closes_it() -> None:
    over = "Visitors watch the gliders from the fence of the Tamsey flying field"
    page, story, block = _closing_page(over, ["Flying field", "Privacy Policy"])
    assert _without_closing_guesses(page, [story, block], _Prints.of(page)) == [story, block]


def test_a_block_closed_by_a_headline_the_page_prints_twice_stays() -> None:
    closing = "Members keep the winch running on the flying field"
    page, story, block = _closing_page("Visiting", [closing, f"Photo: {closing}", closing])
    assert _without_closing_guesses(page, [story, block], _Prints.of(page)) == [story, block]


NOTICE_HEAD = "Site update: winter photos in the club gallery"
NOTICE = (
    "The winter photos of the glider club hang in the online gallery now, larger prints for members. "
    "Spring photos after the meeting."
)
MENU = ["Home", "News", "Archive", "Guestbook", "Forum", "Gallery", "Imprint"]


def test_a_short_dated_notice_under_its_headline_is_the_pages_article_when_nothing_longer_is() -> None:
    (article,) = _parse(_page("Logbook news", NOTICE_HEAD, "24 March 2004, 19:49 | Admin", NOTICE, *MENU))
    assert article.title == NOTICE_HEAD
    assert article.body == NOTICE


def test_a_short_paragraph_with_no_dateline_over_it_is_still_no_article() -> None:
    assert split_text(_page("Logbook news", NOTICE_HEAD, NOTICE, *MENU))[1] == []


CHOOSING = "How to choose quinces for a pudding at the market"
CHOOSING_BODY = [
    "Ripe quinces for a pudding are yellow all over and smell of honey; green ones stay hard in the "
    "oven and make the pudding sour, however much honey goes into the dish.",
    "At the market, choose quinces that feel heavy for their size, and leave those with brown soft "
    "spots, which rot from the inside before the pudding is baked.",
    "Quinces keep for weeks in a cool farmhouse cellar, so buy a basket when they are cheap and bake a "
    "quince pudding every Sunday of the autumn until the last of them is gone.",
]


def _guide(second_dated: bool) -> str:
    return _page(
        "The farmhouse guide to quince pudding and quinces",
        "Recipes",
        "Contents",
        "Baking a quince pudding under a crust of oats",
        CHOOSING,
        "Baking a quince pudding under a crust of oats",
        "March 2, 2021",
        *PUDDING_BODY,
        "Share",
        "Pin it",
        CHOOSING,
        *(["March 9, 2021"] if second_dated else []),
        *CHOOSING_BODY,
        "Privacy Policy",
    )


def test_sections_that_all_repeat_the_pages_title_words_are_one_article() -> None:
    (article,) = _parse(_guide(second_dated=False))
    body = article.body.split("\n\n")
    assert body[: len(PUDDING_BODY)] == PUDDING_BODY and body[-len(CHOOSING_BODY) :] == CHOOSING_BODY


def test_two_dated_stories_under_a_title_line_they_both_repeat_stay_two_articles() -> None:
    assert len(_parse(_guide(second_dated=True))) == 2


KILN = "Varnholt potters fire the old town kiln again"
KILN_FIRST = [
    "Odile Brannock and the Varnholt potters lit the brick kiln behind the market on Saturday, after "
    "Drennick masons rebuilt its chimney over two winters of weekend work.",
    "Brannock said the Varnholt guild had loaded more than three hundred pots, most of them thrown by "
    "pupils of the Drennick school during the autumn term.",
]
KILN_SECOND = [
    "Feeding the kiln took a day and a night, and Brannock asked volunteers from Drennick and Varnholt "
    "to take turns at the firebox until Sunday morning.",
    "The Varnholt guild will sell the pots at the market, and Brannock said the money pays for the wood "
    "that Drennick farmers deliver for the next firing.",
]


def test_a_section_joined_under_the_page_headline_stands_once_in_the_story() -> None:
    """A story on its own page cut by a share bar and a subheading: its second section is joined
    under the headline once (the pass joining sections of the main story does not take it again)."""
    body = _page(
        f"{KILN} | Lantern",
        "Home",
        "News",
        "Sport",
        KILN,
        "3 May 2021",
        *KILN_FIRST,
        "Share",
        "Tweet",
        "A night at the firebox",
        *KILN_SECOND,
        "About us",
        "Privacy",
    )
    (story,) = split_text(body)[1]
    numbers = [line.number for line in story.body]
    assert len(numbers) == len(set(numbers))
    assert [
        line.text for line in story.body if line.text in KILN_FIRST + KILN_SECOND
    ] == KILN_FIRST + KILN_SECOND
