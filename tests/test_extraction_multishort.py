"""Multi-article text dumps whose stories are made of short lines (a table, a schedule, a line-up)
or are laid out with furniture the corpus did not show: each test is a small page written here,
pinning one behaviour decided by the page's shape."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

MENU = ["Valley Courier", "Home", "Local", "Sport", "Weather", "Opinion", "Jobs"]

FOOTER = ["About us", "Contact the newsroom", "Privacy settings", "© 2025 Valley Courier"]

MILL = "Old paper mill at Brennock to become a climbing centre"
MILL_BODY = [
    "The derelict paper mill on the Brennock riverbank will reopen next spring as an indoor climbing "
    "centre, after the district planning board approved the conversion on Wednesday evening.",
    "The mill closed in 1987 and its brick halls have stood empty since, with pigeons nesting under "
    "the broken skylights and the courtyard used as an informal car park by shoppers.",
    "Developer Ilse Warrender said the tallest hall, once used to dry pulp, would hold walls of "
    "eighteen metres, while the smaller sheds would become a cafe and a bouldering room.",
    "Neighbours had worried about noise and traffic, but the board attached conditions limiting "
    "opening hours and asking for a footpath along the river to the Brennock station.",
]

GARDENS = "Allotment holders win fight to keep the Larkfield plots"
GARDENS_BODY = [
    "Gardeners at the Larkfield allotments have been told their plots are safe for another twenty "
    "years, ending a dispute that began when the landowner proposed building houses there.",
    "The allotment society gathered more than two thousand signatures and argued that the plots, "
    "first dug during the war, were among the last green spaces on the east side of town.",
    "Society secretary Amos Feltham said members would celebrate with a harvest lunch in September, "
    "and that the waiting list for a plot had grown to more than eighty names.",
]

LEAGUE = "Skittles league standings after the autumn round"
LEAGUE_INTRO = (
    "The Fallow Inn team kept their lead at the top of the county skittles league after a close "
    "autumn round, with the Mill Arms two points behind and three teams level in fifth place."
)
LEAGUE_ROWS = [
    f"{rank} {team} {played} {won} {points}"
    for rank, (team, played, won, points) in enumerate(
        [
            ("Fallow Inn", 12, 9, 31),
            ("Mill Arms", 12, 9, 29),
            ("Kestrel Club", 12, 8, 26),
            ("Brennock Rovers", 11, 7, 24),
            ("Larkfield Legion", 12, 6, 21),
            ("Old Forge", 12, 6, 21),
            ("Station Tap", 11, 6, 21),
            ("Weir House", 12, 4, 15),
            ("Copper Kettle", 12, 3, 11),
            ("Valley Social", 12, 1, 5),
        ],
        start=1,
    )
]


def _parse(body: str, fetched_at: datetime = FETCHED) -> list[Article]:
    page = Page(uri="pages/test.txt", body=body, fetched_at=fetched_at)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_table_of_rows_of_figures_under_a_short_intro_stays_in_its_story() -> None:
    page = _page(
        "Local news | Valley Courier",
        *MENU,
        MILL,
        "By Petra Holloway",
        "Published 3 March 2025, 09:10",
        *MILL_BODY,
        LEAGUE,
        "By Jonas Quill",
        "Published 2 March 2025, 18:45",
        LEAGUE_INTRO,
        "Pos Team P W Pts",
        *LEAGUE_ROWS[:6],
        "ADVERTISEMENT",
        *LEAGUE_ROWS[6:],
        GARDENS,
        "By Petra Holloway",
        "Published 1 March 2025, 16:30",
        *GARDENS_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [MILL, LEAGUE, GARDENS]
    league = articles[1].body.split("\n\n")
    assert league[0] == LEAGUE_INTRO
    assert all(row in league for row in LEAGUE_ROWS)


QUARRY = "Quarry blasting to pause during the nesting season"
QUARRY_BODY = [
    "Blasting at the Hollin Edge quarry will stop from April to June so that a pair of peregrine falcons "
    "nesting on the old north face can raise their chicks undisturbed, the operator said.",
    "Site manager Corwin Tadlow said the crews would move to crushing and loading work during the pause, "
    "and that no jobs would be lost while the falcons were on the ledge.",
    "Birdwatchers have counted the pair returning to Hollin Edge for six springs in a row, and a camera "
    "on the rim will stream the nest to the visitor centre in the village.",
]

FIXTURES = "Harriers cross-country fixtures for the winter season"
FIXTURE_LINES = [
    "Round 1: 9 November, at Hollin Edge common",
    "Round 2: 23 November, at Sallow woods",
    "Round 3: 7 December, at Brennock riverside",
    "Round 4: 4 January, at Larkfield park",
    "Round 5: 18 January, at Kestrel hill",
    "Round 6: 1 February, at Weir meadows",
    "Round 7: 15 February, county finals at Fallow",
]


def test_a_dateline_printed_after_each_story_s_lead_dates_that_story() -> None:
    page = _page(
        "Valley Courier",
        *MENU,
        QUARRY,
        "By Petra Holloway",
        QUARRY_BODY[0],
        "3 March 2025, 09:10",
        *QUARRY_BODY[1:],
        MILL,
        "By Jonas Quill",
        MILL_BODY[0],
        "1 March 2025, 16:30",
        *MILL_BODY[1:],
        GARDENS,
        "By Petra Holloway",
        GARDENS_BODY[0],
        "28 February 2025, 11:05",
        *GARDENS_BODY[1:],
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, MILL, GARDENS]
    assert [(a.published_at or "")[:10] for a in articles] == [
        "2025-03-03",
        "2025-03-01",
        "2025-02-28",
    ]
    assert [a.body.split("\n\n") for a in articles] == [QUARRY_BODY, MILL_BODY, GARDENS_BODY]


def test_a_schedule_under_a_later_headline_and_its_byline_is_a_story_of_its_own() -> None:
    page = _page(
        "Sport | Valley Courier",
        *MENU,
        QUARRY,
        "By Petra Holloway",
        "Published 3 March 2025, 09:10",
        *QUARRY_BODY,
        FIXTURES,
        "From Jonas Quill, athletics correspondent",
        "Share",
        "Email",
        "Print",
        *FIXTURE_LINES,
        MILL,
        "By Petra Holloway",
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, FIXTURES, MILL]
    assert articles[0].body.split("\n\n") == QUARRY_BODY
    assert articles[1].body.split("\n\n") == FIXTURE_LINES


def test_a_marked_list_under_a_later_heading_with_no_byline_is_no_story() -> None:
    teasers = [
        "Courts — Jury selection begins in the Brennock fraud trial",
        "Transport — Station car park to close for resurfacing",
        "Schools — Larkfield primary wins national reading prize",
        "Weather — Frost warning issued for the valley tonight",
        "Health — New clinic hours at the Sallow surgery",
    ]
    page = _page(
        "Valley Courier",
        *MENU,
        QUARRY,
        "By Petra Holloway",
        "Published 3 March 2025, 09:10",
        *QUARRY_BODY,
        MILL,
        "By Jonas Quill",
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        "More stories from around the valley",
        *teasers,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, MILL]
    assert articles[1].body.split("\n\n") == MILL_BODY


def test_datelines_printed_after_each_story_close_it_rather_than_open_the_next() -> None:
    page = _page(
        "Valley Courier",
        *MENU,
        QUARRY,
        *QUARRY_BODY,
        "Posted 3 March 2025, 09:10",
        MILL,
        *MILL_BODY,
        "Posted 1 March 2025, 16:30",
        GARDENS,
        *GARDENS_BODY,
        "Posted 28 February 2025, 11:05",
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles][:2] == [QUARRY, MILL]
    assert [(a.published_at or "")[:10] for a in articles][:2] == ["2025-03-03", "2025-03-01"]
    assert [a.body.split("\n\n") for a in articles][:2] == [QUARRY_BODY, MILL_BODY]


RELAY = "County relay squad named for the spring championships"
RELAY_INTRO = "Selectors have named seven runners for the county relay squad."
RELAY_SQUAD = [
    "Ada Morrow (Fallow)",
    "Bryn Tasker (Kestrel)",
    "Cleo Vance (Weir)",
    "Dario Flint (Mill)",
    "Esme Rook (Brennock)",
    "Fenn Abbot (Larkfield)",
    "Gus Wilder (Sallow)",
]


def test_a_line_up_of_names_under_a_dated_headline_is_a_story_of_its_own() -> None:
    page = _page(
        "Valley Courier",
        *MENU,
        QUARRY,
        "Published 3 March 2025, 09:10",
        *QUARRY_BODY,
        RELAY,
        "Published 2 March 2025, 18:45",
        RELAY_INTRO,
        *RELAY_SQUAD,
        MILL,
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, RELAY, MILL]
    assert articles[1].body.split("\n\n") == [RELAY_INTRO, *RELAY_SQUAD]
    assert (articles[1].published_at or "")[:10] == "2025-03-02"


def test_buttons_over_a_bylined_schedule_are_left_out_of_its_body() -> None:
    page = _page(
        "Sport | Valley Courier",
        *MENU,
        QUARRY,
        "By Petra Holloway",
        "Published 3 March 2025, 09:10",
        *QUARRY_BODY,
        FIXTURES,
        "From Jonas Quill, athletics correspondent",
        "Listen to this article",
        "Text size",
        "Report an error",
        "The winter calendar",
        *FIXTURE_LINES,
        MILL,
        "By Petra Holloway",
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, FIXTURES, MILL]
    assert articles[1].body.split("\n\n") == ["The winter calendar", *FIXTURE_LINES]


def test_a_running_header_printed_over_every_story_is_no_headline() -> None:
    header = "VALLEY COURIER | LOCAL NEWS"
    page = _page(
        "Valley Courier — Local",
        *MENU,
        header,
        QUARRY,
        "Published 3 March 2025, 09:10",
        *QUARRY_BODY,
        header,
        MILL,
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        header,
        GARDENS,
        "Published 28 February 2025, 11:05",
        *GARDENS_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, MILL, GARDENS]
    assert [a.body.split("\n\n") for a in articles] == [QUARRY_BODY, MILL_BODY, GARDENS_BODY]


def test_a_consent_line_printed_again_over_the_first_story_is_no_headline() -> None:
    consent = "Your privacy matters to us"
    page = _page(
        consent,
        "Accept all",
        "Manage choices",
        *MENU,
        consent,
        QUARRY,
        "3 March 2025, 09:10",
        *QUARRY_BODY,
        MILL,
        "1 March 2025, 16:30",
        *MILL_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, MILL]


def test_wire_copy_opening_with_a_place_and_agency_keeps_each_story_apart() -> None:
    page = _page(
        "Wire digest | Valley Courier",
        *MENU,
        "Wire digest",
        QUARRY,
        "March 3, 2025 9:10 AM",
        "HOLLIN EDGE (Valley Wire) — " + QUARRY_BODY[0],
        *QUARRY_BODY[1:],
        MILL,
        "March 1, 2025 4:30 PM",
        "BRENNOCK (Valley Wire) — " + MILL_BODY[0],
        *MILL_BODY[1:],
        GARDENS,
        "February 28, 2025 11:05 AM",
        "LARKFIELD (Valley Wire) — " + GARDENS_BODY[0],
        *GARDENS_BODY[1:],
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [QUARRY, MILL, GARDENS]
    assert [(a.published_at or "")[:10] for a in articles] == ["2025-03-03", "2025-03-01", "2025-02-28"]


LIVE = "Live: flood warnings across the valley as the river rises"
LIVE_INTRO = "Follow the latest on the flooding across the valley here."
LIVE_ENTRIES = [
    (
        "15:40",
        "The river gauge at Brennock bridge read 3.4 metres at half past three, the highest reading since "
        "the winter of 2007, and the environment agency said it was still rising slowly.",
    ),
    (
        "15:05",
        "Sandbags are being handed out at the Larkfield fire station until eight this evening, and "
        "volunteers from the allotment society have offered to carry them to older residents' doors.",
    ),
    (
        "14:32",
        "The Sallow road is closed between the mill and the station after water covered both lanes, and "
        "buses are being diverted through Kestrel hill, adding about twenty minutes.",
    ),
    (
        "13:58",
        "Schools in the lower valley will close early today so that children can get home before the "
        "evening peak, the county council said in a short statement.",
    ),
]


def test_a_live_page_s_stamped_entries_stay_one_story_beside_a_dated_one() -> None:
    page = _page(
        "Valley Courier",
        *MENU,
        LIVE,
        "Updated 3 March 2025, 15:40",
        LIVE_INTRO,
        *[line for entry in LIVE_ENTRIES for line in entry],
        MILL,
        "Published 1 March 2025, 16:30",
        *MILL_BODY,
        *FOOTER,
    )
    articles = _parse(page)
    assert [a.title for a in articles] == [LIVE, MILL]
    assert articles[0].body.split("\n\n") == [LIVE_INTRO, *[text for _stamp, text in LIVE_ENTRIES]]
