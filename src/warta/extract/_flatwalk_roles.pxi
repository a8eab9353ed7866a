# Included by _flatwalk.pyx: the roles of class and id names, read from lexbor's bytes.
#
# ``markup.name_flags`` reads a name as Python strings: a lowered copy, a list of words and a
# set lookup each, about a microsecond an element. Here the words are looked up where they lie
# in the attribute, in a table of the lexicon's (ASCII) words built once. Names with other
# characters, and very long ones, go to ``role_of`` (``segments.container_role``). The walk's
# roles are tested against the Python walk's, which reads every name that way.

from libc.stdint cimport uint32_t, uint64_t
from libc.stdlib cimport calloc, malloc


cdef enum:
    _ROLE_NEGATIVE = 1
    _ROLE_MARKED = 2
    _ROLE_RELATED = 4
    _ROLE_HARD = 8


cdef unsigned char _role_flags(role):
    return ((_ROLE_NEGATIVE if role.negative else 0) | (_ROLE_MARKED if role.marked else 0)
            | (_ROLE_RELATED if role.related else 0) | (_ROLE_HARD if role.hard else 0))


from warta.extract import markup


cdef enum:
    # markup's flags of a name, as C constants (NameRoles checks they are still the same)
    _BODY_MARKER = 1
    _FURNITURE = 2
    _RELATED_LINKS = 4
    _COMMENTS = 8
    _EMBED = 16
    _WORD_FLAGS = _FURNITURE | _RELATED_LINKS | _COMMENTS | _EMBED
    _HEAD_WORD = 256  # beside them: the word is one of hints.head_tokens
    _MAX_NAME_PARTS = 3  # markup.MAX_NAME_PARTS
    _WORD_SLOTS = 4096  # a power of two, over twice the lexicon's words
    _NAME_BYTES = 256  # longer names go to role_of
    _NOT_READ = 255  # returned when role_of must read the element
    _MAX_PREFIXES = 32


cdef struct _Word:
    uint64_t hash
    unsigned char *data  # NULL for an empty slot
    size_t length
    int flags


cdef inline uint64_t _fnv(const unsigned char *data, size_t length) noexcept:
    cdef uint64_t hash = 14695981039346656037ULL
    cdef size_t i
    for i in range(length):
        hash = (hash ^ data[i]) * 1099511628211ULL
    return hash


cdef inline uint32_t _tag(uint64_t hash) noexcept:
    return <uint32_t> (hash >> 32) | 1


cdef inline bint _is_upper(unsigned char byte) noexcept:
    return 65 <= byte <= 90


cdef inline bint _is_lower(unsigned char byte) noexcept:
    return 97 <= byte <= 122


cdef inline bint _is_name_separator(unsigned char byte) noexcept:
    # markup.name_flags cuts names at these: - _ : . /
    return byte == 45 or byte == 95 or byte == 58 or byte == 46 or byte == 47


cdef inline bint _is_ascii_space(unsigned char byte) noexcept:
    # What str.split() splits at, among ASCII characters.
    return byte == 32 or (9 <= byte <= 13) or (28 <= byte <= 31)


