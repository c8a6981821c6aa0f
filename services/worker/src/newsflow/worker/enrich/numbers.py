"""Numeric facts: value, unit or currency, what is counted, and the qualifier in front.

Regex over the body, no model: "over 280 new businesses", "nearly 17 million
yuan", "15 percent of the industrial policy funds", "at least 109 members",
"has exceeded 200" (what is counted then comes from "the number of
protesters" earlier in the sentence). Years, clock times and dates are not facts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from newsflow.shared.enrichment import Numbers, NumericFact
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.text import Sentence, word_set

_QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "exceeded": "more than",
    "exceeding": "more than",
    "upwards of": "more than",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
    "no less than": "at least",
    "no fewer than": "at least",
    "at least": "at least",
    "as many as": "up to",
    "as much as": "up to",
    "up to": "up to",
    "at most": "at most",
    "no more than": "at most",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
}
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR"}
_UNITS = {
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "percentage points": "percentage points",
    "yuan": "CNY",
    "renminbi": "CNY",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "rupees": "INR",
    "rials": "IRR",
    "yen": "JPY",
    "roubles": "RUB",
    "rubles": "RUB",
    "km": "km",
    "kilometers": "km",
    "kilometres": "km",
    "miles": "miles",
    "meters": "m",
    "metres": "m",
    "kg": "kg",
    "kilograms": "kg",
    "tons": "t",
    "tonnes": "t",
    "barrels": "barrels",
    "degrees": "degrees",
}
_STOP = word_set(
    """of in on at to for from by with and or but the a an is are was were be been has have had that which
    who this these those it its their his her our out per than as into over under about after before since
    ago while when where there here daily each every more most less also would will could should may might
    can said says do does did not no last next"""
)
_MONTHS = "January February March April May June July August September October November December"
_MONTH_NAMES = frozenset(_MONTHS.split()) | frozenset(m[:3] for m in _MONTHS.split())


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_QUALIFIER_BEFORE = re.compile(r"\b(?P<qual>" + _alternation(_QUALIFIERS) + r")\s+$", re.I)
_NUMBER = re.compile(
    r"(?P<sign>US\$|[$€£¥₹])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + _alternation(_WORD_NUMBERS) + r")\b)"
    r"(?:\s*(?P<scale>\b(?:thousand|million|billion|trillion)\b|(?:mn|bn|m|k)\b))?"
    r"(?:\s*(?P<unit>%|\b(?:" + _alternation(k for k in _UNITS if k != "%") + r")\b))?",
    re.I,
)
_COUNTED = re.compile(r"\s+([A-Za-z][\w-]*)")
_NUMBER_OF = re.compile(r"\bnumber of ([a-z][\w-]*)", re.I)
_UNIT_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?")


def _counted(body: str, pos: int, limit: int) -> tuple[str | None, int]:
    """Up to three words after ``pos`` naming what is counted, and where they end.

    Without a tagger: stop at stop words, adverbs, a verb-like "-ed" word after
    the first ("280 new businesses registered") and after a plural ("members").
    """
    words: list[str] = []
    end = pos
    while len(words) < 3:
        m = _COUNTED.match(body, end, limit)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if low in _STOP or low.endswith("ly") or (word[0].isupper() and not words):
            break
        if words and low.endswith("ed"):
            break
        words.append(word)
        end = m.end()
        if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            break
    return (" ".join(words) if words else None), end


def _year_or_date(body: str, m: re.Match[str], value: float, qualified: bool) -> bool:
    before = body[max(0, m.start() - 10) : m.start()].split()
    if before and before[-1].rstrip(".,") in _MONTH_NAMES:
        return True
    after = body[m.end() : m.end() + 12].split()
    if after and after[0].strip(".,") in _MONTH_NAMES:
        return True
    if body[m.end() : m.end() + 1] in (":", "/") or body[max(0, m.start() - 1) : m.start()] in (":", "/"):
        return True
    return bool(
        m.group("num").isdigit()
        and len(m.group("num")) == 4
        and 1800 <= value <= 2100
        and not (qualified or m.group("unit") or m.group("sign") or m.group("scale"))
    )


# Where a number can start: a currency sign or digit ("US$" two characters before a "$").
_NUMBER_START = re.compile(r"[$€£¥₹\d]")
# The only non-ASCII characters re.IGNORECASE matches to ASCII letters (it reads "ſix" as "six").
_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"  # İ ı ſ, Kelvin sign


def _number_starts(body: str) -> list[int] | None:
    """Every offset where ``_NUMBER`` can match, in order; None when the body defeats the shortcut.

    ``_NUMBER`` tried at every offset of the body is most of this enricher's
    cost; tried only at signs, digits and number words it matches the same.
    Number words are found in the lower-cased body, which lines up with the
    body and holds its ASCII letters where re.IGNORECASE would match them,
    unless one of ``_ASCII_FOLDS`` is in it.
    """
    if any(c in body for c in _ASCII_FOLDS):
        return None
    starts = set()
    for m in _NUMBER_START.finditer(body):
        starts.add(m.start())
        if m.group() == "$" and m.start() >= 2:
            starts.add(m.start() - 2)
    lower = body.lower()
    for word in _WORD_NUMBERS:
        at = lower.find(word)
        while at >= 0:
            starts.add(at)
            at = lower.find(word, at + 1)
    return sorted(starts)


def _numbers_in(body: str, sent: Sentence, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """What ``_NUMBER.finditer(body, sent.start, sent.end)`` yields, trying only ``starts``."""
    if starts is None:
        yield from _NUMBER.finditer(body, sent.start, sent.end)
        return
    pos = sent.start
    for i in range(bisect.bisect_left(starts, pos), bisect.bisect_left(starts, sent.end)):
        if starts[i] >= pos and (m := _NUMBER.match(body, starts[i], sent.end)):
            yield m
            pos = m.end()


def find_numbers(body: str, sentences: list[Sentence]) -> list[NumericFact]:
    """Numeric facts in ``body``, in order."""
    facts: list[NumericFact] = []
    starts = _number_starts(body)
    for sent in sentences:
        for m in _numbers_in(body, sent, starts):
            raw = m.group("num")
            word = raw.lower()
            value = float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(raw.replace(",", ""))
            if m.group("scale"):
                value *= _SCALES[m.group("scale").lower()]
            q = _QUALIFIER_BEFORE.search(body, max(sent.start, m.start() - 20), m.start())
            if _year_or_date(body, m, value, q is not None):
                continue
            unit = None
            if m.group("sign"):
                unit = _CURRENCY_SIGNS[m.group("sign").upper()]
            if m.group("unit"):
                unit = _UNITS[m.group("unit").lower()]
            end = m.end()
            if unit is None:
                counted, end_c = _counted(body, end, sent.end)
            elif of := _UNIT_OF.match(body, end, sent.end):  # "15 percent of the funds"
                counted, end_c = _counted(body, of.end() - 1, sent.end)
            else:
                counted, end_c = None, end
            if counted is None and (n := _NUMBER_OF.search(body, sent.start, m.start())):
                counted = n.group(1)
            elif counted is not None:
                end = end_c
            if word in _WORD_NUMBERS and counted is None:
                continue
            start = q.start("qual") if q else m.start()
            facts.append(
                NumericFact(
                    text=body[start:end],
                    value=value,
                    unit=unit,
                    counted=counted,
                    qualifier=_QUALIFIERS[q.group("qual").lower()] if q else None,
                    start=start,
                    end=end,
                )
            )
    return facts


class NumberEnricher:
    name = "numbers"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = True

    def run(self, ctx: Context) -> Numbers:
        return Numbers(items=find_numbers(ctx.body, ctx.sentences))
