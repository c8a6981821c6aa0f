"""Datelines to ISO 8601: dates as a person reads them on a news page.

A fast path of hand-written patterns reads the shapes sites print (ISO dates,
"17 Feb 2025", "Feb. 17, 2025", "17.02.2025", "02/17/25", 12- and 24-hour
clocks with ":", "." or "h", weekday names, zones by name or offset, relative
times such as "3 hours ago" against the page's fetch time). ``dateparser``
reads what the fast path rejects, but only for short lines that bear a date
(it costs a millisecond a call and reads a headline's "2020" as a date).

A line is a dateline by its shape: short, and dominated by a date or a time;
the words around it ("Updated", "Stand:", "Reuters") are not looked up in a
list, only counted, and a few short fields may stand beside the date ("Ann Lee
· The Courier · 8 Feb 2019"). Several unlabelled dates on one line make a list
or a range, and a date without a year a comment's stamp, not a dateline. A
dateline's published and updated times stay apart: it is cut at the words that
label them, in either order, and a bare clock after an update word borrows the
date ("2025-02-17 10:29 Last Updated At:11:07").

An ambiguous numeric date ("03/04/2025") is read by, in order: a weekday
printed with it, the fetch time (a page cannot be published after it was
fetched), the order the page's other dates force, the site's country, the
line's 12-hour clock (the US habit), and day first otherwise, as most of the
world prints dates. :func:`date_reading` says which reading was taken and why.
A zone printed on the page is kept as an offset; without one the time stays
local (no offset).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Literal
from urllib.parse import urlsplit

import dateparser

from newsflow.extraction.lines import memo_short
from newsflow.shared.contracts import DateOrderBasis


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH_NAMES = (
    "jan january janv janvier januar jänner enero ene gennaio gen janeiro januari",
    "feb february févr fév fevr fevrier février februar febrero febbraio fevereiro fev februari",
    "mar march mars märz mär mrz marzo março maart mrt",
    "apr april avr avril abril abr aprile",
    "may mai mayo maggio mag maio mei",
    "jun june juin juni junio giugno giu junho",
    "jul july juil juillet juli julio luglio lug julho",
    "aug august août aout agosto ago augustus augusti",
    "sep sept september septembre septiembre setiembre settembre setembro set",
    "oct october octobre oktober okt octubre ottobre ott outubro",
    "nov november novembre noviembre novembro",
    "dec december déc décembre decembre dezember dez diciembre dic dicembre dezembro desember",
)
"""Month names and their usual abbreviations in English, French, German, Spanish, Italian, Portuguese,
Dutch and the Scandinavian languages: the calendar itself, not phrases of any site."""
_SLAVIC_MONTH_NAMES = (
    "stycznia styczeń января январь",
    "lutego luty февраля февраль",
    "marca marzec марта март",
    "kwietnia kwiecień апреля апрель",
    "maja maj мая май",
    "czerwca czerwiec июня июнь",
    "lipca lipiec июля июль",
    "sierpnia sierpień августа август",
    "września wrzesień сентября сентябрь",
    "października październik октября октябрь",
    "listopada listopad ноября ноябрь",
    "grudnia grudzień декабря декабрь",
)
"""Month names in Polish and Russian, as printed after a day ("14 marca") and alone: their endings
change with the case, so both forms are listed, and no abbreviation (short ones are common words)."""
_MONTHS = {
    name: number
    for number, names in enumerate(zip(_MONTH_NAMES, _SLAVIC_MONTH_NAMES, strict=True), start=1)
    for name in " ".join(names).split()
}
_NOT_BEFORE_A_DAY = frozenset({"ago", "set", "mag", "gen"})
"""Abbreviations that are also English words ("3 days ago 10:30", "Set 5"): read only in the day-first
order their languages print ("5 ago 2024")."""
_WEEKDAY_NAMES = (
    "mon monday lundi lun montag lunes lunedì lunedi segunda-feira maandag",
    "tue tues tuesday mardi dienstag martes martedì martedi terça-feira dinsdag",
    "wed weds wednesday mercredi mittwoch miércoles miercoles mié mercoledì mercoledi quarta-feira woensdag",
    "thu thur thurs thursday jeudi donnerstag jueves jue giovedì giovedi gio quinta-feira donderdag",
    "fri friday vendredi freitag viernes vie venerdì venerdi sexta-feira vrijdag",
    "sat saturday samedi samstag sonnabend sábado sabado sáb sabato sab zaterdag",
    "sun sunday dimanche sonntag domingo domenica zondag",
)
_NORTHERN_WEEKDAY_NAMES = (
    "poniedziałek måndag mandag",
    "wtorek tisdag tirsdag",
    "środa onsdag",
    "czwartek torsdag",
    "piątek fredag",
    "sobota lördag lørdag",
    "niedziela söndag søndag",
)
"""Weekday names in Polish, Swedish, Danish and Norwegian (no abbreviations: short ones are common
words)."""
_WEEKDAY_ABBREVIATIONS = (
    "mo ma seg segunda",
    "di ter terça",
    "mi mer qua wo quarta",
    "do jeu qui quinta",
    "fr ven sex vr sexta",
    "sa sam za",
    "so dim dom zo",
)
"""Weekday abbreviations that are also common words ("do", "so", "sam", "qui"): a weekday only when
printed with a period ("Mo., 22.03.2024")."""
_WEEKDAYS = {
    name: number
    for number, names in enumerate(zip(_WEEKDAY_NAMES, _NORTHERN_WEEKDAY_NAMES, strict=True))
    for name in " ".join(names).split()
}
_WEEKDAY_NUMBERS = _WEEKDAYS | {
    name: number for number, names in enumerate(_WEEKDAY_ABBREVIATIONS) for name in names.split()
}


_Trie = dict[str, "_Trie"]


def _alternation(names: Iterable[str]) -> str:
    """A pattern matching any of ``names``, the longest first, factored by shared prefixes: a flat
    alternation of a hundred names is tried name by name at every position of every line."""
    trie: _Trie = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _lead(names: Iterable[str], *, digit: bool = False) -> str:
    """A lookahead for the first characters of ``names`` (and, with ``digit``, a digit): a search then
    tries a pattern that starts with one of them only where one stands (the same matches, found
    sooner)."""
    return "(?=[" + ("\\d" if digit else "") + "".join(sorted({re.escape(name[0]) for name in names})) + "])"


def _led_year(before: str) -> str:
    """A four-digit year opening a pattern, not after ``before`` (one character) and the two digits
    it starts with: led by the "19" or "20" itself, not by a lookahead, so the engine skips ahead
    to a "1" or a "2" in C instead of trying the pattern at every position."""
    return r"(?P<y>(?:19|20)(?<!" + before + r"\d\d)\d{2})"


def _led_day(before: str) -> str:
    """A day (``_DAY``) opening a pattern, not after a character of ``before``: led by its first
    digit, the second one allowed after a 0-3 ("[0-3]?\\d" tried in the same order)."""
    return r"(?P<d>\d(?<![" + before + r"]\d)(?:(?<=[0-3])\d)?)(?:st|nd|rd|th|er|º)?"


_MON = r"(?P<mon>" + _alternation(_MONTHS) + r")\.?"
_MON_LEAD = r"(?P<mon>" + _alternation(set(_MONTHS) - _NOT_BEFORE_A_DAY) + r")\.?"
"""A month name printed before its day."""
_MON_FIRST = _lead(_MONTHS)
_MON_LEAD_FIRST = _lead(set(_MONTHS) - _NOT_BEFORE_A_DAY)
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?"
_WEEKDAY = re.compile(
    _lead(_WEEKDAY_NUMBERS)
    + r"\b(?P<wd>"
    + _alternation(_WEEKDAYS)
    + "|(?:"
    + _alternation(n for names in _WEEKDAY_ABBREVIATIONS for n in names.split())
    + r")(?=\.))\b\.?",
    re.I,
)

_SHORT_YEAR = re.compile(
    _led_day(r"\w") + r"(?:(?P<s>[-/.])|\s+)(?P<mon>" + _alternation(_MONTHS) + r")"
    r"(?:(?P=s)|\.?\s*['’]|\.?\s+)(?P<y>\d{2})(?![\d:h]|\.\d)",
    re.I,
)
"""22-Mar-24, 22.Mär.24, 22 Mar '24, 22 Mar 24: a two-digit year after a day and a month name (not a
clock: "1 Dec 15.30", "1 Dec 15:30")."""
_NUMERIC = re.compile(
    r"(?P<a>\d(?<![\d.]\d)(?:(?<=[0-3])\d)?)(?P<s>[-/.])(?P<b>[0-3]?\d)(?P=s)(?P<y>(?:19|20)?\d{2})(?![\d/])"
)
"""17/02/2025, 02/17/2025, 17.02.2025, 17-02-25: day and month order decided by :func:`_order`."""
_DATES = (
    # 2025-02-17, 2025/02/17, 2025.02.17 (ISO order, always year-month-day)
    re.compile(_led_year(r"\d") + r"(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"),
    _NUMERIC,
    # March 3, 2021 / Jan. 5 2024 / Monday, Nov. 18th, 2019
    re.compile(
        _MON_LEAD_FIRST + r"\b" + _MON_LEAD + r"\s*" + _DAY + r"(?:\s*,\s*|\s+)" + _YEAR + r"\b",
        re.I,
    ),
    # 20 Apr 2019 / 3 March, 2021 / 17. Februar 2025 / 5 de mayo de 2020
    re.compile(
        (
            _led_day(r"\w")
            + r"\.?(?:\s*|-)(?:de\s+|of\s+)?"
            + _MON
            + r"(?:,?\s*|-)(?:del?\s+)?"
            + _YEAR
            + r"\b"
        ),
        re.I,
    ),
    _SHORT_YEAR,
    # 2019 Apr 20
    re.compile(_led_year(r"\w") + r"\s+" + _MON + r"\s+" + _DAY + r"\b", re.I),
    # Thu Feb 17 10:29:00 2025 / Thu Feb 17 10:29:00 UTC 2025 (the C library's and Unix `date`'s order)
    re.compile(
        _MON_FIRST
        + r"\b"
        + _MON
        + r"\s+"
        + _DAY
        + r"\s+(?P<clock>[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s+[A-Z]{1,5})?)\s+"
        + _YEAR
        + r"\b",
        re.I,
    ),
    # Mar 17 '25, Feb. 17th, '25 (a two-digit year after a month name and its day)
    re.compile(
        _MON_LEAD_FIRST + r"\b" + _MON_LEAD + r"\s*" + _DAY + r",?\s*['’](?P<y>\d{2})(?![\d:h]|\.\d)",
        re.I,
    ),
    # 2025年2月17日, 2025년 2월 17일 (unled: the engine skips ahead to its "19"/"20" itself)
    re.compile(_YEAR + r"\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?"),
)
_NAMED_FROM, _UNIX_AT, _APOSTROPHE_AT, _CJK_AT = 2, 6, 7, 8
"""Where the patterns naming a month start in ``_DATES``, the Unix one (with a colon's clock), the one
with an apostrophe's year, and the CJK one."""
_FULL_YEAR_AT = frozenset({0, 2, 3, 5, _UNIX_AT, _CJK_AT})
_DIGIT_LED_AT = frozenset({0, 1, 3, 4, 5, _CJK_AT})
"""The patterns of ``_DATES`` that print a four-digit year ("19" or "20" then two digits): skipped on a
line that has neither; and (``_DIGIT_LED_AT``) those whose match starts with a digit."""
_NUMBER_SEPARATOR = re.compile(r"\d[-/.]\d")
_FOUR_DIGIT_YEAR = re.compile(r"(?:19|20)\d\d")
"""A four-digit year anywhere (compiled once: it is asked of every date found)."""
_INNER_CLOCK = re.compile(r"[a-z]\.?\s+[0-3]?\d\s+[0-2]?\d:[0-5]\d", re.I)
"""A clock printed inside a date's span (only in the Unix order above)."""
_DATES_WITHOUT_YEAR = (
    # Feb 17 / Feb. 17th (not followed by a year or another number)
    re.compile(
        _MON_LEAD_FIRST + r"\b" + _MON_LEAD + r"\s*" + _DAY + r"\b(?!\s*[,.]?\s*\d{2,4}\b(?![:.h]\d))",
        re.I,
    ),
    # 17 Feb / 17th of February
    re.compile(
        (_led_day(r"\w.,:") + r"\.?\s*(?:of\s+)?" + _MON + r"(?![\w]|\.?,?\s*\d{2,4}\b(?![:.h]\d))"),
        re.I,
    ),
)
"""Dates printed without a year ("Sat 17 Feb 10.29"): read only next to a clock or a weekday, the year
from the fetch time."""

_ZONE = (
    r"(?P<tz>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|Z\b|"
    r"UTC|GMT|[ECMP][SD]?T|BST|CES?T|EES?T|WES?T|IST|JST|KST|HKT|SGT|AES?T|AED?T|MSK|"
    r"(?-i:NZ[SD]T|AK[SD]T|HST|SAST|WAT|CAT|EAT|PKT|WIB|PHT|ICT|AW[SD]T|AC[SD]T|BRT|ART))"
)
_CLOCK = re.compile(
    r"(?P<hh>\d(?<![\d.$€£¥]\d)(?:(?<=[0-2])\d)?)"
    r"(?:[:h](?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d)(?:\.\d+)?)?|\.(?P<mi2>[0-5]\d)(?!\.?\d)"
    r"|\s*[時시]\s*(?P<mi3>[0-5]?\d)\s*[分분])"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*\(?" + _ZONE + r"\b\)?)?",
    re.I,
)
"""10:29, 10:29:05, 10.29, 10h29, 10時29分, 10:29 p.m., 10.29 GMT, 10:29 +02:00 (a dotted clock never
continues as a date: "10.29.2025" is not one)."""
_MILITARY = re.compile(
    r"[\s,·•|/\-–—]*(?:at\s+)?(?P<hh>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?![\d/.:,-]?\d)(?!\s*(?:[ap]\.?m\b|%))"
    r"(?P<unit>\s*(?:hrs|hours|h|uhr)\b\.?)?(?:\s*\(?" + _ZONE + r"\b\)?)?",
    re.I,
)
"""0857, 2215 GMT, 1515 hrs: a clock without a separator (read only right after a dated year)."""
_MILITARY_ZONED = re.compile(
    r"(?P<hh>\d(?<![\d:.]\d)(?:(?<=[01])\d|(?<=2)[0-3]))(?P<mi>[0-5]\d)\s*\(?"
    + _ZONE
    + r"\b\)?(?:\s*\([^()]{1,20}\))?"
)
"""2010 GMT, 0410 HKT before a date: a four-digit clock there only with its zone (capitals), which no
year has; a second zone's time may follow in brackets."""
_SPOKEN_CLOCK = re.compile(r"[\s,·•|\-–—]*(?:at\s+)?(?:12\s*)?(?P<word>noon|midday|midnight)\b", re.I)
"""A clock said in words after a date ("March 4, 2024 at noon")."""
_CLOCK_AMPM_ONLY = re.compile(
    r"(?P<hh>\d(?<![\d.:]\d)(?:(?<=1)[0-2]|(?<=0)[1-9]|(?<=[1-9])))\s*(?P<ampm>[ap])\.?\s?m\b\.?", re.I
)
_ZONE_TAIL = re.compile(r"[\s,(]*" + _ZONE + r"\b\)?", re.I)
_ZONE_LEAD = "(?=[UGZECMPBWIJKHSAN+-])"
"""The first characters of every zone in ``_ZONE``: a search tries the zone only where one stands."""
_ZONE_ALONE = re.compile(_ZONE_LEAD + _ZONE + r"\b\)?", re.I)
"""``_ZONE_TAIL`` without the separators it may start with, to search for (no zone starts with one)."""


