"""Word and sentence counts and reading time."""

from __future__ import annotations

from newsflow.shared.enrichment import Length
from newsflow.worker.enrich.context import Context

WORDS_PER_MINUTE = 230


class LengthEnricher:
    name = "length"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = False

    def run(self, ctx: Context) -> Length:
        words = len(ctx.words)
        return Length(
            words=words, sentences=len(ctx.sentences), reading_seconds=round(words * 60 / WORDS_PER_MINUTE)
        )
