"""Recall on real pages: text that belongs to the story stays in it.

Small pages written here in made-up words (German and English shapes), so what is pinned is the
layout: a body cut by an embed's placeholder printed at each embed, a one-line opening printed
between the headline and the first paragraph, none of them in any list of phrases the code knows.
"""

from __future__ import annotations

import unicodedata

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

MENU = ["Startseite", "Leben", "Reisen", "Kultur", "Garten", "Kontakt"]

MOOR = "Im Moor von Quernach blühen wieder die Wollgräser"
MOOR_FIRST = [
    "Wer im Frühsommer durch das Moor von Quernach geht, sieht wieder weiße Flocken über dem Wasser "
    "stehen, denn die Wollgräser haben sich nach dem Aufstauen der Gräben gut erholt.",
    "Die Ranger des Vereins Torfgrund erzählen, dass vor zehn Jahren kaum noch eine Pflanze zu finden "
    "war, weil das Moor im Sommer fast ganz austrocknete und die Birken alles überwucherten.",
]
MOOR_SECOND = [
    "Seit die Gräben gestaut sind, bleibt das Wasser auch im August im Moor, und mit ihm kamen die "
    "Libellen, die Moorfrösche und zuletzt sogar ein Paar Kraniche zurück nach Quernach.",
    "Der Verein Torfgrund bietet jeden Samstag eine Führung über die Stege an, bei der die Ranger "
    "zeigen, wo die Wollgräser am dichtesten stehen und wie das Wasser im Moor gehalten wird.",
]
MOOR_THIRD = [
    "Im Herbst wollen die Helfer des Vereins weitere Birken schneiden, damit das Licht wieder bis zum "
    "Boden kommt und die Torfmoose im Moor von Quernach weiter wachsen können.",
]
PLACEHOLDER = "Diesen Beitrag auf Flimmerbild ansehen"  # an embed's notice, printed at each embed


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/wild.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_body_cut_by_a_placeholder_printed_at_each_embed_stays_one_body() -> None:
    body = _page(
        f"{MOOR} - Heideblatt",
        *MENU,
        MOOR,
        "4. Juni 2022 von Ilse Brommer in Leben",
        *MOOR_FIRST,
        PLACEHOLDER,
        "Ein Beitrag geteilt von Torfgrund (@torfgrund)",
        "Wasser im Sommer",
        *MOOR_SECOND,
        PLACEHOLDER,
        "Ein Beitrag geteilt von Quernacher Stege (@stege)",
        "Pläne für den Herbst",
        *MOOR_THIRD,
        "Ilse sagt:",
        "5. Juni 2022 um 10:12",
        "Schön, dass die Kraniche wieder da sind, wir waren letzte Woche auf den Stegen unterwegs.",
    )
    articles = _parse(body)
    assert len(articles) == 1
    text = articles[0].body
    for paragraph in (*MOOR_FIRST, *MOOR_SECOND, *MOOR_THIRD):
        assert paragraph in text


ROBOT = "How the harbour robots of Tillow learned to sort crates"
ROBOT_OPENING = "It started with a broken crane."
ROBOT_BODY = [
    "When the old crane at the Tillow harbour broke down in March, the dock workers had to find a way "
    "to keep the crates moving, and the port office borrowed two small robots from the college.",
    "The robots were slow at first, but within a week they had learned to read the painted marks on "
    "each crate and to carry the fish crates to the cold store before the lorries came at noon.",
    "Now the harbour master wants to keep them, and the college students are writing new programs so "
    "the robots can also stack the empty crates on the quay at the end of each day.",
]


def test_a_one_line_opening_between_the_headline_and_the_first_paragraph_is_the_body() -> None:
    body = _page(
        f"{ROBOT} | Quayside",
        "Home",
        "News",
        "Tips",
        "Reports",
        ROBOT,
        "by Desk",  # a short menu-shaped byline: the body's run starts at the headline
        ROBOT_OPENING,
        *ROBOT_BODY,
        "Share",
    )
    articles = _parse(body)
    assert len(articles) == 1
    paragraphs = articles[0].body.split("\n\n")
    assert paragraphs[0] == ROBOT_OPENING
    assert paragraphs[1:] == ROBOT_BODY


KAMMER = "Folge 41 – Warum die Kammerspiele im Keller bleiben"
KAMMER_BODY = [
    "Diesmal reden wir über die Kammerspiele von Brunnwald, die nach dem Wasserschaden im Frühjahr "
    "noch immer im Keller der alten Schule spielen, und über die Frage, ob sie je zurückkehren.",
    "Liebe Grüße vom Team",
    "Hier gibt es die Folge zum Nachhören, wie immer mit allen Links zu den Stücken des Abends.",
]
NOTICE = [
    "Diese Seite merkt sich in deinem Browser, welche Folgen du schon gehört hast, und zählt ohne "
    "Namen, wie oft jede Seite aufgerufen wird, damit das Team sieht, welche Themen gefragt sind.",
    "Das lässt sich jederzeit unten in den Einstellungen abschalten; solange du dort nichts änderst, "
    "bleibt alles, wie es ist, und über diese zwei Dinge hinaus wird nichts gespeichert.",
]


def test_a_notice_larger_than_the_story_under_the_page_headline_does_not_replace_it() -> None:
    body = _page(
        f"{KAMMER} |",
        "Startseite",
        "Wir",
        "Impressum",
        KAMMER,
        "Posted on 3. Mai 2021 by Lenz",
        *KAMMER_BODY,
        "Mara sagt:",
        "4. Mai 2021 um 09:10",
        "Tolle Folge, danke euch!",
        "Antworten",
        "Kommentar verfassen",
        "Name",
        "E-Mail",
        "Website",
        "Unsere Lieblingsläden",
        "Lenz im Plattenregal",
        "© Kellerfunk 2021",
        *NOTICE,
        "Ausblenden",
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].title == KAMMER
    assert KAMMER_BODY[0] in articles[0].body
    assert NOTICE[0] not in articles[0].body


NOTE = "Neue Karten für den Wanderweg am Quellbach"
NOTE_BODY = "Die neuen Karten für den Wanderweg sind nun im Rathaus zu haben, für alle Gäste kostenlos."


def test_a_news_item_of_a_few_lines_under_its_headline_and_dateline_is_an_article() -> None:
    body = _page(
        f"{NOTE} - Gemeindeblatt",
        "Gemeindeblatt News",
        NOTE,
        "12. Mai 2004, 18:30 | Redaktion",
        NOTE_BODY,
        "Bis bald",
        "Deine Meinung",
        "Dein Name",
        "Dein Text",
        *MENU,
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].title == NOTE
    assert NOTE_BODY in articles[0].body


def test_letters_stored_decomposed_come_out_composed() -> None:
    composed = [
        "Die Brücke über den Mühlbach in Göttenau wird im Frühjahr für drei Wochen gesperrt, weil "
        "die Träger des alten Übergangs ausgetauscht werden müssen und der Kran Platz braucht.",
        "Fußgänger können während der Arbeiten über den Steg an der Sägemühle ausweichen, sagte die "
        "Bürgermeisterin, und für Radfahrer wird eine Umleitung über die Lindenstraße ausgeschildert.",
    ]
    decomposed = [unicodedata.normalize("NFD", p) for p in composed]
    assert decomposed != composed  # the page stores each umlaut as a letter and a combining mark
    body = _page(
        "Brücke über den Mühlbach wird gesperrt",
        "14.02.2021",
        *decomposed,
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].body.split("\n\n") == composed
