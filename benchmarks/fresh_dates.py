"""Datelines for generated pages: a family's template filled from a datetime, as a site prints it."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_TOKEN = re.compile(r"\{([A-Za-z.]+)\}")


def _abbrev_with_period(month: int) -> str:
    name = _MONTHS[month - 1]
    return name if len(name) <= 4 else name[:3] + "."


def fields(when: datetime, zone: str) -> dict[str, str]:
    """Every token a template may use, for ``when``."""
    hour12 = when.hour % 12 or 12
    pm = when.hour >= 12
    return {
        "Weekday": _WEEKDAYS[when.weekday()],
        "Wkd": _WEEKDAYS[when.weekday()][:3],
        "Month": _MONTHS[when.month - 1],
        "Mon": _MONTHS[when.month - 1][:3],
        "Mon.": _abbrev_with_period(when.month),
        "APmon": _AP_MONTHS[when.month - 1],
        "d": str(when.day),
        "dd": f"{when.day:02d}",
        "m": str(when.month),
        "mm": f"{when.month:02d}",
        "Y": str(when.year),
        "yy": f"{when.year % 100:02d}",
        "H": str(when.hour),
        "HH": f"{when.hour:02d}",
        "MM": f"{when.minute:02d}",
        "I": str(hour12),
        "II": f"{hour12:02d}",
        "AP": "PM" if pm else "AM",
        "ap": "pm" if pm else "am",
        "a.p.": "p.m." if pm else "a.m.",
        "Z": zone,
    }


def render(template: str, when: datetime, zone: str = "") -> str:
    """``template`` filled for ``when``; an empty zone leaves no stray spaces."""
    values = fields(when, zone)
    text = _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    return re.sub(r"\s+", " ", text).replace(" ,", ",").strip()


def random_moment(rng: random.Random, day_over_12: bool = False) -> datetime:
    """A publication time between 2019 and mid-2025 (a day over 12 when the page prints day-first)."""
    start = datetime(2019, 1, 1)
    when = start + timedelta(minutes=rng.randrange(0, 6 * 365 * 24 * 60))
    if day_over_12 and when.day <= 12:
        when = when.replace(day=rng.randint(13, 28))
    return when


def truth_minutes(when: datetime) -> str:
    """The corpus truth's ``published``: local time as printed, to the minute."""
    return when.strftime("%Y-%m-%dT%H:%M")
