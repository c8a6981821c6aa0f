"""The enrichers' speed shortcuts give what the plain, slower code they replace gives, on awkward text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
from datasketch import MinHash
from redis import Redis

from newsflow.worker.enrich import numbers, quotes
from newsflow.worker.enrich.duplicates import SHINGLE, NearDuplicateIndex, shingles
from newsflow.worker.enrich.keywords import _first
from newsflow.worker.enrich.text import _END, Sentence, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d6a69832709aa93b.txt"

# Number words in any case, signs, digits of other scripts, and the characters
# re.IGNORECASE matches to ASCII letters (long s, dotless i, Kelvin sign).
PIECES = [
    *("two", "Two", "TWO", "tWo", "Ten", "often", "tent", "sixty", "hundred", "Hundreds", "dozens"),
    *("\u017fix", "\u0130", "\u0131", "\u212a", "K", "US$", "us$", "u$", "$", "€", "£", "¥", "₹"),
    *("1", "12", "3,000", "4.5", "2024", "\u0663", "\u00b2", "percent", "%", "million", "m", "bn"),
    *(" ", " ", "\n\n", ".", ",", "-", "'", "of", "the", "_", "é"),
]


def _texts(count: int) -> list[str]:
    rng = random.Random(1)
    return [
        "".join(rng.choice(PIECES) + rng.choice(("", " ")) for _ in range(rng.randint(1, 30)))
        for _ in range(count)
    ]


def test_numbers_are_tried_only_where_they_can_start_and_still_all_found() -> None:
    for body in _texts(3000):
        starts = numbers._number_starts(body)
        for sent in [*split_sentences(body), Sentence(0, len(body), body)]:
            plain = [(m.span(), m.groupdict()) for m in numbers._NUMBER.finditer(body, sent.start, sent.end)]
            assert [(m.span(), m.groupdict()) for m in numbers._numbers_in(body, sent, starts)] == plain


def test_a_keyphrase_is_found_where_the_whole_word_regex_finds_it() -> None:
    def plain(lower: str, text: str) -> int:
        m = re.search(r"(?<![\w'’-])" + re.escape(text) + r"(?![\w-])", lower)
        return m.start() if m else max(lower.find(text), 0)

    edges = ["ab-c abc", "x'abc abc", "’abc abc", "abc_ abc", "abcé abc", "abc-", "-abc abc", "abc's", ""]
    for lower in [*edges, *(t.lower() for t in _texts(300))]:
        for text in ("abc", "bc", "c", "two", "ten", "hundred", "of the"):
            assert _first(lower, text) == plain(lower, text), (lower, text)


def test_speech_verbs_grouped_by_first_letter_match_as_the_plain_alternation() -> None:
    plain = re.compile(r"\b(?:" + "|".join(quotes._SPEECH_VERBS) + r")\b")
    verbs = sorted(quotes._SPEECH_VERBS)
    rng = random.Random(2)
    texts = [SEED.read_text(encoding="utf-8"), " ".join(verbs), ",".join(verbs), "".join(verbs)]
    words = [*verbs, "say-so", "said_", "Said", "x", "on", "out", "."]
    texts += [" ".join(rng.choice(words) for _ in range(30)) for _ in range(50)]
    for text in texts:
        assert [(m.span(), m.group()) for m in quotes.VERB.finditer(text)] == [
            (m.span(), m.group()) for m in plain.finditer(text)
        ]


def test_sentence_ends_are_found_as_by_the_plain_pattern() -> None:
    plain = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
    pieces = [*".!?", "...", "\n", "\n\n", " \n \n", " ", "\t", *"\"'”’)]“(", "A", "a", "7"]
    rng = random.Random(3)
    texts = [SEED.read_text(encoding="utf-8")]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in _END.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_a_signature_is_datasketchs_minhash_bit_for_bit() -> None:
    """Signatures are stored and bucketed by every running worker: the shortcut must not change one bit."""
    unused = Redis.from_url("redis://127.0.0.1:1")  # signatures need no server
    index = NearDuplicateIndex(unused, "unused", threshold=0.7)
    accented = "Ünïcödé words, ſix of them: café naïve Straße"
    plain = " ".join(w for w in _texts(100) if w.isascii())
    texts = ["", "Too short", "One two three four", accented, plain, *_texts(200)]
    for text in texts:
        reference = MinHash(num_perm=128, seed=1, scheme="affine32")
        reference.update_batch(list(shingles(text, SHINGLE)))
        ours = index.signature(text)
        assert ours.dtype == reference.hashvalues.dtype
        assert np.array_equal(ours, reference.hashvalues), text
