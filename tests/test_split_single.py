"""Single-article pages: the story's own block is the article, and what follows its end is not.

Small pages written here, in made-up words and in several languages' shapes (a German and a
Spanish body), so what is pinned is the layout: a story, then a heading over a list of other
headlines, a comment form, a footer, none of them in any list of phrases the code knows.
"""

from __future__ import annotations

from collections import Counter

from newsflow.extraction.articles import _evidence, _Prints, _without_guessed_boxes
from newsflow.extraction.lines import Line, normalize
from newsflow.extraction.parse import parse_document
from newsflow.extraction.segments import Segment
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

KELTER = "Kelterei in Morwangen eröffnet neue Presse nach zwei Jahren Bauzeit"
KELTER_BODY = [
    "Die Kelterei Harbsacker in Morwangen hat am Samstag ihre neue Obstpresse eröffnet, nachdem die "
    "Arbeiten an der Halle fast zwei Jahre gedauert hatten und der alte Bau abgerissen werden musste.",
    "Betriebsleiterin Grete Ulmschneider sagte, die Presse schaffe in einer Stunde doppelt so viele "
    "Äpfel wie die alte Anlage, und die Bauern aus Tiefenbrunn müssten nicht mehr so lange warten.",
    "Der Gemeinderat von Morwangen hatte den Bau mit einem Zuschuss unterstützt, weil die Kelterei "
    "im Herbst fast allen Höfen des Tals ihren Saft abnimmt und im Ort viele Leute beschäftigt.",
    "Im nächsten Jahr will Harbsacker auch eine kleine Abfüllung für Schorle einrichten, die dann "
    "an die Gasthäuser zwischen Morwangen und Tiefenbrunn geliefert werden soll.",
]
FARO = "El faro de Punta Velcra vuelve a encenderse tras la reforma"
FARO_BODY = [
    "El viejo faro de Punta Velcra volvió a encenderse el jueves por la noche, después de que los "
    "técnicos del puerto de Almendral terminaran de cambiar la lámpara y reparar la escalera.",
    "La alcaldesa de Almendral, Rocío Taberner, dijo que los pescadores llevaban meses pidiendo la "
    "obra, porque sin la luz del faro la entrada a la bahía era peligrosa en las noches de niebla.",
    "El ayuntamiento pagó la reforma con fondos de la diputación y con una colecta de la cofradía "
    "de pescadores, que también quiere abrir una pequeña sala de visitas en la base de la torre.",
    "Los vecinos de Punta Velcra podrán subir al faro los domingos de verano, según el plan que "
    "el puerto presentará en la próxima reunión del consejo municipal.",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/single.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_heading_over_a_list_of_other_headlines_after_the_story_is_cut_whatever_its_words() -> None:
    body = _page(
        KELTER,
        "12.03.2021, 09:15",
        *KELTER_BODY,
        "Das wollten Sie noch wissen",  # a heading no list of phrases knows
        "Brummelhof stellt auf Biosaft um",
        "Neuer Radweg zwischen Quernach und Sulzfeld",
        "Schäfer aus dem Lautertal gibt nach vierzig Jahren auf",
        "Fällt das Tiefenbrunner Fest in diesem Jahr wegen Regen aus?",
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n") == KELTER_BODY


def test_a_comment_form_after_the_story_is_cut() -> None:
    body = _page(
        FARO,
        "3 de marzo de 2021",
        *FARO_BODY,
        "Deja tu quiblo",
        "Nombre",
        "Correo *",
        "Sitio",
        "Tu dirección de correo no será publicada en ningún sitio del vecindario.",
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n") == FARO_BODY


def test_a_list_the_story_introduces_with_a_colon_stays_in_the_body() -> None:
    intro = "Die Kelterei nimmt in diesem Herbst diese Sorten aus den Gärten von Morwangen an:"
    items = [
        "Roter Boskoop von den Hängen oberhalb der alten Mühle",
        "Gelber Tiefenbrunner aus den Gärten am Bach",
        "Morwanger Renette von den Streuobstwiesen im Tal",
        "Graue Harbsbirne aus dem Garten der Kelterei",
    ]
    body = _page(KELTER, "12.03.2021, 09:15", *KELTER_BODY, intro, *items, "© 2021 Quaxel")
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n")[-5:] == [intro, *items]


def test_a_list_of_the_storys_own_names_after_it_stays_in_the_body() -> None:
    items = [
        "Faro de Punta Velcra: lámpara nueva, escalera reparada",
        "Puerto de Almendral: técnicos de la reforma del faro",
        "Cofradía de pescadores: colecta para la reforma",
        "Diputación: fondos para la reforma del faro",
    ]
    body = _page(FARO, "3 de marzo de 2021", *FARO_BODY, *items, "© 2021 Quaxel")
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n")[-4:] == items


def test_short_lines_between_paragraphs_with_more_story_after_them_stay_in_the_body() -> None:
    steps = ["Äpfel waschen", "Äpfel mahlen", "Maische pressen", "Saft abfüllen"]
    body = _page(KELTER, "12.03.2021, 09:15", *KELTER_BODY[:2], *steps, *KELTER_BODY[2:])
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n") == [*KELTER_BODY[:2], *steps, *KELTER_BODY[2:]]


HOFLADEN = "Hofladen Sulzbrunn verkauft jetzt Quittengelee aus dem Lautertal"
HOFLADEN_BODY = [
    "Der Hofladen Sulzbrunn am Ortsrand verkauft seit dieser Woche Quittengelee aus dem Lautertal, das die "
    "Familie Brämisch in ihrer kleinen Küche hinter dem Laden selbst einkocht und in Gläser füllt.",
    "Im Hofladen gibt es außerdem Quittenbrot, getrocknete Birnen und im Winter auch Glühmost, den die "
    "Brämischs nach einem alten Rezept aus dem Lautertal mit Zimt und Nelken ansetzen.",
    "Geöffnet ist der Hofladen Sulzbrunn dienstags bis samstags, und wer mehr als zehn Gläser Quittengelee "
    "bestellt, bekommt sie bis nach Hause gebracht, solange der Vorrat aus dem Lautertal reicht.",
    "Die Familie Brämisch plant für den Sommer einen kleinen Garten mit Bänken neben dem Hofladen, in dem "
    "Gäste Quittengelee auf frischem Brot probieren können, bevor sie ein Glas kaufen.",
]


def _story_and_box(page_title: str) -> str:
    """A story and, below it, a boxed teaser with a headline of its own printed twice and a dateline."""
    return _page(
        page_title,
        "Quibbel Zarm Blorp",
        HOFLADEN,
        KELTER,
        "12.03.2021, 09:15",
        *KELTER_BODY,
        "Quibbel Zarm",
        HOFLADEN,
        "11.03.2021, 14:00",
        *HOFLADEN_BODY,
        "© 2021 Quaxel",
    )


def test_on_a_storys_own_page_a_box_with_a_headline_and_dateline_of_its_own_is_not_an_article() -> None:
    articles = _parse(_story_and_box(f"{KELTER} | Morwanger Bote"))
    assert [a.title for a in articles] == [KELTER]
    assert articles[0].body.split("\n\n") == KELTER_BODY


def test_the_page_title_may_print_the_headline_words_in_another_order() -> None:
    articles = _parse(
        _story_and_box("Morwangen: Kelterei eröffnet neue Presse nach zwei Jahren Bauzeit – Bote")
    )
    assert [a.title for a in articles] == [KELTER]


def test_a_page_whose_title_names_no_story_keeps_both_stories() -> None:
    articles = _parse(_story_and_box("Morwanger Bote | Startseite"))
    assert [a.title for a in articles] == [KELTER, HOFLADEN]


def test_letters_of_a_page_are_counted_alike_in_every_script() -> None:
    """The no-prose check counts letters on the page's bytes (ASCII) and by pattern (the rest): the
    count is the pattern's own, whatever the script, digits, underscores or stray surrogates."""
    import re

    from newsflow.splitter.binary import _letters

    samples = [
        "Plain words_and 42 digits, then Ümlaut-Wörter und ñandú – “quoted” — 東京で 三 個 ١٢٣ done.",
        "",
        "1234 ___ !!!",
        "Zorvel \udcff halb\ud800 ßtraße",
        "é" * 3 + "x" * 5 + "\x00\x7f\x80\x9f",
    ]
    for text in samples:
        assert _letters(text) == len(re.sub(r"[\W\d_]+", "", text)), text


def _segment_of(lines: list[str], start: int, *, strong: bool, dated: bool) -> Segment:
    """A segment over hand-written lines numbered from ``start``: its headline, then (if dated) a
    dateline, then its body."""
    numbered = [Line(start + k, text, normalize(text)) for k, text in enumerate(lines)]
    title, rest = numbered[0], numbered[1:]
    dateline = rest.pop(0) if dated else None
    return Segment(body=rest, title=title, title_text=title.text, dateline=dateline, strong=strong)


def test_a_prose_box_under_a_guessed_headline_beside_the_story_is_not_an_article() -> None:
    """A block of prose under a line that is only guessed to be its headline (not printed as
    one), with no dateline and only middling evidence, beside a dated story: a box (a bio, a
    notice), not an article. Dated, or under a headline the page prints, it stays."""
    story = _segment_of([KELTER, "12.03.2021, 09:15", *KELTER_BODY], 1, strong=True, dated=True)
    box_lines = [HOFLADEN, *HOFLADEN_BODY[:2]]
    prints = _Prints(counts=Counter(), captioned=frozenset())
    guessed = _segment_of(box_lines, 20, strong=False, dated=False)
    assert 4 <= _evidence(guessed, prints) < 6  # enough for a headed story, not for a guessed one
    assert _without_guessed_boxes([story, guessed], prints) == [story]
    headed = _segment_of(box_lines, 20, strong=True, dated=False)
    assert _without_guessed_boxes([story, headed], prints) == [story, headed]
    dated = _segment_of([HOFLADEN, "11.03.2021, 14:00", *HOFLADEN_BODY[:2]], 20, strong=False, dated=True)
    assert _without_guessed_boxes([story, dated], prints) == [story, dated]
