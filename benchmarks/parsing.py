"""Pages through the functions `newsflow parse` calls, timed per page; the pairing of truth and output."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# trafilatura is loaded before timing: a worker pays the HTML path's imports once, at its start
import trafilatura.utils  # noqa: F401
from pydantic import ValidationError
from scoring import Score, f1_of, shingle_match

from newsflow.extraction.text import clear_caches
from newsflow.files import read_page
from newsflow.shared.contracts import Article, Page
from newsflow.shared.errors import BadInput
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.process import process_document


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


def parse_file(
    path: Path, limits: Limits, fetched: datetime | None = None
) -> tuple[list[Article], float, str | None]:
    """Parse the page in ``path``, fetched at ``fetched`` if the truth says when (else its mtime)."""
    page = read_page(str(path))
    if fetched is not None:
        page = page.model_copy(update={"fetched_at": fetched})
    return parse_page(page, limits)


def fetched_of(entry: dict[str, object]) -> datetime | None:
    """The fetch time a truth entry records (``"fetched"``, ISO 8601), which git does not keep as mtime."""
    value = entry.get("fetched")
    if not isinstance(value, str):
        return None
    stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


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
