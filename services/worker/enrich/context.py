"""What enrichers share about one article: the body, its sentences, the NER doc, earlier outputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from newsflow.services.worker.enrich.text import WORD, Sentence, split_sentences
from newsflow.shared.contracts import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

Out = TypeVar("Out", bound=BaseModel)


@dataclass
class Context:
    """One article under enrichment; the expensive readings are computed once, on first use."""

    article: Article
    nlp: Callable[[str], Doc] | None = None
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

    @cached_property
    def doc(self) -> Doc:
        if self.nlp is None:
            msg = "no spaCy model loaded"
            raise RuntimeError(msg)
        return self.nlp(self.body)

    def output(self, name: str, kind: type[Out]) -> Out | None:
        """An earlier enricher's output, when it ran and succeeded."""
        value = self.outputs.get(name)
        return value if isinstance(value, kind) else None
