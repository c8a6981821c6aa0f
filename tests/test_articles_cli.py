"""`newsflow articles` list/show/search/export against a real store on both engines."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsflow.cli import main
from newsflow.store.store import ArticleStore
from tests.test_store import T0, make

IRAN = {
    "language": {"code": "en", "confidence": 0.98},
    "entities": {
        "items": [
            {"name": "Masoud Pezeshkian", "kind": "person", "label": "PERSON", "count": 2, "mentions": []}
        ]
    },
    "places": {
        "items": [
            {
                "name": "Tehran",
                "kind": "city",
                "country_code": "IR",
                "latitude": 35.69,
                "longitude": 51.42,
                "count": 1,
                "mentions": [],
            }
        ],
        "main_countries": ["IR"],
    },
}


@pytest.fixture
def stored(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store holding two articles (one revised once); NEWSFLOW_DATABASE_URL points at it."""

    async def fill() -> None:
        store = ArticleStore(database_url)
        try:
            await store.migrate()
            await store.upsert(
                [
                    make(0, page="cn", count=1, published_at="2025-02-17T10:29:00+08:00", category="China"),
                    make(
                        0,
                        page="ir",
                        count=1,
                        title="Iran focuses on supplies",
                        body="Tehran says supplies of essential goods are ensured amid protests.",
                        published_at="2025-01-12",
                        category="World",
                        enrichment=IRAN,
                    ),
                ]
            )
            await store.upsert(
                [
                    make(
                        0,
                        page="cn",
                        count=1,
                        body="Hangzhou has over 290 new businesses.",
                        published_at="2025-02-17T10:29:00+08:00",
                        category="China",
                        fetched=T0 + timedelta(hours=1),
                    )
                ]
            )
        finally:
            await store.close()

    asyncio.run(fill())
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", database_url)
    monkeypatch.delenv("NEWSFLOW_LOG_LEVEL", raising=False)
    return database_url


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, ["articles", *args])
    return result


def ids(output: str) -> list[str]:
    return [json.loads(line)["id"] for line in output.splitlines()]


def test_articles_without_subcommand_lists_everything(stored: str) -> None:
    listed = run("--jsonl")
    assert listed.exit_code == 0, listed.output
    assert ids(listed.output) == ["cn-0", "ir-0"]
    table = run()
    assert table.exit_code == 0, table.output
    assert "ir-0" in table.output
    assert "Iran" in table.output


def test_list_filters_combine_and_csv_is_flat(stored: str) -> None:
    result = run("list", "--country", "ir", "--entity", "masoud pezeshkian", "--language", "en", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["id"], r["countries"], r["entities"], r["category"]) for r in rows] == [
        ("ir-0", "IR", "Masoud Pezeshkian", "World")
    ]
    assert ids(run("list", "--category", "CHINA", "--jsonl").output) == ["cn-0"]
    assert ids(run("list", "--source", "example/ir", "--jsonl").output) == ["ir-0"]
    assert ids(run("list", "--limit", "1", "--jsonl").output) == ["cn-0"]


def test_list_until_a_date_includes_that_whole_day(stored: str) -> None:
    assert ids(run("list", "--until", "2025-01-12", "--jsonl").output) == ["ir-0"]
    assert ids(run("list", "--until", "2025-01-11", "--jsonl").output) == []
    assert ids(run("list", "--since", "2025-02-17T00:00:00+00:00", "--jsonl").output) == ["cn-0"]
    bad = run("list", "--since", "last tuesday")
    assert bad.exit_code == 2
    assert "ISO 8601" in bad.output


def test_jsonl_and_csv_together_are_refused(stored: str) -> None:
    result = run("list", "--jsonl", "--csv")
    assert result.exit_code == 2


def test_show_prints_the_article_with_its_enrichment_and_revisions(stored: str) -> None:
    result = run("show", "cn")
    assert result.exit_code == 0, result.output
    for expected in ("Hangzhou has over 290 new businesses.", "Xi Jinping", "Earlier revisions", "CN"):
        assert expected in result.output
    as_json = json.loads(run("show", "cn-0", "--json").output)
    assert as_json["revision"] == 2
    assert [r["revision"] for r in as_json["revisions"]] == [1]
    assert [e["name"] for e in as_json["entities"]] == ["Xi Jinping", "Alibaba"]
    missing = run("show", "nope")
    assert missing.exit_code == 1
    assert "no article" in missing.output


def test_search_prints_ranked_matches(stored: str) -> None:
    result = run("search", "supplies OR businesses", "--jsonl")
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert [h["id"] for h in hits] == ["ir-0", "cn-0"]  # "supplies" is in ir-0's title too
    assert hits[0]["rank"] >= hits[1]["rank"]
    assert ids(run("search", "supplies", "--country", "CN", "--jsonl").output) == []
    table = run("search", "essential goods")
    assert table.exit_code == 0, table.output
    assert "ir-0" in table.output


def test_export_writes_jsonl_csv_and_parquet(stored: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    for fmt in ("jsonl", "csv", "parquet"):
        path = tmp_path / f"out.{fmt}"
        result = run("export", "--format", fmt, str(path))
        assert result.exit_code == 0, result.output
        assert "exported 2 articles" in result.output
    jsonl = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [d["id"] for d in jsonl] == ["cn-0", "ir-0"]
    assert jsonl[0]["enrichment"]["places"]["main_countries"] == ["CN"]
    with (tmp_path / "out.csv").open(newline="") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["cn-0", "ir-0"]
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [(r["id"], r["revision"], r["countries"]) for r in table] == [
        ("cn-0", 2, ["CN"]),
        ("ir-0", 1, ["IR"]),
    ]


def test_export_guesses_the_format_from_the_suffix_and_applies_filters(stored: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "iran.parquet"
    result = run("export", "--country", "IR", str(path))
    assert result.exit_code == 0, result.output
    assert pq.read_table(path).column("id").to_pylist() == ["ir-0"]


def test_csv_streamed_in_chunks_has_one_header(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsflow.cli import articles as articles_cli

    monkeypatch.setattr(articles_cli, "_CHUNK", 1)
    result = run("list", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert [r[0] for r in rows] == ["id", "cn-0", "ir-0"]
    assert ids(run("list", "--jsonl").output) == ["cn-0", "ir-0"]


def test_export_of_nothing_writes_an_empty_file_of_the_format(stored: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    for fmt in ("parquet", "csv", "jsonl"):
        path = tmp_path / f"none.{fmt}"
        result = run("export", "--country", "XX", str(path))
        assert result.exit_code == 0, result.output
        assert "exported 0 articles" in result.output
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0
    assert (tmp_path / "none.csv").read_text().startswith("id,page_id,")
    assert (tmp_path / "none.jsonl").read_text() == ""
