"""Loading settings for a command, with a readable error instead of a traceback."""

from __future__ import annotations

import os

import click
from pydantic import ValidationError

from newsflow.shared.logging import configure
from newsflow.shared.settings import Settings


def load_settings(default_level: str | None = None) -> Settings:
    """Settings from the environment, with a clear message instead of a traceback."""
    try:
        settings = Settings()
    except ValidationError as exc:
        lines = [f"  {'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()]
        raise click.ClickException("invalid NEWSFLOW_* settings:\n" + "\n".join(lines)) from None
    level = settings.log_level
    if default_level is not None and "NEWSFLOW_LOG_LEVEL" not in os.environ:
        level = default_level  # type: ignore[assignment]
    configure(level, settings.log_format)
    return settings
