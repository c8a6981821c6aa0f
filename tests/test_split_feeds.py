"""Feeds of short stories (briefs, latest-news lists, section fronts) read by their shape.

Each page here is hand-written with made-up places, people and furniture: a run of sibling units,
each a headline, perhaps a time stamp, and one to three paragraphs, is a feed of separate stories,
whatever the words; a live blog (entries under one headline) and a teaser list (blurbs cut short)
are not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.feeds import _could_hold_feed
from newsflow.extraction.layout import _classify, _Page
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)


def _parse(*lines: str) -> list[Article]:
    page = Page(uri="pages/feed.txt", body="\n\n".join(lines), fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


FERRY = "Ferry to Quillholm resumes after storm repairs"
FERRY_BODY = (
    "The ferry between Brannick and Quillholm sailed again on Thursday morning, nine days after the storm "
    "tore a gangway loose at the Quillholm pier. Harbour master Ysolde Fennick said the repaired gangway "
    "passed its load test on Wednesday night, and the Quillholm ferry will keep its winter timetable until "
    "the end of the month, with an extra evening crossing for the pupils of the Brannick school."
)
LIBRARY = "Orlet library opens its new reading room"
LIBRARY_BODY = (
    "The Orlet town library opened its new reading room on Thursday, built in the former grain store "
    "behind the market hall. Librarian Tomas Wendle said the Orlet room has forty seats, a corner for "
    "children and long tables for students, and that the library will keep it open until nine in the "
    "evening during the exam weeks, after a petition signed by more than six hundred Orlet residents."
)
CHOIR = "Veskel choir wins the valley song contest"
CHOIR_BODY = (
    "The mixed choir of Veskel won the valley song contest in Drummoch on Thursday evening, the first win "
    "for the village in twelve years. Conductor Amrei Solvig said the Veskel singers had rehearsed three "
    "nights a week since the autumn, and the prize money will pay for the choir's trip to the Drummoch "
    "spring festival, where the Veskel choir will sing the contest's closing piece once more."
)
BRIDGE = "Temporary bridge over the Sallow opens to cyclists"
BRIDGE_BODY = (
    "A temporary bridge over the Sallow river opened to cyclists and walkers on Thursday, while the old "
    "Sallow crossing is rebuilt. Engineer Corwin Haske said the steel bridge will stay in place for "
    "eighteen months, and that riders should dismount on its ramps; the Sallow works will close the river "
    "path on two weekends in April, when the cranes lift the new deck into place over the water."
)


def test_a_latest_news_feed_with_time_only_stamps_under_a_day_heading_is_one_article_per_brief() -> None:
    articles = _parse(
        "Brannick Courier",
        "Home",
        "Latest",
        "Refreshed all day long",
        "Thursday 5 March 2026",
        FERRY,
        "16:42",
        FERRY_BODY,
        LIBRARY,
        "15:10",
        LIBRARY_BODY,
        CHOIR,
        "12:05",
        CHOIR_BODY,
        BRIDGE,
        "09:30",
        BRIDGE_BODY,
        "Contact the Courier",
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR, BRIDGE]
    assert [a.published_at for a in articles] == [
        "2026-03-05T16:42",
        "2026-03-05T15:10",
        "2026-03-05T12:05",
        "2026-03-05T09:30",
    ]


def test_a_feed_with_relative_stamps_is_one_article_per_brief() -> None:
    articles = _parse(
        "Brannick Courier",
        "News in brief",
        FERRY,
        "2 hours ago",
        FERRY_BODY,
        LIBRARY,
        "3 hours ago",
        LIBRARY_BODY,
        CHOIR,
        "5 hours ago",
        CHOIR_BODY,
        "More briefs",
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]
    assert [a.published_at for a in articles] == [
        "2026-03-05T16:00+00:00",
        "2026-03-05T15:00+00:00",
        "2026-03-05T13:00+00:00",
    ]


def test_stamps_printed_above_the_headlines_head_the_brief_under_them() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        "2 hours ago",
        FERRY,
        FERRY_BODY,
        "3 hours ago",
        LIBRARY,
        LIBRARY_BODY,
        "5 hours ago",
        CHOIR,
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_section_labels_between_briefs_do_not_join_them() -> None:
    articles = _parse(
        "Brannick Courier",
        "Harbour",
        FERRY,
        "16:42",
        FERRY_BODY,
        "Town",
        LIBRARY,
        "15:10",
        LIBRARY_BODY,
        "Culture",
        CHOIR,
        "12:05",
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_a_headline_index_over_the_briefs_is_not_an_article() -> None:
    articles = _parse(
        "Brannick Courier",
        "Today's briefs",
        FERRY,
        LIBRARY,
        CHOIR,
        FERRY,
        "16:42",
        FERRY_BODY,
        LIBRARY,
        "15:10",
        LIBRARY_BODY,
        CHOIR,
        "12:05",
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


MILL = "Alte Mühle in Quendorf wird Museum"
MILL_BODY = (
    "Die alte Mühle am Quendorfer Bach wird im Sommer als Museum eröffnet. Bürgermeisterin Hella Brunnert "
    "sagte am Donnerstag, der Verein der Quendorfer Müller habe die Räder und das Mahlwerk in drei Jahren "
    "wieder instand gesetzt. Im Museum sollen Schulklassen sehen, wie aus Korn Mehl wird, und an den "
    "Wochenenden wird die Quendorfer Mühle wieder Brot für den Markt backen."
)
POOL = "Freibad in Ostrelingen öffnet früher"
POOL_BODY = (
    "Das Freibad in Ostrelingen öffnet in diesem Jahr schon Anfang Mai. Bademeister Jorin Falkner "
    "sagte, das neue Dach über dem Becken halte das Wasser warm genug, und die Ostrelinger Schwimmer "
    "hätten sich seit Jahren eine längere Saison gewünscht. Die Eintrittspreise bleiben gleich, nur "
    "die Abendkarte für Ostrelingen wird um einen Euro teurer, weil das Bad länger geöffnet bleibt."
)
MARKET = "Wochenmarkt in Brellach zieht auf den Kirchplatz"
MARKET_BODY = (
    "Der Wochenmarkt in Brellach zieht im April auf den Kirchplatz, weil die Marktstraße saniert wird. "
    "Händlerin Ulla Termeer sagte, die Brellacher Kundschaft finde den Markt dort leichter, und am "
    "Kirchplatz gebe es mehr Schatten für die Stände. Der Brellacher Gemeinderat will nach dem Sommer "
    "entscheiden, ob der Markt für immer auf dem Kirchplatz bleibt oder in die Straße zurückkehrt."
)


def test_a_german_feed_with_yesterday_and_relative_stamps_is_one_article_per_brief() -> None:
    articles = _parse(
        "Quendorfer Bote",
        "Nachrichten",
        "Ticker",
        MILL,
        "vor 2 Stunden",
        MILL_BODY,
        POOL,
        "Gestern, 16:48",
        POOL_BODY,
        MARKET,
        "Gestern, 09:12",
        MARKET_BODY,
        "Impressum",
    )
    assert [a.title for a in articles] == [MILL, POOL, MARKET]


FAIR = "La feria de Ortuzal vuelve a la plaza mayor"
FAIR_BODY = (
    "La feria de ganado de Ortuzal volvió este jueves a la plaza mayor después de cuatro años en las "
    "afueras del pueblo. La alcaldesa Remedios Carvil dijo que los vecinos de Ortuzal pidieron el "
    "regreso, y que la plaza tendrá puestos de queso, pan y lana durante tres días. Los ganaderos de "
    "Ortuzal venderán sus animales por la mañana y la música empezará por la tarde en la plaza."
)
TRAIN = "El tren de Belmaro recupera la parada de Sotillo"
TRAIN_BODY = (
    "El tren regional de Belmaro volverá a parar en Sotillo a partir de abril, según anunció el jueves "
    "el consejero Anselmo Ruber. La parada de Sotillo se cerró hace seis años por falta de viajeros, "
    "pero los vecinos de Belmaro y Sotillo reunieron dos mil firmas para pedir su regreso, y el tren "
    "hará cuatro paradas al día en Sotillo, dos por la mañana y dos por la tarde."
)
OLIVE = "Cosecha récord de aceituna en Valdecrespo"
OLIVE_BODY = (
    "Los olivareros de Valdecrespo recogieron este invierno la mayor cosecha de aceituna en veinte "
    "años, según la cooperativa del pueblo. El presidente Fulgencio Marrás dijo que las lluvias del "
    "otoño llenaron los frutos, y que la almazara de Valdecrespo trabajó día y noche durante seis "
    "semanas; el aceite nuevo de Valdecrespo se venderá en la feria de la comarca en mayo."
)


def test_a_spanish_feed_with_stamps_over_the_headlines_is_one_article_per_brief() -> None:
    articles = _parse(
        "Diario de Ortuzal",
        "Última hora",
        "hace 1 hora",
        FAIR,
        FAIR_BODY,
        "hace 4 horas",
        TRAIN,
        TRAIN_BODY,
        "hace 6 horas",
        OLIVE,
        OLIVE_BODY,
        "Aviso legal",
    )
    assert [a.title for a in articles] == [FAIR, TRAIN, OLIVE]


LIVE = "Floods in the Sallow valley: what we know"
LIVE_ENTRIES = (
    "Water is still rising at the Sallow weir, engineer Corwin Haske told us, and the river path "
    "between Orlet and Veskel is closed until the water drops below the warning mark again.",
    "The Orlet library has opened its reading room as a shelter for families from the lower streets, "
    "Tomas Wendle said, and volunteers from Veskel are bringing blankets and soup in the evening.",
    "Corwin Haske says the Sallow bridge is safe, but the council asks drivers to stay away from the "
    "valley road, where the water covers the tarmac near Veskel and Orlet for about a mile.",
    "Volunteers from Orlet and Veskel have filled two thousand sandbags since the morning, and the "
    "Sallow valley school will stay closed tomorrow, the council said in its latest notice.",
)


def test_a_live_blog_of_timestamped_entries_under_one_headline_stays_one_article() -> None:
    articles = _parse(
        "Brannick Courier",
        LIVE,
        "Thursday 5 March 2026 17:50",
        "17:45",
        LIVE_ENTRIES[0],
        "17:20",
        LIVE_ENTRIES[1],
        "16:55",
        LIVE_ENTRIES[2],
        "16:30",
        LIVE_ENTRIES[3],
    )
    assert [a.title for a in articles] == [LIVE]


def test_a_teaser_list_of_blurbs_cut_short_gives_no_extra_articles() -> None:
    articles = _parse(
        "Brannick Courier",
        LIVE,
        "Thursday 5 March 2026 17:50",
        *LIVE_ENTRIES,
        "More from the Courier",
        FERRY,
        "16:42",
        FERRY_BODY[:120] + "…",
        LIBRARY,
        "15:10",
        LIBRARY_BODY[:120] + "…",
        CHOIR,
        "12:05",
        CHOIR_BODY[:120] + "…",
    )
    assert [a.title for a in articles] == [LIVE]


def test_a_long_story_with_subheadings_naming_its_people_stays_one_article() -> None:
    sections = (
        "Harbour master Ysolde Fennick said the Quillholm gangway had been inspected twice since the storm, "
        "and that the Brannick crews had worked through three nights to weld the new hinges in place.",
        "Fennick said the Quillholm ferry crews will check the hinges every morning, and that the Brannick "
        "harbour board has asked for a second gangway to be kept in store for the next winter storms.",
        "The Brannick harbour board will meet Fennick and the Quillholm ferry crews next week to decide "
        "whether the spare gangway can be bought this year, or only after the summer timetable begins.",
    )
    articles = _parse(
        "Brannick Courier",
        FERRY,
        "Thursday 5 March 2026 16:42",
        FERRY_BODY,
        "How the Quillholm gangway was mended",
        sections[0],
        "Fennick checks the hinges every morning",
        sections[1],
        "Brannick harbour board to meet the crews",
        sections[2],
    )
    assert [a.title for a in articles] == [FERRY]


def test_briefs_whose_headlines_are_printed_after_their_paragraphs_are_one_article_each() -> None:
    articles = _parse(
        "Brannick Courier",
        "Around the valley",
        "16:42",
        FERRY_BODY,
        FERRY,
        "15:10",
        LIBRARY_BODY,
        LIBRARY,
        "12:05",
        CHOIR_BODY,
        CHOIR,
        "Contact the Courier",
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_unstamped_briefs_under_their_headline_index_with_headlines_after_them_are_one_article_each() -> None:
    articles = _parse(
        "Diario de Ortuzal",
        "Breves",
        FAIR,
        TRAIN,
        OLIVE,
        "Portada",
        FAIR_BODY,
        FAIR,
        TRAIN_BODY,
        TRAIN,
        OLIVE_BODY,
        OLIVE,
        "Aviso legal",
    )
    assert [a.title for a in articles] == [FAIR, TRAIN, OLIVE]


def test_a_story_with_a_subheading_over_each_few_paragraphs_stays_one_article_without_stamps() -> None:
    articles = _parse(
        "Diario de Ortuzal",
        "Tres pueblos de la comarca",
        "Tres pueblos de la comarca cambian su calendario de primavera",
        "Jueves 5 de marzo de 2026",
        FAIR_BODY,
        "Un tren que vuelve",
        TRAIN_BODY,
        "El aceite de este invierno",
        OLIVE_BODY,
    )
    assert len(articles) == 1


def test_briefs_with_a_byline_between_headline_and_stamp_are_one_article_each() -> None:
    articles = _parse(
        "Quendorfer Bote",
        "Region",
        MILL,
        "Von Hella Brunnert",
        "vor 2 Stunden",
        MILL_BODY,
        POOL,
        "Von Jorin Falkner",
        "vor 5 Stunden",
        POOL_BODY,
        "Kontakt",
    )
    assert [a.title for a in articles] == [MILL, POOL]


def test_teasers_under_a_related_heading_with_bracketed_cuts_give_no_extra_articles() -> None:
    articles = _parse(
        "Brannick Courier",
        LIVE,
        "Thursday 5 March 2026 17:50",
        *LIVE_ENTRIES,
        FERRY,
        "Thursday 5 March 2026",
        FERRY_BODY[:150] + " […]",
        "Read on",
        LIBRARY,
        "Wednesday 4 March 2026",
        LIBRARY_BODY[:150] + " […]",
        "Read on",
    )
    assert [a.title for a in articles] == [LIVE]


def test_local_briefs_naming_the_same_town_are_still_separate_stories() -> None:
    articles = _parse(
        "Marrowby Weekly",
        "Local news",
        "Marrowby swimming baths reopen after roof repairs",
        "Updated 11:20",
        "The swimming baths in Marrowby reopened on Thursday after the roof was mended over the winter, "
        "and the first swimmers were in the water by seven in the morning, before the doors had even "
        "opened to the public.",
        "Lane times stay as before.",
        "Marrowby allotment waiting list passes two hundred",
        "Updated 10:05",
        "More than two hundred people in Marrowby are now waiting for an allotment, the parish clerk said, "
        "after a spring in which only four plots changed hands on the Tollgate field, and the clerk "
        "asked owners of idle plots to give them up.",
        "Marrowby youth band invited to play in Oskerholm",
        "Updated 08:40",
        "The youth band of Marrowby has been invited to play at the harbour festival in Oskerholm this "
        "summer, and its thirty players are raising money for the ferry with a concert at the chapel "
        "on the last Sunday of the month.",
    )
    assert [a.title for a in articles] == [
        "Marrowby swimming baths reopen after roof repairs",
        "Marrowby allotment waiting list passes two hundred",
        "Marrowby youth band invited to play in Oskerholm",
    ]


def test_a_live_blog_beside_an_ordinary_story_is_one_article_with_all_its_entries() -> None:
    articles = _parse(
        "Brannick Courier",
        FERRY,
        "Thursday 5 March 2026 14:05",
        FERRY_BODY,
        LIBRARY_BODY,
        "Live: the Sallow valley choir festival",
        "17:45",
        "The first choir is on the stage in Drummoch and the hall is full, with Amrei Solvig and the "
        "Veskel singers waiting in the wings for their turn this evening.",
        "17:20",
        "Solvig tells us the Veskel choir will sing the closing piece of the contest again, and the "
        "Drummoch audience has already asked for an encore from the children's choir.",
        "16:55",
        "Tickets for the Drummoch festival sold out within the hour, the organisers said, and the "
        "Veskel choir's bus arrived just in time for the rehearsal on the main stage.",
    )
    assert [a.title for a in articles] == [FERRY, "Live: the Sallow valley choir festival"]
    assert "encore" in articles[1].body


def test_a_comment_thread_between_two_stamped_stories_does_not_join_them() -> None:
    articles = _parse(
        "Brannick Courier",
        FERRY,
        "14:05",
        FERRY_BODY,
        CHOIR_BODY,
        "Comments (2)",
        "Marla Quent",
        "2 hours ago",
        "About time too, my cousin waited a week on the Quillholm side for the crossing.",
        "Oskar Prell",
        "3 hours ago",
        "Who pays for the gangway in the end? The harbour board should tell us.",
        LIBRARY,
        "11:40",
        LIBRARY_BODY,
        BRIDGE_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY]
    assert [a.published_at for a in articles] == [None, None]  # a comment's "3 hours ago" is no day heading


def test_briefs_stamped_under_their_paragraphs_with_counters_between_are_one_article_each() -> None:
    articles = _parse(
        "Quendorfer Bote",
        "Kurz notiert",
        MILL,
        MILL_BODY,
        "vor 2 Stunden",
        "4 comments",
        "Teilen",
        POOL,
        POOL_BODY,
        "vor 5 Stunden",
        "12 comments",
        "Teilen",
        MARKET,
        MARKET_BODY,
        "vor 7 Stunden",
    )
    assert [a.title for a in articles] == [MILL, POOL, MARKET]


def test_a_caption_inside_a_brief_does_not_break_the_feed() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        FERRY,
        "2 hours ago",
        FERRY_BODY,
        "Photo: the Quillholm pier at dawn",
        "The first crossing carried forty passengers and a van of post for the island.",
        LIBRARY,
        "3 hours ago",
        LIBRARY_BODY,
        CHOIR,
        "5 hours ago",
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_a_live_blog_whose_entries_have_subheadings_naming_the_same_people_stays_one_article() -> None:
    articles = _parse(
        "Brannick Courier",
        LIVE,
        "Thursday 5 March 2026 17:50",
        "Haske says the Sallow weir is holding",
        "17:45",
        LIVE_ENTRIES[0] + " Corwin Haske will check the Orlet and Veskel gauges again tonight.",
        "Orlet and Veskel families sheltered by Haske's crews",
        "17:20",
        LIVE_ENTRIES[1] + " Corwin Haske said the Sallow crews would help them home in the morning.",
        "Sallow valley road stays closed near Veskel",
        "16:55",
        LIVE_ENTRIES[2] + " Tomas Wendle has kept the Orlet library open for the night as well.",
    )
    assert [a.title for a in articles] == [LIVE]


def test_briefs_whose_headlines_are_printed_again_as_captions_are_one_article_each() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        FERRY,
        "2 hours ago",
        FERRY_BODY,
        f"Photo: {FERRY}",
        LIBRARY,
        "3 hours ago",
        LIBRARY_BODY,
        f"Photo: {LIBRARY}",
        CHOIR,
        "5 hours ago",
        CHOIR_BODY,
        f"Photo: {CHOIR}",
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_briefs_stamped_with_a_byline_and_a_time_on_one_line_are_one_article_each() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        FERRY,
        "By Marla Quent, harbour reporter | Posted 2 hours ago",
        FERRY_BODY,
        LIBRARY,
        "By Oskar Prell, town reporter | Posted 3 hours ago",
        LIBRARY_BODY,
        CHOIR,
        "By Marla Quent, arts reporter | Posted 5 hours ago",
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def test_briefs_with_the_time_printed_on_the_headline_line_are_one_article_each() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        "Thursday 5 March 2026",
        f"16:42 {FERRY}",
        FERRY_BODY,
        f"15:10 {LIBRARY}",
        LIBRARY_BODY,
        f"12:05 {CHOIR}",
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]
    assert [a.published_at for a in articles] == ["2026-03-05T16:42", "2026-03-05T15:10", "2026-03-05T12:05"]


def test_briefs_with_a_standfirst_over_the_byline_and_stamp_are_one_article_each() -> None:
    articles = _parse(
        "Diario de Ortuzal",
        "Comarca",
        FAIR,
        "Los ganaderos vuelven al centro del pueblo después de cuatro años en las afueras de Ortuzal.",
        "Por Remedios Carvil",
        "hace 2 horas",
        FAIR_BODY,
        TRAIN,
        "Los vecinos de Sotillo reunieron dos mil firmas para recuperar la parada del tren regional.",
        "Por Anselmo Ruber",
        "hace 5 horas",
        TRAIN_BODY,
    )
    assert [a.title for a in articles] == [FAIR, TRAIN]


def test_briefs_with_a_kicker_between_the_stamp_and_the_headline_are_one_article_each() -> None:
    articles = _parse(
        "Brannick Courier",
        "Latest",
        "2 hours ago",
        "Harbour",
        FERRY,
        FERRY_BODY,
        "3 hours ago",
        "Town",
        LIBRARY,
        LIBRARY_BODY,
        "5 hours ago",
        "Culture",
        CHOIR,
        CHOIR_BODY,
    )
    assert [a.title for a in articles] == [FERRY, LIBRARY, CHOIR]


def _classified(*lines: str) -> _Page:
    return _classify(page_lines("\n\n".join(lines)))


def test_a_page_without_placed_stamps_or_a_headline_index_is_not_read_for_feeds() -> None:
    story = _classified("Brannick Courier", FERRY, "By Ysolde Fennick", FERRY_BODY, LIBRARY_BODY, "Share")
    assert not _could_hold_feed(story)
    assert _could_hold_feed(
        _classified(FERRY, "2 hours ago", FERRY_BODY, LIBRARY, "3 hours ago", LIBRARY_BODY)
    )
    assert _could_hold_feed(
        _classified(FAIR, TRAIN, OLIVE, "Portada", FAIR_BODY, FAIR, TRAIN_BODY, TRAIN, OLIVE_BODY, OLIVE)
    )
