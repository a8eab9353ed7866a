# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The DOM walk of ``warta.extract.flatten``, compiled against lexbor's own structs.

The Python walk pays for a selectolax node object, a ``tag`` lookup and an attribute dict per
node; here the walk follows lexbor's pointers and only text, tag names and the few attributes
the content scorer reads become Python objects. The output is the Python walk's, exactly: both
are tested against each other.

lexbor's headers (vendor/lexbor, from the lexbor release inside selectolax
``LEXBOR_HEADERS_FROM``) describe the struct layout, so this module is used only with that
selectolax release; ``warta.extract.flatten`` falls back to the Python walk otherwise.
"""

from cpython.unicode cimport PyUnicode_AsUTF8String, PyUnicode_DecodeUTF8
from libc.stdint cimport uintptr_t
from libc.stdlib cimport free, realloc
from libc.string cimport memcmp, memcpy, memset

cdef extern from "string.h":
    void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen)

from warta.extract.segments import FlatPage, Segment

LEXBOR_HEADERS_FROM = "1.0.2"


cdef extern from "lexbor/core/hash.h":
    ctypedef struct lexbor_hash_entry_t:
        size_t length
    const unsigned char *lexbor_hash_entry_str(const lexbor_hash_entry_t *entry)

cdef extern from "lexbor/core/str.h":
    ctypedef struct lexbor_str_t:
        unsigned char *data
        size_t length

cdef extern from "lexbor/dom/interfaces/node.h":
    ctypedef struct lxb_dom_node_t:
        uintptr_t local_name
        uintptr_t prefix
        lxb_dom_node_t *next
        lxb_dom_node_t *parent
        lxb_dom_node_t *first_child
        int type
    int LXB_DOM_NODE_TYPE_ELEMENT

cdef extern from "lexbor/dom/interfaces/attr.h":
    ctypedef struct lxb_dom_attr_t:
        lxb_dom_node_t node
        uintptr_t qualified_name
        lexbor_str_t *value
        lxb_dom_attr_t *next
    ctypedef struct lxb_dom_attr_data_t:
        lexbor_hash_entry_t entry

cdef extern from "lexbor/dom/interfaces/attr_res.h":
    const lxb_dom_attr_data_t *lxb_dom_attr_res_data_default

cdef extern from "lexbor/dom/interfaces/attr_const.h":
    uintptr_t LXB_DOM_ATTR_HREF
    uintptr_t LXB_DOM_ATTR_STYLE
    uintptr_t LXB_DOM_ATTR__LAST_ENTRY

cdef extern from "lexbor/dom/interfaces/element.h":
    ctypedef struct lxb_dom_element_t:
        lxb_dom_node_t node
        uintptr_t qualified_name
        lxb_dom_attr_t *first_attr
        lxb_dom_attr_t *attr_id
        lxb_dom_attr_t *attr_class

cdef extern from "lexbor/dom/interfaces/character_data.h":
    ctypedef struct lxb_dom_character_data_t:
        lxb_dom_node_t node
        lexbor_str_t data

cdef extern from "lexbor/tag/tag.h":
    ctypedef struct lxb_tag_data_t:
        lexbor_hash_entry_t entry

cdef extern from "lexbor/tag/res.h":
    const lxb_tag_data_t *lxb_tag_res_data_default

cdef extern from "lexbor/tag/const.h":
    uintptr_t LXB_TAG__TEXT
    uintptr_t LXB_TAG__LAST_ENTRY


cdef enum:
    _KNOWN = 1
    _DROPPED = 2
    _BLOCK = 4
    _NAMED = 8
    _ANCHOR = 16
    _FURNITURE_TAG = 32  # hints.furniture_tags: a role says boilerplate by its tag alone
    _NEVER_BOILERPLATE_TAG = 64  # segments.NEVER_BOILERPLATE


cdef inline str _decode(const unsigned char *data, size_t length):
    # lexbor passes undecodable bytes through; selectolax substitutes U+FFFD, and so do we.
    return PyUnicode_DecodeUTF8(<const char *> data, length, "replace")


cdef inline uintptr_t _tag_id(lxb_dom_element_t *element):
    return element.qualified_name if element.qualified_name != 0 else element.node.local_name


cdef inline uintptr_t _attr_id(lxb_dom_attr_t *attr):
    return attr.qualified_name if attr.qualified_name != 0 else attr.node.local_name


cdef inline const lxb_dom_attr_data_t *_attr_data(lxb_dom_attr_t *attr):
    """The entry holding the attribute's name (lexbor's ids past its table are entries)."""
    cdef uintptr_t name_id = _attr_id(attr)
    if name_id < LXB_DOM_ATTR__LAST_ENTRY:
        return &lxb_dom_attr_res_data_default[name_id]
    return <const lxb_dom_attr_data_t *> name_id


cdef str _tag_name(lxb_dom_element_t *element):
    cdef uintptr_t name_id = _tag_id(element)
    cdef const lxb_tag_data_t *data
    if name_id < LXB_TAG__LAST_ENTRY:
        data = &lxb_tag_res_data_default[name_id]
    else:
        data = <const lxb_tag_data_t *> name_id  # lexbor's ids past the table are entries
    return _decode(lexbor_hash_entry_str(&data.entry), data.entry.length)


cdef object _attr_value(lxb_dom_attr_t *attr):
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return None
    return _decode(attr.value.data, attr.value.length)


cdef bint _attr_named(lxb_dom_attr_t *attr, bytes name):
    cdef const lxb_dom_attr_data_t *data = _attr_data(attr)
    cdef size_t length = data.entry.length
    if length != <size_t> len(name):
        return False
    return memcmp(lexbor_hash_entry_str(&data.entry), <const char *> name, length) == 0


cdef lxb_dom_attr_t *_known_attr(lxb_dom_element_t *element, uintptr_t name_id):
    """The first attribute with a name in lexbor's own table, found by its id, or NULL."""
    cdef lxb_dom_attr_t *attr = element.first_attr
    while attr != NULL:
        if _attr_id(attr) == name_id:
            return attr
        attr = attr.next
    return NULL


