# Included by _flatwalk.pyx: a segment's text, built from lexbor's UTF-8 as the walk meets it.

cdef size_t _sequence(const unsigned char *text, size_t at, size_t length):
    """The length of the UTF-8 sequence at ``at``, or 0 where Python's strict decoder would
    refuse it (a stray continuation byte, an overlong form, a surrogate, a cut sequence)."""
    cdef unsigned char first = text[at], second
    cdef size_t size, i
    if first < 0x80:
        return 1
    if 0xC2 <= first <= 0xDF:
        size = 2
    elif 0xE0 <= first <= 0xEF:
        size = 3
    elif 0xF0 <= first <= 0xF4:
        size = 4
    else:
        return 0
    if at + size > length:
        return 0
    second = text[at + 1]
    if (second & 0xC0) != 0x80:
        return 0
    if ((first == 0xE0 and second < 0xA0) or (first == 0xED and second > 0x9F)
            or (first == 0xF0 and second < 0x90) or (first == 0xF4 and second > 0x8F)):
        return 0
    for i in range(2, size):
        if (text[at + i] & 0xC0) != 0x80:
            return 0
    return size


cdef bint _is_space(const unsigned char *text, size_t at, size_t size):
    """Is the character at ``at`` (a valid sequence of ``size`` bytes) one that ``str.split()``
    splits on: ASCII's, U+001C to U+001F, U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028,
    U+2029, U+202F, U+205F, U+3000."""
    cdef unsigned char first = text[at], second, third
    if size == 1:
        return first == 0x20 or 0x09 <= first <= 0x0D or 0x1C <= first <= 0x1F
    second = text[at + 1]
    if size == 2:
        return first == 0xC2 and (second == 0x85 or second == 0xA0)
    if size != 3:
        return False
    third = text[at + 2]
    if first == 0xE2:
        if second == 0x80:
            return third <= 0x8A or third == 0xA8 or third == 0xA9 or third == 0xAF
        return second == 0x81 and third == 0x9F
    return (first == 0xE1 and second == 0x9A and third == 0x80) or (
        first == 0xE3 and second == 0x80 and third == 0x80)


cdef inline bint _ascii_space(unsigned char byte):
    return byte == 0x20 or 0x09 <= byte <= 0x0D or 0x1C <= byte <= 0x1F


cdef bint _has_words(const unsigned char *text, size_t length):
    """Does the text hold a character that is not white space (``not text.isspace()``)?"""
    cdef size_t at = 0, size
    cdef unsigned char byte
    while at < length:
        byte = text[at]
        if byte < 0x80:
            if not _ascii_space(byte):
                return True
            at += 1
            continue
        size = _sequence(text, at, length)
        if size == 0 or not _is_space(text, at, size):
            return True
        at += size
    return False


cdef class _Text:
    """A segment's text as the walk meets it: UTF-8, every run of white space one space and none
    at either end, which is what ``" ".join("".join(parts).split())`` makes of the decoded
    parts, without a string per text node and per word."""

    cdef unsigned char *data
    cdef size_t size, capacity
    cdef bint owed  # a space is owed before the next character that is not white space

    def __dealloc__(self):
        free(self.data)

    cdef void clear(self):
        self.size = 0
        self.owed = False

    cdef void space(self):
        if self.size > 0:
            self.owed = True

    cdef int add(self, const unsigned char *text, size_t length) except -1:
        """Append a text node's bytes; a node that is not valid UTF-8 goes in as Python decodes
        it (each bad sequence a U+FFFD)."""
        if not self._add(text, length):
            fixed = PyUnicode_AsUTF8String(_decode(text, length))
            self._add(<const unsigned char *> <char *> fixed, len(fixed))
        return 0

    cdef bint _add(self, const unsigned char *text, size_t length) except? False:
        cdef size_t size_before = self.size, at = 0, size
        cdef bint owed_before = self.owed
        cdef unsigned char *grown
        if self.size + length + 1 > self.capacity:  # each byte once, and one owed space
            self.capacity = max(2 * self.capacity, self.size + length + 1, <size_t> 256)
            grown = <unsigned char *> realloc(self.data, self.capacity)
            if grown == NULL:
                raise MemoryError()
            self.data = grown
        cdef unsigned char byte
        while at < length:
            byte = text[at]
            if byte < 0x80:  # most of a text: one byte, and white space only if ASCII's
                if _ascii_space(byte):
                    if self.size > 0:
                        self.owed = True
                else:
                    if self.owed:
                        self.data[self.size] = 32
                        self.size += 1
                        self.owed = False
                    self.data[self.size] = byte
                    self.size += 1
                at += 1
                continue
            size = _sequence(text, at, length)
            if size == 0:
                self.size, self.owed = size_before, owed_before
                return False
            if _is_space(text, at, size):
                if self.size > 0:
                    self.owed = True
            else:
                if self.owed:
                    self.data[self.size] = 32
                    self.size += 1
                    self.owed = False
                memcpy(self.data + self.size, text + at, size)
                self.size += size
            at += size
        return True

    cdef str text(self):
        return PyUnicode_DecodeUTF8(<const char *> self.data, self.size, "strict")
