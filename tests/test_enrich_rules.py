"""The rule-based readers on small texts: sentences, numbers, places, tone, keywords, quotes."""

from __future__ import annotations

import pytest

from newsflow.worker.enrich.gazetteer import gazetteer
from newsflow.worker.enrich.keywords import keyphrases, stop_words
from newsflow.worker.enrich.numbers import find_numbers
from newsflow.worker.enrich.quotes import find_quotes, speakers_from
from newsflow.worker.enrich.text import split_sentences
from newsflow.worker.enrich.tone import lexicon, score_sentences


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    body = "U.S. President Donald Trump met Mr. Smith on Jan. 5 in Washington. John F. Kennedy was not there."
    assert [s.text for s in split_sentences(body)] == [
        "U.S. President Donald Trump met Mr. Smith on Jan. 5 in Washington.",
        "John F. Kennedy was not there.",
    ]


def test_sentences_end_at_paragraphs_and_carry_offsets() -> None:
    body = "First paragraph without a full stop\n\nSecond one! And a third?"
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == [
        "First paragraph without a full stop",
        "Second one!",
        "And a third?",
    ]
    assert all(body[s.start : s.end] == s.text for s in sentences)


def facts(body: str) -> list[tuple[float, str | None, str | None, str | None]]:
    return [(f.value, f.unit, f.counted, f.qualifier) for f in find_numbers(body, split_sentences(body))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The firm raised $2.5 billion from investors.", (2.5e9, "USD", None, None)),
        ("Almost 3,000 people fled the town.", (3000.0, None, "people", "nearly")),
        ("Prices rose by about 4.5% last month.", (4.5, "percent", None, "about")),
        ("Up to 12 ships were stuck.", (12.0, None, "ships", "up to")),
        ("Rescuers found fewer than five survivors.", (5.0, None, "survivors", "less than")),
        ("The road is 40 km long.", (40.0, "km", None, None)),
    ],
)
def test_numeric_facts(body: str, expected: tuple[float, str | None, str | None, str | None]) -> None:
    assert facts(body) == [expected]


def test_years_dates_and_clock_times_are_not_facts() -> None:
    assert facts("In 2019 the law changed on March 3 at 10:30 and again on 5 May.") == []


def test_gazetteer_knows_aliases_demonyms_provinces_and_regions() -> None:
    gaz = gazetteer()
    us = gaz.lookup("the U.S.")
    assert us is not None and us.country_code == "US" and us.kind == "country"
    britain = gaz.lookup("Britain")
    assert britain is not None and britain.country_code == "GB"
    french = gaz.demonym("French")
    assert french is not None and french.name == "France"
    bavaria = gaz.lookup("Bavaria")
    assert bavaria is not None and (bavaria.kind, bavaria.country_code) == ("province", "DE")
    sichuan = gaz.lookup("Sichuan Province")
    assert sichuan is not None and sichuan.country_code == "CN"
    gulf = gaz.lookup("the Gulf")
    assert gulf is not None and gulf.kind == "region"
    paris = gaz.lookup("Paris")
    assert paris is not None and (paris.kind, paris.country_code) == ("city", "FR")
    assert gaz.lookup("Alibaba") is None


def test_a_country_beats_a_state_and_a_capital_beats_a_state() -> None:
    georgia = gazetteer().lookup("Georgia")
    assert georgia is not None and georgia.kind == "country"
    washington = gazetteer().lookup("Washington")
    assert washington is not None and (washington.kind, washington.country_code) == ("city", "US")


def test_negation_flips_tone() -> None:
    body = "The plan is good. The plan is not good."
    tone = score_sentences(body, split_sentences(body), lexicon())
    assert tone.sentences[0].score > 0 > tone.sentences[1].score


def test_keyphrases_prefer_repeated_content_words() -> None:
    body = (
        "Solar panels are cheaper than ever. Solar panels now power many homes. "
        "The government wants more solar panels on schools."
    )
    top = keyphrases(body, "Solar panels spread", stop_words())[0]
    assert (top.text, top.count) == ("solar panels", 3)
    assert body[top.start : top.end] == "Solar panels"


def test_quote_before_the_verb_and_pronoun_speakers_without_ner() -> None:
    body = (
        "Maria Lopez, the union leader, spoke first. "
        'She said: "We will strike on Monday if nothing changes." '
        '"That is a threat," said Tom Hart.'
    )
    found = find_quotes(body, split_sentences(body), speakers_from(body, None))
    direct = [(q.speaker, q.text) for q in found if q.kind == "direct"]
    assert direct == [
        ("Maria Lopez", "We will strike on Monday if nothing changes."),
        ("Tom Hart", "That is a threat,"),
    ]


def test_without_ner_titles_are_trimmed_and_pronouns_skip_single_words() -> None:
    body = (
        "Prime Minister Keir Starmer spoke in London on Friday. "
        '"We are ready to act," he said. '
        'Health Secretary Wes Streeting said: "The money will come this year." '
        '"Nobody expected this," Streeting added.'
    )
    found = find_quotes(body, split_sentences(body), speakers_from(body, None))
    assert [(q.speaker, q.verb) for q in found if q.kind == "direct"] == [
        ("Keir Starmer", "said"),
        ("Wes Streeting", "said"),
        ("Wes Streeting", "added"),
    ]
