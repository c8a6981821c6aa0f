"""Single-story pages stay one article, and that article is the story.

Small pages written here in made-up words, so what is pinned is the layout: a story told in short
lines (a calendar) over a reader's short comment, an undated comment thread ("Ann says:") under a
story, a list of dated headlines printed far below a story cut by an advert, an embedded post's box
printed again and again inside a story, teasers under an end-of-article heading.
"""

from __future__ import annotations

from newsflow.extraction.comments import introduced_thread_start, without_thread
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/one.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


MENU = ["Home", "Regions", "Sport", "Weather", "Contact"]

CALENDAR_HEAD = "Quellmoor rowing league calendar for the new season"
CALENDAR = [
    "1st league race: 9 March – on the basin",
    "2nd league race: 23 March – at the reach",
    "3rd league race: 6 April – below the weir",
    "4th league race: 20 April – on the basin",
    "5th league race: 4 May – at the old lock",
    "6th league race: 18 May – at the reach",
    "7th league race: 1 June – to be announced",
    "8th league race: 15 June – below the weir",
    "9th league race: 29 June – on the lake",
    "10th league race: 13 July – on the basin",
    "11th league race: 27 July – to be announced",
    "12th league race: 10 August – at the old lock",
    "* the season calendar may change at the rowing league's request",
]


def _calendar_page() -> str:
    return _page(
        "Riverside Post",
        "\n".join(MENU),
        CALENDAR_HEAD,
        "4 February 2025, 10:20",
        *CALENDAR,
        "Share this",
        "Comments",
        "Oldest first",
        "oar.enthusiast",
        "Glad to see the lake round back on the list, we missed it last year and the crowds "
        "there are always the best, especially when the weather holds for the evening races.",
        "Load more replies",
        "Permalink",
        "Sitemap | Corrections | Cookie settings",
    )


def test_a_story_in_short_lines_outweighs_a_comment_under_it() -> None:
    """A story told in short lines (a calendar) under its headline and dateline, with a reader's
    one-paragraph comment below: the page's largest prose is the comment, but the story is the
    article, and the only one."""
    articles = _parse(_calendar_page())
    assert len(articles) == 1
    assert "5th league race: 4 May" in articles[0].body
    assert "missed it last year" not in articles[0].body


HALL = [
    "The old drill hall in Pennick will open as a climbing centre in the spring, after the town "
    "council agreed on Tuesday to lease it to a group of local climbers for twenty years.",
    "The climbers, led by carpenter Wenna Crowle, plan to fit walls up to twelve metres high inside "
    "the hall, whose roof was repaired last year with money from a heritage fund.",
    "Crowle said the centre would offer cheap sessions for Pennick schools and hoped to train "
    "instructors from the town, so that young people would not have to travel to the city to climb.",
    "The council will keep the small front room of the hall for public meetings, and the climbers "
    "will pay a rent that rises once the centre has more than two hundred members.",
]


def _thread_page() -> str:
    return _page(
        "Pennick drill hall to become a climbing centre - Pennick Weekly",
        "\n".join(MENU),
        "Pennick drill hall to become a climbing centre",
        "By Tamsin Roskilly",
        "12.03.2024, 17:45",
        *HALL,
        "Comments (2)",
        "Jory Pascoe says:",
        "Finally something for the teenagers in this town. My son has been driving to the city "
        "twice a week to climb.",
        "Morwen Tregear says:",
        "I hope the rent covers the heating, that hall was always freezing when we had the craft fair in it.",
        "Leave a comment",
        "Imprint | Privacy",
    )


def test_an_undated_thread_of_introduced_comments_is_cut_off() -> None:
    """Comments each under a line naming its author and closing on one same word with a colon
    ("Ann says:"), with no stamp, are a thread: the article ends before it."""
    articles = _parse(_thread_page())
    assert len(articles) == 1
    assert "more than two hundred members" in articles[0].body
    assert "teenagers in this town" not in articles[0].body
    assert "freezing" not in articles[0].body


def test_quotes_introduced_inside_a_story_are_no_thread() -> None:
    """Two people quoted in a story under "X says:" lines, with the story's own paragraphs between
    the quotes: no thread, nothing is cut."""
    lines = page_lines(
        _page(
            "Pennick drill hall to become a climbing centre",
            HALL[0],
            HALL[1],
            "Wenna Crowle says:",
            "We have waited for this hall for years and we will open the doors on the first warm day.",
            HALL[2],
            HALL[3],
            "Councillor Bryok says:",
            "The town keeps its meeting room and gains a place for its young people to go.",
            "Imprint | Privacy",
        )
    )
    assert introduced_thread_start(lines) is None
    assert without_thread(lines) == lines


def test_an_interview_naming_each_speaker_is_no_thread() -> None:
    """An interview prints each speaker's own name with a colon ("Ann Lee:"): no shared word after
    the names, so no thread."""
    lines = page_lines(
        _page(
            HALL[0],
            HALL[1],
            "Wenna Crowle:",
            "We have waited for this hall for years and we will open the doors on the first warm day.",
            "Jory Pascoe:",
            "And the schools will come on weekday mornings, when the walls are otherwise empty.",
        )
    )
    assert introduced_thread_start(lines) is None