def _blank_zones(text: str) -> str:
    """``_ZONE_TAIL.sub(" ", text)``, cheaper: the zones are searched for, then each widened back over
    the separators before it (the pattern itself, led by them, is tried at every position)."""
    parts: list[str] = []
    done = 0
    for m in _ZONE_ALONE.finditer(text):
        start = m.start()
        while start > done and (text[start - 1] in ",(" or text[start - 1].isspace()):
            start -= 1
        parts += (text[done:start], " ")
        done = m.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


_CLOCK_GAP = re.compile(
    r"(?:\s*(?:uhr|hrs?|hs)\b\.?)?[\s,;|·•/@\-–—]*(?:(?:on|le|am|el|il|del|den|dnia)\s+)?(?:"
    + _WEEKDAY.pattern
    + r"[\s,]*)?(?:the\s+)?",
    re.I,
)
"""What may stand between a clock and the date it precedes ("10:29 AM ET, Tue Feb 17 2025", "10:29 Uhr,
17.02.2025")."""

_UPDATE_WORDS = (
    r"(?:last\s+)?(?:updated|update|modified|edited|revised|amended|mis à jour|actualisé|modifié|"
    r"aktualisiert|geändert|actualizad[oa]|modificad[oa]|aggiornat[oa]|modificat[oa]|atualizad[oa]|bijgewerkt|gewijzigd)"
)
_PUBLISH_WORDS = (
    r"(?:first\s+|originally\s+)?(?:published|posted|created|publiée?|veröffentlicht|publicad[oa]|"
    r"pubblicat[oa]|erschienen|gepubliceerd|geplaatst)"
)
_LABEL_LEAD = "(?=[abcefglmopruv])"
"""The first letters of every word in ``_UPDATE_WORDS`` and ``_PUBLISH_WORDS``: a search tries the
label's many words only where one of them stands."""
_LABEL = re.compile(
    _LABEL_LEAD + r"\b(?:(?P<updated>" + _UPDATE_WORDS + r")|(?P<published>" + _PUBLISH_WORDS + r"))\b", re.I
)
"""Words that say which of a dateline's times follows them. Not needed to recognise a plain
dateline; only a dateline with a byline or a sentence run into it needs one (``_run_into_byline``)."""
_UNIT_NAMES = (
    (1, "s sec secs second seconds sek sekunde sekunden seg segundo segundos seconde secondes"),
    (1, "secondo secondi seconden sekund sekundy sekunder"),
    (60, "m min mins minute minutes minuten minuto minutos minuti minuut minut minuty minuter"),
    (3600, "h hr hrs hour hours std stunde stunden hora horas heure heures ora ore uur u"),
    (3600, "godz godzin godziny timme timmar tim"),
    (86400, "d day days tag tage tagen día días dia dias jour jours giorno giorni dag dagen dni dagar"),
    (604800, "w wk wks week weeks woche wochen semana semanas semaine semaines settimana settimane weken"),
    (604800, "tygodnie tygodni vecka veckor"),
    (2592000, "month months monat monate monaten mes meses mês mois mese mesi maand maanden"),
    (2592000, "miesiące miesięcy månad månader"),
    (
        31536000,
        "y yr yrs year years jahr jahre jahren año años ano anos an ans année années anno anni jaar jaren",
    ),
    (31536000, "lata lat år"),
)
"""Units of a relative time ("3 hrs ago", "vor 3 Stunden", "hace 3 horas", "il y a 3 heures", "3 ore fa",
"3 uur geleden", "3 godziny temu", "3 timmar sedan"), in the languages of the month and weekday names."""
_UNIT_SECONDS = {name: seconds for seconds, names in _UNIT_NAMES for name in names.split()}
_ONE = _words("a an one ein eine einer einem einen un una uno une um uma een één en ett")
"""The words for "one" a relative time starts with ("an hour ago", "vor einer Stunde", "un'ora fa")."""
_UNITS = r"(?P<unit>" + _alternation(_UNIT_SECONDS) + r")(?:\(s\))?(?!\w)\.?"
_AMOUNT = re.compile(
    r"(?:\b(?P<n>\d+)\s*|\b(?P<one>"
    + _alternation(_ONE)
    + r")(?:\s+|(?<=un)['’]))"
    + _UNITS
    + r"(?:,?\s*(?:and|und|y|et|e|en)?\s*)",
    re.I,
)
_AMOUNTS = "(?:" + _AMOUNT.pattern.replace("?P<n>", "").replace("?P<one>", "").replace("?P<unit>", "") + ")+"
_RELATIVE = re.compile(
    _lead(("vor", "hace", "il", "há", "ha", *_ONE), digit=True)
    + r"\b(?:(?:vor|hace|il\s+y\s+a|há|ha)\s+"
    + _AMOUNTS
    + r"(?:ago|atrás|atras)?|"
    + _AMOUNTS
    + r"(?:ago|atrás|atras|fa|geleden|temu|sedan))(?!\w)",
    re.I,
)
"""A span before the fetch time, with the word that says "ago" before the amount (German, Spanish,
French, Portuguese) or after it (English, Portuguese, Italian, Dutch, Polish, Swedish)."""
_COMPACT_SPAN = re.compile(r"(?P<n>\d(?<![\w$€£¥.,:/-]\d)\d{0,2})(?P<unit>min|hrs?|[smhdw])(?![\w.,:/-])")
"""A relative time without "ago" ("5m", "3h", "2d"): a dateline only beside a label or in a byline's
fields ("Ann Lee · 3h"); alone it is as likely a size or a score."""
_DAY_WORDS = (
    (0, "today heute hoy aujourd'hui oggi hoje vandaag idag i_dag dziś dzisiaj"),
    (1, "yesterday gestern ayer hier ieri ontem gisteren igår i_går wczoraj"),
    (2, "vorgestern anteayer avant-hier anteontem eergisteren förrgår i_förrgår przedwczoraj"),
)
"""The words for today, yesterday and the day before, in the languages of the month and weekday
names: a calendar table, like the month names ("gisteren 22:40", "wczoraj, 21:10"); "_" is a space."""
_DAYS_BACK = {name.replace("_", " "): days for days, names in _DAY_WORDS for name in names.split()}
_DAY_WORD = re.compile(
    _lead(_DAYS_BACK)
    + r"(?<![\w'’-])(?P<day>"
    + _alternation(_DAYS_BACK).replace("'", "['’]").replace("\\ ", r"\s+")
    + r")(?![\w'’-])",
    re.I,
)
_DAY_WORD_PARTS = frozenset(
    part for name in _DAYS_BACK for part in re.findall(r"[^\W\d_]+", name) if len(part) > 1
)
"""The pieces the word pattern cuts those words into ("aujourd", "hui"; not the "i" of "i dag")."""
_CLOCKLESS_DAY_WORDS = frozenset({"today", "hier"})
"""Day words that alone are no dateline: a menu's "Today", the French "hier" that is the Dutch and German
"here"."""
_RELATIVE_WORDS = _words("ago vor hace há ha atrás atras fa geleden temu sedan") | _DAY_WORD_PARTS
"""The words of a relative time ("3 hours ago", "vor 3 Stunden", "hace una hora", "un'ora fa"); French
"il y a" and "just now" are checked by their words together."""