cdef object _known_attribute(lxb_dom_element_t *element, uintptr_t name_id):
    """``_attribute`` for a name in lexbor's own table, compared by its id."""
    return _attr_value(_known_attr(element, name_id))


cdef object _attribute(lxb_dom_element_t *element, bytes name):
    """The value of the first attribute called ``name``, as selectolax's ``attributes`` gives it."""
    cdef lxb_dom_attr_t *attr = element.first_attr
    while attr != NULL:
        if _attr_named(attr, name):
            return _attr_value(attr)
        attr = attr.next
    return None


cdef bint _has(lexbor_str_t *value, const char *needle, size_t length):
    return (value != NULL and value.data != NULL
            and memmem(value.data, value.length, needle, length) != NULL)


cdef enum:
    _HIDDEN = 1  # hidden, or styled display:none
    _ITEMPROP = 2  # has an itemprop attribute


cdef unsigned char _attribute_facts(lxb_dom_element_t *element):
    """What the walk asks of an element's attributes, in one pass over lexbor's list: is it
    hidden (``flatten.is_hidden``), has it an itemprop."""
    cdef lxb_dom_attr_t *attr = element.first_attr
    cdef uintptr_t name_id
    cdef unsigned char facts = 0
    while attr != NULL:
        name_id = _attr_id(attr)
        if name_id == LXB_DOM_ATTR_STYLE:
            if (_has(attr.value, b"display:none", 12)
                    or _has(attr.value, b"display: none", 13)):
                facts |= _HIDDEN
        elif name_id >= LXB_DOM_ATTR__LAST_ENTRY:  # neither name is in lexbor's own table
            if _attr_named(attr, b"hidden"):
                facts |= _HIDDEN
            elif _attr_named(attr, b"itemprop"):
                facts |= _ITEMPROP
        attr = attr.next
    return facts


include "_flatwalk_roles.pxi"


cdef enum:
    _TAG_SLOTS = 512  # above lexbor's table of known tags (LXB_TAG__LAST_ENTRY, 199 in 3.1)


