"""MinHash signatures of a text's word shingles: computed per record, compared anywhere.

A signature is ``num_perm`` uint32 values packed little-endian into bytes, so it pickles
small, travels between processes (or Dask tasks) and can be kept for a whole run cheaply.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash

_WORD = re.compile(r"\w+")
SEED = 1  # fixed: signatures computed by different processes or runs must be comparable
SCHEME = "affine32"  # named, not defaulted, so a datasketch upgrade cannot change signatures
_DTYPE = np.dtype("<u4")


def shingles(text: str, size: int) -> set[bytes]:
    """The distinct runs of ``size`` consecutive words, casefolded (a short text gives one)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int, shingle_size: int) -> bytes | None:
    """The text's MinHash signature, or None when it has no words."""
    grams = shingles(text, shingle_size)
    if not grams:
        return None
    minhash = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(grams))
    values = np.asarray(minhash.hashvalues)
    if values.size and int(values.max()) > 0xFFFFFFFF:  # a datasketch scheme wider than 32 bits
        raise ValueError("MinHash values do not fit 32 bits")
    return values.astype(_DTYPE).tobytes()


def values_of(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype=_DTYPE)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    va, vb = values_of(a), values_of(b)
    if va.size != vb.size or not va.size:
        return 0.0
    return float(np.count_nonzero(va == vb)) / float(va.size)


def lean(sig: bytes) -> LeanMinHash:
    """A datasketch object for LSH indexing."""
    return LeanMinHash(seed=SEED, hashvalues=values_of(sig), scheme=SCHEME)
