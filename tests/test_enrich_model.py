"""The NER model's speed-ups change nothing it finds: inference ops and the tokenizer's chunk cache."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from thinc.api import NumpyOps

from newsflow.worker.enrich.inference_ops import InferenceOps
from newsflow.worker.enrich.nlp import DEFAULT_MODEL, load_model
from newsflow.worker.enrich.tokencache import ChunkCache


def test_inference_maxout_gives_thincs_maxima_bit_for_bit() -> None:
    pieces = np.random.default_rng(3).standard_normal((50, 96, 3), dtype=np.float32)
    expected, _ = NumpyOps(use_blis=False).maxout(pieces)
    best, _ = InferenceOps(use_blis=False).maxout(pieces)
    assert best.dtype == expected.dtype
    assert np.array_equal(best, expected)


def test_inference_ops_refuse_a_backward_pass() -> None:
    ops = InferenceOps(use_blis=False)
    _, which = ops.maxout(np.zeros((2, 4, 3), dtype=np.float32))
    with pytest.raises(NotImplementedError, match="prediction only"):
        ops.backprop_maxout(np.zeros((2, 4), dtype=np.float32), which, 3)


def test_worker_models_maxout_layers_run_on_inference_ops() -> None:
    ner = load_model(DEFAULT_MODEL).get_pipe("ner")
    maxouts = [node for node in ner.model.walk() if node.name == "maxout"]
    assert len(maxouts) == 5  # the tok2vec's embedding reduction and its four convolution layers
    assert all(isinstance(node.ops, InferenceOps) for node in maxouts)


def test_chunk_seen_twice_outlives_the_memory_zone_and_once_does_not() -> None:
    nlp = spacy.blank("en")
    cache = ChunkCache(nlp, promote_at=2)
    for text in ("Pezeshkian spoke in Karaj.", "Pezeshkian spoke again."):
        with nlp.memory_zone():
            nlp(text)
        cache.learn(text)
    assert "Pezeshkian" in nlp.vocab  # taught outside the zone: kept, and cached by the tokenizer
    assert "Karaj" not in nlp.vocab  # seen once: made inside the zone, freed with it
    assert cache.size == 2  # "Pezeshkian" and "spoke"


def test_chunk_cache_stops_at_its_capacity() -> None:
    nlp = spacy.blank("en")
    cache = ChunkCache(nlp, capacity=3, promote_at=1)
    cache.learn("one two three four five six")
    cache.learn("seven eight nine")
    assert cache.size == 3
    assert nlp.tokenizer.max_cache_size >= 3


def test_chunk_cache_refuses_to_learn_inside_a_memory_zone() -> None:
    nlp = spacy.blank("en")
    cache = ChunkCache(nlp)
    with nlp.memory_zone(), pytest.raises(RuntimeError, match="inside a memory zone"):
        cache.learn("anything")


def test_chunk_counts_are_forgotten_past_the_window() -> None:
    nlp = spacy.blank("en")
    cache = ChunkCache(nlp, promote_at=2, window=3)
    cache.learn("alpha beta gamma delta")  # four distinct chunks: over the window, counts cleared
    cache.learn("alpha")
    assert cache.size == 0
    cache.learn("alpha")
    assert cache.size == 1


def test_inference_maxout_with_a_single_piece_is_that_piece() -> None:
    pieces = np.random.default_rng(4).standard_normal((5, 7, 1), dtype=np.float32)
    best, _ = InferenceOps(use_blis=False).maxout(pieces)
    assert np.array_equal(best, pieces[..., 0])


def test_chunks_too_long_to_be_words_are_neither_counted_nor_taught() -> None:
    nlp = spacy.blank("en")
    cache = ChunkCache(nlp, promote_at=1)
    blob = "x" * 500
    cache.learn(f"{blob} word")
    assert cache.size == 1 and blob not in nlp.vocab