EMBED_BOX = [
    "Eingebetteter Inhalt",
    "An dieser Stelle steht ein Beitrag aus einem sozialen Netzwerk, der den Text ergänzt. Ein Klick "
    "lädt ihn nach.",
    "Ich bin einverstanden, dass mir eingebettete Beiträge gezeigt werden. Dabei können Daten an "
    "fremde Plattformen gehen.",
]

CLAY_HEAD = "Tonflaschen statt Glas: Die Brauerei Felber füllt ihr Bier wieder in Ton"
CLAY_OPEN = [
    "Die kleine Brauerei Felber aus dem Mühlbachtal hat im Frühjahr ihre gesamte Abfüllung auf "
    "Tonflaschen umgestellt, wie sie vor hundert Jahren in den Dörfern des Tals üblich waren. "
    "Braumeister Anton Felber sagt, der Schritt sei lange geplant gewesen und habe mit einem Fund "
    "im Keller seines Großvaters begonnen, wo noch zwei Kisten der alten Flaschen standen.",
    "Die ersten neuen Flaschen kamen aus einer Töpferei im Nachbardorf Kettenried, die dafür zwei "
    "Brennöfen gebaut hat. Inzwischen liefert sie jede Woche mehrere tausend Stück an die Brauerei, "
    "und Felber fährt jeden Freitag selbst hinüber, um die Ware abzuholen und mit der Töpferin "
    "Irma Sandhofer die nächste Lieferung zu besprechen.",
]
CLAY_SUBHEAD = "Kühler Keller im Krug: warum Ton die Kälte hält"
CLAY_SECTION = [
    "Ton hält die Kälte länger als Glas, weil die Wände der Krüge dicker sind und das Material "
    "die Wärme nur langsam aufnimmt. Wer einen Krug aus dem Keller holt, hat an einem warmen "
    "Nachmittag eine gute Stunde länger kühles Bier, so die Erfahrung der Wirte im Tal, die seit "
    "dem Frühjahr die Krüge auf ihre Tische stellen.",
    "Ein Labor der Hochschule Brückenau hat die Kälte im Krug gemessen: Nach zwei Stunden im "
    "Schatten lag das Bier im Ton drei Grad unter dem im Glas. Die Forscherin Dagmar Olk sagt, der "
    "Keller wirke gleichsam im Krug weiter, solange die Wände feucht bleiben und die Sonne den "
    "Ton nicht direkt trifft.",
]
CLAY_MIDDLE = [
    "Nicht alle sind überzeugt. Getränkehändler Rudolf Baumer sagt, die Krüge seien fast doppelt so "
    "schwer wie Glas, und seine Fahrer müssten jetzt öfter fahren, um die gleiche Menge Bier in die "
    "Gasthäuser zu bringen. Felber hält dagegen, dass die Krüge viel länger halten und bis zu "
    "fünfzigmal wieder befüllt werden, bevor sie in die Töpferei zurückgehen.",
]
CLAY_CLOSE = [
    "Die Umstellung hat die Brauerei nach eigenen Angaben rund zweihunderttausend Euro gekostet. "
    "Felber rechnet damit, dass sich das in sechs Jahren auszahlt, weil weniger Flaschen verloren "
    "gehen als früher beim Glas und die Wirte für das Bier im Krug einen kleinen Aufpreis zahlen.",
    "Ob andere Brauereien folgen, ist offen. Zwei Betriebe aus dem Nachbartal haben schon gefragt, "
    "wie viele Krüge die Töpferei liefern könne und wie lange die Brennöfen dafür bräuchten.",
]


def _embed_page() -> str:
    return _page(
        "Handwerk heute – Magazin",
        "\n".join(MENU),
        CLAY_HEAD,
        "Greta Lindholm 14.5.2024",
        "Die Brauerei im Mühlbachtal setzt auf ein altes Material. Nicht alle sind begeistert",
        "Link kopieren",
        *CLAY_OPEN,
        *EMBED_BOX,
        CLAY_SUBHEAD,
        *CLAY_SECTION,
        *EMBED_BOX,
        *CLAY_MIDDLE,
        *EMBED_BOX,
        *CLAY_CLOSE,
        "Link kopieren",
        "Alle Beiträge von Greta Lindholm",
    )


def test_a_story_cut_by_an_embeds_box_printed_again_and_again_stays_one() -> None:
    """An embedded post's box (a notice and a consent line) printed three times inside a story,
    each time right under a paragraph and once right over one: the story reads on past it, and a
    subheading after the first print heads no story of its own."""
    articles = _parse(_embed_page())
    assert len(articles) == 1
    body = articles[0].body
    assert "im Keller seines Großvaters" in body
    assert "drei Grad unter dem im Glas" in body
    assert "wie lange die Brennöfen dafür bräuchten" in body


