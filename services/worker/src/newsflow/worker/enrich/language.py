"""Language of the body: py3langid (fast, offline, 97 languages) on its first 600 characters.

Six hundred characters identify news prose as surely as the whole body, in a sixth of the time.
"""

from __future__ import annotations

from array import array
from functools import cache
from typing import Any

from newsflow.shared.enrichment import Language
from newsflow.worker.enrich.context import Context

_SAMPLE = 600


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The byte automaton's per-state tables as arrays of the same numbers, not
    # lists of int objects: the walk touches far less memory, and memory is
    # what it costs once NER has flushed the caches.
    identifier._rowbase = array("I", identifier._rowbase)
    identifier.tk_output = array("i", identifier.tk_output)
    return identifier


class LanguageEnricher:
    name = "language"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = False

    def __init__(self) -> None:
        self._identify = _identifier()

    def run(self, ctx: Context) -> Language:
        code, probability = self._identify.classify(ctx.body[:_SAMPLE])
        return Language(code=str(code), confidence=round(float(probability), 4))
