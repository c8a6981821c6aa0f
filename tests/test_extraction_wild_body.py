"""What closes a story's body on real pages without being the story: a list of other stories (a
kicker, a headline and a short blurb each, of other topics) and a run of keywords (a tag cloud, a
list of categories). Small pages written here, in invented words; judged by shape, not phrases."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import _Body, _cut_tail, _cut_teaser_list, _paragraph_mass, parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from tests.pages import FERRY, FERRY_BODY

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

TEASERS = [
    "Read by most",
    "Orchard valley",
    "Cider makers of Pellow fear a late frost: will the blossom survive?",
    "Growers in the Pellow valley lit braziers between the apple trees on Monday night, hoping to "
    "keep the blossom from freezing before the bees arrive...",
    "Mountain roads",
    "Snow closes the pass above Kerrith for a third week",
    "Engineers say the avalanche barriers above Kerrith need repairs before the road can open, "
    "and the council has asked for help from the army...",
    "Chess",
    "Young champion from Dunmere wins the regional title",
    "The twelve-year-old beat four adults in a row at the Dunmere library, where the tournament "
    "has been played every spring since the library opened...",
    "Theatre",
    "Puppet company from Lanmore opens its summer season in the old granary",
    "Rehearsals began in March, and the director says the new show about a lost lighthouse keeper "
    "will tour six villages before autumn...",
]


def _parse(lines: list[str]) -> list[Article]:
    page = Page(uri="pages/test.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _body(lines: list[str]) -> list[str]:
    (article,) = _parse(lines)
    return article.body.split("\n\n")


def _cut(paragraphs: list[str]) -> list[str]:
    body = _Body(paragraphs=list(paragraphs), numbers=list(range(len(paragraphs))))
    _cut_teaser_list(body)
    return body.paragraphs


def test_a_list_of_other_stories_with_kickers_headlines_and_blurbs_ends_the_body() -> None:
    assert _cut([*FERRY_BODY, *TEASERS]) == FERRY_BODY


def test_a_teaser_list_under_a_story_is_kept_out_of_the_parsed_page() -> None:
    page = [FERRY, "2024-06-01 08:30", *FERRY_BODY, *TEASERS, "Imprint", "Contact"]
    assert _body(page) == FERRY_BODY


def test_the_story_s_own_sections_under_subheads_stay() -> None:
    sections = [
        "The islands wait",
        "Islanders on the outer islands said the ferry crossing had been missed all winter, and "
        "the shipping company thanked them for their patience.",
        "Repairs in the dock",
        "The hull and engines of the ferry were repaired in the dry dock, and the shipping company "
        "said the repairs came in under budget.",
        "Next winter",
        "The company said the ferry would go back to the dry dock next winter for more repairs to "
        "its engines, and the smaller boat would sail the crossing again.",
    ]
    assert _cut([*FERRY_BODY, *sections]) == [*FERRY_BODY, *sections]


def test_one_or_two_headed_short_sections_of_other_words_under_the_story_are_no_list() -> None:
    for closing in (TEASERS[4:7], TEASERS[4:10]):
        assert _cut([*FERRY_BODY, *closing]) == [*FERRY_BODY, *closing]


def test_a_blurb_right_under_a_paragraph_breaks_the_list_s_rhythm() -> None:
    last = "Shopkeepers on the pier say the new timetable suits them, and they will open earlier."
    closing = [*TEASERS[1:], last]
    assert _cut([*FERRY_BODY, *closing]) == [*FERRY_BODY, *closing]


def test_teasers_outweighing_the_story_above_them_are_not_cut() -> None:
    assert _cut([FERRY_BODY[0], *TEASERS]) == [FERRY_BODY[0], *TEASERS]


TAGS = (
    "harbour islands ferry repairs timetable winter dock engines hull shopkeepers deliveries "
    "crossings shipping company weather boats travel news local tides lighthouse piers cargo "
    "sailors ropes anchors"
)


def test_a_long_run_of_keywords_or_of_capitalised_entries_with_no_punctuation_weighs_nothing() -> None:
    assert _paragraph_mass(TAGS) == 0
    menu = "Harbour News Island Life Ferry Times Weather Local Sport Shops Markets Letters Events Photos Maps"
    assert _paragraph_mass(menu) == 0


def test_a_long_line_with_punctuation_or_a_shorter_phrase_in_lower_case_is_still_running_text() -> None:
    row = "Vessel Harbour Departs Arrives Seats Cars Price Notes, 4,50 each way on weekdays, 6,00 at weekends"
    assert _paragraph_mass(row) > 0
    item = "Dozens of small boats that will carry you and your bicycle across the bay to the islands"
    assert _paragraph_mass(item) > 0


def test_a_tag_cloud_after_the_story_s_furniture_does_not_keep_the_tail_in() -> None:
    furniture = ["Posted by the desk", "Share", "Previous post", "Next post", "Tags"]
    note = "Kept by a small team of writers who like boats, this site is read on the islands."
    paragraphs = [*FERRY_BODY, *furniture, TAGS, "About", note]
    body = _Body(paragraphs=list(paragraphs), numbers=list(range(len(paragraphs))))
    _cut_tail(body)
    assert body.paragraphs == FERRY_BODY


def test_short_headed_lines_that_keep_naming_the_story_s_people_stay() -> None:
    story = [
        *FERRY_BODY,
        "Captain Ilsa Marrow, who has steered the ferry for twelve years, said the engines ran smoothly.",
    ]
    closing = [
        "Lighthouse keepers vote to close the northern station early",
        "Marrow said the crew would paint the lifeboats before the summer crowds came aboard.",
        "Orchard growers fear frost in the Pellow valley this spring",
        "Crews from Drennick will help Marrow load the first cars onto the deck next week.",
        "Young champion from Dunmere wins the regional title",
        "Later, the company thanked Marrow and her crew for their patience during the repairs.",
    ]
    assert _cut([*story, *closing]) == [*story, *closing]
