"""The AsyncAPI document and JSON Schemas shipped in docs/schemas/ match the contracts in the code."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsflow.cli import main
from newsflow.shared.asyncapi import documents

SHIPPED = Path(__file__).resolve().parents[1] / "docs" / "schemas"


def test_shipped_schema_files_are_current() -> None:
    current = documents()
    stale = [name for name, content in current.items() if json.loads((SHIPPED / name).read_text()) != content]
    assert not stale, f"regenerate with `newsflow schema --out docs/schemas`: {stale}"
    assert sorted(p.name for p in SHIPPED.glob("*.json")) == sorted(current)


def test_asyncapi_document_carries_each_streams_real_payload() -> None:
    spec = documents()["asyncapi.json"]
    payloads = {
        channel["address"]: spec["components"]["messages"][ref["$ref"].split("/")[-1].replace("%20", " ")]
        for channel in spec["channels"].values()
        for ref in channel["messages"].values()
    }
    refs = {address: message["payload"]["$ref"].split("/")[-1] for address, message in payloads.items()}
    assert refs == {
        "newsflow:pages": "Page",
        "newsflow:documents": "Document",
        "newsflow:articles": "Article",
        "newsflow:dead": "DeadLetter",
    }
    assert "EmptyPayload" not in json.dumps(spec)
    assert spec["components"]["schemas"]["Page"]["properties"]["uri"]["description"]


def test_schema_command_prints_one_contract() -> None:
    result = CliRunner().invoke(main, ["schema", "article"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Article"