def _has_relative_words(words: set[str]) -> bool:
    return (
        not _RELATIVE_WORDS.isdisjoint(words)
        or ("il" in words and "y" in words)
        or ("just" in words and "now" in words)
    )


def _relative_span(text: str) -> re.Match[str] | None:
    """The first relative time in ``text`` (its words looked up first: the pattern is long)."""
    if not _has_relative_words(set(map(str.lower, _WORD.findall(text)))):
        return None
    return _RELATIVE.search(text)


def _weekday(text: str) -> re.Match[str] | None:
    """The first weekday name in ``text`` (its words looked up first: the pattern is long)."""
    if _WEEKDAY_NUMBERS.keys().isdisjoint(map(str.lower, _WORD.findall(text))):
        return None
    return _WEEKDAY.search(text)


def _days_back(text: str) -> tuple[int, bool] | None:
    """How many days before the fetch a day word in ``text`` says ("yesterday": 1), and whether it
    may stand alone as a dateline; None when none is printed."""
    found = _DAY_WORD.search(text)
    if found is None:
        return None
    word = " ".join(found["day"].lower().replace("’", "'").split())
    return _DAYS_BACK[word], word not in _CLOCKLESS_DAY_WORDS and _DAYS_BACK[word] > 0


_JUST_NOW = re.compile(r"\b(?:just now|moments? ago)\b", re.I)
_FIXED_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "WET": 0,
    "WEST": 1,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "PKT": 5,
    "ICT": 7,
    "WIB": 7,
    "SGT": 8,
    "HKT": 8,
    "PHT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "WAT": 1,
    "CAT": 2,
    "SAST": 2,
    "EAT": 3,
    "BRT": -3,
    "ART": -3,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
}
_US_ZONES = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}
_CONNECTORS = _words(
    "a and at on of the am um uhr hrs hr h hs le à de el il em op las às alle ore om feira by time date "
    "ago just now för "
    "min mins minute minutes hour hours sec secs second seconds day days week weeks month months"
)
"""Words that belong to how a date is written, not to what else a line says."""
_CONNECTORS |= _DAY_WORD_PARTS
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_AGO_WORDS = r"ago|vor|hace|il\s+y\s+a|há|ha|atrás|atras|fa|geleden|temu|sedan"
"""The words that make an amount of time a relative date, in the languages of ``_UNIT_NAMES``."""
_RELATIVE_HINT = re.compile(r"\W(?:" + _AGO_WORDS + "|" + "|".join(sorted(_DAY_WORD_PARTS)) + r"|just now)\b")
"""A relative time's word after a character that is no word's, searched for in a space and the
lower-cased line (``\\b`` before the word, but led by one character class: the engine skips to the
spaces and marks in C instead of trying every word at every position)."""


