"""Datelines to ISO 8601: the shapes news pages print, read without guessing.

Hand-written patterns rather than ``dateparser``: a dateline has a handful of
shapes, and a general parser costs milliseconds per call (up to a second
without a language hint) and happily reads a headline's "2020" as a date.

A dateline is cut at its "updated"/"modified" word: the part before gives the
publication time, the part after the update time ("2025-02-17 10:29 Last
Updated At:11:07" borrows the date for a bare clock). The clock may stand
before or after the date. Numeric dates are read month-first only when the
numbers force it or the page's clock is 12-hour (the US habit); otherwise day
first, as most of the world prints them. Relative datelines ("3 hours ago",
"yesterday") resolve against the page's fetch time. A zone printed on the page
is kept as an offset; without one the time stays local (no offset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from newsflow.extraction.lines import memo_short

_MONTH_NAMES = (
    ("jan", "january", "janv", "janvier", "januar", "enero", "gennaio", "janeiro"),
    ("feb", "february", "févr", "fevrier", "février", "februar", "febrero", "febbraio", "fevereiro"),
    ("mar", "march", "mars", "märz", "marzo", "março"),
    ("apr", "april", "avr", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio", "maio"),
    ("jun", "june", "juin", "juni", "junio", "giugno", "junho"),
    ("jul", "july", "juil", "juillet", "juli", "julio", "luglio", "julho"),
    ("aug", "august", "août", "aout", "agosto"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro"),
    ("oct", "october", "octobre", "oktober", "octubre", "ottobre", "outubro"),
    ("nov", "november", "novembre", "noviembre", "novembro"),
    ("dec", "december", "déc", "décembre", "decembre", "dezember", "diciembre", "dicembre", "dezembro"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?"

_DATES = (
    # 2025-02-17, 2025/02/17, 2025.02.17 (ISO order, always year-month-day)
    re.compile(r"(?<!\d)" + _YEAR + r"(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"),
    # 17/02/2025, 02/17/2025, 17.02.2025, 17-02-25 (order decided later)
    re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)(?P<s>[-/.])(?P<b>[0-3]?\d)(?P=s)(?P<y>(?:19|20)?\d{2})(?![\d/])"),
    # March 3, 2021 / Jan. 5 2024 / Monday, Nov. 18th, 2019
    re.compile(r"\b" + _MON + r"\s*" + _DAY + r"(?:\s*,\s*|\s+)" + _YEAR + r"\b", re.I),
    # 20 Apr 2019 / 3 March, 2021 / 17. Februar 2025 / 5 de mayo de 2020
    re.compile(
        r"\b" + _DAY + r"\.?(?:\s*|-)(?:de\s+|of\s+)?" + _MON + r"(?:,?\s*|-)(?:de\s+)?" + _YEAR + r"\b", re.I
    ),
    # 2019 Apr 20
    re.compile(r"\b" + _YEAR + r"\s+" + _MON + r"\s+" + _DAY + r"\b", re.I),
)
_ZONE = (
    r"(?P<tz>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|Z\b|"
    r"UTC|GMT|[ECMP][SD]?T|BST|CES?T|EES?T|WES?T|IST|JST|KST|HKT|SGT|AES?T|AED?T|MSK)"
)
_CLOCK = re.compile(
    r"(?<![\d.])(?P<hh>[0-2]?\d)(?:(?P<sep>[:h])(?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d)(?:\.\d+)?)?"
    r"|\.(?P<mi2>[0-5]\d)(?=\s*(?:[ap]\.?m\b|(?:UTC|GMT|[ECMP][SD]?T|BST)\b)))"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*" + _ZONE + r")?",
    re.I,
)
_CLOCK_AMPM_ONLY = re.compile(r"(?<![\d.:])(?P<hh>1[0-2]|0?[1-9])\s*(?P<ampm>[ap])\.?\s?m\b\.?", re.I)
_UPDATED = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|edited|mis à jour|aktualisiert|actualizado)\b", re.I
)
_RELATIVE = re.compile(
    r"\b(?P<n>\d+|an?|one)\s*(?P<unit>sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|[smhdw])s?\.?\s+ago\b",
    re.I,
)
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_JUST_NOW = re.compile(r"\b(?:just now|moments? ago|today)\b", re.I)
_SHORT_UNITS = {"s": "sec", "m": "min", "h": "hour", "d": "day", "w": "week"}
_UNIT_SECONDS = {
    "sec": 1,
    "min": 60,
    "hr": 3600,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "month": 2592000,
}
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
    "SGT": 8,
    "HKT": 8,
    "JST": 9,
    "KST": 9,
    "AEST": 10,
    "AEDT": 11,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
_US_ZONES = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}
_FILLER = (
    "a ago aktualisiert am an at bst by cdt cest cet created cst ct date day days de edt est et "
    "first fri friday gmt h hour hours hr hrs just last le min mins minute minutes modified mon "
    "monday now on pdt pm posted pst pt pubblicato publicado published publié sat saturday "
    "second seconds secs sun sunday thu thur thurs thursday time today tue tues tuesday uhr um "
    "updated utc veröffentlicht wed wednesday week weeks yesterday"
)
_DATE_WORDS = frozenset(_FILLER.split())
"""Words a dateline may hold besides the date itself."""
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Published and updated times read from one dateline (ISO 8601 strings)."""

    published: str | None
    updated: str | None


