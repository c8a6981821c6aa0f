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
# Month and weekday names of the non-English sites in the second pool set, as their templates print them
# (capitalised where the language does); ``{MonthDe}``, ``{MonFr}``, ``{WeekdayEs}``... in a template.
_LOCAL_MONTHS = {
    "De": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "Fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "Es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "It": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "Pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "Nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
_LOCAL_WEEKDAYS = {
    "De": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "Fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "Es": "lunes martes miércoles jueves viernes sábado domingo",
    "It": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "Pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "Nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
}


def _abbrev_with_period(month: int) -> str:
    name = _MONTHS[month - 1]
    return name if len(name) <= 4 else name[:3] + "."


def _ordinal(day: int) -> str:
    suffix = "th" if 10 < day % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _local_names(when: datetime) -> dict[str, str]:
    """``Month``/``Mon``/``Weekday``/``Wkd`` plus a language suffix, for the non-English templates."""
    out: dict[str, str] = {}
    for lang, names in _LOCAL_MONTHS.items():
        month = names.split()[when.month - 1]
        weekday = _LOCAL_WEEKDAYS[lang].split()[when.weekday()]
        out |= {f"Month{lang}": month, f"Mon{lang}": month[:3], f"Weekday{lang}": weekday}
        out[f"Wkd{lang}"] = weekday[:2] if lang == "De" else weekday[:3]
    return out


def fields(when: datetime, zone: str) -> dict[str, str]:
    """Every token a template may use, for ``when``."""
    hour12 = when.hour % 12 or 12
    pm = when.hour >= 12
    return _local_names(when) | {
        "do": _ordinal(when.day),
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