def _dateless_hint(line: str) -> bool:
    """A number or a relative time's word in ``line``."""
    return _DIGIT.search(line) is not None or _RELATIVE_HINT.search(" " + line.lower()) is not None


_MONTH_FIRST_TLDS = frozenset({"us", "gov", "mil", "edu", "ph", "fm", "pw", "mh", "bz"})
_NO_COUNTRY_TLDS = frozenset({"ca", "io", "co", "tv", "me", "ai", "fm", "ly", "cc", "to", "ws", "gg", "sh"})
"""Country-code domains used worldwide (or, for Canada, printing both orders): they say nothing."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """Published and updated times read from one dateline (ISO 8601 strings)."""

    published: str | None
    updated: str | None


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How an ambiguous numeric date ("03/04/2025") was read, and what decided it."""

    month_first: bool
    basis: DateOrderBasis

    @property
    def name(self) -> Literal["month-first", "day-first"]:
        return "month-first" if self.month_first else "day-first"


@dataclass(frozen=True, slots=True)
class _Found:
    value: datetime
    has_time: bool
    start: int
    end: int
    order: DateOrder | None
    """Set when the date was an ambiguous numeric one."""


# ---------------------------------------------------------------- zones and clocks


def _us_dst(value: datetime) -> bool:
    """Rough US daylight-saving window (second Sunday of March to first Sunday of November)."""
    if 3 < value.month < 11:
        return True
    if value.month == 3:
        return value.day >= 8 + (6 - datetime(value.year, 3, 8).weekday()) % 7  # noqa: DTZ001
    if value.month == 11:
        return value.day < 1 + (6 - datetime(value.year, 11, 1).weekday()) % 7  # noqa: DTZ001
    return False


def _zone(token: str | None, when: datetime) -> timezone | None:
    if not token:
        return None
    token = re.sub(r"\s+", "", token.upper())
    if token in _FIXED_ZONES:
        return timezone(timedelta(hours=_FIXED_ZONES[token]))
    if token in _US_ZONES:
        return timezone(timedelta(hours=_US_ZONES[token] + (1 if _us_dst(when) else 0)))
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", token)
    if m:
        sign = 1 if m[1] == "+" else -1
        hours, minutes = int(m[2]), int(m[3] or 0)
        if hours <= 14 and minutes < 60:
            return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


def _with_zone(value: datetime, token: str | None) -> datetime:
    zone = _zone(token, value)
    return value.replace(tzinfo=zone) if zone else value


_Clock = tuple[tuple[int, int, int], str | None, int, int]
"""((hour, minute, second), zone token, start, end)."""


def _clock(text: str) -> _Clock | None:
    """The first clock in ``text``."""
    for m in _CLOCK.finditer(text):
        hh = int(m["hh"])
        minute = m["mi"] or m["mi2"] or m["mi3"]
        if minute is None:
            continue
        mi, ss = int(minute), int(m["ss"] or 0)
        ampm = (m["ampm"] or "").lower()
        if ampm and not 1 <= hh <= 12:
            continue
        if ampm == "p" and hh < 12:
            hh += 12
        elif ampm == "a" and hh == 12:
            hh = 0
        if hh > 23:
            continue
        return (hh, mi, ss), m["tz"], m.start(), m.end()
    m2 = _CLOCK_AMPM_ONLY.search(text)
    if m2 is not None:
        hh = int(m2["hh"]) % 12 + (12 if m2["ampm"].lower() == "p" else 0)
        zone = _ZONE_TAIL.match(text, m2.end())
        return (hh, 0, 0), zone["tz"] if zone else None, m2.start(), zone.end() if zone else m2.end()
    return None


def twelve_hour(text: str) -> bool:
    """True when ``text`` prints a 12-hour clock (am/pm): a hint that numeric dates are month-first."""
    return bool(re.search(r"\d\s*[ap]\.?\s?m\b", text, re.I))


# ---------------------------------------------------------------- day/month order


def numeric_order(datelines: list[str]) -> bool | None:
    """Whether a page's numeric dates are month-first, from the ones whose numbers force an order
    ("11/25/2019" is month-first, "25/11/2019" day-first); None when none do or they disagree."""
    votes: set[bool] = set()
    for text in datelines:
        for m in _NUMERIC.finditer(text):
            a, b = int(m["a"]), int(m["b"])
            if a <= 12 < b <= 31:
                votes.add(True)
            elif b <= 12 < a <= 31:
                votes.add(False)
    return votes.pop() if len(votes) == 1 else None


def site_order(uri: str) -> bool | None:
    """Whether the site's country prints numeric dates month-first (the US and a few others), from
    the domain of ``uri``; None when the domain names no country (".com", a file path)."""
    try:
        host = urlsplit(uri).hostname or ""
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if tld in _MONTH_FIRST_TLDS:
        return True
    if len(tld) == 2 and tld.isalpha() and tld not in _NO_COUNTRY_TLDS:
        return False
    return None


_FULL_NUMERIC = re.compile(r"\b([0-3]?\d)([-/.])([0-3]?\d)\2(?:19|20)\d\d\b")
_FULL_NUMERIC_HINT = re.compile(r"\d[-/.]\d\d?[-/.](?:19|20)\d\d")
"""What every match of ``_FULL_NUMERIC`` holds, found fast (it starts with a digit): most pages have none."""


def _page_votes(text: str) -> bool | None:
    """:func:`numeric_order` over a whole page, on dates with a four-digit year only (a simpler
    pattern: it scans every line)."""
    votes: set[bool] = set()
    if _FULL_NUMERIC_HINT.search(text) is None:
        return None
    for m in _FULL_NUMERIC.finditer(text):
        a, b = int(m[1]), int(m[3])
        if a <= 12 < b <= 31:
            votes.add(True)
        elif b <= 12 < a <= 31:
            votes.add(False)
    return votes.pop() if len(votes) == 1 else None


def page_date_order(datelines: list[str], uri: str = "", lines: list[str] | None = None) -> DateOrder | None:
    """The numeric date order a page settles: its datelines whose numbers force an order, else the
    other dates printed on it (``lines``, four-digit years only), else its site's country; None when
    nothing does."""
    voted = numeric_order(datelines)
    if voted is None and lines:
        voted = _page_votes("\n".join(lines))
    if voted is not None:
        return DateOrder(voted, "page")
    by_site = site_order(uri) if "://" in uri else None
    if by_site is not None:
        return DateOrder(by_site, "site")
    return None


def _latest(fetched_at: datetime) -> datetime:
    """The latest local time a page fetched at ``fetched_at`` can print (a day ahead, for zones)."""
    naive = fetched_at.replace(tzinfo=None)
    try:
        return naive + timedelta(days=1)
    except OverflowError:
        return naive


def _order(  # noqa: PLR0917 - one call site, the reading's evidence in order
    text: str,
    a: int,
    b: int,
    year: int,
    fetched_at: datetime | None,
    month_first: bool | None,
    page: DateOrder | None = None,
) -> tuple[tuple[int, int], DateOrder] | None:
    """(month, day) of a numeric date "a/b/year", and how the order was chosen."""
    readings = []
    for month, day, first in ((b, a, False), (a, b, True)):
        try:
            readings.append((datetime(year, month, day), first))  # noqa: DTZ001 - validity check only
        except ValueError:
            continue
    if not readings:
        return None
    if len(readings) == 1 or a == b:
        value, first = readings[0]
        return (value.month, value.day), DateOrder(first, "numbers")
    weekday = _weekday(text)
    if weekday is not None:
        matching = [
            r for r in readings if r[0].weekday() == _WEEKDAY_NUMBERS[weekday["wd"].lower().rstrip(".")]
        ]
        if len(matching) == 1:
            return (matching[0][0].month, matching[0][0].day), DateOrder(matching[0][1], "weekday")
    if fetched_at is not None:
        limit = _latest(fetched_at)
        possible = [r for r in readings if r[0] <= limit]
        if len(possible) == 1:
            return (possible[0][0].month, possible[0][0].day), DateOrder(possible[0][1], "fetch-time")
    if month_first is not None:
        chosen = DateOrder(month_first, page.basis if page is not None else "page")
    elif page is not None:
        chosen = page
    elif twelve_hour(text):
        chosen = DateOrder(True, "clock")
    else:
        chosen = DateOrder(False, "default")
    return ((a, b) if chosen.month_first else (b, a)), chosen


# ---------------------------------------------------------------- dates


