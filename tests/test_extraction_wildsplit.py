"""Wild pages whose story is split at the wrong lines: a table of contents and its section headings.

Small pages written here in made-up words, so what is pinned is the layout: a long explainer lists
its section headings under its lead, then prints each heading again over that section's paragraphs
(with a link back to the list over each). The headings are one story's sections, not the headlines
of stories of their own; a menu printed twice is no such list (nothing stands between its items).
"""

from __future__ import annotations

from newsflow.extraction.articles import _standfirst
from newsflow.extraction.layout import _classify, _Page
from newsflow.extraction.lines import content_words, page_lines
from newsflow.extraction.segments import _head_over_deck, _header_headline
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document

MENU = ["Home", "Weather", "Harbour", "Markets", "Letters", "About us"]
HEAD = "Everything we know so far about the silt in the Ostrel canal"
DATE = "14 March 2024, 09:15"
LEAD = [
    "The Ostrel canal has turned brown along most of its length this week, and boatmen from Pellick to "
    "the lower locks say their hulls scrape the bottom where they never did before.",
    "We gathered what the lock keepers, the canal board and the dredging crews have said so far, and "
    "will keep adding to this page as the board publishes its own survey of the channel.",
]
BACK = "Back to the contents"
SECTIONS = [
    (
        "Where does the silt come from?",
        [
            "Lock keepers blame the quarry above Pellick, whose settling ponds overflowed in the February "
            "rains and sent grey water down the feeder stream into the upper canal pound.",
            "The quarry's manager said the ponds had been emptied twice since then and that samples taken "
            "by his own staff showed no more run-off reaching the feeder at the Pellick weir.",
        ],
    ),
    (
        "Can boats still pass the lower locks?",
        [
            "Narrow boats drawing less than a metre can still pass, the lock keepers say, but the heavier "
            "grain barges have been told to wait at the Pellick basin until dredging has begun.",
            "Two barges that tried the lower locks on Monday ran aground in the second pound and had to be "
            "pulled free by the board's work boat, which took most of the afternoon to reach them.",
        ],
    ),
    (
        "When will the dredgers arrive?",
        [
            "The canal board said its two dredgers are finishing work on the northern branch and should "
            "reach the Ostrel locks in the second week of April if the weather holds until then.",
            "Boatmen asked the board to hire a third dredger from the coast, and the board's engineer "
            "said the request would be put to its members at their meeting at the end of the month.",
        ],
    ),
    (
        "What does it mean for the fish?",
        [
            "Anglers at the lower basin reported fewer roach and bream since the water clouded, and the "
            "angling club has stopped its Saturday matches until the canal runs clear once more.",
            "A biologist from the river trust said the fish move to cleaner side channels when the silt "
            "rises and usually come back within a few weeks once the water has settled again.",
        ],
    ),
]
FOOTER = ["Contact", "Privacy", "Imprint", "Newsletter"]


def _page() -> str:
    lines = [*MENU, "", HEAD, "", DATE, "", *[p + "\n" for p in LEAD], "Contents:"]
    lines += [head for head, _ in SECTIONS]
    lines.append("")
    for head, paragraphs in SECTIONS:
        lines += ["", head, "", *[p + "\n" for p in paragraphs], BACK]
    lines += ["", *FOOTER]
    return "\n".join(lines)


def _articles(body: str) -> list[Article]:
    limits = Limits()
    page = Page(uri="pages/contents.txt", body=body)
    return [process_document(doc, limits) for doc in split_page(page, limits)]


def test_sections_listed_in_a_table_of_contents_stay_one_story() -> None:
    articles = _articles(_page())
    assert len(articles) == 1
    body = articles[0].body
    for paragraph in LEAD + [p for _, paragraphs in SECTIONS for p in paragraphs]:
        assert paragraph in body
    assert articles[0].title == HEAD


def test_section_headings_listed_in_contents_are_no_headlines() -> None:
    page = _classify(page_lines(_page()))
    texts = [line.text for line in page.lines]
    for head, _ in SECTIONS:
        for i, text in enumerate(texts):
            if text == head:
                assert not page.heads[i]
    for i, text in enumerate(texts):
        if text == BACK:
            assert not page.heads[i]