@dataclass(frozen=True, slots=True)
class _Found:
    value: datetime
    has_time: bool
    start: int
    end: int


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
        if hours <= 14:
            return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _date_of(m: re.Match[str], month_first: bool) -> tuple[int, int, int] | None:
    groups = m.groupdict()
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 and b <= 12:
            day, month = a, b
        elif (b > 12 and a <= 12) or month_first:
            day, month = b, a
        else:
            day, month = a, b
        return _year(groups["y"]), month, day
    month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower()]
    return int(groups["y"]), month, int(groups["d"])


def _clock(text: str) -> tuple[tuple[int, int, int], str | None, int, int] | None:
    """The first clock in ``text``: ((h, m, s), zone token, start, end)."""
    for m in _CLOCK.finditer(text):
        hh = int(m["hh"])
        minute = m["mi"] if m["mi"] is not None else m["mi2"]
        if minute is None:
            continue
        mi, ss = int(minute), int(m["ss"] or 0)
        ampm = (m["ampm"] or "").lower()
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
        zone = re.match(r"\s*" + _ZONE, text[m2.end() :], re.I)
        return (hh, 0, 0), zone["tz"] if zone else None, m2.start(), m2.end() + (zone.end() if zone else 0)
    return None


def twelve_hour(text: str) -> bool:
    """True when ``text`` prints a 12-hour clock (am/pm): a hint that numeric dates are month-first."""
    return bool(re.search(r"\d\s*[ap]\.?\s?m\b", text, re.I))


def numeric_order(datelines: list[str]) -> bool | None:
    """Whether a page's numeric dates are month-first, from the ones whose numbers force an order
    ("11/25/2019" is month-first, "25/11/2019" day-first); None when none do or they disagree."""
    votes: set[bool] = set()
    for text in datelines:
        for m in _DATES[1].finditer(text):
            a, b = int(m["a"]), int(m["b"])
            if a <= 12 < b <= 31:
                votes.add(True)
            elif b <= 12 < a <= 31:
                votes.add(False)
    return votes.pop() if len(votes) == 1 else None


def find_date(text: str, month_first: bool | None = None) -> tuple[datetime, bool, int, int] | None:
    """The first calendar date in ``text`` with the clock printed near it: (value, has time, start, end)."""
    if month_first is None:
        month_first = twelve_hour(text)
    best: tuple[tuple[int, int, int], int, int] | None = None
    for pattern in _DATES:
        for m in pattern.finditer(text):
            ymd = _date_of(m, month_first)
            if ymd is None:
                continue
            try:
                datetime(*ymd)  # noqa: DTZ001 - validity check only
            except ValueError:
                continue
            if best is None or m.start() < best[1]:
                best = (ymd, m.start(), m.end())
            break
    if best is None:
        return None
    ymd, start, end = best
    # the clock belongs to this date if it follows it closely or precedes it closely
    after = _clock(text[end : end + 40])
    before = _clock(text[max(0, start - 40) : start])
    clock: tuple[int, int, int] = (0, 0, 0)
    zone_token: str | None = None
    has_time = False
    if after is not None and after[2] <= 12:
        clock, zone_token, _s, e = after
        has_time, end = True, end + e
    elif before is not None:
        clock, zone_token, _s, _e = before
        has_time = True
        start = max(0, start - 40) + _s
    if zone_token is None:
        tail = re.match(r"[\s,(]*" + _ZONE + r"\b", text[end : end + 12], re.I)
        zone_token = tail["tz"] if tail else None
    value = datetime(*ymd, *clock)  # noqa: DTZ001 - zone added below
    zone = _zone(zone_token, value)
    return (value.replace(tzinfo=zone) if zone else value), has_time, start, end


