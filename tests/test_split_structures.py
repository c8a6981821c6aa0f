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


def test_the_page_title_line_is_not_a_subhead_of_the_note_printed_under_it() -> None:
    body = _page(
        f"{FERRY} | Quaxel Snap",  # the dump's first line: the page's title, never a subhead of a body
        "By using Quaxel Snap you agree that we keep small notes about your visit, which helps us count "
        "readers and remember your settings for the next time you come back to the page.",
        "QUAXEL SNAP BLORP ZINDLE TROMP FOLK HUB DAILY",
        "Blorp Zindle",
        "Quax Tromp",
        "Snap Daily",
        "Zindle Week",
        "Tromp Hub",
        "Blorp Folk",
        "Ann Quill",
        "Ann Quill is a blorp writer who has covered the Kelmar coast since 2007.",
        "ZINDLE TROMP QUAX FOLK SNAP HUB BLORP WEEK",
        *FERRY_BODY,
        *ORCHARD_BODY,  # a long story's second half: more prose than the note by far
    )
    articles = _parse(body)
    text = "\n\n".join(a.body for a in articles)
    assert f"{FERRY} | Quaxel Snap" not in text
    assert FERRY_BODY[1] in text
    assert ORCHARD_BODY[2] in text


def test_the_story_going_on_after_a_long_table_stays_in_the_article() -> None:
    table = [
        f"{place} {count}"
        for place, count in zip(
            ("Kelmar", "Ostvik", "Brannfjord", "Nordvik", "Harland", "Solberg", "Aune", "Carrow", "Dunmore"),
            ("1,240", "980", "410", "372", "260", "214", "198", "150", "96"),
            strict=True,
        )
    ]
    closing = (
        "The Kelmar council said the ferry between Kelmar and Ostvik would keep its winter timetable "
        "until Harland Marine has replaced the fenders at the Ostvik pier."
    )
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Passengers by home town, first week:",
        *table,
        closing,  # far under the table and short, but the same story: its words are the story's
        "Zindle Quax Tromp",
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert closing in articles[0].body


def test_a_short_story_the_page_title_names_beats_a_longer_notice_beside_it() -> None:
    notice = [
        "Your quaxel address will never be shown to other readers of this blorp, and every note you "
        "leave here waits for a person to read it before it appears under the post.",
        "Notes that wander far from the post, or that only point to other places, may be held back "
        "for a while, and we keep the right to shorten any note that runs much too long.",
        "If you tick the box below we will send you a short zindle whenever someone answers you, and "
        "you can stop these at any time by following the line printed at the end of each one.",
        "We keep what you type here on our own machines only, for as long as the post stays up, and "
        "nobody outside the small team that looks after this blorp will ever get to see it.",
    ]
    body = _page(
        f"{FERRY} | Quaxel Snap",
        "Blorp Zindle",
        FERRY,
        *FERRY_BODY[:2],
        "Quax",
        "Tromp",
        "Snap",
        "Zindle",
        "Hub",
        "Folk",
        "Blorp",
        "Week",
        "Daily",
        "Note",
        *notice,  # more prose than the story, none of the title's words
        "Zindle Quax Tromp",
    )
    articles = _parse(body)
    assert FERRY_BODY[0] in "\n\n".join(a.body for a in articles)


def test_a_page_whose_title_line_describes_one_story_in_other_words_keeps_only_that_story() -> None:
    # the title line words the ferry story apart from its headline; a box with a headline, a
    # dateline and two paragraphs of its own follows the story
    box = [
        "The Quaxel club meets every Thursday at the old library, where members swap seeds and "
        "stories about their gardens and plan the spring market together.",
        "New members are welcome at every Quaxel meeting, and the club lends tools and seed trays "
        "to anyone who wants to start a garden of their own this year.",
    ]
    body = _page(
        "Kelmar ferry sails again: pier repairs finished after storm | Blorp Zindle",
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021",
        *FERRY_BODY,
        "Zindle Tromp",
        "Quaxel club welcomes new members",
        "Mar. 1, 2021",
        *box,
        "Tromp Blip 2021",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY]
    assert articles[0].body.split("\n\n") == FERRY_BODY


VALLEY_BODY = [
    *ORCHARD_BODY,
    "Seasonal pickers will stay in the old Carrow mill, which the Dunmore cooperative rented from "
    "the county for the autumn and fitted out with beds, showers and a shared kitchen.",
    "Tomas Keane said the Brackley orchard would try a new early variety this year, planted five "
    "years ago on the south slope where the frost lifts first on cold mornings.",
    "The valley's cider makers are glad of the news: Ballyvane Press needs twice the fruit it "
    "bought last year to fill the orders it has taken from shops across the region.",
    "Growers warned that a wet September could still spoil the crop, as it did in the year of "
    "the floods, when half the apples rotted on the trees before they could be picked.",
    "Rosalind Keane said most families in the valley would help with the harvest at weekends, as "
    "their grandparents did, and that the school would close for a week in early October.",
    "The Dunmore cooperative will hold its harvest fair on the first Saturday of October, with a "
    "market, a cider tent and a competition for the heaviest apple grown in the valley.",
]


def test_a_long_untitled_story_past_a_share_bar_naming_other_people_is_its_own_article() -> None:
    # past the share bar comes another story, a line of furniture between its paragraphs; it
    # shares no names with the ferry story before it
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Share this article",
        ORCHARD,
        *VALLEY_BODY[:5],
        "Zindle picks for the weekend",  # a box's head dropped between its paragraphs
        *VALLEY_BODY[5:],
        "Zindle Quax Tromp",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert articles[0].body.split("\n\n") == FERRY_BODY
    assert all(paragraph in articles[1].body for paragraph in VALLEY_BODY)


