"""Optional parts of an install: each service, the embedded server and Parquet come as extras."""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtra(ImportError):
    """A command needs a part this install left out; the message says which extra brings it."""


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import ``module``, or say which extra of `newsflow` to install for ``what``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if not (module == missing or module.startswith(missing + ".")):
            raise  # something the module itself imports is missing: a broken install, not a left-out extra
        raise MissingExtra(f"{what} needs the '{extra}' extra: pip install 'newsflow[{extra}]'") from exc