cdef class TagTable:
    """What the walk needs to know of a tag, looked up once per known tag id and process (the
    ids of lexbor's own table are the same in every document; other ids are looked up each time).
    """

    cdef unsigned char flags[_TAG_SLOTS]
    cdef list names
    cdef frozenset block_tags, dropped, named, furniture, never_boilerplate
    cdef NameRoles name_roles

    def __cinit__(self, hints, frozenset named, frozenset never_boilerplate):
        memset(self.flags, 0, sizeof(self.flags))
        self.name_roles = NameRoles(hints)
        self.names = [None] * _TAG_SLOTS
        self.block_tags = hints.block_tags
        self.dropped = hints.drop_tags
        self.named = named
        self.furniture = hints.furniture_tags
        self.never_boilerplate = never_boilerplate

    cdef unsigned char classify(self, str tag):
        cdef unsigned char flags = _KNOWN
        if tag in self.dropped:
            flags |= _DROPPED
        if tag in self.block_tags:
            flags |= _BLOCK
        if tag in self.named:
            flags |= _NAMED
        if tag == "a":
            flags |= _ANCHOR
        if tag in self.furniture:
            flags |= _FURNITURE_TAG
        if tag in self.never_boilerplate:
            flags |= _NEVER_BOILERPLATE_TAG
        return flags


cdef class _Stack:
    """A growing array of flat indices: the open elements on the path from the root, or each
    element's block or link."""

    cdef Py_ssize_t *items
    cdef Py_ssize_t size, capacity

    def __dealloc__(self):
        free(self.items)

    cdef int push(self, Py_ssize_t item) except -1:
        cdef Py_ssize_t *grown
        if self.size == self.capacity:
            self.capacity = 64 if self.capacity == 0 else self.capacity * 2
            grown = <Py_ssize_t *> realloc(self.items, self.capacity * sizeof(Py_ssize_t))
            if grown == NULL:
                raise MemoryError()
            self.items = grown
        self.items[self.size] = item
        self.size += 1
        return 0


include "_flatwalk_text.pxi"


cdef object _segment(Py_ssize_t element, list tags, _Text text, Py_ssize_t link_chars,
                     Py_ssize_t lead_chars, bint plain, dict anchors):
    return Segment(element, tags[element], text.text(), link_chars, lead_chars, plain, anchors)


cdef unsigned char _element_role(TagTable known, lxb_dom_element_t *element,
                                 unsigned char tag_flags, str tag, unsigned char facts,
                                 role_of) except? 255:
    """The role of an element its names give, read from their bytes (or by ``role_of``)."""
    itemprop = _attribute(element, b"itemprop") if facts & _ITEMPROP else None
    cdef unsigned char bits = known.name_roles.role(element, tag_flags, itemprop == "articleBody")
    if bits != _NOT_READ:
        return bits
    return _role_flags(role_of(
        tag, _attr_value(element.attr_class), _attr_value(element.attr_id), itemprop
    ))


