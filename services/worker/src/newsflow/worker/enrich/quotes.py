"""Quotes with their speakers: direct quotes, quotes inside quotes, and reported speech.

Direct quotes are attributed by the speech verb next to them, after the
quote (`"…," said Feng Ji`, `"…," Feng Ji said`) or before it (`Xi smiled
and said, '…'`). Reported speech is a speaker followed by a speech verb
outside any quote (`Ali Larijani has directed authorities to …`, `Radan said
on Sunday that …`) or a clause ended by one (`…, Pezeshkian said on Sunday.`).
Speakers are the person and organisation entities found by the entities
enricher (so they carry canonical names); pronouns ("He urged …") go to the
last person named. Without entities, capitalised names stand in.
Short unattributed quotes are scare quotes ("enemy") and are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from newsflow.shared.enrichment import AttributedQuote, Entities, Quotes
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.entities import TITLES
from newsflow.worker.enrich.text import Sentence, word_set

_VERBS = word_set(
    "said says say told tells added adds noted warned warns urged urges stressed stresses emphasized "
    "emphasised emphasizes explained explains stated announced announces claimed argued argues insisted "
    "insists asserted declared declares replied wrote writes asked asks acknowledged admitted confirmed "
    "confirms denied denies predicted recalled suggested vowed vows pledged promised cautioned directed "
    "ordered reiterated mentioned commented observed revealed disclosed maintained conceded remarked "
    "threatened demanded"
)


def _by_first_letter(words: Iterable[str]) -> str:
    """``words`` as one regex alternation, grouped by first letter: "s(?:aid|ays|…)|t(?:old|…)".

    The same matches, but at each word boundary the regex engine tries one
    branch per letter instead of all eighty words: verb search costs half.
    """
    groups = groupby(sorted(words), key=lambda word: word[0])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(re.escape(w[1:]) for w in ws)})" for first, ws in groups)


_SPEECH_VERBS = (*_VERBS, "called on", "pointed out")
VERB = re.compile(r"\b(?:" + _by_first_letter(_SPEECH_VERBS) + r")\b")
_VERB_AT_END = re.compile(r"(?:" + VERB.pattern + r")\s*[,:]?\s*$")
_DOUBLE = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?![\w])")
_BETWEEN = re.compile(r"^\s*(?:(?:has|have|had|also|then|later|earlier|previously|recently|again)\s+){0,2}$")
_PRONOUN = re.compile(r"^(?:He|She|They|he|she|they)\s+(?:(?:has|have|had|also|then|later)\s+){0,2}$")
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\b")
_NOT_SPEAKERS = word_set(
    "He She They It We I You The This That These Those A An In On At But And Or If When While After As"
)
_THAT = re.compile(r"^(?:[^,;.\"“]{0,60}?\s)?that\s+", re.S)
_MIN_UNATTRIBUTED_WORDS = 8
_WINDOW = 160


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int
    end: int
    name: str
    person: bool


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Speaker
    verb: str
    verb_start: int


class _Speakers:
    """Speaker mentions in body order, for lookups by position."""

    def __init__(self, items: list[Speaker]) -> None:
        self.items = sorted(items, key=lambda s: s.start)
        self.starts = [s.start for s in self.items]

    def starting_in(self, lo: int, hi: int) -> list[Speaker]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.items) and self.items[i].start < hi:
            out.append(self.items[i])
            i += 1
        return out

    def ending_at(self, lo: int, pos: int) -> Speaker | None:
        """The last speaker ending in [lo, pos]."""
        best = None
        for s in self.starting_in(lo, pos):
            if s.end <= pos:
                best = s
        return best

    def last_person_before(self, pos: int) -> Speaker | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            if self.items[i].person and self.items[i].end <= pos:
                return self.items[i]
            i -= 1
        return None


def speakers_from(body: str, entities: Entities | None) -> _Speakers:
    """Person/organisation mentions (canonical names), or capitalised names when NER is off."""
    if entities is not None:
        return _Speakers(
            [
                Speaker(m.start, m.end, e.name, e.kind == "person")
                for e in entities.items
                if e.kind in ("person", "organization")
                for m in e.mentions
            ]
        )
    return _Speakers(_capitalised_names(body))


def _capitalised_names(body: str) -> list[Speaker]:
    """Runs of capitalised words after any title ("Health Secretary Wes Streeting" → "Wes Streeting").

    A lone word takes the full name seen before it ("Streeting"); only names
    of two or more words count as people for pronouns ("he said").
    """
    out: list[Speaker] = []
    full: dict[str, str] = {}
    for m in _NAME.finditer(body):
        start, text = m.start(), m.group()
        for title in TITLES.finditer(text):
            if title.end() < len(text):
                start, text = m.start() + title.end(), m.group()[title.end() :]
        if not text or text in _NOT_SPEAKERS:
            continue
        words = text.split()
        if len(words) > 1:
            full[words[-1]] = text
        name = full.get(text, text)
        out.append(Speaker(start, start + len(text), name, " " in name))
    return out


def _sentence_bounds(sentences: list[Sentence], starts: list[int], pos: int) -> tuple[int, int]:
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    return (sentences[i].start, sentences[i].end) if sentences else (0, pos)


def _pronoun(body: str, lo: int, verb_start: int, speakers: _Speakers) -> Speaker | None:
    if _PRONOUN.search(body[lo:verb_start]):
        return speakers.last_person_before(lo)
    return None


def _after(body: str, pos: int, limit: int, speakers: _Speakers) -> _Attribution | None:
    """Attribution in the words right after a quote ending at ``pos``."""
    window = body[pos : min(limit, pos + _WINDOW)]
    m = VERB.search(window)
    if m is None or len(window[: m.start()].split()) > 5 or '"' in window[: m.start()]:
        return None
    verb_start, verb_end = pos + m.start(), pos + m.end()
    lead = body[pos:verb_start]
    if not lead.strip(" ,"):  # `"…," said X`: the first speaker after the verb
        tail_end = min(limit, verb_end + 60)
        following = speakers.starting_in(verb_end, tail_end)
        return _Attribution(following[0], m.group(), verb_start) if following else None
    before = speakers.ending_at(pos, verb_start)
    if before is not None and _BETWEEN.match(body[before.end : verb_start]):
        return _Attribution(before, m.group(), verb_start)
    p = _pronoun(body, pos + len(lead) - len(lead.lstrip(" ,")), verb_start, speakers)
    return _Attribution(p, m.group(), verb_start) if p else None


def _before(body: str, pos: int, lower: int, speakers: _Speakers) -> _Attribution | None:
    """Attribution in the words right before a quote opening at ``pos``."""
    window_start = max(lower, pos - _WINDOW)
    window = body[window_start:pos]
    m = _VERB_AT_END.search(window)
    if m is None:
        return None
    verb = VERB.search(m.group())
    assert verb is not None
    verb_start = window_start + m.start()
    s = speakers.ending_at(window_start, verb_start)
    if s is not None:
        return _Attribution(s, verb.group(), verb_start)
    p = speakers.last_person_before(verb_start)
    if p is not None and re.search(r"\b(?:He|She|he|she)\s+\w*\s*$", body[window_start:verb_start]):
        return _Attribution(p, verb.group(), verb_start)
    return None


def _singles(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Single-quoted spans inside [lo, hi), apostrophes ("don't") left alone."""
    out = []
    pos = lo
    text = body[:hi]
    while (o := _SINGLE_OPEN.search(text, pos)) is not None:
        c = _SINGLE_CLOSE.search(text, o.end())
        if c is None:
            break
        out.append((o.end(), c.start()))
        pos = c.end()
    return out


