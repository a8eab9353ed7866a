"""Give freed heap memory back to the operating system after a very large page.

The DOM of a 20 MB page is freed as soon as extraction is done with it, but glibc keeps the
freed pages in its heap, and the large strings built next are placed in new mappings. Trimming
the heap in between keeps a run's peak memory near what it actually uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

LARGE_PAGE_BYTES = 4 * 1024 * 1024


@cache
def _malloc_trim() -> ctypes._NamedFuncPointer | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim  # glibc only; absent elsewhere
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
