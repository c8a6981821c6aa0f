"""The seed page's two articles, enriched: the expectations pinned in issue 4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.enrich import ENRICHERS, build_enrichment
from newsflow.worker.process import process_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d6a69832709aa93b.txt"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    limits = Limits()
    enrichment = build_enrichment()  # no Redis: near-duplicates off
    page = Page(uri=str(SEED), body=SEED.read_text(encoding="utf-8"))
    return [process_document(doc, limits, enrichment) for doc in split_page(page, limits)]


@pytest.fixture(scope="module")
def hangzhou(articles: list[Article]) -> Article:
    return articles[0]


@pytest.fixture(scope="module")
def iran(articles: list[Article]) -> Article:
    return articles[1]


def names(article: Article, kind: str) -> set[str]:
    return {e["name"] for e in article.enrichment["entities"]["items"] if e["kind"] == kind}


def places(article: Article) -> dict[str, tuple[str, str | None]]:
    return {p["name"]: (p["kind"], p["country_code"]) for p in article.enrichment["places"]["items"]}


def quotes(article: Article) -> list[dict[str, Any]]:
    return list(article.enrichment["quotes"]["items"])


def facts(article: Article) -> list[dict[str, Any]]:
    return list(article.enrichment["numbers"]["items"])


def test_seed_splits_into_the_two_articles(articles: list[Article]) -> None:
    assert len(articles) == 2
    assert "Hangzhou" in (articles[0].title or "")
    assert "Iranian" in (articles[1].title or "")


def test_every_enricher_but_near_duplicates_runs_and_is_recorded(articles: list[Article]) -> None:
    for article in articles:
        assert article.enrichment_errors == {}
        assert set(article.enrichers) == set(ENRICHERS) - {"near_duplicates"}
        assert set(article.enrichment) == set(article.enrichers)
        assert all(version for version in article.enrichers.values())


def test_language_is_english_with_confidence(articles: list[Article]) -> None:
    for article in articles:
        assert article.enrichment["language"]["code"] == "en"
        assert article.enrichment["language"]["confidence"] > 0.9


def test_hangzhou_people_and_organisations(hangzhou: Article) -> None:
    assert {"Xi Jinping", "Zhou Yongnan", "Feng Ji", "Fang Yi"} <= names(hangzhou, "person")
    assert {"Alibaba", "DeepSeek", "Zhejiang Lab", "Game Science", "Zhejiang Daily"} <= names(
        hangzhou, "organization"
    )
    assert "Xi" not in names(hangzhou, "person")  # short mentions fold into the full name


def test_short_mentions_count_for_the_full_name(hangzhou: Article, iran: Article) -> None:
    xi = next(e for e in hangzhou.enrichment["entities"]["items"] if e["name"] == "Xi Jinping")
    assert xi["count"] >= 5
    assert {m["text"] for m in xi["mentions"]} == {"Xi Jinping", "Xi"}
    pezeshkian = next(e for e in iran.enrichment["entities"]["items"] if e["name"] == "Masoud Pezeshkian")
    assert {m["text"] for m in pezeshkian["mentions"]} == {"Masoud Pezeshkian", "Pezeshkian"}


def test_hangzhou_places_resolve_to_china(hangzhou: Article) -> None:
    found = places(hangzhou)
    assert found["Hangzhou"] == ("city", "CN")
    assert found["Zhejiang"] == ("province", "CN")
    assert found["China"] == ("country", "CN")
    assert hangzhou.enrichment["places"]["main_countries"] == ["CN"]


def test_iran_people(iran: Article) -> None:
    assert {
        "Masoud Pezeshkian",
        "Ali Reza",
        "Ali Larijani",
        "Ahmad-Reza Radan",
        "Mohammad Baqer Qalibaf",
        "Donald Trump",
    } <= names(iran, "person")


def test_iran_places_with_aliases_regions_and_demonyms(iran: Article) -> None:
    found = places(iran)
    assert found["Karaj"] == ("city", "IR")
    assert found["Tehran"] == ("city", "IR")
    assert found["Iran"] == ("country", "IR")
    assert found["Middle East"] == ("region", None)
    assert found["United States"] == ("country", "US")
    assert found["Washington"] == ("city", "US")
    assert found["Israel"] == ("country", "IL")
    us = next(p for p in iran.enrichment["places"]["items"] if p["name"] == "United States")
    assert "U.S." in {m["text"] for m in us["mentions"]}
    israel = next(p for p in iran.enrichment["places"]["items"] if p["name"] == "Israel")
    assert {m["text"] for m in israel["mentions"]} == {"Israeli"}
    assert iran.enrichment["places"]["main_countries"][0] == "IR"


def test_places_have_coordinates(articles: list[Article]) -> None:
    for article in articles:
        for place in article.enrichment["places"]["items"]:
            assert -90 <= place["latitude"] <= 90
            assert -180 <= place["longitude"] <= 180


def test_hangzhou_quotes_and_the_quote_inside_a_quote(hangzhou: Article) -> None:
    by_speaker = {(q["speaker"], q["kind"]) for q in quotes(hangzhou)}
    assert {
        ("Zhou Yongnan", "direct"),
        ("Xi Jinping", "nested"),
        ("Feng Ji", "direct"),
        ("Fang Yi", "direct"),
    } <= by_speaker
    nested = next(q for q in quotes(hangzhou) if q["kind"] == "nested")
    zhou = next(q for q in quotes(hangzhou) if q["speaker"] == "Zhou Yongnan")
    assert zhou["start"] < nested["start"] < nested["end"] < zhou["end"]
    assert nested["text"].startswith("You don't understand databases now")


def test_iran_direct_and_reported_speech(iran: Article) -> None:
    found = quotes(iran)
    direct = {q["speaker"] for q in found if q["kind"] == "direct"}
    reported = {q["speaker"] for q in found if q["kind"] == "reported"}
    assert "Ali Reza" in direct
    assert {"Masoud Pezeshkian", "Ali Larijani", "Ahmad-Reza Radan", "Mohammad Baqer Qalibaf"} <= reported
    qalibaf = next(q for q in found if q["speaker"] == "Mohammad Baqer Qalibaf")
    assert qalibaf["verb"] == "warned"
    assert qalibaf["text"].startswith("Tehran would regard U.S. and Israeli bases")


def test_scare_quotes_are_not_quotes(iran: Article) -> None:
    assert not any(q["text"] in ("enemy", "terrorists") for q in quotes(iran))


def _fact(article: Article, value: float) -> dict[str, Any]:
    return next(f for f in facts(article) if f["value"] == value)


def test_hangzhou_numbers(hangzhou: Article) -> None:
    assert _fact(hangzhou, 280)["counted"] == "new businesses"
    assert _fact(hangzhou, 280)["qualifier"] == "more than"
    assert _fact(hangzhou, 70)["counted"] == "patents"
    yuan = _fact(hangzhou, 17_000_000)
    assert (yuan["unit"], yuan["qualifier"]) == ("CNY", "nearly")
    assert _fact(hangzhou, 15)["unit"] == "percent"
    assert _fact(hangzhou, 80)["unit"] == "percent"
    assert _fact(hangzhou, 80)["qualifier"] == "at least"
    assert not any(f["value"] == 2003 for f in facts(hangzhou))  # a year is no fact


def test_iran_numbers(iran: Article) -> None:
    members = _fact(iran, 109)
    assert (members["counted"], members["qualifier"]) == ("members", "at least")
    assert _fact(iran, 200)["counted"] == "protesters"
    assert _fact(iran, 14)["counted"] == "days"


def test_tone(hangzhou: Article, iran: Article) -> None:
    assert hangzhou.enrichment["tone"]["label"] == "positive"
    assert iran.enrichment["tone"]["label"] == "negative"
    assert iran.enrichment["tone"]["most_negative"]["score"] < 0
    assert hangzhou.enrichment["tone"]["spread"] > 0


def test_keywords_summary_and_length(hangzhou: Article, iran: Article) -> None:
    assert hangzhou.enrichment["keywords"]["items"][0]["text"] == "hangzhou"
    assert "iran" in {k["text"] for k in iran.enrichment["keywords"]["items"][:3]}
    for article in (hangzhou, iran):
        summary = article.enrichment["summary"]
        assert 1 <= len(summary["sentences"]) <= 3
        assert summary["sentences"][0]["start"] == 0  # the lead
        length = article.enrichment["length"]
        assert length["words"] > 300
        assert length["reading_seconds"] == round(length["words"] * 60 / 230)


def _spans(article: Article) -> list[tuple[str, int, int]]:
    e = article.enrichment
    out = [(m["text"], m["start"], m["end"]) for x in e["entities"]["items"] for m in x["mentions"]]
    out += [(m["text"], m["start"], m["end"]) for x in e["places"]["items"] for m in x["mentions"]]
    out += [(q["text"], q["start"], q["end"]) for q in e["quotes"]["items"]]
    out += [(f["text"], f["start"], f["end"]) for f in e["numbers"]["items"]]
    out += [(s["text"], s["start"], s["end"]) for s in e["summary"]["sentences"]]
    return out


def test_every_offset_points_at_its_text(articles: list[Article]) -> None:
    for article in articles:
        spans = _spans(article)
        assert spans
        for text, start, end in spans:
            assert " ".join(article.body[start:end].split()) == text
        for k in article.enrichment["keywords"]["items"]:
            assert article.body[k["start"] : k["end"]].lower() == k["text"]
        for q in article.enrichment["quotes"]["items"]:
            if q["speaker_start"] is not None:
                assert article.body[q["speaker_start"] : q["speaker_end"]]