_CENTURY_PIVOT = 70
"""Two-digit years below it are this century's ("24"), the others the last one's ("99")."""


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < _CENTURY_PIVOT else 1900) if year < 100 else year


def _date_of(
    m: re.Match[str], text: str, fetched_at: datetime | None, month_first: bool | None, page: DateOrder | None
) -> tuple[tuple[int, int, int], DateOrder | None] | None:
    groups = m.groupdict()
    if groups.get("a") is not None:
        year = _year(groups["y"])
        ordered = _order(text, int(groups["a"]), int(groups["b"]), year, fetched_at, month_first, page)
        if ordered is None:
            return None
        (month, day), order = ordered
        return (year, month, day), order
    month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower()]
    ymd = (_year(groups["y"]), month, int(groups["d"]))
    try:
        datetime(*ymd)  # noqa: DTZ001 - validity check only
    except ValueError:
        return None
    return ymd, None


def _year_for(month: int, day: int, text: str, fetched_at: datetime | None) -> int | None:
    """The year of a date printed without one: the weekday's year when a weekday is printed, else the
    latest one not after the fetch time."""
    if fetched_at is None:
        return None
    weekday = _weekday(text)
    wanted = _WEEKDAY_NUMBERS[weekday["wd"].lower().rstrip(".")] if weekday else None
    latest = _latest(fetched_at)
    for year in range(latest.year, latest.year - 12, -1):
        try:
            value = datetime(year, month, day)  # noqa: DTZ001 - validity check only
        except ValueError:
            continue
        if value <= latest and (wanted is None or value.weekday() == wanted):
            return year
    return None


def _yearless(text: str, fetched_at: datetime | None) -> tuple[tuple[int, int, int], int, int] | None:
    best: tuple[tuple[int, int, int], int, int] | None = None
    for pattern in _DATES_WITHOUT_YEAR:
        m = pattern.search(text)
        if m is None or (best is not None and m.start() >= best[1]):
            continue
        month, day = _MONTHS[m["mon"].lower()], int(m["d"])
        year = _year_for(month, day, text, fetched_at)
        if year is not None:
            best = ((year, month, day), m.start(), m.end())
    return best


def _attach_clock(text: str, start: int, end: int) -> tuple[_Clock | None, int, int]:
    """The clock printed next to the date at ``text[start:end]``, and the widened span."""
    if (military := _military_clock(text, end)) is not None:
        return military, start, military[3]
    after = _clock(text[end : end + 40])
    if after is not None and after[2] <= 12:
        past = end + after[3]
        # a date after the clock (every date prints a number) with a clock of its own before it
        if (
            _DIGIT.search(text, past) is not None
            and (before := _clock_before(text, start)) is not None
            and _opens_a_date(text, past)
        ):
            return before[0], before[1], end  # "10:51 AM May 3, 2019 — 8:24 PM May 4, 2019": that one's
        return after, start, end + after[3]
    before = _clock_before(text, start)
    if before is not None:
        return before[0], before[1], end
    if (spoken := _SPOKEN_CLOCK.match(text, end)) is not None:
        return (
            ((0 if spoken["word"].lower() == "midnight" else 12, 0, 0), None, spoken.start(), spoken.end()),
            start,
            spoken.end(),
        )
    return None, start, end


def _military_clock(text: str, end: int) -> _Clock | None:
    """A 24-hour clock printed as four digits right after a date with its year ("May 2, 2022 — 0857
    GMT", "21 Jul 2020 1515 hrs"): wire and military style; only there, where no year can stand."""
    if not text[end : end + 1].isspace() and text[end : end + 1] not in ",-–—|·•/":
        return None
    m = _MILITARY.match(text, end)
    if m is None or re.search(r"(?:19|20)\d\d|[年년]", text[max(0, end - 12) : end]) is None:
        return None
    if m["hh"] in {"19", "20"} and not (m["unit"] or m["tz"]):
        return None  # "March 4, 2024 2024": a year again, unless a zone or "hrs" says it is a time
    return (int(m["hh"]), int(m["mi"]), 0), m["tz"], m.start("hh"), m.end()


def _opens_a_date(text: str, at: int) -> bool:
    """Whether a date starts right after ``text[:at]`` (past a separator): a clock printed before it
    is that date's."""
    gap = _CLOCK_GAP.match(text, at)
    rest = text[gap.end() if gap else at :][:40]
    found = _find_alone(rest) if rest else None
    return found is not None and found.start == 0


def _clock_before(text: str, start: int) -> tuple[_Clock, int] | None:
    """The clock printed right before the date starting at ``start`` ("10:29 AM ET, Feb 17 2025")."""
    window = max(0, start - 40)
    for m in _CLOCK.finditer(text, window, start):
        found = _clock(text[m.start() : start])
        if found is not None and _CLOCK_GAP.fullmatch(text, m.start() + found[3], start):
            return found, m.start() + found[2]
    found_ampm = _CLOCK_AMPM_ONLY.search(text, window, start)
    if found_ampm is not None:
        found = _clock(text[found_ampm.start() : start])
        if found is not None and _CLOCK_GAP.fullmatch(text, found_ampm.start() + found[3], start):
            return found, found_ampm.start()
    for m in _MILITARY_ZONED.finditer(text, window, start):
        if _CLOCK_GAP.fullmatch(text, m.end(), start):
            return ((int(m["hh"]), int(m["mi"]), 0), m["tz"], m.start(), m.end()), m.start()
    return None


def _find(
    text: str,
    month_first: bool | None = None,
    fetched_at: datetime | None = None,
    page: DateOrder | None = None,
) -> _Found | None:
    digit = _DIGIT.search(text)
    if digit is None:
        return None  # every date shape prints a number: most lines stop here
    first_digit = digit.start()
    numeric = _NUMBER_SEPARATOR.search(text) is not None
    named = not _MONTHS.keys().isdisjoint(map(str.lower, _WORD.findall(text)))
    full_year = "19" in text or "20" in text
    cjk = "年" in text or "년" in text
    if not (numeric or named or cjk):
        return None
    best: tuple[tuple[int, int, int], int, int, DateOrder | None] | None = None
    for index, pattern in enumerate(_DATES):
        if (index < _NAMED_FROM and not numeric) or (_NAMED_FROM <= index < _CJK_AT and not named):
            continue
        if index == _APOSTROPHE_AT and "'" not in text and "’" not in text:
            continue
        if index == _CJK_AT and not cjk:
            continue
        if (index in _FULL_YEAR_AT and not full_year) or (index == _UNIX_AT and ":" not in text):
            continue
        # a shape led by a number starts no sooner than the first digit (lookbehinds and word
        # boundaries still see the text before it)
        for m in pattern.finditer(text, first_digit if index in _DIGIT_LED_AT else 0):
            if best is not None and m.start() >= best[1]:
                break
            dated = _date_of(m, text, fetched_at, month_first, page)
            if dated is None:
                continue
            best = (dated[0], m.start(), m.end(), dated[1])
            break
    if best is None:
        if not named or (_CLOCK.search(text) is None and _weekday(text) is None):
            return None
        yearless = _yearless(text, fetched_at)
        if yearless is None:
            return None
        (y, mo, d), ys, ye = yearless
        if _clock(text) is None and not _weekday(text):
            return None
        best = ((y, mo, d), ys, ye, None)
    ymd, start, end, order = best
    inside = _clock(text[start:end]) if _INNER_CLOCK.search(text, start, end) else None
    clock, start, end = (inside, start, end) if inside is not None else _attach_clock(text, start, end)
    hms, zone_token = (clock[0], clock[1]) if clock is not None else ((0, 0, 0), None)
    if zone_token is None and (tail := _ZONE_TAIL.match(text[end : end + 12])) is not None:
        zone_token = tail["tz"]
    value = _with_zone(datetime(*ymd, *hms), zone_token)  # noqa: DTZ001 - zone added here
    return _Found(value, clock is not None, start, end, order)


@memo_short
def _find_alone(text: str) -> _Found | None:
    """``_find`` with no page context (no order, no fetch time), remembered: the dateline readers ask
    it of the same line and field several times over (the line, then its words of its own, then
    its fields), and again of the line with its first date blanked."""
    return _find(text)


def find_date(
    text: str, month_first: bool | None = None, fetched_at: datetime | None = None
) -> tuple[datetime, bool, int, int] | None:
    """The first calendar date in ``text`` with the clock printed near it: (value, has time, start, end).

    ``month_first`` is the page's order for ambiguous numeric dates (None: decide from the line);
    ``fetched_at`` rules out readings after the fetch and dates the ones printed without a year."""
    found = _find(text, month_first, fetched_at)
    return None if found is None else (found.value, found.has_time, found.start, found.end)