cdef class NameRoles:
    """The lexicon's class/id words (``markup.hints()``) as a table of bytes, with the tag
    sets that decide a role beside them."""

    cdef _Word *slots
    # Each slot's tag: the high half of its word's hash, with the low bit set (0: empty). A
    # lookup reads these 16 kB, not the 128 kB of slots, until a tag matches: most names'
    # words are not in the lexicon, and after other work between pages the table is not in
    # the CPU's caches.
    cdef uint32_t *tags
    cdef list kept  # the prefixes' bytes, which the arrays below point into
    cdef const unsigned char *prefixes[_MAX_PREFIXES]
    cdef size_t prefix_lengths[_MAX_PREFIXES]
    cdef Py_ssize_t taxonomy_count, prefix_count  # taxonomy prefixes first, then builders'
    cdef unsigned char prefix_first[256]  # bytes a prefix starts with

    def __cinit__(self, hints):
        if ((markup.BODY_MARKER, markup.FURNITURE, markup.RELATED_LINKS, markup.COMMENTS,
             markup.EMBED, markup.MAX_NAME_PARTS) != (_BODY_MARKER, _FURNITURE, _RELATED_LINKS,
                                                      _COMMENTS, _EMBED, _MAX_NAME_PARTS)):
            raise ValueError("markup's name flags changed: update _flatwalk_roles.pxi")
        self.slots = <_Word *> calloc(_WORD_SLOTS, sizeof(_Word))
        self.tags = <uint32_t *> calloc(_WORD_SLOTS, sizeof(uint32_t))
        if self.slots == NULL or self.tags == NULL:
            raise MemoryError()
        memset(self.prefix_first, 0, sizeof(self.prefix_first))
        words = {}
        for group, flag in (
            (hints.negative_tokens, _FURNITURE),
            (hints.related_tokens, _RELATED_LINKS),
            (hints.hard_negative_tokens, _COMMENTS),
            (hints.embed_tokens, _EMBED),
            (hints.body_markers, _BODY_MARKER),
            (hints.head_tokens, _HEAD_WORD),
        ):
            for word in group:
                if word.isascii():  # no other word can be in an ASCII name
                    words[word] = words.get(word, 0) | flag
        if 2 * len(words) > _WORD_SLOTS:
            raise ValueError("too many class/id words for the compiled table")
        for word, flags in words.items():
            self._add(word.encode("ascii"), flags)
        taxonomy = [p.encode("ascii") for p in markup.TAXONOMY_PREFIXES]
        builders = [p.encode("ascii") for p in hints.builder_prefixes if p and p.isascii()]
        self.kept = taxonomy + builders
        if len(self.kept) > _MAX_PREFIXES:
            raise ValueError("too many class name prefixes for the compiled table")
        self.taxonomy_count = len(taxonomy)
        self.prefix_count = len(self.kept)
        cdef Py_ssize_t i
        for i in range(self.prefix_count):
            prefix = self.kept[i]
            self.prefixes[i] = <const unsigned char *> (<bytes> prefix)
            self.prefix_lengths[i] = len(prefix)
            self.prefix_first[self.prefixes[i][0]] = 1

    def __dealloc__(self):
        cdef Py_ssize_t i
        if self.slots != NULL:
            for i in range(_WORD_SLOTS):
                free(self.slots[i].data)
            free(self.slots)
        free(self.tags)

    cdef int _add(self, bytes word, int flags) except -1:
        cdef size_t length = len(word)
        cdef uint64_t hash = _fnv(word, length)
        cdef size_t at = hash & (_WORD_SLOTS - 1)
        while self.tags[at] != 0:
            at = (at + 1) & (_WORD_SLOTS - 1)
        cdef unsigned char *copy = <unsigned char *> malloc(length + 1)
        if copy == NULL:
            raise MemoryError()
        memcpy(copy, <const unsigned char *> word, length)
        self.slots[at] = _Word(hash, copy, length, flags)
        self.tags[at] = _tag(hash)
        return 0

    cdef int flags_of(self, const unsigned char *word, size_t length) noexcept:
        """The flags of a lowercase word, 0 if it is not in the lexicon."""
        cdef uint64_t hash = _fnv(word, length)
        cdef uint32_t tag = _tag(hash), seen
        cdef size_t at = hash & (_WORD_SLOTS - 1)
        cdef _Word *entry
        while True:
            seen = self.tags[at]
            if seen == 0:
                return 0
            if seen == tag:
                entry = &self.slots[at]
                if (entry.hash == hash and entry.length == length
                        and memcmp(entry.data, word, length) == 0):
                    return entry.flags
            at = (at + 1) & (_WORD_SLOTS - 1)

    cdef int name_flags(self, const unsigned char *name, size_t length) noexcept:
        """``markup.name_flags`` of one ASCII name of at most ``_NAME_BYTES`` bytes."""
        cdef unsigned char low[_NAME_BYTES]
        low[0] = 0
        cdef size_t i
        cdef bint camel = False
        for i in range(length):
            low[i] = name[i] + 32 if _is_upper(name[i]) else name[i]
            camel = camel or _is_upper(name[i])
        cdef int flags = self.flags_of(low, length) & _BODY_MARKER
        cdef size_t skip = 0, size
        cdef Py_ssize_t p
        if length and self.prefix_first[low[0]]:
            for p in range(self.prefix_count):
                size = self.prefix_lengths[p]
                if size <= length and memcmp(low, self.prefixes[p], size) == 0:
                    if p < self.taxonomy_count:
                        return flags
                    skip = size
                    break
        if skip:
            # After a builder's prefix, capitals count only in what follows it.
            camel = False
            for i in range(skip, length):
                camel = camel or _is_upper(name[i])
        return flags | self._word_flags(name + skip, low + skip, length - skip, camel)

    cdef int _word_flags(self, const unsigned char *name, const unsigned char *low,
                         size_t length, bint camel) noexcept:
        """The flags of a name's words, cut as ``markup.name_flags`` cuts them: at separators
        and, in a name with capitals, where a lowercase letter meets a capital."""
        cdef size_t starts[_MAX_NAME_PARTS]
        cdef size_t ends[_MAX_NAME_PARTS]
        cdef size_t count = 0, start = 0, last_start = 0, last_end = 0, i
        cdef unsigned char previous = 0, byte
        cdef bint cut
        cdef size_t resume
        for i in range(length + 1):
            byte = name[i] if i < length else 0
            if i == length or _is_name_separator(byte):
                cut, resume = i > start, i + 1
            elif camel and _is_upper(byte) and _is_lower(previous):
                cut, resume = True, i
            else:
                cut, resume = False, start
            if cut:
                if count < _MAX_NAME_PARTS:
                    starts[count], ends[count] = start, i
                last_start, last_end = start, i
                count += 1
            start = resume
            previous = byte
        cdef int flags = 0
        if count > _MAX_NAME_PARTS:
            # A long name says little, except by its last word when that names a caption.
            flags = self.flags_of(low + last_start, last_end - last_start)
            return flags & _WORD_FLAGS if flags & _HEAD_WORD else 0
        for i in range(count):
            flags |= self.flags_of(low + starts[i], ends[i] - starts[i]) & _WORD_FLAGS
        return flags

    cdef int value_flags(self, lxb_dom_attr_t *attr) noexcept:
        """The flags of every name of a class or id attribute, or -1 where a name is not ASCII
        or too long (``role_of`` reads those)."""
        if attr == NULL or attr.value == NULL or attr.value.data == NULL:
            return 0
        cdef const unsigned char *data = attr.value.data
        cdef size_t length = attr.value.length, i = 0, start
        cdef int flags = 0
        while i < length:
            if data[i] >= 128:
                return -1
            if _is_ascii_space(data[i]):
                i += 1
                continue
            start = i
            while i < length and not _is_ascii_space(data[i]):
                if data[i] >= 128:
                    return -1
                i += 1
            if i - start > _NAME_BYTES:
                return -1
            flags |= self.name_flags(data + start, i - start)
        return flags

    cdef unsigned char role(self, lxb_dom_element_t *element, unsigned char tag_flags,
                            bint body_itemprop) noexcept:
        """``container_role``'s flags (``_ROLE_*``) for an element, or ``_NOT_READ``."""
        cdef int class_flags = self.value_flags(element.attr_class)
        if class_flags < 0:
            return _NOT_READ
        cdef int id_flags = self.value_flags(element.attr_id)
        if id_flags < 0:
            return _NOT_READ
        cdef int flags = class_flags | id_flags
        cdef bint marked = body_itemprop or (flags & _BODY_MARKER) != 0
        cdef bint negative = (
            not marked
            and not tag_flags & _NEVER_BOILERPLATE_TAG
            and (tag_flags & _FURNITURE_TAG or (flags & _FURNITURE and not flags & _EMBED))
        )
        cdef unsigned char role = 0
        if negative:
            role |= _ROLE_NEGATIVE
            if flags & _COMMENTS:
                role |= _ROLE_HARD
        if marked:
            role |= _ROLE_MARKED
        if flags & _RELATED_LINKS:
            role |= _ROLE_RELATED
        return role
