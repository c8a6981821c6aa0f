"""Pages of small briefs: a run of three or more short headline-shaped lines, each over one short
paragraph (often under twenty words), the items sharing few topic words, is a page of separate
stories, whatever the page prints between them (day headings, separator lines) and whether or not
each paragraph opens on a place and an agency.

Small pages written here with invented places, so what is pinned is the layout: day headings over
a few briefs each date every brief under them; a headline put in other words than its paragraph
is borne while most headlines recur in their own; and one story's short sub-headed sections, a
listicle, a Q&A, a live blog and a table of results inside a story stay one article.
"""

from __future__ import annotations

from newsflow.extraction.text import split_text


def _segments(lines: list[str]) -> list[tuple[str | None, str | None]]:
    _lines, segments = split_text("\n\n".join(lines))
    return [(seg.title_text, seg.dateline.text if seg.dateline else None) for seg in segments]


DAY_DIGEST = [
    "Valmora Courier",
    "Home | Region | Sport | Weather",
    "In brief",
    "Monday, 14 April 2025",
    "Ferry service to Orsk resumes after storm",
    "The ferry between Valmora and Orsk sailed again on Monday morning after three days in port, "
    "the harbour office said.",
    "Library extends opening hours for exam season",
    "The town library will stay open until ten at night through June, giving students room to revise.",
    "Tuesday, 15 April 2025",
    "Cyclists gather for charity ride along coast",
    "Some two hundred cyclists set off from the pier on Tuesday to raise money for the children's ward.",
    "Bakery on Mill Street wins regional bread prize",
    "Judges praised the rye loaf from the family bakery, which has traded on the street since 1962.",
    "© Valmora Courier",
]


def test_briefs_under_day_headings_are_separate_articles_dated_by_their_heading() -> None:
    assert _segments(DAY_DIGEST) == [
        ("Ferry service to Orsk resumes after storm", "Monday, 14 April 2025"),
        ("Library extends opening hours for exam season", "Monday, 14 April 2025"),
        ("Cyclists gather for charity ride along coast", "Tuesday, 15 April 2025"),
        ("Bakery on Mill Street wins regional bread prize", "Tuesday, 15 April 2025"),
    ]


def test_agency_led_briefs_of_one_short_paragraph_are_separate_articles() -> None:
    page = [
        "Nordpost",
        "Kurz gemeldet",
        "Brand in Lagerhalle bei Talheim",
        "Talheim (npa) — Ein Feuer hat in der Nacht eine Lagerhalle am Ortsrand zerstört. Verletzt "
        "wurde niemand.",
        "Neue Buslinie zum Klinikum",
        "Kessbach (npa) — Ab Mai fährt eine zusätzliche Linie alle zwanzig Minuten vom Bahnhof zum Klinikum.",
        "Freibad öffnet früher",
        "Rodenau (npa) — Wegen des warmen Wetters beginnt die Saison im Freibad schon am ersten Mai.",
        "Impressum",
    ]
    assert [title for title, _ in _segments(page)] == [
        "Brand in Lagerhalle bei Talheim",
        "Neue Buslinie zum Klinikum",
        "Freibad öffnet früher",
    ]


def test_briefs_between_separator_lines_are_separate_articles() -> None:
    page = [
        "Gazeta Doliny",
        "Wiadomości w skrócie",
        "Pożar stodoły w Lipnikach",
        "Strażacy przez trzy godziny gasili w nocy płonącą stodołę w Lipnikach. Nikt nie został ranny.",
        "—",
        "Nowy most na rzece Bystrej",
        "Drogowcy otworzyli w piątek nowy most na Bystrej, który skraca dojazd do szpitala o kwadrans.",
        "—",
        "Koncert chóru w katedrze",
        "Chór miejski zaśpiewa w niedzielę w katedrze utwory dawnych mistrzów. Wstęp jest wolny "
        "dla wszystkich.",
        "—",
        "Kontakt | Regulamin",
    ]
    assert len(_segments(page)) == 3