def iso(value: datetime, has_time: bool = True) -> str:
    """ISO 8601 to the minute (seconds when printed), with the offset when known."""
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")


# ---------------------------------------------------------------- relative times


def _ago(text: str, compact: bool = False) -> timedelta | None:
    """The span of "3 hours ago", "1 hour, 20 minutes ago", "vor 2 Tagen", "2d ago" (with ``compact``,
    also a bare "2d"); None when none is printed or it is beyond any calendar."""
    rel = _relative_span(text)
    if rel is None:
        compact_span = _COMPACT_SPAN.search(text) if compact else None
        if compact_span is None:
            return None
        return timedelta(seconds=int(compact_span["n"]) * _UNIT_SECONDS[compact_span["unit"].lower()])
    seconds = 0
    for amount in _AMOUNT.finditer(rel[0]):
        n = int(amount["n"]) if amount["n"] is not None else 1
        seconds += n * _UNIT_SECONDS[amount["unit"].lower()]
    if seconds > 200 * _UNIT_SECONDS["year"]:
        return None
    return timedelta(seconds=seconds)


def _relative(text: str, fetched_at: datetime | None, compact: bool = False) -> str | None:
    if fetched_at is None:
        return None
    try:
        if (span := _ago(text, compact)) is not None:
            return iso((fetched_at - span).replace(second=0, microsecond=0))
        back = _days_back(text)
        if back is not None:
            day = fetched_at - timedelta(days=back[0])
            clock = _clock(text)
            if clock is not None:
                (hh, mi, ss), token, _s, _e = clock
                return iso(_with_zone(day.replace(hour=hh, minute=mi, second=ss, microsecond=0), token))
        if _JUST_NOW.search(text):
            return iso(fetched_at.replace(second=0, microsecond=0))
        return _weekday_clock(text, fetched_at)
    except OverflowError:
        return None  # "3 hours ago" fetched at the start of year 1: no date, not an error
    return None


def _weekday_clock(text: str, fetched_at: datetime) -> str | None:
    """A weekday and a clock with no date ("Friday 21:10", "piątek, 21:10"), as a page of the last
    week stamps its stories: the last such day up to the fetch (the fetch's own day, that day)."""
    weekday = _weekday(text)
    clock = _clock(text) if weekday is not None else None
    if weekday is None or clock is None:
        return None
    back = (fetched_at.weekday() - _WEEKDAY_NUMBERS[weekday["wd"].lower().rstrip(".")]) % 7
    (hh, mi, ss), token, _s, _e = clock
    day = (fetched_at - timedelta(days=back)).replace(tzinfo=None)
    return iso(_with_zone(day.replace(hour=hh, minute=mi, second=ss, microsecond=0), token))


# ---------------------------------------------------------------- the fallback parser


_CALENDAR_WORDS = _words(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december mon monday tue tues tuesday wed weds wednesday thu thur "
    "thurs thursday fri friday sat saturday sun sunday"
)
"""English calendar names: the fallback reads English only (``languages=["en"]``)."""
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_NUMERIC_LIKE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}")
_PREFIX = re.compile(r"^\s*(?:[^\W\d_][\w'’.-]*\s+){0,3}?[^\W\d_][\w'’.-]*\s*[:|·•\-–—]\s*|^\s*[^\W\d_]+\s+")
"""A short label before a date ("Stand:", "Posted on ", "Story filed |")."""


def _date_bearing(text: str) -> bool:
    """Short, with a number and a month or weekday name or a numeric date: worth the fallback."""
    if len(text) > 80 or _DAY_NUMBER.search(text) is None or len(text.split()) > 12:
        return False  # no day (or hour) printed: "November 2012" is an archive link, not a dateline
    if _NUMERIC_LIKE.search(text) is not None:
        return True
    names = {word for word in _WORD.findall(text) if word.lower() in _CALENDAR_WORDS}
    if not names:
        return False
    name = "(?:" + "|".join(map(re.escape, names)) + ")"
    day_then_name = r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?\W{0,4}(?:of\s+|de\s+)?" + name + r"\b"
    name_then_day = r"\b" + name + r"\.?\W{0,3}\d{1,2}(?!\d)"
    return re.search(day_then_name + "|" + name_then_day, text) is not None


def fallback_date(
    text: str, fetched_at: datetime | None, month_first: bool | None
) -> tuple[datetime, bool] | None:
    """``dateparser``'s reading of the line (or of it without a short label), for shapes the fast
    path does not know; a year must be printed unless the fetch time can supply one."""
    if not _date_bearing(text):
        return None
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "MDY" if month_first or (month_first is None and twelve_hour(text)) else "DMY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    if fetched_at is not None:
        settings["RELATIVE_BASE"] = fetched_at.replace(tzinfo=None)
    candidates = [text.strip()]
    if (prefix := _PREFIX.match(text)) is not None and prefix.end() < len(text):
        candidates.append(text[prefix.end() :].strip())
    for candidate in candidates:
        if fetched_at is None and not _FOUR_DIGIT_YEAR.search(candidate):
            continue
        try:
            value = dateparser.parse(candidate, languages=["en"], settings=settings)
        except (ValueError, OverflowError, LookupError, TypeError):
            continue
        if value is not None and 1900 <= value.year <= 2099:
            has_time = _clock(candidate) is not None or bool(
                re.search(r"\d\s*[ap]\.?m\b|\bnoon\b", candidate, re.I)
            )
            return value, has_time
    return None


fallback_date("Mon 6 May 2024 10:00", None, None)
"""Loads dateparser's English tables now, once per process, rather than inside the first page's
time limit."""


# ---------------------------------------------------------------- datelines


def _parts(text: str) -> tuple[str, str]:
    """(published part, updated part) of a dateline, cut at the words that label them."""
    labels = list(_LABEL.finditer(text))
    if not labels:
        return text, ""
    published: list[str] = [text[: labels[0].start()]]
    updated: list[str] = []
    for index, label in enumerate(labels):
        stop = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        (updated if label["updated"] else published).append(text[label.end() : stop])
    return " ".join(published), " ".join(updated)


def _part(
    text: str,
    fetched_at: datetime | None,
    month_first: bool | None,
    base: datetime | None,
    page: DateOrder | None,
) -> str | None:
    """One time from one part of a dateline; a bare clock takes ``base``'s date."""
    if not text.strip():
        return None
    found = _find(text, month_first, fetched_at, page)
    if found is not None:
        return iso(found.value, found.has_time)
    rel = _relative(text, fetched_at, compact=True)
    if rel is not None:
        return rel
    if base is not None and (clock := _clock(text)) is not None:
        (hh, mi, ss), token, _s, _e = clock
        moved = base.replace(hour=hh, minute=mi, second=ss, tzinfo=None)
        if moved < base.replace(tzinfo=None):
            moved += timedelta(days=1)
        return iso(_with_zone(moved, token) if token else moved.replace(tzinfo=base.tzinfo))
    fallback = fallback_date(text, fetched_at, month_first)
    if fallback is not None:
        return iso(*fallback)
    return None


def _parse(
    text: str, fetched_at: datetime | None, month_first: bool | None, page: DateOrder | None
) -> Dateline | None:
    head, tail = _parts(text)
    if month_first is None:
        month_first = numeric_order([text])  # "30/6/2020 4:02 pm / Updated 1/7/2020": one order per line
    if not tail and (both := _two_unlabelled(text, fetched_at, month_first, page)) is not None:
        return both
    published = _part(head, fetched_at, month_first, None, page)
    base = datetime.fromisoformat(published) if published is not None and "T" in published else None
    updated = _part(tail, fetched_at, month_first, base, page)
    if published is None and updated is not None:
        published = updated
    if published is None:
        return None
    return Dateline(published=published, updated=updated)


_FIELD_CUT = re.compile(r"\s+[|·•/—–-]\s+|\s*[|·•]\s*")
"""What parts two fields of a dateline (each with its time) printed on one line."""


def _two_unlabelled(
    text: str, fetched_at: datetime | None, month_first: bool | None, page: DateOrder | None
) -> Dateline | None:
    """A dateline of two fields, each a full time, whose labels are in no language the label words
    know ("<updated> 30.11.2026 08:00 | <published> 29.11.2026 20:31"): a story is never updated
    before it is published, so the earlier time is the published one, whichever field comes first."""
    fields = [f for f in _FIELD_CUT.split(text) if _DIGIT.search(f)]
    if len(fields) != 2:  # a published and an updated time
        return None
    found = [_find(f, month_first, fetched_at, page) for f in fields]
    if any(f is None or not f.has_time for f in found):
        return None
    first, second = (f.value for f in found if f is not None)
    if first.replace(tzinfo=None) <= second.replace(tzinfo=None):
        return None  # already in order: read as before
    return Dateline(published=iso(second), updated=iso(first))


