# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Whether bytes are valid UTF-8, without decoding them.

Most pages are UTF-8, and lexbor parses UTF-8 bytes as they are: the only question for them is
whether they are valid, which Python answers only by decoding them into a string that is then
thrown away (a few hundred kilobytes a page). The rules are Python's strict decoder's (RFC 3629:
no overlong forms, no surrogates, nothing above U+10FFFF); tests hold the two to each other.
"""

from libc.stdint cimport uint64_t
from libc.string cimport memcpy


cdef inline bint _continuation(unsigned char byte) noexcept nogil:
    return (byte & 0xC0) == 0x80


cdef bint _valid(const unsigned char *data, size_t length) noexcept nogil:
    cdef size_t i = 0, more, k
    cdef uint64_t word
    cdef unsigned char lead, low, high
    while i < length:
        # Runs of ASCII, eight bytes at a time: most of a page's markup.
        while i + 8 <= length:
            memcpy(&word, data + i, 8)
            if word & 0x8080808080808080ULL:
                break
            i += 8
        lead = data[i]
        if lead < 0x80:
            i += 1
            continue
        # The well-formed sequences (the Unicode Standard, table 3-7): how many bytes follow
        # the lead byte, and the range of the first of them, narrower where it would otherwise
        # allow an overlong form (E0, F0), a surrogate (ED) or more than U+10FFFF (F4).
        low, high = 0x80, 0xBF
        if 0xC2 <= lead <= 0xDF:
            more = 1
        elif 0xE0 <= lead <= 0xEF:
            more = 2
            if lead == 0xE0:
                low = 0xA0
            elif lead == 0xED:
                high = 0x9F
        elif 0xF0 <= lead <= 0xF4:
            more = 3
            if lead == 0xF0:
                low = 0x90
            elif lead == 0xF4:
                high = 0x8F
        else:
            return False
        if i + more >= length or not low <= data[i + 1] <= high:
            return False
        for k in range(2, more + 1):
            if not _continuation(data[i + k]):
                return False
        i += more + 1
    return True


def is_utf8(const unsigned char[::1] data) -> bool:
    """Whether ``data`` (bytes, a subclass of them, or any contiguous buffer of bytes) decodes
    as UTF-8: ``bytes(data).decode("utf-8")`` would not raise."""
    if data.shape[0] == 0:
        return True
    return _valid(&data[0], data.shape[0])
