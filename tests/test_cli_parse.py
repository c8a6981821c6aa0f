"""`newsflow parse`: offline, the same articles and ids the pipeline stores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from newsflow.cli import main
from newsflow.shared.ids import article_id_for, canonical_file_uri, page_id_for

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d6a69832709aa93b.txt"


def test_parse_jsonl_prints_one_article_per_line_with_pipeline_ids(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(SEED, tmp_path / "seed.txt")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["parse", "--jsonl", "seed.txt"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["segment"] for r in rows] == [0, 1]
    page_id = page_id_for(canonical_file_uri(tmp_path / "seed.txt"))
    for row in rows:
        assert row["source_uri"] == "seed.txt"
        assert row["id"] == article_id_for(page_id, row["segment"])
        assert {"title", "body", "published_at"} <= row.keys()
        assert "\n\n" in row["body"] and "\n\n\n" not in row["body"]
    assert rows[0]["published_at"] == "2025-02-17T10:29"
    assert rows[1]["published_at"] is None


def test_parse_keeps_input_order_and_reports_bad_files_without_stopping(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Menu\n\nHome\n")
    seed = tmp_path / "seed.txt"
    shutil.copy(SEED, seed)
    result = CliRunner().invoke(main, ["parse", "--jsonl", str(empty), str(seed)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 2
    assert "no article" in result.stderr


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in ("run", "serve", "ingest", "parse", "articles"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output
