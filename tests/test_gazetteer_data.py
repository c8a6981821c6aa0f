"""The gazetteer data shipped in the worker is exactly what its build script extracts from the sources."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "services/worker/tools/build_gazetteer_data.py"


def test_shipped_gazetteer_data_matches_its_sources() -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer_data", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = json.loads(gzip.decompress(tool.OUT.read_bytes()))
    assert shipped == json.loads(json.dumps(tool.sources())), (
        "rerun services/worker/tools/build_gazetteer_data.py"
    )
