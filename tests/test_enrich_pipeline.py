"""The enrichment pipeline: versions recorded, failures kept on the article, switches honoured."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel

from newsflow.shared.contracts import Article, ContentType, Document
from newsflow.shared.enrichment import Language
from newsflow.shared.errors import TimeLimitExceeded
from newsflow.shared.limits import Limits
from newsflow.shared.settings import Settings
from newsflow.worker.enrich import ENRICHERS, Enrichment, build_enrichment
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.language import LanguageEnricher
from newsflow.worker.enrich.places import PlaceEnricher
from newsflow.worker.process import process_document, process_documents

BODY = (
    "Chancellor Olaf Scholz said on Monday that Germany would raise spending by 3 percent. "
    '"We will not wait," Scholz told reporters in Berlin.'
)


def article(body: str = BODY) -> Article:
    return Article(
        id="a1",
        page_id="p1",
        source_uri="test://a",
        segment=0,
        segment_count=1,
        title="Germany raises spending",
        body=body,
        content_hash="h",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        parser="test",
    )


def document(text: str, page_id: str = "p") -> Document:
    """A one-article text document of page ``page_id``, as the splitter emits it."""
    return Document(
        page_id=page_id,
        uri=f"test://{page_id}",
        segment=0,
        segment_count=1,
        content_type=ContentType.TEXT,
        text=text,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


class Broken:
    name = "broken"
    version = "7"
    requires: tuple[str, ...] = ()
    english_only = False

    def run(self, ctx: Context) -> BaseModel:
        raise ValueError("no good")


def test_a_failing_enricher_is_recorded_and_the_others_still_run() -> None:
    enrichment = Enrichment([Broken(), LanguageEnricher()])
    out = enrichment.enrich(article())
    assert out.enrichment_errors == {"broken": "ValueError: no good"}
    assert out.enrichers == {"broken": "7", "language": "1"}
    assert out.enrichment["language"]["code"] == "en"
    assert "broken" not in out.enrichment
    assert out.body == BODY  # the article itself is intact


def test_an_enricher_whose_input_failed_says_so() -> None:
    class BrokenEntities(Broken):
        name = "entities"

    out = Enrichment([BrokenEntities(), PlaceEnricher()]).enrich(article())
    assert out.enrichment_errors["places"] == "needs entities, which failed"
    assert "places" not in out.enrichment


def test_disabled_enrichers_do_not_run() -> None:
    enrichment = build_enrichment(disabled=["tone", "keywords"])
    out = enrichment.enrich(article())
    assert "tone" not in out.enrichers
    assert "keywords" not in out.enrichment
    assert "quotes" in out.enrichment


def test_switching_entities_off_switches_places_off_and_loads_no_model() -> None:
    enrichment = build_enrichment(disabled=["entities"])
    assert enrichment.model is None
    assert "places" not in enrichment.names
    out = enrichment.enrich(article())
    assert out.enrichment_errors == {}
    # quotes still find speakers without NER, from capitalised names
    speakers = {q["speaker"] for q in out.enrichment["quotes"]["items"]}
    assert "Olaf Scholz" in speakers


def test_near_duplicates_are_off_without_redis() -> None:
    assert "near_duplicates" not in build_enrichment(disabled=["entities"]).names


def test_unknown_enricher_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown enrichers"):
        build_enrichment(disabled=["sentiment"])


def test_all_enrichers_on_a_small_article() -> None:
    out = build_enrichment().enrich(article())
    assert set(out.enrichers) == set(ENRICHERS) - {"near_duplicates"}
    people = {e["name"] for e in out.enrichment["entities"]["items"] if e["kind"] == "person"}
    assert people == {"Olaf Scholz"}
    quote = next(q for q in out.enrichment["quotes"]["items"] if q["kind"] == "direct")
    assert (quote["text"], quote["speaker"], quote["verb"]) == ("We will not wait,", "Olaf Scholz", "told")
    reported = next(q for q in out.enrichment["quotes"]["items"] if q["kind"] == "reported")
    assert reported["text"] == "Germany would raise spending by 3 percent"
    assert out.enrichment["places"]["main_countries"] == ["DE"]


def test_settings_name_enrichers_to_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_ENRICHERS_DISABLED", "entities, near_duplicates")
    monkeypatch.setenv("NEWSFLOW_SPACY_MODEL", "en_core_web_sm")
    settings = Settings()
    assert settings.enrichers_disabled == ["entities", "near_duplicates"]
    assert settings.spacy_model == "en_core_web_sm"


def test_process_document_without_enrichment_only_parses() -> None:
    out = process_document(
        document("Headline\n\nA body paragraph long enough to be an article body."), Limits()
    )
    assert out.enrichment == {}
    assert out.enrichers == {}


def test_english_only_enrichers_skip_articles_in_other_languages() -> None:
    body = (
        "Die Bundesregierung hat am Montag beschlossen, die Ausgaben für Schulen deutlich zu erhöhen. "
        "Der Kanzler sagte, man werde nicht länger warten, und die Länder begrüßten die Entscheidung."
    )
    out = build_enrichment().enrich(article(body))
    assert out.enrichment["language"]["code"] == "de"
    assert {"entities", "places", "quotes", "numbers", "tone", "keywords"}.isdisjoint(out.enrichment)
    assert {"language", "length", "summary"} <= set(out.enrichers)
    assert out.enrichment_errors == {}


def _bodies() -> list[str]:
    return [
        BODY,
        "Prime Minister Keir Starmer met Emmanuel Macron in Paris on Friday, officials said.",
        "Le gouvernement français a annoncé mardi un nouveau plan pour les hôpitaux de Lyon.",
        "Apple and Microsoft reported higher profits, and Tim Cook said demand in China stayed strong.",
    ]


def test_a_group_is_enriched_exactly_as_one_by_one() -> None:
    enrichment = build_enrichment()
    alone = [enrichment.enrich(article(body)) for body in _bodies()]
    together = enrichment.enrich_group([article(body) for body in _bodies()])
    assert [a.enrichment for a in together] == [a.enrichment for a in alone]
    assert [a.enrichers for a in together] == [a.enrichers for a in alone]
    assert together[0].enrichment["entities"]["items"][0]["name"] == "Olaf Scholz"
    assert "entities" not in together[2].enrichment  # French: the English model is skipped


class GroupBroken(Broken):
    """Runs alone, fails as a group: the group is redone one article at a time."""

    name = "grouped"

    def __init__(self) -> None:
        self.groups = 0

    def run(self, ctx: Context) -> BaseModel:
        if "Scholz" in ctx.body:
            raise ValueError("Scholz is too much")
        return Language(code="en", confidence=0.5)

    def run_group(self, ctxs: Sequence[Context]) -> Sequence[BaseModel]:
        self.groups += 1
        return [self.run(ctx) for ctx in ctxs]


def test_a_group_step_that_fails_is_redone_one_by_one_and_the_error_lands_on_its_article() -> None:
    step = GroupBroken()
    out = Enrichment([step]).enrich_group([article(body) for body in _bodies()[:2]])
    assert step.groups == 1
    assert out[0].enrichment_errors == {"grouped": "ValueError: Scholz is too much"}
    assert out[1].enrichment_errors == {}
    assert out[1].enrichment["grouped"] == {"code": "en", "confidence": 0.5}


def test_a_group_over_the_time_limit_is_left_to_the_stage() -> None:
    class Slow(GroupBroken):
        def run_group(self, ctxs: Sequence[Context]) -> Sequence[BaseModel]:
            raise TimeLimitExceeded("processing took longer than 1s (max_seconds_per_page)")

    with pytest.raises(TimeLimitExceeded):
        Enrichment([Slow()]).enrich_group([article(body) for body in _bodies()[1:3]])


def test_process_documents_gives_the_articles_process_document_gives() -> None:
    limits = Limits()
    enrichment = build_enrichment(disabled=["keywords"])
    docs = [document(f"Headline number {i}\n\n{body}", page_id=f"p{i}") for i, body in enumerate(_bodies())]
    together = process_documents(docs, limits, enrichment)
    alone = [process_document(doc, limits, enrichment) for doc in docs]
    assert [a.model_dump() for a in together] == [a.model_dump() for a in alone]
    assert together[3].enrichment["entities"]["items"]  # enriched, not just parsed


def test_an_enricher_over_the_time_limit_fails_the_page_not_just_the_enricher() -> None:
    class Slow(Broken):
        def run(self, ctx: Context) -> BaseModel:
            raise TimeLimitExceeded("processing took longer than 1s (max_seconds_per_page)")

    with pytest.raises(TimeLimitExceeded):
        Enrichment([Slow(), LanguageEnricher()]).enrich(article())


def test_a_group_step_giving_the_wrong_number_of_outputs_is_redone_one_by_one() -> None:
    class Short(GroupBroken):
        def run(self, ctx: Context) -> BaseModel:
            return Language(code="en", confidence=0.5)

        def run_group(self, ctxs: Sequence[Context]) -> Sequence[BaseModel]:
            return [self.run(ctxs[0])]

    out = Enrichment([Short()]).enrich_group([article(body) for body in _bodies()[:3]])
    assert [a.enrichment["grouped"]["confidence"] for a in out] == [0.5, 0.5, 0.5]
