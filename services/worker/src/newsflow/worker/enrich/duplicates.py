"""Near-duplicates across every worker process: MinHash of word shingles, LSH index in Redis.

``datasketch`` keeps the LSH buckets in Redis (its redis storage, sharing
the worker's connection pool); the signatures live beside them in one hash
so candidates can be scored. An article is a near-duplicate of the most
similar earlier article whose estimated Jaccard similarity of 4-word
shingles reaches the threshold; either way it joins the index (once per id:
a redelivery or a new revision of the same article is not its own duplicate).
Two copies of one story processed at the very same instant by two workers
can miss each other; everything after them is caught.

With a window (``NEWSFLOW_NEAR_DUPLICATE_DAYS``) the index is kept in
generations of that length: an article is compared with the current and the
previous generation and joins the current one, and every key of a generation
expires in Redis once no later article can look at it. The index therefore
holds one to two windows of articles, however long the deployment runs.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha1
from itertools import accumulate
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsflow.shared.enrichment import NearDuplicate
from newsflow.worker.enrich.context import Context

if TYPE_CHECKING:
    from redis import Redis

_WORD = re.compile(r"\w+")
SHINGLE = 4
NUM_PERM = 128
_SEED = 1
_SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Lower-cased word ``size``-grams of ``text`` (the whole text when shorter)."""
    return set(_shingle_list(text, size))


def _shingle_list(text: str, size: int = SHINGLE) -> list[bytes]:
    """:func:`shingles` in text order, repeats kept (a MinHash ignores them).

    ASCII text is encoded once and cut into shingles by word offsets, three
    times faster than joining and encoding each shingle.
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    joined = " ".join(words)
    if not joined.isascii():
        return [" ".join(gram).encode() for gram in zip(*(words[i:] for i in range(size)), strict=False)]
    raw = joined.encode()
    starts = [0, *accumulate(len(w) + 1 for w in words)]
    return [raw[start : end - 1] for start, end in zip(starts, starts[size:], strict=False)]


MAX_CANDIDATES = 64

# The look-ups: a sample of each band's bucket, the article's stored
# signature (if any, newest generation first) with the generation it was
# found in (1: current, 2: previous, 0: none), and the next sequence number.
# KEYS: the buckets (of every generation looked at), the signatures hashes
# (ARGV[3] of them), the sequence. ARGV: the sample size, the id, the number
# of signatures hashes.
_LOOKUP = """
local hashes = tonumber(ARGV[3])
local out = {}
for i = 1, #KEYS - hashes - 1 do
    out[i] = redis.call("SRANDMEMBER", KEYS[i], ARGV[1])
