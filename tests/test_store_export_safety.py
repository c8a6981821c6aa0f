"""`newsflow articles export` never clobbers: no overwrite without --force, no symlink, no formulas."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from newsflow.store.export import FORMATS, inert
from newsflow.store.store import ArticleStore
from tests.test_articles_cli import run
from tests.test_store import make


@pytest.fixture
def formulas(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store holding one article whose title and category a spreadsheet would run."""

    async def fill() -> None:
        store = ArticleStore(database_url)
        try:
            await store.migrate()
            article = make(
                0,
                page="evil",
                count=1,
                title='=HYPERLINK("http://evil.example","click")',
                category="+cmd|' /C calc'!A0",
                authors=["@SUM(1+1)", "-2+3"],
            )
            await store.upsert([article])
        finally:
            await store.close()

    asyncio.run(fill())
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", database_url)
    return database_url


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_refuses_to_overwrite_an_existing_file_without_force(
    formulas: str, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"out.{fmt}"
    path.write_text("precious")
    refused = run("export", str(path))
    assert refused.exit_code != 0
    assert "exists" in refused.output and "--force" in refused.output
    assert path.read_text() == "precious"
    forced = run("export", "--force", str(path))
    assert forced.exit_code == 0, forced.output
    assert path.read_bytes() != b"precious"
    assert not list(tmp_path.glob("*.part"))  # no partial file left behind


@pytest.mark.parametrize("force", [False, True])
def test_export_never_writes_through_a_symbolic_link(formulas: str, tmp_path: Path, force: bool) -> None:
    target = tmp_path / "target.txt"
    target.write_text("precious")
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    for path in (link, dangling):
        result = run("export", *(["--force"] if force else []), str(path))
        assert result.exit_code != 0
        assert "symbolic link" in result.output
        assert path.is_symlink()
    assert target.read_text() == "precious"
    assert not (tmp_path / "nowhere.csv").exists()


def test_csv_cells_a_spreadsheet_would_run_are_escaped(formulas: str, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert run("export", str(path)).exit_code == 0
    with path.open(newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["category"] == "'+cmd|' /C calc'!A0"
    assert row["authors"] == "'@SUM(1+1);-2+3"
    assert row["id"] == "evil-0"
    listed = run("list", "--csv")
    assert "'=HYPERLINK" in listed.output


def test_only_cells_starting_with_a_formula_character_change() -> None:
    assert [inert(v) for v in ("=1", "+1", "-1", "@a", "\tx", "a=1", "", 3, None)] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "a=1",
        "",
        3,
        None,
    ]