def flatten_nodes(root, TagTable known, role_of):
    """The flat form of the subtree under ``root`` (a selectolax ``LexborNode``). The walk reads
    class and id names itself (``_flatwalk_roles.pxi``); ``role_of`` (``segments.container_role``)
    reads those it cannot: names with other than ASCII characters, and very long ones."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef _Stack stack = _Stack()
    page = FlatPage([], [], [], set(), [], {}, set(), [])
    cdef list tags = page.tags, parents = page.parents, negatives = page.negative
    cdef list markers = page.marked, segments = page.segments
    cdef dict hrefs = page.hrefs
    cdef set related = page.related, hard = page.hard
    cdef list ends = page.ends
    # numbers[i] is i: each element's index is made a Python int once and shared by the lists,
    # sets and dicts that hold it, rather than made anew for each (parents, ends, ...).
    cdef list numbers = [0]
    # Each element's block (itself, or the block it is inside) and link (its <a>, or -1): read
    # by its children and text, never kept.
    cdef _Stack block_of = _Stack(), link_of = _Stack()
    # The open segment, kept in locals and turned into a Segment when the next one starts.
    cdef Py_ssize_t seg_element = -1
    cdef _Text seg_text = _Text()
    cdef dict seg_anchors = None
    cdef Py_ssize_t seg_link_chars = 0, seg_lead_chars = 0
    cdef bint seg_plain = False, seg_open = False
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_element_t *element
    cdef lxb_dom_character_data_t *chars
    cdef unsigned char flags, facts, role_bits
    cdef Py_ssize_t parent, index, block, anchor, count
    cdef bint is_block, descend
    cdef uintptr_t tag_id
    cdef str tag, text
    while node != NULL:
        descend = False
        if node.local_name == LXB_TAG__TEXT:
            chars = <lxb_dom_character_data_t *> node
            if stack.size > 0 and chars.data.data != NULL and chars.data.length > 0:
                if not _has_words(chars.data.data, chars.data.length):
                    # Whitespace only separates words inside a segment; none is open after a block.
                    if seg_open:
                        seg_text.space()
                else:
                    parent = stack.items[stack.size - 1]
                    block = block_of.items[parent]
                    if not seg_open or seg_element != block:
                        if seg_open:
                            segments.append(_segment(seg_element, tags, seg_text,
                                                     seg_link_chars, seg_lead_chars, seg_plain,
                                                     seg_anchors))
                        seg_open = True
                        seg_element = block
                        seg_text.clear()
                        seg_anchors = {}
                        seg_link_chars = seg_lead_chars = 0
                        seg_plain = False
                    seg_text.add(chars.data.data, chars.data.length)
                    anchor = link_of.items[parent]
                    if anchor >= 0:
                        text = _decode(chars.data.data, chars.data.length)
                        count = len(text.strip())
                        seg_link_chars += count
                        if not seg_plain:
                            seg_lead_chars += count
                        key = numbers[anchor]
                        seg_anchors[key] = seg_anchors.get(key, "") + text
                    else:
                        seg_plain = True
        elif node.type == LXB_DOM_NODE_TYPE_ELEMENT and (stack.size > 0 or not tags):
            element = <lxb_dom_element_t *> node
            tag_id = _tag_id(element)
            if tag_id < LXB_TAG__LAST_ENTRY and tag_id < _TAG_SLOTS:
                flags = known.flags[tag_id]
                if flags == 0:
                    tag = _tag_name(element)
                    flags = known.classify(tag)
                    known.flags[tag_id] = flags
                    known.names[tag_id] = tag
                else:
                    tag = known.names[tag_id]
            else:
                tag = _tag_name(element)
                flags = known.classify(tag)
            facts = _attribute_facts(element) if not flags & _DROPPED else 0
            # Hidden elements go with their subtree, but never the root: a page whose <body>
            # is hidden is shown by its script (an "anti-flicker" snippet), not empty.
            if not flags & _DROPPED and not (stack.size > 0 and facts & _HIDDEN):
                parent = stack.items[stack.size - 1] if stack.size > 0 else -1
                index = len(tags)
                numbers.append(index + 1)
                tags.append(tag)
                parents.append(numbers[parent] if parent >= 0 else -1)
                ends.append(numbers[index + 1])
                is_block = (flags & _BLOCK) != 0
                if parent >= 0:
                    block_of.push(index if is_block else block_of.items[parent])
                    link_of.push(index if flags & _ANCHOR else link_of.items[parent])
                else:
                    block_of.push(index)
                    link_of.push(index if flags & _ANCHOR else -1)
                if flags & _NAMED:
                    role_bits = _element_role(known, element, flags, tag, facts, role_of)
                    negatives.append((role_bits & _ROLE_NEGATIVE) != 0)
                    markers.append((role_bits & _ROLE_MARKED) != 0)
                    if role_bits & _ROLE_RELATED:
                        related.add(numbers[index])
                    if role_bits & _ROLE_HARD:
                        hard.add(numbers[index])
                    if role_bits & _ROLE_NEGATIVE and not is_block:
                        # An inline element named as furniture makes a segment of its own.
                        is_block = True
                        block_of.items[index] = index
                else:
                    negatives.append(False)
                    markers.append(False)
                    if flags & _ANCHOR:
                        href = _known_attribute(element, LXB_DOM_ATTR_HREF)
                        if href:
                            hrefs[numbers[index]] = href
                if is_block:
                    if seg_open:
                        segments.append(_segment(seg_element, tags, seg_text,
                                                 seg_link_chars, seg_lead_chars, seg_plain,
                                                 seg_anchors))
                    seg_open = False
                if node.first_child != NULL:
                    stack.push(index)
                    descend = True
        if descend:
            node = node.first_child
            continue
        # Next in document order: a sibling, else the sibling of the nearest ancestor with one.
        while node != start and node.next == NULL:
            node = node.parent
            stack.size -= 1
            # The element closed: its subtree ends here.
            ends[stack.items[stack.size]] = numbers[len(tags)]
        if node == start:
            break
        node = node.next
    if seg_open:
        segments.append(_segment(seg_element, tags, seg_text, seg_link_chars, seg_lead_chars,
                                 seg_plain, seg_anchors))
    return page


include "_flatwalk_scan.pxi"
