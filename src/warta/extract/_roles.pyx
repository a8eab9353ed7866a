# cython: language_level=3, boundscheck=False, wraparound=False
"""``segments.container_role`` compiled: what an element's tag and class/id names say it is.

Class and id names are new on every site, so the role of most containers is worked out afresh
on each page; in Python that is a few microseconds an element. This is the same reading, name
by name, for ASCII names and attributes; anything else goes to the Python functions, which stay
the reference (tests compare the two on every name of the evaluation pages and on random ones).
"""


from warta.extract.markup import (
    BODY_MARKER,
    COMMENTS,
    EMBED,
    FURNITURE,
    RELATED_LINKS,
    TAXONOMY_PREFIXES,
    MAX_NAME_PARTS,
    name_flags,
)
from warta.extract.segments import NEVER_BOILERPLATE, container_role, role


cdef inline bint _is_separator(Py_UCS4 char):
    # The characters markup.name_flags splits names at.
    return char == u"-" or char == u"_" or char == u":" or char == u"." or char == u"/"


cdef inline bint _is_space(Py_UCS4 char):
    # What str.split() splits at, among ASCII characters.
    return char == u" " or (u"\t" <= char <= u"\r") or (u"\x1c" <= char <= u"\x1f")


cdef class _Names:
    """The role bits of one class or id name, as ``markup.name_flags`` reads them."""

    cdef dict token_bits
    cdef frozenset body_markers, head_tokens
    cdef tuple builder_prefixes
    cdef str prefix_starts

    def __init__(self, hints):
        bits = {}
        for tokens, bit in (
            (hints.negative_tokens, FURNITURE),
            (hints.related_tokens, RELATED_LINKS),
            (hints.hard_negative_tokens, COMMENTS),
            (hints.embed_tokens, EMBED),
        ):
            for token in tokens:
                bits[token] = bits.get(token, 0) | bit
        self.token_bits = bits
        self.body_markers = hints.body_markers
        self.head_tokens = hints.head_tokens
        self.builder_prefixes = tuple(hints.builder_prefixes)
        self.prefix_starts = "".join({p[0] for p in (*TAXONOMY_PREFIXES, *self.builder_prefixes)})

    cdef int bits(self, str name) except -1:
        if not name.isascii():
            return name_flags(name)
        cdef str low = name.lower()
        cdef int flags = BODY_MARKER if low in self.body_markers else 0
        if not low:
            return flags
        cdef Py_UCS4 first = low[0]
        if first in self.prefix_starts:  # most names start with no prefix's letter
            if low.startswith(TAXONOMY_PREFIXES):
                return flags
            for prefix in self.builder_prefixes:
                if low.startswith(prefix):
                    # A page builder's own words name the kind of box, not its role.
                    name = name[len(prefix):]
                    low = low[len(prefix):]
                    break
        cdef list parts = _tokens(name, low, name != low)
        cdef Py_ssize_t count = len(parts)
        if count > MAX_NAME_PARTS:
            if parts[count - 1] not in self.head_tokens:
                return flags
            parts = parts[count - 1:]
        token_bits = self.token_bits
        for part in parts:
            flags |= token_bits.get(part, 0)
        return flags


cdef list _tokens(str name, str low, bint camel):
    """The lowercase words of an ASCII name: cut at separators and, where the name has capitals,
    where a lowercase letter meets a capital ("imageEmbedCaption")."""
    cdef list parts = []
    cdef Py_ssize_t start = 0, i, length = len(name)
    cdef Py_UCS4 char, previous = 0
    for i in range(length):
        char = name[i]
        if _is_separator(char) or (camel and _is_space(char)):
            if i > start:
                parts.append(low[start:i])
            start = i + 1
        elif camel and u"A" <= char <= u"Z" and u"a" <= previous <= u"z":
            parts.append(low[start:i])
            start = i
        previous = char
    if length > start:
        parts.append(low[start:])
    return parts


cdef list _split(str value):
    """``value.split()`` for an ASCII string."""
    cdef list words = []
    cdef Py_ssize_t start = -1, i, length = len(value)
    for i in range(length):
        if _is_space(value[i]):
            if start >= 0:
                words.append(value[start:i])
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        words.append(value[start:])
    return words


cdef class _Roles:
    cdef _Names names
    cdef frozenset furniture_tags, never_boilerplate
    cdef tuple roles  # the sixteen Role values, by their four flags as bits

    def __init__(self, hints):
        self.names = _Names(hints)
        self.furniture_tags = hints.furniture_tags
        self.never_boilerplate = NEVER_BOILERPLATE
        self.roles = tuple(
            role(bool(i & 8), bool(i & 4), bool(i & 2), bool(i & 1)) for i in range(16)
        )

    def __call__(self, str tag, class_attr, id_attr, itemprop):
        cdef int flags = 0
        for value in (class_attr, id_attr):
            if not value:
                continue
            if not value.isascii():
                return container_role(tag, class_attr, id_attr, itemprop)
            for name in _split(value):
                flags |= self.names.bits(name)
        cdef bint marked = itemprop == "articleBody" or (flags & BODY_MARKER) != 0
        cdef bint negative = (
            not marked
            and tag not in self.never_boilerplate
            and (tag in self.furniture_tags or ((flags & FURNITURE) != 0 and not flags & EMBED))
        )
        cdef bint related = (flags & RELATED_LINKS) != 0
        cdef bint hard = negative and (flags & COMMENTS) != 0
        return self.roles[negative * 8 + marked * 4 + related * 2 + hard]


cdef enum:
    _REMEMBERED = 16384  # roles remembered before the memory starts again


cdef class _RememberedRoles:
    """``_Roles``, remembering the roles of elements with an id or an itemprop. The compiled walk
    remembers the others itself (by tag and class bytes, ``_flatwalk_roles.pxi``) and calls
    this only for a name it has not met: a memory here too would be a second lookup that
    misses."""

    cdef _Roles read
    cdef dict by_all  # (tag, class, id, itemprop) -> Role
    cdef Py_ssize_t count

    def __init__(self, hints):
        self.read = _Roles(hints)
        self.by_all = {}
        self.count = 0

    def __call__(self, str tag, class_attr, id_attr, itemprop):
        if id_attr is None and itemprop is None:
            return self.read(tag, class_attr, None, None)
        every = (tag, class_attr, id_attr, itemprop)
        found = self.by_all.get(every)
        if found is None:
            found = self.read(tag, class_attr, id_attr, itemprop)
            self._count()
            self.by_all[every] = found
        return found

    cdef void _count(self):
        self.count += 1
        if self.count > _REMEMBERED:  # a corpus run meets millions of names: start again
            self.by_all.clear()
            self.count = 1


def role_reader(hints):
    """``container_role`` for these hints, compiled (see ``_RememberedRoles`` for what it
    remembers)."""
    return _RememberedRoles(hints)
