"""Runs of unstamped briefs read by their shape.

Each page here is hand-written with made-up places and people: three or more short headlines,
each over one to three short paragraphs that take up its words, with no time stamps and no
headline index, are separate stories; a story's sub-headings, a numbered list and a FAQ are not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.briefs import _could_hold_briefs
from newsflow.extraction.layout import _classify, _Page
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)


def _parse(*lines: str) -> list[Article]:
    page = Page(uri="pages/briefs.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _classified(*lines: str) -> _Page:
    return _classify(page_lines("\n\n".join(lines)))


BAKERY = "Tarnby bakery wins regional bread award"
BAKERY_BODY = (
    "The Tarnby bakery on Mill Lane won the regional bread award on Tuesday for its rye loaf. Owner "
    "Greta Holm said the bakery will keep the award loaf on sale every Saturday."
)
POOL = "Ulverside pool closes for repairs"
POOL_BODY = (
    "The public pool in Ulverside will close for six weeks from Monday while the heating is replaced. "
    "The council said swimmers can use the Ulverside school pool in the evenings."
)
FOREST = "Kessmoor school plants a forest"
FOREST_BODY = (
    "Pupils at the Kessmoor primary school planted three hundred saplings on the hill behind the "
    "playground. Teacher Ivo Brandt said each class will look after its own patch of the Kessmoor forest."
)
FOREST_MORE = "The saplings were given by a nursery in the next valley."
BUS = "New bus route links Dornhill and Fairlow"
BUS_BODY = (
    "A new bus route between Dornhill and Fairlow starts next month, with a bus every hour. The "
    "operator said the Dornhill stop will move to the station square."
)


def test_unstamped_briefs_without_an_index_are_one_article_each() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Around the district",
        BAKERY,
        BAKERY_BODY,
        POOL,
        POOL_BODY,
        FOREST,
        FOREST_BODY,
        FOREST_MORE,
        BUS,
        BUS_BODY,
        "Contact us",
    )
    assert [a.title for a in articles] == [BAKERY, POOL, FOREST, BUS]
    assert FOREST_MORE in articles[2].body


def test_two_unstamped_briefs_are_too_few_to_tell_from_sub_headings() -> None:
    articles = _parse("Pellworth Gazette", BAKERY, BAKERY_BODY, POOL, POOL_BODY, "Contact us")
    assert len(articles) <= 1


def test_a_story_whose_sub_headings_share_its_topic_stays_one_article() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Tarnby bakery rebuilds its oven after the fire",
        "The Tarnby bakery on Mill Lane will rebuild its brick oven this spring, three months after a fire "
        "closed the bakery. Owner Greta Holm said the oven will be bigger than the old one.",
        "The oven comes from the valley",
        "The bricks for the new oven come from a kiln up the valley, and the bakery says the oven will "
        "need two weeks to dry before Greta Holm lights the first fire in it.",
        "Bread again by Easter",
        "Holm said the bakery hopes to sell bread again by Easter, and that the oven will bake the rye "
        "loaf that won the bakery its award before the fire.",
        "Neighbours help the bakery",
        "Neighbours of the bakery on Mill Lane have raised money for the oven, and Holm said every "
        "neighbour who gave will get a loaf from the first bake of the new oven.",
    )
    assert len(articles) == 1


def test_a_numbered_list_of_short_items_stays_one_article() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Five walks around the district this spring",
        "1. The ridge above Tarnby",
        "A steep climb from the Tarnby church brings you to the ridge, with a view over three valleys. "
        "Allow two hours and take water.",
        "2. Along the Ulverside canal",
        "The towpath in Ulverside is flat and shaded, and the lock keeper's cottage sells tea on Sundays. "
        "Dogs must stay on the lead near the locks.",
        "3. The Kessmoor woods",
        "Paths through the Kessmoor woods are marked in red and blue, and the longer loop passes an old "
        "charcoal pit where owls nest.",
    )
    assert len(articles) == 1


def test_a_page_of_questions_and_answers_stays_one_article() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Your questions about the new bins",
        "Do Tarnby streets get green bins?",
        "Crews will bring the green bins to every Tarnby street during the first two weeks of May, starting "
        "with the streets nearest the market.",
        "Can Ulverside flats share one container?",
        "Blocks of flats in Ulverside may ask for a shared container instead, by writing to the council "
        "before the end of April.",
        "Are old Kessmoor boxes still collected?",
        "The old boxes in Kessmoor can be left out on the last collection day, and crews will take them "
        "away for recycling.",
    )
    assert len(articles) == 1


def test_a_page_without_short_headlines_over_paragraphs_is_not_read_for_briefs() -> None:
    story = _classified("Pellworth Gazette", BAKERY, "By Greta Holm", BAKERY_BODY, POOL_BODY, "Share")
    assert not _could_hold_briefs(story)
    assert _could_hold_briefs(_classified(BAKERY, BAKERY_BODY, POOL, POOL_BODY, FOREST, FOREST_BODY))


def test_timed_entries_under_sub_headings_are_left_to_the_feed_pass() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Live: the Tarnby bakery fire",
        "10:40",
        "Crews reach Mill Lane",
        "Two fire crews reached the bakery on Mill Lane within ten minutes of the first call, and the "
        "street was closed to traffic at both ends.",
        "10:15",
        "Smoke seen from the market",
        "Smoke rose over the roofs behind the market hall before ten, and traders moved their stalls away "
        "from the bakery's yard.",
        "09:55",
        "Owner safe, says neighbour",
        "A neighbour said Greta Holm had left the bakery before the oven caught fire and was waiting with "
        "the crews at the corner.",
        "Contact us",
    )
    assert len(articles) == 1


def test_sub_headings_whose_words_are_not_taken_up_under_them_do_not_part_a_story() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "A long winter in the district",
        "The night it all began",
        BAKERY_BODY,
        "Nobody saw it coming",
        POOL_BODY,
        "Looking towards spring",
        FOREST_BODY,
    )
    assert len(articles) == 1


def test_sections_sharing_the_story_s_topic_words_stay_one_article() -> None:
    articles = _parse(
        "Pellworth Gazette",
        "Bricks arrive from the kiln",
        "The bricks for the bakery oven arrived on Monday, and the bakers say the oven will bake bread "
        "again once the bricks have dried for two weeks.",
        "Bakers train on the new dough",
        "The bakers of the bakery trained on a new dough for the oven this week, so the bread will rise "
        "well when the oven is lit again.",
        "Customers queue for the first loaves",
        "Customers of the bakery queued for the first loaves of bread from the new oven, and the bakers "
        "sold out before the oven cooled.",
    )
    assert len(articles) == 1


def test_a_long_section_beside_short_ones_is_not_a_run_of_briefs() -> None:
    long_bus = [
        "A new bus route between Dornhill and Fairlow starts next month, with a bus every hour from six in "
        "the morning until eleven at night, and a later bus on Fridays and Saturdays for the cinema crowd, "
        "which the cinema in Fairlow asked for in a letter signed by its staff and by the owners of two "
        "restaurants on the square.",
        "The operator said the Dornhill stop will move from the high street to the station square, where "
        "a shelter with a timetable screen is being built, and that the Fairlow stop stays by the post "
        "office, across the road from the library, until the road works on the bridge are finished in the "
        "autumn.",
        "Fares will match the old route, season tickets bought for the old route will be honoured until the "
        "summer, and pupils of the Fairlow college travel free on weekdays during term, the operator said, "
        "adding that a second route to the hospital in Dornhill could follow next year if enough people "
        "use it.",
    ]
    articles = _parse(
        "Pellworth Gazette",
        BAKERY,
        BAKERY_BODY,
        POOL,
        POOL_BODY,
        BUS,
        *long_bus,
        "Contact us",
    )
    assert len(articles) == 1


def test_short_sections_under_a_long_opening_story_stay_one_article() -> None:
    opening = (
        "The district council agreed on Wednesday to spend its spring budget on four towns at once, after "
        "a long debate in which members from every ward asked for their share of the road, pool and school "
        "money. Council leader Maren Oskow said the plan spreads the work over two years so no town waits."
    )
    articles = _parse(
        "Pellworth Gazette",
        "Council shares the spring budget among four towns",
        opening,
        opening.replace("Wednesday", "Thursday"),
        opening.replace("spring", "autumn"),
        opening.replace("two years", "three years"),
        BAKERY,
        BAKERY_BODY,
        POOL,
        POOL_BODY,
        FOREST,
        FOREST_BODY,
        "Contact us",
    )
    assert len(articles) == 1
