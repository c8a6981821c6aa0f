"""Datelines to ISO 8601: the formats news pages print, parsed without guessing.

Hand-written patterns rather than ``dateparser``: a dateline has a handful of
shapes, and a general parser costs milliseconds per call (up to a second
without a language hint) and happily reads a headline's "2020" as a date.
Relative datelines ("3 hours ago") resolve against the page's fetch time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (
    r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<tz>UTC|GMT|Z|[A-Z]{2,4}T|[+-]\d{2}:?\d{2}))?"
)
_SEP = r"(?:\s*(?:,|\||at|@|-|–|—|T)?\s*)"

_DATE_PATTERNS = [
    # 2025-02-17 10:29, 2025/02/17, 2025.02.17
    re.compile(
        r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:" + _SEP + _TIME + r")?", re.I
    ),
    # March 3, 2021 14:05 / Jan. 5, 2024, 3:12 PM / Monday, Nov. 18, 2019
    re.compile(
        _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?:" + _SEP + _TIME + r")?",
        re.I,
    ),
    # 20 Apr 2019 | 12:09 / 3 March 2021
    re.compile(
        r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH
        + r",?\s+(?P<y>(?:19|20)\d{2})(?:"
        + _SEP
        + _TIME
        + r")?",
        re.I,
    ),
    # 17/02/2025 (day first, as most of the world prints it)
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?:" + _SEP + _TIME + r")?", re.I),
]
_RELATIVE = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>second|sec|minute|min|hour|hr|day|week)s?\s+ago\b", re.I
)
_UPDATED_TIME = re.compile(r"(?:last\s+)?updated(?:\s+at)?\s*:?\s*(?:" + r"(?P<rest>.+)" + r")", re.I)
_TZ_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
}


@dataclass(frozen=True, slots=True)
class Dateline:
    """Published and updated times read from one dateline."""

    published: str | None
    updated: str | None


def _tz(token: str | None) -> timezone | None:
    if not token:
        return None
    token = token.upper()
    if token in _TZ_OFFSETS:
        return timezone(timedelta(hours=_TZ_OFFSETS[token]))
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", token)
    if m:
        sign = 1 if m[1] == "+" else -1
        return timezone(sign * timedelta(hours=int(m[2]), minutes=int(m[3])))
    return None


def _hour(groups: dict[str, str | None]) -> tuple[int, int, int] | None:
    if groups.get("hh") is None:
        return None
    hh, mi = int(groups["hh"] or 0), int(groups["mi"] or 0)
    ss = int(groups["ss"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 23 or mi > 59 or ss > 59:
        return None
    return hh, mi, ss


def _build(groups: dict[str, str | None]) -> datetime | None:
    try:
        year = int(groups["y"] or 0)
        month = int(groups["m"] or 0) if groups.get("m") else _MONTHS[(groups["mon"] or "").lower()]
        day = int(groups["d"] or 0)
        clock = _hour(groups) or (0, 0, 0)
        value = datetime(year, month, day, *clock)  # noqa: DTZ001 - zone added below
    except (KeyError, ValueError):
        return None
    zone = _tz(groups.get("tz"))
    return value.replace(tzinfo=zone) if zone else value


def _iso(value: datetime, has_time: bool) -> str:
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")


def find_date(text: str) -> tuple[datetime, bool, int, int] | None:
    """The first absolute date in ``text``: (value, has time, start, end)."""
    best: tuple[datetime, bool, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = _build(m.groupdict())
            if value is None:
                continue
            if best is None or m.start() < best[2]:
                best = (value, m.group("hh") is not None, m.start(), m.end())
            break
    return best


def parse_dateline(text: str, fetched_at: datetime | None = None) -> Dateline | None:
    """Read a dateline such as "2025-02-17 10:29 Last Updated At:11:07"."""
    found = find_date(text)
    if found is None:
        rel = _RELATIVE.search(text)
        if rel is None or fetched_at is None:
            return None
        n_text = rel["n"].lower()
        n = 1 if n_text in ("a", "an", "one") else int(n_text)
        unit = rel["unit"].lower()
        seconds = {
            "second": 1,
            "sec": 1,
            "minute": 60,
            "min": 60,
            "hour": 3600,
            "hr": 3600,
            "day": 86400,
            "week": 604800,
        }[unit]
        value = fetched_at - timedelta(seconds=n * seconds)
        return Dateline(published=_iso(value.replace(second=0, microsecond=0), True), updated=None)
    value, has_time, _start, end = found
    published = _iso(value, has_time)
    updated: str | None = None
    upd = _UPDATED_TIME.search(text, end) or _UPDATED_TIME.search(text)
    if upd is not None:
        rest = upd["rest"]
        other = find_date(rest)
        if other is not None:
            updated = _iso(other[0], other[1])
        else:
            clock_m = re.search(_TIME, rest, re.I)
            if clock_m is not None and (clock := _hour(clock_m.groupdict())) is not None:
                moved = value.replace(hour=clock[0], minute=clock[1], second=clock[2])
                if has_time and moved < value:
                    moved += timedelta(days=1)
                zone = _tz(clock_m["tz"])
                if zone is not None:
                    moved = moved.replace(tzinfo=zone)
                updated = _iso(moved, True)
    return Dateline(published=published, updated=updated)


def looks_like_dateline(line: str) -> bool:
    """A short line that is mostly a date (not a headline that mentions a year)."""
    words = line.split()
    if len(words) > 12:
        return False
    found = find_date(line)
    if found is None:
        return bool(_RELATIVE.search(line)) and len(words) <= 8
    _value, has_time, start, end = found
    rest = (line[:start] + line[end:]).strip(" |,-–—:()")
    rest_words = [w for w in re.findall(r"[A-Za-z]+", rest)]
    filler = {
        "published",
        "updated",
        "last",
        "at",
        "on",
        "posted",
        "by",
        "am",
        "pm",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "utc",
        "gmt",
        "et",
        "edt",
        "est",
        "date",
        "time",
        "modified",
    }
    unexplained = [w for w in rest_words if w.lower() not in filler]
    return has_time or len(unexplained) <= 2


def utc(value: datetime) -> datetime:
    """``value`` with a zone (UTC assumed when it has none)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
