"""The story's end on text dumps: a list inside the story is not the page's tail.

Small pages written here in made-up words, so what is pinned is the layout: a list of short items the
story announces by count ("these 6 habits", then six lines), or a list of whole sentences (questions
to ask oneself), stays in the body with the paragraph after it, while the list of other stories'
headlines under the story still goes.
"""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

MENU = ["Home", "Garden", "Kitchen", "Travel", "Money", "Contact"]

TITLE = "Why the Velmor allotments grow more beans than anyone else"
OPENING = [
    "On a windy slope above Velmor, forty allotment holders have quietly doubled their bean harvest in "
    "three summers, and the town's gardening club wants to know how they did it.",
    "Orla Penhallow, who has kept plot nine since her retirement, says there is no secret at all, only a "
    "handful of habits that every holder on the slope now shares with the newcomers each spring.",
    "The club sent two members up the hill with notebooks, and they came back with pages of notes about "
    "compost, watering cans, string, patience and the famous Velmor wind that dries everything out.",
    "What they found surprised them: the holders rarely buy anything, swap seeds among themselves and "
    "write down every sowing date in a shared ledger kept in the tool shed by the gate.",
]
HEADING = "The 6 habits of the Velmor slope"
INTRO = "Penhallow read them out for us from the first page of the ledger, in her own order of importance."
HABITS = [
    "Sow late, never early",
    "Water at dusk only",
    "Mulch with cut nettles",
    "Tie every stem twice",
    "Pick the pods young",
    "Share the spare seed",
]
QUESTION_LEAD = "Before you copy them, the club suggests asking yourself a few honest questions first:"
QUESTIONS = [
    "Does my plot catch the evening sun?",
    "Can I get water to it every single day?",
    "Will I still come up here in the rain?",
    "Do my neighbours swap seeds already?",
    "Am I ready to keep a ledger of sowings?",
]
CLOSING = (
    "The club will print the Velmor habits in its autumn newsletter, with drawings by Penhallow's grandson."
)
TEASERS = [
    "Five pumpkins that won the county show",
    "Mayor opens new cycle path to the coast",
    "Storm warning for the weekend",
    "Why the ferry timetable is changing again",
    "Local bakery wins national prize",
    "How to fix a leaking gutter yourself",
    "Harbour festival returns after long break",
    "Council to vote on parking charges",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/tail.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _story(*middle: str) -> str:
    return _page(
        f"{TITLE} | The Slope Gazette",
        *MENU,
        TITLE,
        "12 June 2023",
        *OPENING,
        *middle,
        "More stories",
        *TEASERS,
        "Imprint",
        "Privacy",
    )


def test_a_list_of_as_many_items_as_its_heading_announces_stays_in_the_story() -> None:
    articles = _parse(_story(HEADING, INTRO, *HABITS, CLOSING))
    assert len(articles) == 1
    text = articles[0].body
    for line in (*HABITS, CLOSING):
        assert line in text
    assert not any(teaser in text for teaser in TEASERS)


def test_a_list_of_whole_sentences_stays_in_the_story_with_the_paragraph_after_it() -> None:
    articles = _parse(_story(QUESTION_LEAD.replace(":", "."), *QUESTIONS, CLOSING))
    assert len(articles) == 1
    text = articles[0].body
    for line in (*QUESTIONS, CLOSING):
        assert line in text
    assert not any(teaser in text for teaser in TEASERS)


def test_a_list_whose_heading_counts_other_items_still_ends_the_story() -> None:
    articles = _parse(_story(CLOSING, "The 3 best reads this week", *TEASERS[:5]))
    assert len(articles) == 1
    text = articles[0].body
    assert CLOSING in text
    assert not any(teaser in text for teaser in TEASERS)