def iso(value: datetime, has_time: bool = True) -> str:
    """ISO 8601 to the minute (seconds when printed), with the offset when known."""
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")


def _relative(text: str, fetched_at: datetime | None) -> str | None:
    if fetched_at is None:
        return None
    if (rel := _RELATIVE.search(text)) is not None:
        n_text = rel["n"].lower()
        n = 1 if n_text in ("a", "an", "one") else int(n_text)
        unit = rel["unit"].lower()
        key = _SHORT_UNITS.get(unit) or next(k for k in _UNIT_SECONDS if unit.startswith(k[:3]) or unit == k)
        value = fetched_at - timedelta(seconds=n * _UNIT_SECONDS[key])
        return iso(value.replace(second=0, microsecond=0))
    if _YESTERDAY.search(text) or _JUST_NOW.search(text):
        day = fetched_at - timedelta(days=1) if _YESTERDAY.search(text) else fetched_at
        clock = _clock(text)
        if clock is not None:
            (hh, mi, ss), token, _s, _e = clock
            value = day.replace(hour=hh, minute=mi, second=ss, microsecond=0)
            zone = _zone(token, value)
            return iso(value.replace(tzinfo=zone) if zone else value)
        if _JUST_NOW.search(text) and "today" not in text.lower():
            return iso(fetched_at.replace(second=0, microsecond=0))
    return None


def _part(
    text: str, fetched_at: datetime | None, month_first: bool | None, base: datetime | None
) -> str | None:
    """One time from one part of a dateline; a bare clock takes ``base``'s date."""
    found = find_date(text, month_first)
    if found is not None:
        return iso(found[0], found[1])
    rel = _relative(text, fetched_at)
    if rel is not None:
        return rel
    if base is not None and (clock := _clock(text)) is not None:
        (hh, mi, ss), token, _s, _e = clock
        moved = base.replace(hour=hh, minute=mi, second=ss)
        if moved < base:
            moved += timedelta(days=1)
        zone = _zone(token, moved)
        return iso(moved.replace(tzinfo=zone) if zone else moved)
    return None


def parse_dateline(
    text: str, fetched_at: datetime | None = None, month_first: bool | None = None
) -> Dateline | None:
    """Read a dateline such as "2025-02-17 10:29 Last Updated At:11:07" (None when it holds no time)."""
    cut = _UPDATED.search(text)
    head, tail = (text[: cut.start()], text[cut.end() :]) if cut else (text, "")
    published = _part(head, fetched_at, month_first, None) if head.strip() else None
    base: datetime | None = None
    if published is not None and "T" in published:
        base = datetime.fromisoformat(published)
    updated = _part(tail, fetched_at, month_first, base) if tail.strip() else None
    if published is None and updated is not None:
        published = updated
    if published is None:
        return None
    return Dateline(published=published, updated=updated)


@memo_short
def looks_like_dateline(line: str) -> bool:
    """A short line that is mostly a date or time (not a headline that mentions a year)."""
    if len(line) > 120:
        return False
    found = find_date(line)
    if found is None:
        if _RELATIVE.search(line) or _YESTERDAY.search(line):
            rest = _RELATIVE.sub(" ", line)
        elif _UPDATED.search(line) and _clock(line) is not None:
            rest = line
        else:
            return False
        clock = _clock(rest)
        if clock is not None:
            rest = rest[: clock[2]] + rest[clock[3] :]
        return _unexplained(rest) <= 2
    _value, has_time, start, end = found
    if not has_time and not re.search(r"(?:19|20)\d\d", line[start:end]):
        # "Opening Bell 11.18.19": a two-digit year alone is too weak to call the line a dateline
        return _unexplained(line[:start] + " " + line[end:]) == 0
    rest = line[:start] + " " + line[end:]
    cut = _UPDATED.search(rest)
    if cut is not None:
        rest = rest[: cut.start()] + " " + _CLOCK.sub(" ", find_date_strip(rest[cut.end() :]))
    return _unexplained(rest) <= (3 if has_time else 2)


def find_date_strip(text: str) -> str:
    """``text`` without its first date (and the clock next to it)."""
    found = find_date(text)
    return text if found is None else text[: found[2]] + " " + text[found[3] :]


def _unexplained(rest: str) -> int:
    return sum(1 for w in _WORD.findall(rest) if w.lower() not in _DATE_WORDS)


def utc(value: datetime) -> datetime:
    """``value`` with a zone (UTC assumed when it has none)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
