"""Page structures the splitter must read by their shape, on small pages written here.

Each page uses furniture words no list in the code knows ("Blorp", "Quaxel snap"), so what is
pinned is the layout: where headlines, captions and bodies stand and how they relate.
"""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FERRY = "Island ferry service resumes after storm repairs at Kelmar pier"
FERRY_BODY = [
    "The ferry between Kelmar and Ostvik sailed again on Tuesday after engineers from Harland Marine "
    "finished repairing the pier that the January storm had torn apart.",
    "Captain Ingrid Solberg said the first crossing carried more than two hundred passengers, many of "
    "them Ostvik workers who had spent weeks taking the long road through Brannfjord.",
    "The Kelmar council paid for the repairs with help from the Nordvik regional fund, and the mayor, "
    "Petter Aune, thanked the crews who had worked through the night to finish on time.",
    "Harland Marine expects to replace the old timber fenders at Ostvik later this spring, which "
    "could mean a few more days without a service for the islanders.",
]
ORCHARD = "Apple growers in Dunmore valley expect a record harvest this autumn"
ORCHARD_BODY = [
    "Fruit farmers across the Dunmore valley say their trees are heavier than they have been in "
    "twenty years, after a warm spring and steady rain through the summer months.",
    "Rosalind Keane, who runs the Brackley orchard with her brother Tomas, said pickers from "
    "Carrow and Limerick had already been booked for the first weeks of September.",
    "The Dunmore cooperative plans to open a second cold store near Ballyvane so that the extra "
    "fruit can be sold through the winter instead of going to the juice press.",
    "Buyers from Galway supermarkets visited the valley last week, and Keane said early prices "
    "looked fair for the growers if the weather holds until the end of the harvest.",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/structure.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_second_story_after_a_stray_line_with_its_headline_only_after_it_is_its_own_article() -> None:
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Blorp",  # a button no list knows, all that stands between the two stories
        *ORCHARD_BODY,
        f"{ORCHARD} — Quaxel Blorp",
        ORCHARD,
        "Zindle Quax Tromp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert articles[0].body.split("\n\n") == FERRY_BODY
    assert articles[1].body.split("\n\n") == ORCHARD_BODY


def test_headline_reprinted_with_a_credit_tail_after_its_body_is_a_caption_not_a_headline() -> None:
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        f"{FERRY} | Quaxel snap",
        f"{FERRY} | Quaxel snap",
        "Zindle Zindle",
        "Zindle Zindle",
        ORCHARD,
        "Mar. 4, 2021 9:40 a.m.",
        *ORCHARD_BODY,
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert articles[1].body.split("\n\n") == ORCHARD_BODY


def test_sections_of_one_story_about_other_places_stay_one_article() -> None:
    body = _page(
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Elsewhere on the coast",
        *ORCHARD_BODY,  # different names, but no headline of its own: a section of the same story
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY]
    assert articles[0].body.split("\n\n") == [*FERRY_BODY, "Elsewhere on the coast", *ORCHARD_BODY]


def test_a_comment_thread_under_the_article_gives_no_articles() -> None:
    comment = (
        "I took this ferry every week for years and the crossing was never this smooth before, so "
        "well done to everyone who worked on the pier through those cold nights. My grandmother "
        "still remembers when the old wooden boat took two hours, and she says the new timetable "
        "is the best thing that happened to the island since the school was built, which tells you "
        "something about how much we all depend on it."
    )
    body = _page(
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Zindle (3)",
        "Marta Quax says:",
        "March 3, 2021 at 4:12 pm",
        comment,
        "Blorp",
        "Olaf Tromp says:",
        "March 3, 2021 at 5:40 pm",
        comment.replace("every week", "every month"),
        "Blorp",
        "Ines Vale says:",
        "March 4, 2021 at 8:02 am",
        comment.replace("for years", "since I was a child"),
        "Blorp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY]
    assert articles[0].body.split("\n\n") == FERRY_BODY


def test_a_teaser_box_after_the_article_is_not_an_article() -> None:
    teaser = (
        "Farmers in the valley are hoping for a dry September as the apple harvest begins, with "
        "pickers already booked and a new cold store ready to open. Prices at the market have held "
        "up well this year, and the cooperative says it will sell more fruit through the winter "
        "months than ever before if the weather stays kind to the orchards until the last trees are "
        "picked."
    )
    body = _page(
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxel Zindle",
        "Growers count the days to harvest",
        "Mar. 1, 2021",
        teaser,
        "Blorp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY]


def test_a_live_blog_with_timed_entries_under_subheadings_stays_one_article() -> None:
    entries = [
        ("14:05", "First crossing leaves Kelmar", FERRY_BODY[1]),
        ("13:20", "Harland Marine finishes the pier", FERRY_BODY[0]),
        ("12:45", "Council thanks the night crews", FERRY_BODY[2]),
        ("11:30", "Fenders at Ostvik come next", FERRY_BODY[3]),
    ]
    body = _page(
        "Blorp Quax Zindle",
        f"Live: {FERRY}",
        "Mar. 3, 2021 2:05 p.m.",
        *[line for entry in entries for line in entry],
        "Zindle Tromp",
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert all(paragraph in articles[0].body for paragraph in FERRY_BODY)


def test_share_listen_and_comment_counter_lines_between_headline_and_body_are_not_the_body() -> None:
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Ines Vale | Quaxer",
        "Mar. 3, 2021 2:05 p.m.",
        "Zorp | Blip | Frobnicate this",
        "Hear it: 4 min",
        "Zindles (27)",
        *FERRY_BODY,
        "Zorp | Blip | Frobnicate this",
    )
    (article,) = _parse(body)
    assert article.title == FERRY
    assert article.body.split("\n\n") == FERRY_BODY


def test_an_end_heading_of_any_wording_and_its_list_of_headlines_stay_out_of_the_article() -> None:
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxel Zorp",
        "Zindle picks for the weekend",
        "Harbour master retires after forty years at the port",
        "New cycle lane opens along the Kelmar waterfront",
        "Island school wins regional chess championship",
        "Tromp Blip 2021",
    )
    (article,) = _parse(body)
    assert article.title == FERRY
    assert article.body.split("\n\n") == FERRY_BODY


HARBOUR = "Kelmar harbour wall to be raised before winter"
HARBOUR_BODY = [
    "The Kelmar council agreed on Monday to raise the old harbour wall by a metre, after the January "
    "storm sent waves over it and flooded the fish market.",
    "Work on the harbour wall starts in August and should be finished before the first winter gales.",
]


def test_a_short_second_story_with_its_own_headline_and_dateline_is_an_article() -> None:
    body = _page(
        "Blorp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxel snap",
        HARBOUR,
        "Mar. 2, 2021 9:40 a.m.",
        *HARBOUR_BODY,
        "Quaxel snap",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, HARBOUR]
    assert [a.body.split("\n\n") for a in articles] == [FERRY_BODY, HARBOUR_BODY]


def test_a_short_second_story_with_its_own_headline_and_no_dateline_is_an_article() -> None:
    body = _page(
        "Blorp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Share this article",
        HARBOUR,
        *HARBOUR_BODY,
        "Share this article",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, HARBOUR]
    assert [a.body.split("\n\n") for a in articles] == [FERRY_BODY, HARBOUR_BODY]


def test_a_long_comment_under_a_name_ending_in_a_colon_is_not_an_article() -> None:
    reply = [
        "I took this ferry every week for years and the crossing was never this smooth before, so "
        "well done to everyone who worked on the pier through those cold nights.",
        "My grandmother still remembers when the old wooden boat took two hours, and she says the "
        "new timetable is the best thing that happened to the island since the school was built.",
        "That tells you something about how much we all depend on the ferry, and why the crossing "
        "matters to every family on the island, from the school children to the fishermen.",
        "So thank you to the crews, to the captain and to the council: the island waited a long "
        "winter for this ferry, and the smooth crossing this week was worth every cold night.",
    ]
    body = _page(
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Zindle (1)",
        "Marta Quax says:",
        "March 3, 2021 at 4:12 pm",
        *reply,
        "Blorp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY]
    assert articles[0].body.split("\n\n") == FERRY_BODY