def test_one_headline_in_other_words_than_its_brief_does_not_join_the_run() -> None:
    page = [
        "Diario del Valle",
        "Breves",
        "Corte de agua en el barrio de San Telmo",
        "San Telmo (EFA) — El suministro de agua se cortará el martes entre las nueve y las catorce horas "
        "por obras en la red.",
        "Abre la nueva biblioteca municipal de Orcada",
        "Orcada (EFA) — La biblioteca municipal abrió sus puertas el lunes con una sala infantil y cuarenta "
        "ordenadores.",
        "Multa récord por conducir al revés",
        "Ribarroja (EFA) — La policía detuvo de madrugada a un conductor que circulaba ebrio en sentido "
        "contrario por la autovía.",
        "Vecinos de Almarza limpian el río",
        "Almarza (EFA) — Un centenar de vecinos retiró el domingo plásticos y ramas del cauce del río a su "
        "paso por el pueblo.",
    ]
    assert len(_segments(page)) == 4


def test_short_sub_headed_sections_of_one_story_stay_one_article() -> None:
    page = [
        "Harbour council approves new sea wall",
        "The council of Brenmouth voted on Thursday to build a new sea wall along the northern quay, "
        "ending a year of debate.",
        "Why the wall is needed",
        "Storm surges have flooded the northern quay of Brenmouth four times since the old wall cracked "
        "in the winter.",
        "What the wall will cost",
        "Engineers put the price of the Brenmouth wall at eleven million, shared between the "
        "council and the port.",
        "When work will begin",
        "Building on the northern quay should start in spring, the council said, once the fishing "
        "season ends.",
    ]
    assert len(_segments(page)) == 1


def test_a_tour_in_sections_whose_headings_recur_nowhere_stays_one_article() -> None:
    page = [
        "Inside the new science museum",
        "The new science museum in Calder opens its doors this weekend after four years of building, and "
        "we were given an early tour of its galleries and workshops.",
        "The ground floor gallery",
        "Visitors enter through a hall of old engines, restored by volunteers who spent two winters "
        "cleaning every part.",
        "Upstairs with the planets",
        "The first floor holds a dome where a projector shows the night sky as it looked over Calder a "
        "thousand years ago.",
        "A workshop for children",
        "In the basement, children can build small robots at long benches under the watch of "
        "retired engineers.",
    ]
    assert len(_segments(page)) == 1


def test_a_table_of_results_with_a_line_under_each_row_stays_one_story() -> None:
    page = [
        "Weekend results from the county league",
        "The county league had a busy weekend, with three matches decided in the final minutes and a new "
        "side at the top of the table after a long and wet afternoon across the region.",
        "Harrow Vale 2 Ditchling 1",
        "Harrow Vale scored twice in the last ten minutes to beat Ditchling in front of a big home crowd.",
        "Corby Town 0 Wessington 3",
        "Wessington kept their fourth clean sheet of the season with a comfortable win away at Corby Town.",
        "Lindsey Park 1 Amberfield 1",
        "A late penalty earned Amberfield a draw after Lindsey Park led for most of the match on a "
        "heavy pitch.",
        "The next round of matches will be played on Saturday, with the top two sides meeting at "
        "Wessington in the game of the month.",
    ]
    assert len(_segments(page)) == 1


def test_a_listicle_a_faq_and_a_live_blog_of_short_items_stay_one_article() -> None:
    listicle = [
        "Seven ways to keep your garden green in a drought",
        "1. Water early in the morning",
        "Watering before sunrise means less of it evaporates before the roots can take it in, gardeners say.",
        "2. Mulch the flower beds well",
        "A thick layer of bark or straw keeps the soil cool and holds water through the hottest afternoons.",
        "3. Choose hardy plants for borders",
        "Lavender, sage and thyme need little water once settled and still flower through a dry summer.",
    ]
    faq = [
        "Mayor answers readers on the new tram line",
        "Will the tram line run on Sundays?",
        "Yes, the trams will run every day of the week, with fewer services on Sunday mornings, "
        "the mayor said.",
        "How much will a ticket cost?",
        "A single ticket will cost the same as a bus ticket today, and monthly passes will be valid on both.",
        "When will the line open to passengers?",
        "The first section should open next autumn once testing on the track between the depot and the "
        "station ends.",
    ]
    live = [
        "Live: flood warnings across the valley",
        "10:42",
        "Rain gauges at Tessford show the river rising faster than on Tuesday, the agency said in "
        "its update.",
        "Roads closed near the old bridge",
        "10:15",
        "Police have shut the two roads leading to the old bridge at Tessford while the river keeps rising.",
        "Schools send pupils home early",
        "09:58",
        "Three schools in the valley closed at noon as the flood warnings spread to the lower river towns.",
        "Trains between Tessford and Marle halted",
        "09:30",
        "The rail company halted trains on the valley line after water covered the tracks near "
        "Marle station.",
    ]
    assert [len(_segments(page)) for page in (listicle, faq, live)] == [1, 1, 1]


