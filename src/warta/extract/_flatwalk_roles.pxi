# Included by _flatwalk.pyx: the roles of class names remembered by their bytes.

from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, malloc


cdef struct _Remembered:
    uint64_t hash
    unsigned char *name  # a copy of the class attribute's bytes; NULL for an empty slot
    size_t length
    uintptr_t tag
    unsigned char flags


cdef enum:
    _MEMORY_SLOTS = 32768  # a power of two
    _MEMORY_LIMIT = 24576  # names remembered before the memory starts again
    _ROLE_NEGATIVE = 1
    _ROLE_MARKED = 2
    _ROLE_RELATED = 4
    _ROLE_HARD = 8


cdef unsigned char _role_flags(role):
    return ((_ROLE_NEGATIVE if role.negative else 0) | (_ROLE_MARKED if role.marked else 0)
            | (_ROLE_RELATED if role.related else 0) | (_ROLE_HARD if role.hard else 0))


cdef uint64_t _name_hash(uintptr_t tag, const unsigned char *name, size_t length):
    """FNV-1a of the bytes, then the tag mixed in."""
    cdef uint64_t hash = 14695981039346656037ULL
    cdef size_t i
    for i in range(length):
        hash = (hash ^ name[i]) * 1099511628211ULL
    return (hash ^ tag) * 1099511628211ULL


cdef class _RoleMemory:
    """The role of each (known tag, class attribute) met, by the attribute's bytes: for the
    elements with neither an id nor an itemprop (most), a name seen before on this page or
    another costs no string, no call and no Role. A table of fixed size, emptied when three
    quarters full (a corpus run meets millions of names)."""

    cdef _Remembered *slots
    cdef Py_ssize_t used

    def __cinit__(self):
        self.slots = <_Remembered *> calloc(_MEMORY_SLOTS, sizeof(_Remembered))
        if self.slots == NULL:
            raise MemoryError()

    def __dealloc__(self):
        if self.slots != NULL:
            self._forget()
            free(self.slots)

    cdef void _forget(self):
        cdef Py_ssize_t i
        for i in range(_MEMORY_SLOTS):
            if self.slots[i].name != NULL:
                free(self.slots[i].name)
                self.slots[i].name = NULL
        self.used = 0

    cdef int find(self, uintptr_t tag, const unsigned char *name, size_t length, uint64_t hash):
        """The remembered flags, or -1."""
        cdef size_t at = hash & (_MEMORY_SLOTS - 1)
        cdef _Remembered *entry
        while True:
            entry = &self.slots[at]
            if entry.name == NULL:
                return -1
            if (entry.hash == hash and entry.tag == tag and entry.length == length
                    and memcmp(entry.name, name, length) == 0):
                return entry.flags
            at = (at + 1) & (_MEMORY_SLOTS - 1)

    cdef int remember(self, uintptr_t tag, const unsigned char *name, size_t length,
                      uint64_t hash, unsigned char flags) except -1:
        if self.used >= _MEMORY_LIMIT:
            self._forget()
        cdef size_t at = hash & (_MEMORY_SLOTS - 1)
        while self.slots[at].name != NULL:
            at = (at + 1) & (_MEMORY_SLOTS - 1)
        cdef unsigned char *copy = <unsigned char *> malloc(length + 1)  # never NULL if empty
        if copy == NULL:
            raise MemoryError()
        if length:
            memcpy(copy, name, length)
        self.slots[at] = _Remembered(hash, copy, length, tag, flags)
        self.used += 1
        return 0
