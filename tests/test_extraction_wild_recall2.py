"""Recall on real pages, second round: a story's own list stays in the story.

Small pages written here in made-up words, so what is pinned is the layout: a list of short items
(ingredients, specs) printed under a photo credit and right over the paragraph that uses them, while a
list of teasers over a story, sharing none of its words, stays out.
"""

from __future__ import annotations

from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

MENU = ["Startseite", "Leben", "Reisen", "Kultur", "Garten", "Kontakt"]

DRINK = "Der Brombeer-Fizz: so gelingt der Sommerdrink aus Quernach"
DRINK_OPENING = "«Weißt du noch, wie der Fizz in der Hafenbar hieß?» Das fragte mich Jonna letzte Woche."
DRINK_LEAD = "So geht er:"
CREDIT = "Foto: Lenka Vogt / Bildwerk"
INGREDIENTS = [
    "6 frische Brombeeren",
    "2 cl Holundersirup",
    "4 cl Wacholdergeist",
    "1 Spritzer Limettensaft",
    "etwas Sodawasser",
]
DRINK_METHOD = [
    "Die Brombeeren im Glas mit dem Holundersirup zerdrücken, dann Wacholdergeist und Limettensaft "
    "dazugeben und mit Eis kräftig rühren. Zum Schluss mit Sodawasser auffüllen und sofort servieren.",
    "Wer es weniger süß mag, nimmt nur einen Zentiliter Holundersirup und dafür ein paar Brombeeren "
    "mehr, die Farbe wird dann sogar noch dunkler und der Drink schmeckt frischer.",
    "In der Hafenbar von Quernach wird der Fizz übrigens in einem hohen Glas mit einem Zweig Minze "
    "serviert, was zuhause genauso gut aussieht und kaum Arbeit macht.",
]

TEASERS = [
    "Neue Fähre nach Tillow",
    "Wetter am Wochenende",
    "Stadtrat streitet um Parkplätze",
    "Marktplatz wird neu gepflastert",
    "Konzert im Schlosspark",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/wild.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _lines(*lines: str) -> str:
    return "\n".join(lines)


def test_a_list_of_the_storys_items_under_a_photo_between_its_paragraphs_is_kept() -> None:
    body = _page(
        f"{DRINK} - Heideblatt",
        *MENU,
        DRINK,
        "4. Juni 2022 von Ilse Brommer",
        DRINK_OPENING,
        DRINK_LEAD,
        CREDIT,
        _lines(*INGREDIENTS),
        *DRINK_METHOD,
        "Impressum",
        "Datenschutz",
    )
    articles = _parse(body)
    assert len(articles) == 1
    text = articles[0].body
    for line in (DRINK_OPENING, *INGREDIENTS, *DRINK_METHOD):
        assert line in text


def test_a_list_of_teasers_under_a_photo_between_a_storys_paragraphs_stays_out() -> None:
    body = _page(
        f"{DRINK} - Heideblatt",
        *MENU,
        DRINK,
        "4. Juni 2022 von Ilse Brommer",
        DRINK_OPENING,
        DRINK_LEAD,
        CREDIT,
        _lines(*TEASERS),
        *DRINK_METHOD,
        "Impressum",
        "Datenschutz",
    )
    articles = _parse(body)
    assert len(articles) == 1
    text = articles[0].body
    for line in DRINK_METHOD:
        assert line in text
    for teaser in TEASERS:
        assert teaser not in text
