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
    cdef size_t i = 0
    cdef uint64_t word
    cdef unsigned char lead, second
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
        elif 0xC2 <= lead <= 0xDF:
            if i + 1 >= length or not _continuation(data[i + 1]):
                return False
            i += 2
        elif 0xE0 <= lead <= 0xEF:
            if i + 2 >= length:
                return False
            second = data[i + 1]
            if lead == 0xE0:
                if not 0xA0 <= second <= 0xBF:  # overlong below it
                    return False
            elif lead == 0xED:
                if not 0x80 <= second <= 0x9F:  # surrogates above it
                    return False
            elif not _continuation(second):
                return False
            if not _continuation(data[i + 2]):
                return False
            i += 3
        elif 0xF0 <= lead <= 0xF4:
            if i + 3 >= length:
                return False
            second = data[i + 1]
            if lead == 0xF0:
                if not 0x90 <= second <= 0xBF:  # overlong below it
                    return False
            elif lead == 0xF4:
                if not 0x80 <= second <= 0x8F:  # above U+10FFFF
                    return False
            elif not _continuation(second):
                return False
            if not _continuation(data[i + 2]) or not _continuation(data[i + 3]):
                return False
            i += 4
        else:
            return False
    return True


def is_utf8(bytes data) -> bool:
    """Whether ``data`` decodes as UTF-8 (``data.decode("utf-8")`` would not raise)."""
    return _valid(<const unsigned char *> data, len(data))
