"""Pages through the functions `newsflow parse` calls, timed per page; the pairing of truth and output.

Imports try the extraction package's new home first (issue #11) so this file keeps working across the move.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from scoring import Score, f1_of, shingle_match

from newsflow.files import read_page
from newsflow.shared.contracts import Article, Page
from newsflow.shared.errors import BadInput
from newsflow.shared.limits import Limits


def find(name: str, *modules: str) -> Any:
    """``name`` from the first of ``modules`` that imports and has it, else None."""
    for module in modules:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


split_page: Callable[[Page, Limits], list[Any]] = find(
    "split_page", "newsflow.splitter.split", "newsflow.services.splitter.split"
)
process_document: Callable[[Any, Limits], Article] = find(
    "process_document", "newsflow.worker.process", "newsflow.services.worker.process"
)
_clear_caches: Callable[[], None] | None = find(
    "clear_caches", "newsflow.extraction.text", "newsflow.services.splitter.text"
)


def clear_caches() -> None:
    if _clear_caches is not None:
        _clear_caches()


@dataclass
class Case:
    """One page's truth, prediction and timing."""

    path: str
    truth: list[dict[str, str]]
    predicted: list[Article]
    seconds: float
    error: str | None = None
    pairs: list[tuple[dict[str, str], Article | None, Score]] = field(default_factory=list)


def parse_page(page: Page, limits: Limits) -> tuple[list[Article], float, str | None]:
    """The articles `newsflow parse` gives for ``page``, and the CPU seconds it took (one core).

    Caches are cleared first: every page is timed cold, as if its lines had never been seen.
    """
    clear_caches()
    started = time.process_time()
    try:
        articles = [process_document(doc, limits) for doc in split_page(page, limits)]
    except (BadInput, ValidationError) as exc:
        return [], time.process_time() - started, f"{type(exc).__name__}: {exc}"[:200]
    return articles, time.process_time() - started, None


def parse_file(path: Path, limits: Limits) -> tuple[list[Article], float, str | None]:
    return parse_page(read_page(str(path)), limits)


def pair(case: Case) -> None:
    """Pair each true article with the predicted article whose body scores best against it."""
    case.pairs = []
    for truth in case.truth:
        best: tuple[Article | None, Score] = (None, shingle_match(truth["body"], ""))
        for article in case.predicted:
            score = shingle_match(truth["body"], article.body)
            if best[0] is None or f1_of(score) > f1_of(best[1]):
                best = (article, score)
        case.pairs.append((truth, best[0], best[1]))
