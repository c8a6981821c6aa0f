"""The OpenAPI document as shipped: ``python -m newsflow.api.openapi docs/openapi.json`` writes it.

Built from the app itself, with fixed settings, so the shipped file changes
only when the endpoints or the contracts do (a test compares the two).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsflow.shared.settings import Settings


def document() -> dict[str, Any]:
    """The api's OpenAPI document (no connection is made: the app is built, never started)."""
    from newsflow.api.app import create_app

    settings = Settings(redis_url="redis://localhost:6379/0", database_url="sqlite:///:memory:")
    return create_app(settings).openapi()


def text() -> str:
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text(), encoding="utf-8")
    else:
        sys.stdout.write(text())
