"""The one home of stream and consumer-group names.

Every name hangs off a prefix (``NEWSFLOW_STREAM_PREFIX``) so that several
deployments, or test runs, can share one Redis server without touching each
other's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

SPLITTER_GROUP = "splitter"
WORKER_GROUP = "workers"
SINK_GROUP = "sink"


@dataclass(frozen=True, slots=True)
class Streams:
    """Stream names under one prefix: pages → documents → articles (→ dead)."""

    prefix: str = "newsflow"

    @property
    def pages(self) -> str:
        return f"{self.prefix}:pages"

    @property
    def documents(self) -> str:
        return f"{self.prefix}:documents"

    @property
    def articles(self) -> str:
        return f"{self.prefix}:articles"

    @property
    def dead(self) -> str:
        return f"{self.prefix}:dead"

    def groups(self) -> tuple[tuple[str, str], ...]:
        """(stream, group) for every stage, in pipeline order."""
        return (
            (self.pages, SPLITTER_GROUP),
            (self.documents, WORKER_GROUP),
            (self.articles, SINK_GROUP),
        )