def test_a_menu_printed_twice_is_no_table_of_contents() -> None:
    lines = [*MENU, "", HEAD, "", DATE, "", *[p + "\n" for p in LEAD]]
    lines += ["", *MENU]
    page = _classify(page_lines("\n".join(lines)))
    heads = {line.text for line, head in zip(page.lines, page.heads, strict=True) if head}
    assert HEAD in heads


STORY_HEAD = "The lighthouse keeper's last winter"
STORY = [
    "The storm had kept the supply boat away for nine days when Marten finally climbed the tower "
    "again, counting the steps aloud as he always did, and found the lamp room cold and dark.",
    "He trimmed the wick, wiped the salt from the glass and sat down on the iron stool to wait for "
    "his brother, who had promised to row across from the village as soon as the sea allowed it.",
    "When the little boat scraped against the jetty at last, his brother climbed the steps with a "
    "sack of flour on his shoulder and asked whether the keeper meant to stay another winter.",
]
REPLY = ["\u201cAgain.\u201d", "\u201cAgain?\u201d"]
STORY_END = [
    "\u201cOne more winter, and then the board can send a younger man to count these steps,\u201d "
    "Marten said, taking the sack from him and setting it down beside the cold stove in the corner.",
    "They ate the bread his brother had brought and watched the lamp turn over the grey water until "
    "the first fishing boats came out of the harbour mouth in the early light of the morning.",
    "By the spring the board had found nobody willing to take the tower, and Marten stayed on for "
    "another year, and then another, counting the steps aloud each evening as he always had.",
]


def test_two_lines_of_dialogue_echoing_a_word_are_no_labels() -> None:
    lines = [*MENU, "", STORY_HEAD, "", DATE, ""]
    lines += [p + "\n" for p in STORY] + [r + "\n" for r in REPLY] + [p + "\n" for p in STORY_END]
    lines += ["", *FOOTER]
    articles = _articles("\n".join(lines))
    assert len(articles) == 1
    for paragraph in STORY + STORY_END:
        assert paragraph in articles[0].body


DECK_HEAD = "Following in the footsteps of a champion"
DECK = (
    "Spring Open Junior Championships from 3 to 9 April in the Harrow Valley Sports Hall / Regional "
    "Ranking Tournament with Twelve Seeded Players from Five Counties."
)
DECK_BODY = [
    "The sports hall in the valley opens its doors on Saturday to the best young players of the region, "
    "who come for a week of matches on the four indoor courts rebuilt over the winter months.",
    "Twelve of the players in the draw are seeded, and the organisers expect the finals on Sunday to "
    "draw a full gallery, since two of the local clubs have sent their whole junior squads along.",
    "Qualifying rounds are played on the first weekend, the main draw begins on Monday, and the doubles "
    "finals are set for Saturday afternoon, the singles finals for the Sunday after that.",
]


def _deck_page() -> _Page:
    lines = [DECK_HEAD, "", *MENU, "", DATE, "", DECK_HEAD, "", "Enlarge", "", "Tomas Brell", ""]
    lines += ["Source: Vera Lindqvist", "", DECK, "", *[p + "\n" for p in DECK_BODY], *FOOTER]
    return _classify(page_lines("\n".join(lines)))


def test_headline_over_a_photo_wins_over_the_standfirst_under_it() -> None:
    page = _deck_page()
    texts = [line.text for line in page.lines]
    body_start, deck = texts.index(DECK_BODY[0]), texts.index(DECK)
    topic = content_words(" ".join(DECK_BODY))
    head = len(texts) - 1 - texts[::-1].index(DECK_HEAD)
    assert _head_over_deck(page, deck, [deck, head], topic) == head
    assert _header_headline(page, 0, body_start, topic) in (head, body_start - 1)


def test_long_statement_with_capitalised_names_is_a_standfirst() -> None:
    page = _deck_page()
    texts = [line.text for line in page.lines]
    deck = texts.index(DECK)
    assert _standfirst(page, deck, content_words(" ".join(DECK_BODY)), adjacent=True)