def test_a_second_story_whose_headline_opens_its_body_and_is_reprinted_after_it_is_an_article() -> None:
    # the orchard story's headline stands on top of its body with nothing between (no dateline),
    # and is printed again after the story with a credit added
    body = _page(
        "Blorp Quax Zindle",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        f"Quaxel: {FERRY}",
        "Zindle",
        "Zindle",
        ORCHARD,
        *ORCHARD_BODY,
        f"{ORCHARD} | Quaxel Blorp",
        "Zindle Tromp",
        "Zindle Tromp",
        "Zindle Tromp",
        "Tromp Blip 2021",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert [a.body.split("\n\n") for a in articles] == [FERRY_BODY, ORCHARD_BODY]


def test_a_button_printed_under_every_headline_is_not_the_headline_of_a_lead_cut_off_by_an_advert() -> None:
    lead = (
        "Passengers queued from dawn on Tuesday as the first crossing in seven weeks left on time, "
        "the operators said in a statement to reporters gathered at the quay."
    )
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "By Plim Gorsay",
        "Flurb the Glox",  # a button printed with every story; its words are in no story
        lead,  # the lead shares no word with the headline; the rest of the story does
        "Advertisement",
        *FERRY_BODY,
        "Flurb the Glox",
        ORCHARD,
        "By Wendeline Crusk",
        "Mar. 4, 2021 9:15 a.m.",
        *ORCHARD_BODY,
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]


def test_a_story_under_a_section_label_and_dateline_with_its_headline_after_its_body() -> None:
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxery",  # a one-word section label over the next story's dateline
        "Mar. 4, 2021 9:15 a.m.",
        "Glorp the Flurbs",
        "216 snorbles",
        "A blorp wagon stands by the zindle gate after sunset Credit: Tromp Quaxel",
        ORCHARD_BODY[0],
        "Advertisement",
        *ORCHARD_BODY[1:],
        ORCHARD,  # the headline printed only after the body, a share row under it
        "Snib • Wofl • Prane • Gluck",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert [(a.published_at or "")[:10] for a in articles] == ["2021-03-03", "2021-03-04"]


def test_a_byline_in_a_wording_of_its_own_gives_way_to_the_headline_over_it_ending_in_a_stop() -> None:
    headline = "Dunmore apple growers expect a record harvest. The Keane orchard might be right."
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Blorp Quaxel",
        headline,
        "Zorbly musings by Wendeline Crusk",  # a byline no list knows: it ends with a name
        "Mar. 4, 2021 9:15 a.m.",
        *ORCHARD_BODY,
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, headline]
    assert (articles[1].published_at or "")[:10] == "2021-03-04"


def test_a_headline_printed_once_over_buttons_and_no_dateline_starts_a_story() -> None:
    headline = "Apple Growers In Dunmore Valley Expect A Record Harvest"
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxery",
        headline,
        "No snorbles yet",  # buttons and a counter between the headline and its body
        "Glimpf",
        "Drucky",
        *ORCHARD_BODY,
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, headline]


def test_a_dateline_right_after_a_body_with_a_share_row_under_it_opens_the_next_story() -> None:
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "By Wendeline Crusk · Mar. 4, 2021 9:15 a.m.",  # no headline over it: printed after the body
        "Snib • Wofl • Prane • Gluck",
        "Glimpf the snorble",
        "A blorp wagon stands by the zindle gate (Tromp Quaxel)",
        *ORCHARD_BODY,
        ORCHARD,
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert [(a.published_at or "")[:10] for a in articles] == ["2021-03-03", "2021-03-04"]


def test_a_story_whose_list_runs_down_to_its_headline_printed_after_it_gets_that_headline() -> None:
    items = [f"{n}) Blorp wagon model {n}00 with zindle wheels" for n in range(1, 13)]
    body = _page(
        "Zindle Quax Tromp",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxery",
        "By Wendeline Crusk",
        "Mar. 4, 2021 9:15 a.m.",
        "Glimpf the snorble",
        *ORCHARD_BODY,
        *items,  # a list of products under the body, longer than a caption stands from it
        ORCHARD,  # the headline printed only after the list
        "© 2021 Blorp Quaxel",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [FERRY, ORCHARD]
    assert (articles[1].published_at or "")[:10] == "2021-03-04"


ORCHARD_DECK = (
    "Pickers from Carrow are booked as farmers across the Dunmore valley say their trees are heavier "
    "than in twenty years."
)


def test_the_headline_over_its_deck_is_the_headline_not_the_deck() -> None:
    body = _page(
        "Blorp",
        ORCHARD,
        ORCHARD_DECK,  # the standfirst: a longer sentence under the headline, sharing more body words
        "By Tromp Zindle",
        "Mar. 2, 2021 9:40 a.m.",
        *ORCHARD_BODY,
        "Quaxel snap",
        FERRY,
        "Mar. 3, 2021 2:05 p.m.",
        *FERRY_BODY,
        "Quaxel snap",
    )
    articles = _parse(body)
    assert [a.title for a in articles] == [ORCHARD, FERRY]
    assert articles[0].body.split("\n\n")[-len(ORCHARD_BODY) :] == ORCHARD_BODY