def parse_dateline(
    text: str,
    fetched_at: datetime | None = None,
    month_first: bool | None = None,
    page: DateOrder | None = None,
) -> Dateline | None:
    """Read a dateline such as "2025-02-17 10:29 Last Updated At:11:07" (None when it holds no time).

    ``month_first`` (or ``page``, which also says why) is the page's order for ambiguous numeric
    dates; a weekday or the fetch time printed with the date still overrules it. Never raises on
    any text: a date beyond the calendar is no date."""
    try:
        return _parse(text, fetched_at, month_first, page)
    except (OverflowError, ValueError):
        return None


def date_reading(
    text: str, fetched_at: datetime | None = None, page: DateOrder | None = None
) -> DateOrder | None:
    """How the first numeric date of dateline ``text`` is read (order and why); None when it has no
    numeric day and month to order."""
    try:
        found = _find(text, None, fetched_at, page)
    except (OverflowError, ValueError):
        return None
    return None if found is None else found.order


# ---------------------------------------------------------------- recognising datelines


def _unexplained(rest: str) -> int:
    if "-feira" in rest:
        rest = _FEIRA.sub(" ", rest)
    return sum(
        1
        for w in _WORD.findall(rest)
        if w.lower() not in _CONNECTORS and w.lower() not in _WEEKDAYS and w not in _ZONE_NAMES
    )


_FEIRA = re.compile(r"\b(?:segunda|terça|quarta|quinta|sexta)-feira\b", re.I)
"""Portuguese weekday names, which the word pattern cuts in two."""
_ZONE_NAMES = frozenset(_FIXED_ZONES) | frozenset(_US_ZONES)
"""Zone abbreviations as printed (capitals): part of a time, wherever they stand ("13:05 hrs HST")."""


def _without_dates(
    line: str, labelled: bool | None = None, *, list_stop: bool = False
) -> tuple[str, bool, bool, int] | None:
    """``line`` with every date and its clock blanked: (rest, a clock was printed, a four-digit year
    was printed, how many dates); None when it holds no date. ``labelled``: whether the line has a
    label ("Updated"), when the caller knows. ``list_stop``: stop at the second date once a clock or
    a full year is among them (an unlabelled line so dated is a list, whatever else it holds)."""
    rest = line
    has_time = full_year = False
    count = 0
    # a date without a year ("Nov 19, 9:41 AM") makes a dateline only under a label ("Updated"):
    # alone it is how comments and lists stamp their entries
    labelled = _LABEL.search(line) is not None if labelled is None else labelled
    fetched = datetime.now(UTC) if labelled else None
    while (found := _find(rest, None, fetched) if labelled else _find_alone(rest)) is not None:
        count += 1
        has_time = has_time or found.has_time
        # a bare 2025年2月17日 is how Japanese and Chinese sites stamp list entries; their articles
        # print the time with it
        span = rest[found.start : found.end]
        full_year = full_year or (_FOUR_DIGIT_YEAR.search(span) is not None and "年" not in span)
        rest = rest[: found.start] + " " * (found.end - found.start) + rest[found.end :]
        if list_stop and count >= 2 and (has_time or full_year):
            break
    if count == 0:
        return None
    return rest, has_time, full_year, count


_FIELD = re.compile(r"\s+[|·•/—–-]\s+|\s*[|·•]\s*|\s{2,}")
"""What separates the fields of a line such as "Ann Lee · The Courier · 8 February 2019"."""
_FIELDS, _FIELD_WORDS, _LONG_FIELD_WORDS = 5, 5, 12
"""At most so many fields on a dateline's line, of at most so many words each (one field of a byline
may be longer)."""


def dateline_fields(line: str) -> list[str]:
    """The fields of ``line`` other than its date (the names, site or section printed beside it)."""
    fields = [f.strip() for f in _FIELD.split(line) if f.strip()]
    return [f for f in fields if not _plain_dateline(f, in_fields=True)] if len(fields) > 1 else []


_DATE_SHAPE = re.compile(
    r"[\d年년](?:(?<=[年년])|(?<=\d)(?:[-/.]\d|\s*(?:[:h時시]|[ap]\.?\s?m\b)|(?<!\w\d)\d{0,2}(?-i:(?:min|[smdw])\b)))",
    re.I,
)
"""What a dateline with a number needs besides a month or weekday name or a relative time's words: a
numeric date ("1/2"), a CJK year, a clock ("9:41", "9 pm"), or a compact span ("5m", a number with no
word character before it). Led by one character class (each shape starts with a digit or the CJK
year): the engine skips to the digits in C instead of trying every shape at every position."""
_CALENDAR_NAMES = frozenset(_MONTHS) | frozenset(_WEEKDAYS)


@memo_short
def could_be_dateline(line: str) -> bool:
    """Whether any reading of :func:`looks_like_dateline` could accept ``line``: it prints a numeric
    date, a CJK year, a clock, a month or weekday name next to a number, or a relative time. Cheap, so
    the dateline patterns run only on lines that pass (a line with only a count or a score in it does
    not); it must stay a superset of every shape the readers accept."""
    digit = _DIGIT.search(line) is not None
    if not digit and _RELATIVE_HINT.search(" " + line.lower()) is None:
        return False  # a digit is a hint itself: the lower-cased line is searched only without one
    if digit and _DATE_SHAPE.search(line) is not None:
        return True
    words = set(map(str.lower, _WORD.findall(line)))
    if _has_relative_words(words):
        return True
    return digit and not _CALENDAR_NAMES.isdisjoint(words)


@memo_short
def looks_like_dateline(line: str) -> bool:
    """A short line dominated by a date or a time: at most a few words of its own besides it
    ("Updated", "Stand:", "By Reuters"), or a few short fields beside it ("Ann Lee · The Courier ·
    8 Feb 2019") — not a headline or a sentence that mentions a date."""
    if len(line) > _LONGEST or (len(line) > _LONGEST_PLAIN and not _has_separator(line)):
        return False
    if not could_be_dateline(line):
        return False  # no date shape, or no number and no relative time's words: most lines stop here
    return (
        (len(line) <= _LONGEST_PLAIN and _plain_dateline(line))
        or _fielded_dateline(line)
        or _run_into_byline(line)
    )


def dateline_shaped(line: str) -> bool:
    """:func:`looks_like_dateline` with its cheap rejects first, outside its memo: most lines are
    judged once and fail them, so only the few that could be a dateline are remembered, and one
    another pass judged already (a comment's stamp) is not judged again."""
    if len(line) > _LONGEST or (len(line) > _LONGEST_PLAIN and not _has_separator(line)):
        return False
    return could_be_dateline(line) and looks_like_dateline(line)


def _run_into_byline(line: str) -> bool:
    """A byline or a one-sentence bio run into the dateline after it, the separator between them
    lost ("Ann Lee is a reporter at The Courier. First published on ...", "By Ann Lee, The Courier
    Posted on: ..."): after the line's last full stop or colon, a dated field that prints its time,
    and before it a field no longer than a byline's; a label says the time is the story's (not a
    price's or a comment's stamp after a sentence)."""
    cut = max(line.rfind(". "), line.rfind(": "))
    if cut < 0 or _LABEL.search(line) is None:
        return False
    head, tail = line[: cut + 1], line[cut + 2 :]
    return (
        _unexplained(head) <= _LONG_FIELD_WORDS
        and _plain_dateline(tail, in_fields=True)
        and (_clock(tail) is not None or _military_clock_in(tail))
    )


_LONGEST_PLAIN, _LONGEST = 120, 160
"""The longest dateline alone, and with fields beside it (a byline with the writer's role, then a
published and an updated time)."""
_SEPARATORS = ("  ", " | ", "|", "·", "•", " / ", " — ", " – ", " - ")


def _has_separator(line: str) -> bool:
    """Whether ``line`` prints a field separator (substring tests: cheaper than any pattern)."""
    return any(separator in line for separator in _SEPARATORS)


_STRONG_SEPARATOR = re.compile(r"\s[|·•/]\s|[|·•]|\S\s{2,}\S")
"""Separators prose does not print (unlike a dash): a byline's long field stands only beside these."""