def _quote(
    body: str, start: int, end: int, kind: Literal["direct", "nested"], attribution: _Attribution | None
) -> AttributedQuote | None:
    text = body[start:end]
    if attribution is None and len(text.split()) < _MIN_UNATTRIBUTED_WORDS:
        return None
    speaker = attribution.speaker if attribution else None
    return AttributedQuote(
        text=text,
        speaker=speaker.name if speaker else None,
        kind=kind,
        start=start,
        end=end,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        verb=attribution.verb if attribution else None,
    )


def find_quotes(body: str, sentences: list[Sentence], speakers: _Speakers) -> list[AttributedQuote]:
    """Every quote in ``body`` with its speaker, in body order."""
    starts = [s.start for s in sentences]
    quotes: list[AttributedQuote] = []
    quoted: list[tuple[int, int]] = []
    used_verbs: set[int] = set()
    for m in _DOUBLE.finditer(body):
        qs, qe = m.start(1), m.end(1)
        quoted.append((m.start(), m.end()))
        s_start, _ = _sentence_bounds(sentences, starts, m.start())
        _, after_end = _sentence_bounds(sentences, starts, m.end())
        att = _after(body, m.end(), max(after_end, m.end()), speakers) or _before(
            body, m.start(), s_start, speakers
        )
        if att:
            used_verbs.add(att.verb_start)
        if (q := _quote(body, qs, qe, "direct", att)) is not None:
            quotes.append(q)
        for ns, ne in _singles(body, qs, qe):
            inner = _before(body, ns - 1, qs, speakers) or _after(body, ne + 1, qe, speakers)
            if (q := _quote(body, ns, ne, "nested", inner)) is not None:
                quotes.append(q)
    quotes.extend(_reported(body, sentences, speakers, quoted, used_verbs))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _reported(
    body: str,
    sentences: list[Sentence],
    speakers: _Speakers,
    quoted: list[tuple[int, int]],
    used_verbs: set[int],
) -> list[AttributedQuote]:
    """Reported speech: `X said (…) that …`, `X urged … to …`, `…, X said on Sunday.`"""
    out: list[AttributedQuote] = []
    for sent in sentences:
        for m in VERB.finditer(body, sent.start, sent.end):
            verb_start = m.start()
            if verb_start in used_verbs or _inside(verb_start, quoted):
                continue
            s = speakers.ending_at(sent.start, verb_start)
            if s is None or not _BETWEEN.match(body[s.end : verb_start]):
                s = _pronoun(body, sent.start, verb_start, speakers)
            if s is None:
                continue
            rest_start = m.end()
            rest = body[rest_start : sent.end]
            that = _THAT.match(rest)
            if that is not None:
                start, end = rest_start + that.end(), sent.end
            elif len(rest.split()) > 8 or " to " in rest:
                start, end = rest_start + len(rest) - len(rest.lstrip()), sent.end
            else:
                comma = body.rfind(",", sent.start, s.start)
                if comma <= sent.start:
                    continue
                start, end = sent.start, comma
            end = _trim_end(body, start, end)
            if end - start < 3 or _inside(start, quoted):
                continue
            out.append(
                AttributedQuote(
                    text=body[start:end],
                    speaker=s.name,
                    kind="reported",
                    start=start,
                    end=end,
                    speaker_start=s.start,
                    speaker_end=s.end,
                    verb=m.group(),
                )
            )
            break
    return out


def _trim_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " .,;:":
        end -= 1
    return end


class QuoteEnricher:
    name = "quotes"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = True

    def run(self, ctx: Context) -> Quotes:
        speakers = speakers_from(ctx.body, ctx.output("entities", Entities))
        return Quotes(items=find_quotes(ctx.body, ctx.sentences, speakers))
