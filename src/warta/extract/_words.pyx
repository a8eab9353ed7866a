# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The runs of ASCII letters of a text, as a set of bytes: ``cue_scan.text_words`` in C.

The Python form encodes the text, maps every byte that is not a letter to a space, splits, and
makes a set: a bytes object for every word of the text, most of them repeats. Here the text is
read once and a bytes object is made for each distinct word only.
"""

from cpython.bytes cimport PyBytes_FromStringAndSize
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcmp

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)


cdef struct _Slot:
    Py_ssize_t offset  # into the arena; -1: empty
    Py_ssize_t length
    size_t hash


cdef void _clear_slots(_Slot *slots, Py_ssize_t capacity) noexcept:
    cdef Py_ssize_t i
    for i in range(capacity):
        slots[i].offset = -1


cdef class _WordSet:
    """Distinct words (ASCII letters), kept in one arena of bytes, found by an open-addressed
    hash table of their places there."""

    cdef char *arena
    cdef Py_ssize_t used, room
    cdef _Slot *slots
    cdef Py_ssize_t capacity, count

    def __cinit__(self):
        self.room = 4096
        self.arena = <char *> malloc(self.room)
        self.capacity = 1024
        self.slots = <_Slot *> malloc(self.capacity * sizeof(_Slot))
        if self.arena == NULL or self.slots == NULL:
            raise MemoryError()
        _clear_slots(self.slots, self.capacity)

    def __dealloc__(self):
        free(self.arena)
        free(self.slots)

    cdef int reserve(self, Py_ssize_t more) except -1:
        """Room in the arena for ``more`` bytes past what is used."""
        cdef Py_ssize_t room = self.room
        cdef char *grown
        if self.used + more <= room:
            return 0
        while self.used + more > room:
            room *= 2
        grown = <char *> realloc(self.arena, room)
        if grown == NULL:
            raise MemoryError()
        self.arena, self.room = grown, room
        return 0

    cdef int keep(self, Py_ssize_t start, size_t hash) except -1:
        """Keep the word written in the arena from ``start`` to its used end, unless it is
        there already (then the arena forgets it)."""
        cdef Py_ssize_t length = self.used - start
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t at = <Py_ssize_t> (hash & <size_t> mask)
        cdef _Slot *slot
        while True:
            slot = &self.slots[at]
            if slot.offset < 0:
                break
            if (slot.hash == hash and slot.length == length
                    and memcmp(self.arena + slot.offset, self.arena + start, length) == 0):
                self.used = start
                return 0
            at = (at + 1) & mask
        slot.offset, slot.length, slot.hash = start, length, hash
        self.count += 1
        if self.count * 2 > self.capacity:
            self.grow()
        return 0

    cdef int grow(self) except -1:
        cdef Py_ssize_t capacity = self.capacity * 2, i, at
        cdef _Slot *slots = <_Slot *> malloc(capacity * sizeof(_Slot))
        if slots == NULL:
            raise MemoryError()
        _clear_slots(slots, capacity)
        for i in range(self.capacity):
            if self.slots[i].offset >= 0:
                at = <Py_ssize_t> (self.slots[i].hash & <size_t> (capacity - 1))
                while slots[at].offset >= 0:
                    at = (at + 1) & (capacity - 1)
                slots[at] = self.slots[i]
        free(self.slots)
        self.slots, self.capacity = slots, capacity
        return 0

    cdef frozenset words(self):
        cdef list out = []
        cdef Py_ssize_t i
        for i in range(self.capacity):
            if self.slots[i].offset >= 0:
                out.append(PyBytes_FromStringAndSize(
                    self.arena + self.slots[i].offset, self.slots[i].length
                ))
        return frozenset(out)


# FNV-1a, over a word's letters.
cdef size_t _FNV_OFFSET = <size_t> 14695981039346656037ULL
cdef size_t _FNV_PRIME = <size_t> 1099511628211ULL


cdef inline bint _ascii_letter(Py_UCS4 char) noexcept:
    return (0x61 <= char <= 0x7A) or (0x41 <= char <= 0x5A)


def ascii_words(str text):
    """The runs of ASCII letters of ``text`` (any other character ends one), as bytes: what
    ``frozenset(text.encode("utf-8", "surrogatepass").translate(...).split())`` gives."""
    cdef Py_ssize_t length = len(text), i = 0, start
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef _WordSet found = _WordSet()
    cdef Py_UCS4 char
    cdef size_t mixed
    while i < length:
        char = PyUnicode_READ(kind, data, i)
        if not _ascii_letter(char):
            i += 1
            continue
        found.reserve(length - i)
        start = found.used
        mixed = _FNV_OFFSET
        while i < length:
            char = PyUnicode_READ(kind, data, i)
            if not _ascii_letter(char):
                break
            found.arena[found.used] = <char> char
            found.used += 1
            mixed = (mixed ^ <size_t> char) * _FNV_PRIME
            i += 1
        found.keep(start, mixed)
    return found.words()
