"""What enrichers share about one article: the body, its sentences and words, earlier outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel

from newsflow.shared.contracts import Article
from newsflow.worker.enrich.text import WORD, Sentence, split_sentences

Out = TypeVar("Out", bound=BaseModel)


@dataclass
class Context:
    """One article under enrichment; the expensive readings are computed once, on first use."""

    article: Article
    outputs: dict[str, BaseModel] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.article.body

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.body)

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """(start, end) of every word in the body."""
        return [m.span() for m in WORD.finditer(self.body)]

    def output(self, name: str, kind: type[Out]) -> Out | None:
        """An earlier enricher's output, when it ran and succeeded."""
        value = self.outputs.get(name)
        return value if isinstance(value, kind) else None