def _fielded_dateline(line: str) -> bool:
    fields = [f.strip() for f in _FIELD.split(line) if f.strip()]
    if not 2 <= len(fields) <= _FIELDS:
        return False
    sizes = [f.count(" ") + 1 for f in fields]
    if max(sizes) > _LONG_FIELD_WORDS + 4 or sum(size > _FIELD_WORDS + 4 for size in sizes) > 1:
        return False  # a sentence cut at its dashes, not a byline's fields: cheap to tell, so first
    # a field that is a date with at most one word of its own besides its label ("Posted on", "Stand:")
    dated = [f for f in fields if _plain_dateline(f, in_fields=True) and (_own_words(f) <= 1 or _led_in(f))]
    others = [f for f in fields if f not in dated and not bare_clock(f)]
    if not dated or (len(dated) > 1 and _LABEL.search(line) is None and not _each_labelled(dated[1:], line)):
        return False  # several unlabelled dates: a list or a range
    if all(_COMPACT_SPAN.fullmatch(f) for f in dated) and not any(_unexplained(f) for f in others):
        return False  # a bare "24h" is a relative time only beside a name ("Ann Lee · 3h")
    short = [f for f in others if _unexplained(f) <= _FIELD_WORDS and f[-1] not in ".?!"]
    if any(_find_alone(f) is not None for f in others):
        return False
    if len(short) == len(others):
        return True
    # one longer field, the writer's role or a one-sentence bio ("Ann Lee is a reporter at The
    # Courier."), may stand before a dated field that prints its time or its label
    long = [f for f in others if f not in short]
    return (
        len(long) == 1
        and _byline_field(long[0])
        and fields.index(long[0]) < fields.index(dated[0])
        and (all(_timed_or_labelled(f) for f in dated) or any(bare_clock(f) for f in fields))
        and _STRONG_SEPARATOR.search(line) is not None
    )


def _led_in(field: str) -> bool:
    """A dated field whose only words of its own lead into its label ("This story was published ...")."""
    label = _LABEL.search(field)
    return (
        label is not None
        and _unexplained(field[: label.start()]) <= 3
        and _own_words(field[label.start() :]) == 0
    )


def _each_labelled(fields: list[str], line: str) -> bool:
    """Every dated field has a word of its own before its date, a label in any wording ("... | Revised
    2 May 2024 10:00"), and the line prints a time: the line's later times, not a list of days."""
    return all(_own_words(f) == 1 and _WORD.match(f) is not None for f in fields) and _clock(line) is not None


def _byline_field(field: str) -> bool:
    """A field as long as a byline's role or a one-sentence bio, not a paragraph or a question."""
    return _unexplained(field) <= _LONG_FIELD_WORDS and ". " not in field and field[-1] not in "?!"


def _timed_or_labelled(field: str) -> bool:
    """A dated field that prints a clock, a relative time or a label: more than a bare day."""
    return (
        _clock(field) is not None
        or _military_clock_in(field)
        or _LABEL.search(field) is not None
        or _relative_span(field) is not None
        or _own_words(field) == 1
    )


def _military_clock_in(field: str) -> bool:
    found = _find_alone(field)
    return found is not None and found.has_time


def _own_words(line: str) -> int:
    """Words of a dateline besides its dates, times and labels."""
    blanked = _without_dates(line)
    rest = blanked[0] if blanked is not None else line
    return _unexplained(_LABEL.sub(" ", _RELATIVE.sub(" ", _CLOCK.sub(" ", rest))))


def _plain_dateline(line: str, *, in_fields: bool = False) -> bool:
    """``line`` (or, ``in_fields``, one field of a line) is a date with at most a few words of its own."""
    labelled = _LABEL.search(line) is not None
    blanked = _without_dates(line, labelled, list_stop=not labelled)
    if blanked is None:
        return _dateless_dateline(line, labelled or in_fields)
    rest, has_time, full_year, dates = blanked
    if not full_year and not has_time:
        # "Opening Bell 11.18.19": a short date alone (or under a label) is too weak to call the line
        # a dateline once other words stand beside it
        rest = _CLOCK.sub(" ", rest)
        short_year = _NUMERIC.search(line) or _SHORT_YEAR.search(line)
        return _unexplained(_LABEL.sub(" ", rest)) == 0 and bool(_weekday(line) or short_year)
    # a few words of its own, and a few more per time it labels ("Published ... | Last updated ...");
    # several unlabelled dates make a list or a range, not a dateline
    if dates > 1 and not labelled:
        return False
    rest = _CLOCK.sub(" ", rest)
    rest = _blank_zones(rest) if has_time else rest
    if labelled:
        # the label is no word of its own, and a few words may lead into it ("This story was
        # published ...", "Article last updated ...")
        return _unexplained(_LABEL.sub(" ", rest)) <= 3 + 2 * (dates - 1)
    return _unexplained(rest) <= (3 if has_time else 2) + 2 * (dates - 1)


def _dateless_dateline(line: str, beside: bool = False) -> bool:
    """ "3 hours ago", "Yesterday, 17.34", "Updated 11:07", and shapes only the fallback reads;
    ``beside``: the line has a label or is a field of a byline, where a bare "3h" is a relative time."""
    if not _dateless_hint(line):
        return False
    clock = _clock(line)
    rest = _CLOCK.sub(" ", line) if clock is not None else line
    if _relative_span(line) is not None:
        return _unexplained(_LABEL.sub(" ", _RELATIVE.sub(" ", rest))) <= 3
    if beside and (compact := _COMPACT_SPAN.search(line)) is not None:
        return _unexplained(_LABEL.sub(" ", line[: compact.start()] + " " + line[compact.end() :])) == 0
    if (back := _days_back(line)) is not None:
        # "Today" alone is a menu item; "Yesterday" alone or "Today, 10:29" a dateline
        if clock is not None:
            return _unexplained(rest) <= 2
        return back[1] and _unexplained(rest) == 0
    if _JUST_NOW.search(line):
        return _unexplained(_JUST_NOW.sub(" ", rest)) <= 1
    if clock is not None and _LABEL.search(line):
        return _unexplained(rest) <= 2
    if _FOUR_DIGIT_YEAR.search(line) is None:
        return False  # "Nov 18", "18. September um 08:37": comment and list stamps, too weak for a dateline
    if _date_bearing(line) and fallback_date(line, datetime.now(UTC), None) is not None:
        prefix = _PREFIX.match(line)
        return prefix is None or _unexplained(prefix[0]) <= 2
    return False


def names_a_day(line: str) -> bool:
    """A line printing a day and no time of day ("Sunday 29 November", "30.11.2026", "Yesterday"):
    the heading over a day's stories, each stamped with a clock only."""
    if not could_be_dateline(line) or _clock(line) is not None:
        return False
    found = _find(line)
    if found is not None:
        return not found.has_time
    return _days_back(line) is not None or _relative_span(line) is None


def day_heading(line: str) -> bool:
    """A line that is only a day ("Sunday 29 November", "30.11.2026", "Gestern"): calendar words and
    numbers, no clock and no word of its own, as a page prints over the stories of that day. Never
    a headline, nor one story's stamp."""
    if not names_a_day(line):
        return False
    return all(
        w.lower() in _CONNECTORS or w.lower() in _WEEKDAYS or w.lower() in _MONTHS or w in _ZONE_NAMES
        for w in _WORD.findall(_FEIRA.sub(" ", line) if "-feira" in line else line)
    )


def bare_clock(line: str) -> bool:
    """A line that is only a time ("5:34 PM", "17.34 GMT"): the clock of a date printed above it."""
    clock = _clock(line) if len(line) <= 30 else None
    if clock is None:
        return False
    rest = line[: clock[2]] + " " + line[clock[3] :]
    return _DIGIT.search(rest) is None and _unexplained(rest) == 0


def dateline_with_neighbours(lines: list[str], index: int) -> str:
    """The dateline ``lines[index]`` joined with the dateline printed right above or below it
    ("Originally published ..." over "Last updated ..."), or with a bare clock printed under it."""
    parts = [lines[index].strip()]
    above = _next_filled(lines, index, -1)
    if above is not None and looks_like_dateline(lines[above].strip()):
        parts.insert(0, lines[above].strip())
    below = _next_filled(lines, index, 1)
    if below is not None and (looks_like_dateline(lines[below].strip()) or bare_clock(lines[below].strip())):
        parts.append(lines[below].strip())
    return " | ".join(parts)


def _next_filled(lines: list[str], index: int, step: int) -> int | None:
    k = index + step
    while 0 <= k < len(lines) and not lines[k].strip():
        k += step
    return k if 0 <= k < len(lines) else None


def utc(value: datetime) -> datetime:
    """``value`` with a zone (UTC assumed when it has none)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