LOCK_HEAD = "Canal lock at Wethercombe reopens after a year of repairs"
LOCK = [
    "The canal lock at Wethercombe reopened to boats on Friday morning, a year after a burst gate "
    "drained the pound above it and left a dozen narrowboats stranded on the mud for a week.",
    "Lock keeper Hollis Brandreth opened the new oak gates himself, and the first boat through was "
    "a hire boat crewed by a family from Pellworth who had waited two days at the moorings.",
    "The canal trust said the new gates were made from oak grown on its own land near Ashcombe "
    "and should last at least forty years if they are painted every spring.",
    "Repairs cost the trust just under a million pounds, much of it raised by boaters and walkers "
    "who use the towpath, and a plaque by the lock now lists the names of the largest donors.",
]
LOCK_AFTER = [
    "Brandreth said traffic through Wethercombe would be heavy for the rest of the summer, since "
    "boats that had turned back last year were now making the journey north again.",
    "The trust asked boaters to allow extra time at the lock on weekends and to follow the "
    "keeper's directions while the new gates settle into their frames.",
    "Walkers will find the towpath open again too, and the café by the lock, which closed when the "
    "boats stopped coming, plans to reopen its doors at the start of next month.",
    "Trust engineers will inspect the gates again in the autumn, when the water level is lowered "
    "for the winter maintenance that every lock on the canal receives each year.",
]


def _dated_list_page() -> str:
    return _page(
        "Your privacy choices",
        "We use cookies to store and read information on your device.",
        "I agree",
        "Valley Herald",
        "\n".join(MENU),
        LOCK_HEAD,
        "Story by Edda Pellow",
        "Posted on 6 June 2025, 09:12",
        *LOCK,
        "Advertisement",
        *LOCK_AFTER,
        "Today's best deals",
        "Fieldfare folding bicycle",
        "In stock",
        "See it at Hollowmart",
        "Rated 4.2 out of 5",
        "Lumen camping lantern",
        "Pros: bright, light, cheap",
        "Cons: short battery life",
        "Save 30%",
        "Wren 10-cup coffee maker",
        "Check price",
        "Tarn insulated flask",
        "Rated 4.6 out of 5",
        "Shop now",
        "Today's highlights",
        "Bakery on Mill Lane wins the county bread prize",
        "4 June 2025, 08:30",
        "School choir to sing at the harbour festival",
        "2 June 2025, 17:05",
        "Bus timetable changes for the summer holidays",
        "30 May 2025, 11:40",
        "Privacy Policy | Terms",
    )


def test_a_list_of_dated_headlines_far_below_a_piece_is_not_its_headline() -> None:
    """A story cut in two by an advert, the second piece followed by a products box and then a list
    of dated headlines: the list's first headline is not the piece's headline printed after it, so
    the piece is more of the story and the page has one article."""
    articles = _parse(_dated_list_page())
    assert len(articles) == 1
    assert articles[0].title == LOCK_HEAD
    assert "winter maintenance" in articles[0].body


LAMP_HEAD = "The last lamplighter of Corrow Street"
LAMP = [
    "Every evening at dusk, Bertram Oakes leaves his flat above the bakery on Corrow Street, takes "
    "his long brass pole from its hook behind the door and walks down the hill to the first of the "
    "street's thirty-one gas lamps.",
    "The city replaced almost all of its gas lamps with electric ones long ago, but Corrow Street "
    "was forgotten in the plans, and its residents fought to keep the lamps when the council finally "
    "remembered them.",
    "Oakes took over the round from his uncle forty years ago. He lights the lamps in the evening "
    "and puts them out again at dawn, and he says he has missed only nine nights, most of them "
    "because of snow.",
    "He is seventy-three now, and the council has started looking for someone to take over. So far, "
    "Oakes says with a smile, nobody has applied who can walk the hill twice a day without "
    "complaining.",
]


def _more_from_page() -> str:
    return _page(
        "City Weekly",
        "\n".join(MENU),
        "FEATURES",
        LAMP_HEAD,
        "Words by Imogen Ferrers",
        "Saturday 2 August 2025",
        *LAMP,
        "More from Features",
        "The bakers who never sleep on Pudding Lane",
        "Inside the night shift at the city's oldest bakery, where the ovens have not gone cold "
        "in a century.",
        "A river swim at six in the morning",
        "The swimmers who break the ice on the river every winter say it is the best start to a day.",
        "City Weekly, 4 Market Row",
        "Contact",
    )


def test_teasers_under_an_end_heading_are_not_the_story_going_on() -> None:
    """Under an end-of-article heading ("More from ..."), teasers in a row, each a headline over a
    one-line blurb: a list of other stories, not the body going on past a link box."""
    articles = _parse(_more_from_page())
    assert len(articles) == 1
    assert "twice a day without complaining" in articles[0].body
    assert "night shift" not in articles[0].body
    assert "break the ice" not in articles[0].body