CLOCKED_DIGEST = [
    "Kestrel Daily",
    "News digest",
    "Thursday 3 July",
    "08:15",
    "Water main bursts on Arden Road",
    "A burst main flooded Arden Road before dawn and left forty homes without water until noon.",
    "09:40",
    "Council names new head of parks",
    "Mira Olsen, who ran the botanic garden for a decade, will lead the parks department from August.",
    "11:05",
    "Heatwave warning for the weekend",
    "Forecasters expect temperatures above thirty degrees on Saturday and urged people to "
    "check on neighbours.",
    "Friday 4 July",
    "07:50",
    "Rail strike called off after late talks",
    "The drivers' union withdrew Monday's strike after talks with the operator ran late into the night.",
]

CLOCKED_DATES = [
    ("Water main bursts on Arden Road", "Thursday 3 July 08:15"),
    ("Council names new head of parks", "Thursday 3 July 09:40"),
    ("Heatwave warning for the weekend", "Thursday 3 July 11:05"),
    ("Rail strike called off after late talks", "Friday 4 July 07:50"),
]


def test_clocked_briefs_too_small_for_the_feed_pass_are_separate_articles_dated_by_day_and_clock() -> None:
    assert _segments(CLOCKED_DIGEST) == CLOCKED_DATES


def test_briefs_with_their_clock_under_the_headline_are_separate_articles() -> None:
    page = list(CLOCKED_DIGEST)
    for k in (3, 6, 9, 13):
        page[k], page[k + 1] = page[k + 1], page[k]
    assert _segments(page) == CLOCKED_DATES


def test_a_live_blog_of_small_clocked_entries_under_one_day_stays_one_article() -> None:
    page = [
        "Kestrel Daily",
        "Live: the Arden Road flood",
        "Thursday 3 July",
        "Crews pump water from cellars",
        "10:20",
        "Fire crews began pumping water from the cellars of Arden Road as the level in the street fell.",
        "Residents wait at the church hall",
        "09:55",
        "Families from the flooded houses of Arden Road gathered at the church hall with blankets and tea.",
        "Main shut off by engineers",
        "09:30",
        "Engineers closed the valve on the burst main under Arden Road, the water company said.",
    ]
    assert len(_segments(page)) == 1


def test_paragraphs_each_opening_on_a_place_and_a_dash_are_separate_briefs() -> None:
    page = [
        "Nordpost",
        "Aus der Region",
        "Talheim (npa) — Ein Feuer hat in der Nacht eine Lagerhalle am Ortsrand zerstört. Verletzt wurde "
        "niemand, die Polizei ermittelt.",
        "Kessbach (npa) — Ab Mai fährt eine zusätzliche Buslinie alle zwanzig Minuten vom Bahnhof "
        "zum Klinikum.",
        "Rodenau (npa) — Wegen des warmen Wetters beginnt die Saison im Freibad schon am ersten Mai, teilte "
        "die Stadt mit.",
        "Impressum",
    ]
    assert [title for title, _ in _segments(page)] == ["Talheim (npa)", "Kessbach (npa)", "Rodenau (npa)"]


def test_a_story_opening_on_a_place_and_a_dash_stays_one_article() -> None:
    page = [
        "Storm closes harbour at Brenmouth",
        "BRENMOUTH (Wirepress) — A storm closed the harbour at Brenmouth on Friday, keeping the fishing "
        "fleet in port for a second day.",
        "Harbour master Ellis Carrow said the boats would stay tied up until the wind dropped below gale "
        "force on Saturday.",
        "The council opened the sports hall for families whose homes on the quay lost power during "
        "the night.",
    ]
    assert len(_segments(page)) == 1


def test_an_interview_whose_speakers_open_their_turns_with_a_dash_stays_one_article() -> None:
    page = [
        "Talking to the lighthouse keeper",
        "Interviewer — How long have you kept the light at Skarvik, and what changed over those years?",
        "Nora Lindqvist — Twenty-two winters now. The lamp is electric today, but the storms are the same.",
        "Interviewer — Do visitors still climb the tower in summer, or has the path been closed?",
        "Nora Lindqvist — They come every July, mostly families, and I show them the old brass lens.",
    ]
    assert len(_segments(page)) == 1