end
local own, found_in = false, 0
for i = #KEYS - hashes, #KEYS - 1 do
    if not own then
        own = redis.call("HGET", KEYS[i], ARGV[2])
        if own then found_in = i - (#KEYS - hashes) + 1 end
    end
end
out[#out + 1] = own
out[#out + 1] = found_in
out[#out + 1] = redis.call("INCR", KEYS[#KEYS])
return out
"""

# The insertion, datasketch's redis layout written in one call instead of a
# transaction of 3 + 2 * bands commands (each packed and parsed by redis-py).
# KEYS: the signatures hash, datasketch's keys hash, the article's band list,
# then each band's table hash and bucket set. ARGV: the id, its stored
# signature, the unix time at which every key expires (0: never), then its bands.
_INSERT = """
redis.call("HSETNX", KEYS[1], ARGV[1], ARGV[2])
redis.call("HSET", KEYS[2], ARGV[1], KEYS[3])
redis.call("RPUSH", KEYS[3], unpack(ARGV, 4))
for i = 4, #ARGV do
    redis.call("HSET", KEYS[2 * i - 4], ARGV[i], KEYS[2 * i - 3])
    redis.call("SADD", KEYS[2 * i - 3], ARGV[1])
end
if ARGV[3] ~= "0" then
    for i = 1, #KEYS do
        redis.call("EXPIREAT", KEYS[i], ARGV[3])
    end
end
"""
_EXPIRY_MARGIN_S = 3600


def _likeliest(members: list[list[bytes]], own: bytes) -> list[bytes]:
    """The candidates sharing the most LSH bands with the article, at most MAX_CANDIDATES.

    Buckets are sampled (up to MAX_CANDIDATES members each) and the sample is
    cut to the candidates seen in most bands: the number of bands two
    signatures share rises with their similarity. Without both bounds a story
    copied thousands of times makes every new copy fetch and compare every
    earlier one, quadratic over a run.
    """
    hits = Counter(key for band in members for key in band if key != own)
    if len(hits) <= MAX_CANDIDATES:
        return sorted(hits)
    return sorted(key for key, _ in hits.most_common(MAX_CANDIDATES))


class NearDuplicateIndex:
    """The shared index: ``key_prefix`` namespaces every Redis key it writes.

    Each stored signature carries a sequence number, so an article seen again
    (redelivered, revised) is only compared with articles indexed before it
    and never reported as a duplicate of its own later copies.
    """

    def __init__(
        self,
        redis: Redis,
        key_prefix: str,
        threshold: float,
        num_perm: int = NUM_PERM,
        *,
        window_s: float = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        from datasketch import MinHash
        from datasketch.minhash import _fmix

        self._redis = redis
        self._fmix = _fmix
        self._num_perm = num_perm
        self.threshold = threshold
        self._prefix = key_prefix
        self._window_s = window_s
        self._clock = clock
        self._sequence = f"{key_prefix}:neardup:seq"
        self._generations: dict[int, _Generation] = {}
        empty = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
        self._permutations = empty.permutations
        self._empty: npt.NDArray[np.uint32] = empty.hashvalues
        self._lookup = redis.register_script(_LOOKUP)
        self._insert = redis.register_script(_INSERT)

    def _generation(self, number: int) -> _Generation:
        """The keys of generation ``number`` (all of them when there is no window: 0)."""
        if number not in self._generations:
            from datasketch import MinHashLSH

            name = f"{self._prefix}:neardup" if not self._window_s else f"{self._prefix}:neardup:{number}"
            config: dict[str, Any] = {
                "type": "redis",
                "basename": f"{name}:lsh".encode(),
                "redis": {"connection_pool": self._redis.connection_pool},
            }
            lsh = MinHashLSH(
                threshold=self.threshold, num_perm=self._num_perm, storage_config=config, prepickle=False
            )
            expires = int((number + 2) * self._window_s) + _EXPIRY_MARGIN_S if self._window_s else 0
            self._generations = {n: g for n, g in self._generations.items() if n >= number - 1}
            self._generations[number] = _Generation(lsh, f"{name}:sig", expires)
        return self._generations[number]

    def _current(self) -> tuple[_Generation, _Generation | None]:
        """The generation new articles join, and the previous one they are still compared with."""
        if not self._window_s:
            return self._generation(0), None
        number = int(self._clock() // self._window_s)
        return self._generation(number), self._generation(number - 1)

    def signature(self, text: str) -> npt.NDArray[np.uint32]:
        """The hash values of datasketch's ``MinHash.update_batch(shingles)``, bit for bit, in arrays.

        Stored signatures and LSH buckets must not change, so this is
        datasketch's scheme (the first four bytes of each shingle's SHA-1,
        little-endian, mixed, then permuted) with the per-shingle Python
        calls replaced by one pass over the joined digests.
        """
        found = _shingle_list(text)
        if not found:
            return self._empty.copy()
        digests = b"".join([sha1(s, usedforsecurity=False).digest() for s in found])
        first_words = np.frombuffer(digests, dtype="<u4")[::5]  # a SHA-1 digest is five 32-bit words
        a, b = self._permutations
        mixed = self._fmix(first_words.astype(np.uint32)[:, None], 32)
        return (mixed * a + b).min(axis=0)  # type: ignore[no-any-return]

    def check_and_add(self, article_id: str, text: str) -> NearDuplicate:
        """The earlier article ``text`` duplicates, if any; then index it under ``article_id``.

        Two or three round trips: the LSH bucket look-ups (datasketch's query,
        but one script instead of one call per band), the candidates'
        signatures, and the insertion (datasketch's storage layout, in one
        script: atomic like a transaction, a fraction of the client's work).
        """
        sig = self.signature(text)
        own = article_id.encode()
        current, previous = self._current()
        looked_at = [current] if previous is None else [current, previous]
        bands = [current.lsh._H(sig[start:end]) for start, end in current.lsh.hashranges]
        # a sample, not SMEMBERS: a story copied thousands of times fills its
        # buckets, and reading them whole would make each copy cost more
        buckets = [
            table.redis_key(band)
            for generation in looked_at
            for band, table in zip(bands, generation.lsh.hashtables, strict=True)
        ]
        hashes = [generation.signatures for generation in looked_at]
        *members, own_stored, found_in, seq = self._lookup(
            keys=[*buckets, *hashes, self._sequence], args=[MAX_CANDIDATES, own, len(hashes)]
        )
        candidates = _likeliest(members, own)
        own_seq = int.from_bytes(own_stored[:8], "big") if own_stored else None
        best: tuple[float, str] | None = None
        for key, raw in zip(candidates, self._signatures_of(candidates, hashes), strict=True):
            if raw is None or (own_seq is not None and int.from_bytes(raw[:8], "big") > own_seq):
                continue
            other = np.frombuffer(raw[8:], dtype=sig.dtype)
            similarity = float(np.count_nonzero(other == sig)) / self._num_perm
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, key.decode())
        if own_stored is None:
            self._add(current, own, int(seq).to_bytes(8, "big") + sig.tobytes(), bands)
        elif found_in != 1:
            # Known only to the previous generation: carried into this one as it was first
            # stored (same sequence number, same bands), so that it is never taken for a copy
            # of its own later copies while they are still in the index.
            first = np.frombuffer(own_stored[8:], dtype=sig.dtype)
            lsh = current.lsh
            self._add(current, own, own_stored, [lsh._H(first[a:b]) for a, b in lsh.hashranges])
        if best is None:
            return NearDuplicate(duplicate_of=None, similarity=None)
        return NearDuplicate(duplicate_of=best[1], similarity=round(best[0], 4))

    def _add(self, generation: _Generation, own: bytes, stored: bytes, bands: list[bytes]) -> None:
        """Index ``own`` in ``generation``: its stored signature and its LSH bands, in one script."""
        lsh = generation.lsh
        keys = [generation.signatures, lsh.keys._name, lsh.keys.redis_key(own)]
        for band, table in zip(bands, lsh.hashtables, strict=True):
            keys += [table._name, table.redis_key(band)]
        self._insert(keys=keys, args=[own, stored, generation.expires, *bands])

    def _signatures_of(self, candidates: list[bytes], hashes: list[str]) -> list[bytes | None]:
        """Each candidate's stored signature, from the newest generation that has it."""
        if not candidates:
            return []
        if len(hashes) == 1:
            return self._redis.hmget(hashes[0], candidates)  # type: ignore[return-value]
        pipe = self._redis.pipeline(transaction=False)
        for name in hashes:
            pipe.hmget(name, candidates)
        per_generation: list[list[bytes | None]] = pipe.execute()
        return [
            next((raw for raw in found if raw is not None), None)
            for found in zip(*per_generation, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class _Generation:
    """One generation of the index: datasketch's LSH keys, the signatures hash, their expiry."""

    lsh: Any
    signatures: str
    expires: int


class NearDuplicateEnricher:
    name = "near_duplicates"
    version = "2"  # 2: compared with the last one to two windows (NEWSFLOW_NEAR_DUPLICATE_DAYS)
    requires: tuple[str, ...] = ()
    english_only = False

    def __init__(self, redis: Redis, key_prefix: str, threshold: float, window_s: float = 0) -> None:
        self.index = NearDuplicateIndex(redis, key_prefix, threshold, window_s=window_s)

    def run(self, ctx: Context) -> NearDuplicate:
        return self.index.check_and_add(ctx.article.id, ctx.body)
