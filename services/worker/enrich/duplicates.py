"""Near-duplicates across every worker process: MinHash of word shingles, LSH index in Redis.

``datasketch`` keeps the LSH buckets in Redis (its redis storage, sharing
the worker's connection pool); the signatures live beside them in one hash
so candidates can be scored. An article is a near-duplicate of the most
similar earlier article whose estimated Jaccard similarity of 4-word
shingles reaches the threshold; either way it joins the index (once per id:
a redelivery or a new revision of the same article is not its own duplicate).
Two copies of one story processed at the very same instant by two workers
can miss each other; everything after them is caught.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np

from newsflow.services.worker.enrich.context import Context
from newsflow.shared.enrichment import NearDuplicate

if TYPE_CHECKING:
    from redis import Redis

_WORD = re.compile(r"\w+")
SHINGLE = 4
NUM_PERM = 128
_SEED = 1
_SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Lower-cased word ``size``-grams of ``text`` (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """The shared index: ``key_prefix`` namespaces every Redis key it writes.

    Each stored signature carries a sequence number, so an article seen again
    (redelivered, revised) is only compared with articles indexed before it
    and never reported as a duplicate of its own later copies.
    """

    def __init__(self, redis: Redis, key_prefix: str, threshold: float, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHash, MinHashLSH

        self._redis = redis
        self._minhash = MinHash
        self._num_perm = num_perm
        self.threshold = threshold
        self._signatures = f"{key_prefix}:neardup:sig"
        self._sequence = f"{key_prefix}:neardup:seq"
        config: dict[str, Any] = {
            "type": "redis",
            "basename": f"{key_prefix}:neardup:lsh".encode(),
            "redis": {"connection_pool": redis.connection_pool},
        }
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, storage_config=config, prepickle=False)
        self._permutations = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations

    def signature(self, text: str) -> Any:
        m = self._minhash(
            num_perm=self._num_perm, seed=_SEED, permutations=self._permutations, scheme=_SCHEME
        )
        m.update_batch(list(shingles(text)))
        return m

    def _candidates(self, sig: Any) -> set[bytes]:
        """LSH bucket-mates of ``sig``: the library's query, in one round trip instead of one per band."""
        lsh = self._lsh
        pipe = self._redis.pipeline(transaction=False)
        for (start, end), table in zip(lsh.hashranges, lsh.hashtables, strict=True):
            pipe.smembers(table.redis_key(lsh._H(sig.hashvalues[start:end])))
        found: set[bytes] = set()
        for members in pipe.execute():
            found.update(members)
        return found

    def check_and_add(self, article_id: str, text: str) -> NearDuplicate:
        """The earlier article ``text`` duplicates, if any; then index it under ``article_id``."""
        sig = self.signature(text)
        own = article_id.encode()
        candidates = sorted(self._candidates(sig) - {own})
        stored: list[bytes | None] = self._redis.hmget(self._signatures, [*candidates, own])  # type: ignore[assignment]
        own_stored = stored[-1]
        own_seq = int.from_bytes(own_stored[:8], "big") if own_stored else None
        best: tuple[float, str] | None = None
        for key, raw in zip(candidates, stored[:-1], strict=True):
            if raw is None or (own_seq is not None and int.from_bytes(raw[:8], "big") > own_seq):
                continue
            other = np.frombuffer(raw[8:], dtype=sig.hashvalues.dtype)
            similarity = float(np.count_nonzero(other == sig.hashvalues)) / self._num_perm
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, key.decode())
        if own_stored is None:
            seq = int(self._redis.incr(self._sequence))
            value = seq.to_bytes(8, "big") + sig.hashvalues.tobytes()
            if self._redis.hsetnx(self._signatures, article_id, value):
                with self._lsh.insertion_session() as session:
                    session.insert(own, sig, check_duplication=False)
        if best is None:
            return NearDuplicate(duplicate_of=None, similarity=None)
        return NearDuplicate(duplicate_of=best[1], similarity=round(best[0], 4))


class NearDuplicateEnricher:
    name = "near_duplicates"
    version = "1"
    requires: tuple[str, ...] = ()

    def __init__(self, redis: Redis, key_prefix: str, threshold: float) -> None:
        self.index = NearDuplicateIndex(redis, key_prefix, threshold)

    def run(self, ctx: Context) -> NearDuplicate:
        return self.index.check_and_add(ctx.article.id, ctx.body)
