"""LSH band keys of a MinHash signature: how an archive finds near duplicates of new texts.

An archive keeps, for every stored article, the keys of its signature's bands in an indexed
table (band index, band hash → article). A new text's near-duplicate candidates are the
stored articles sharing at least one band key with it; the caller then checks the real
similarity of the signatures, so the bands only have to make true matches likely.

The band shape is fixed by the signature's length alone (not by a run's threshold), so keys
written by one run are found by any later run whose signatures have the same length: it is
the shape datasketch picks for an LSH threshold of 0.7, the default near-duplicate threshold
(0.8) minus the margin the pipeline's own index uses.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from datasketch import MinHashLSH

BAND_THRESHOLD = 0.7
BandKey = tuple[int, int]  # (band index, signed 64-bit hash of the band's values)


@lru_cache(maxsize=8)
def band_shape(num_perm: int) -> tuple[int, int]:
    """(bands, values per band) for signatures of ``num_perm`` values."""
    lsh = MinHashLSH(threshold=BAND_THRESHOLD, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def band_keys(minhash: bytes | None) -> list[BandKey]:
    """The band keys of a signature (uint32 values packed little-endian); [] for none."""
    if not minhash or len(minhash) % 4 or len(minhash) < 64:
        return []
    bands, rows = band_shape(len(minhash) // 4)
    width = rows * 4
    keys = []
    for band in range(bands):
        chunk = minhash[band * width : (band + 1) * width]
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys
