# Included by _flatwalk.pyx: what metadata reads of a tree, in one pass of C over lexbor's nodes
# for each kind, instead of a selector query (which parses its selector and makes a node object
# for every match) or a ``traverse()`` (a node object for every node it passes). These make
# objects only for what they return.

from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF

cdef extern from "Python.h":
    const Py_ssize_t PY_SSIZE_T_MAX

from selectolax.lexbor import LexborNode

cdef extern from "lexbor/dom/interfaces/node.h":
    int LXB_DOM_NODE_TYPE_TEXT

cdef extern from *:
    """
    /* selectolax 1.0.2's LexborNode instance (selectolax/lexbor.pxd): the node it stands for,
       its parser, and two flags that only fragment and template roots set. */
    typedef struct {
        PyObject_HEAD
        void *vtab;
        void *node;
        PyObject *parser;
        int is_fragment_root;
        int is_template_content;
    } warta_lexbor_node;
    """
    ctypedef struct warta_lexbor_node:
        void *node
        PyObject *parser
        int is_fragment_root
        int is_template_content


cdef object _node_like(object like, lxb_dom_node_t *node):
    """A selectolax node for ``node``, in the tree of the node ``like``: what selectolax's own
    ``LexborNode.new`` makes (not callable from outside its module)."""
    cdef type kind = type(like)
    if kind is not LexborNode:  # the struct below is that class's, and no other's
        raise TypeError(f"a selectolax LexborNode is needed, not {kind.__name__}")
    cdef object made = kind.__new__(kind)
    cdef warta_lexbor_node *fresh = <warta_lexbor_node *> <PyObject *> made
    cdef warta_lexbor_node *model = <warta_lexbor_node *> <PyObject *> like
    Py_INCREF(<object> model.parser)
    Py_XDECREF(fresh.parser)
    fresh.parser = model.parser
    fresh.node = <void *> node
    fresh.is_fragment_root = 0
    fresh.is_template_content = 0
    return made


cdef inline lxb_dom_node_t *_following(lxb_dom_node_t *node, lxb_dom_node_t *start):
    """The next node after ``node`` in document order inside ``start``'s subtree, or NULL: the
    order of selectolax's ``traverse()`` and of lexbor's selector search."""
    if node.first_child != NULL:
        return node.first_child
    while node != start and node.next == NULL:
        node = node.parent
    return NULL if node == start else node.next


def node_at(like, uintptr_t address):
    """The selectolax node at ``address`` (a ``mem_id``) in the tree of ``like``: for the test
    that holds ``_node_like`` to selectolax's own nodes."""
    return _node_like(like, <lxb_dom_node_t *> address)


def class_token_elements(root, tuple tokens):
    """The elements under ``root`` (and ``root``) whose class attribute holds one of ``tokens``
    (UTF-8 bytes, case-sensitively), in page order, each once for every token it holds: what
    ``root.css('[class*="a"], [class*="b"]')`` lists.

    A class name is read once, whatever the number of tokens: a token is compared only where
    the name has its first byte (``_TokenTable``), not searched for in the whole name, token
    by token."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_attr_t *attr
    cdef list found = []
    cdef _TokenTable table = _TokenTable(tokens)
    cdef unsigned long long held
    cdef Py_ssize_t i
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            attr = (<lxb_dom_element_t *> node).attr_class
            if attr != NULL and attr.value != NULL and attr.value.data != NULL:
                held = table.held(attr.value.data, attr.value.length)
                if held:
                    made = _node_like(root, node)
                    for i in range(table.count):
                        if held & (1ULL << i):
                            found.append(made)
        node = _following(node, start)
    return found


MAX_CLASS_TOKENS = 64  # a bit each in a 64-bit mask


cdef class _TokenTable:
    """Up to ``MAX_CLASS_TOKENS`` non-empty tokens, indexed by their first byte."""

    cdef tuple tokens
    cdef Py_ssize_t count
    cdef unsigned long long by_first[256]  # first byte -> the tokens that start with it

    def __cinit__(self, tuple tokens):
        cdef bytes token
        cdef Py_ssize_t i
        if len(tokens) > MAX_CLASS_TOKENS or not all(isinstance(t, bytes) and t for t in tokens):
            raise ValueError(
                f"at most {MAX_CLASS_TOKENS} tokens are taken, each a non-empty byte string"
            )
        self.tokens = tokens
        self.count = len(tokens)
        memset(self.by_first, 0, sizeof(self.by_first))
        for i in range(self.count):
            token = tokens[i]
            self.by_first[<unsigned char> token[0]] |= 1ULL << i

    cdef unsigned long long held(self, const unsigned char *text, size_t length):
        """The tokens (a bit each, by their place) that occur in ``text``."""
        cdef unsigned long long held = 0, candidates
        cdef size_t at, size
        cdef Py_ssize_t i
        cdef bytes token
        for at in range(length):
            candidates = self.by_first[text[at]] & ~held
            if not candidates:
                continue
            for i in range(self.count):
                if candidates & (1ULL << i):
                    token = <bytes> self.tokens[i]
                    size = len(token)
                    if size <= length - at and memcmp(text + at, <const char *> token, size) == 0:
                        held |= 1ULL << i
        return held


cdef inline bint _digit(const unsigned char *text, size_t at, size_t length):
    return at < length and 0x30 <= text[at] <= 0x39


cdef inline bint _date_mark(const unsigned char *text, size_t at, size_t length):
    return at < length and (text[at] == 0x2E or text[at] == 0x2F or text[at] == 0x2D)  # . / -


cdef bint _has_year(const unsigned char *text, size_t length):
    """``markup.YEAR.search`` on the UTF-8 of a text: a year 19xx or 20xx, or d[./-]d(d)[./-]dd
    (its classes are ASCII, which UTF-8 leaves as it is)."""
    cdef size_t at, day
    for at in range(length):
        if not _digit(text, at, length):
            continue
        if ((text[at] == 0x31 and at + 1 < length and text[at + 1] == 0x39)
                or (text[at] == 0x32 and at + 1 < length and text[at + 1] == 0x30)):
            if _digit(text, at + 2, length) and _digit(text, at + 3, length):
                return True
        if _date_mark(text, at + 1, length) and _digit(text, at + 2, length):
            day = at + 3  # after one digit; a second one is tried first, as the regex does
            if (_digit(text, day, length) and _date_mark(text, day + 1, length)
                    and _digit(text, day + 2, length) and _digit(text, day + 3, length)):
                return True
            if (_date_mark(text, day, length) and _digit(text, day + 1, length)
                    and _digit(text, day + 2, length)):
                return True
    return False


cdef bint _blank(const unsigned char *text, size_t length):
    """Only HTML's ASCII white space (what ``traverse(skip_empty=True)`` skips)."""
    cdef size_t at
    for at in range(length):
        if text[at] not in (0x20, 0x09, 0x0A, 0x0C, 0x0D):
            return False
    return True


cdef bint _no_longer(const unsigned char *text, size_t length, Py_ssize_t most):
    """Whether ``text`` decodes (as ``_decode`` does) to at most ``most`` characters. A
    character takes one to four bytes, an undecodable byte becomes one character: only texts
    between those bounds, not all ASCII, are decoded to be counted."""
    if most < 0 or length > 4 * <size_t> most:
        return False
    if length <= <size_t> most:
        return True
    cdef size_t at
    for at in range(length):
        if text[at] >= 0x80:
            return len(_decode(text, length)) <= most
    return False


def dated_texts(root, frozenset not_text, Py_ssize_t short_text, Py_ssize_t limit):
    """(text, parent) for the texts under ``root`` that ``dates.markup.texts`` reads, in page
    order: not blank, under an element whose tag is not in ``not_text``, holding a year
    (``markup.YEAR``) or, with ``short_text`` >= 0, no longer than that many characters. Only
    the first text of each parent, and at most ``limit`` of them (a huge page's are not all
    read)."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_node_t *parent
    cdef lexbor_str_t *data
    cdef list found = []
    cdef set parents = set()
    while node != NULL and len(found) < limit:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            data = &(<lxb_dom_character_data_t *> node).data
            parent = node.parent
            if (data.data != NULL and parent != NULL and not _blank(data.data, data.length)
                    and (_has_year(data.data, data.length)
                         or _no_longer(data.data, data.length, short_text))
                    and <uintptr_t> parent not in parents
                    and not (parent.type == LXB_DOM_NODE_TYPE_ELEMENT
                             and _tag_name(<lxb_dom_element_t *> parent) in not_text)):
                parents.add(<uintptr_t> parent)
                found.append((_decode(data.data, data.length), _node_like(root, parent)))
        node = _following(node, start)
    return found


# --- the head's metas, links and title, and the JSON-LD scripts -------------------------------

cdef extern from "lexbor/tag/const.h":
    uintptr_t LXB_TAG_TIME
    uintptr_t LXB_TAG_H1
    uintptr_t LXB_TAG_H2
    uintptr_t LXB_TAG_H3
    uintptr_t LXB_TAG_LINK
    uintptr_t LXB_TAG_META
    uintptr_t LXB_TAG_SCRIPT
    uintptr_t LXB_TAG_TITLE

cdef extern from "lexbor/dom/interfaces/attr_const.h":
    uintptr_t LXB_DOM_ATTR_REL
    uintptr_t LXB_DOM_ATTR_TYPE


cdef str _attr_name(lxb_dom_attr_t *attr):
    cdef const lxb_dom_attr_data_t *data = _attr_data(attr)
    return _decode(lexbor_hash_entry_str(&data.entry), data.entry.length)


cdef dict _attributes(lxb_dom_element_t *element):
    """selectolax's ``node.attributes``: each name as written, its value (None when empty)."""
    cdef dict found = {}
    cdef lxb_dom_attr_t *attr = element.first_attr
    while attr != NULL:
        found[_attr_name(attr)] = _attr_value(attr)
        attr = attr.next
    return found


cdef str _deep_text(lxb_dom_node_t *element):
    """selectolax's ``node.text()``: the text of every text node below, joined, then decoded."""
    cdef bytearray joined = bytearray()
    cdef lxb_dom_node_t *node = element.first_child
    cdef lxb_dom_character_data_t *chars
    while node != NULL:
        if node.local_name == LXB_TAG__TEXT:
            chars = <lxb_dom_character_data_t *> node
            if chars.data.data != NULL and chars.data.length > 0:
                joined += (<char *> chars.data.data)[:chars.data.length]
        node = _following(node, element)
    return _decode(<const unsigned char *> <char *> joined, len(joined))


cdef bint _value_holds(lxb_dom_attr_t *attr, const char *lower, size_t length):
    """Does the attribute's value hold ``lower`` (ASCII letters in any case: CSS's ``i``)?"""
    if attr == NULL or attr.value == NULL or attr.value.data == NULL or attr.value.length < length:
        return False
    cdef size_t at, i
    cdef unsigned char byte
    for at in range(attr.value.length - length + 1):
        for i in range(length):
            byte = attr.value.data[at + i]
            if 0x41 <= byte <= 0x5A:
                byte += 32
            if byte != <unsigned char> lower[i]:
                break
        else:
            return True
    return False


def head_parts(head):
    """What ``head.read_head`` reads under ``head`` (a selectolax node), as its selector
    queries give it: the attributes of every ``meta``, in page order; (rel, href) of every
    ``link`` whose rel holds "canonical", then again if it holds "image_src" (a selector list
    lists an element once for each selector it matches); and the text of the first ``title``,
    or None without one."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> head.mem_id
    cdef lxb_dom_node_t *node = start.first_child
    cdef lxb_dom_element_t *element
    cdef uintptr_t tag_id
    cdef list metas = [], links = []
    cdef object title = None
    cdef lxb_dom_attr_t *rel
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            element = <lxb_dom_element_t *> node
            tag_id = _tag_id(element)
            if tag_id == LXB_TAG_META:
                metas.append(_attributes(element))
            elif tag_id == LXB_TAG_LINK:
                rel = _known_attr(element, LXB_DOM_ATTR_REL)
                for wanted in (b"canonical", b"image_src"):
                    if _value_holds(rel, wanted, len(wanted)):
                        links.append((_attr_value(rel),
                                      _known_attribute(element, LXB_DOM_ATTR_HREF)))
            elif tag_id == LXB_TAG_TITLE and title is None:
                title = _deep_text(node)
        node = _following(node, start)
    return metas, links, title


# --- selector lists and attribute queries of metadata, answered by one walk each -------------

cdef lxb_dom_attr_t *_named_attr(lxb_dom_element_t *element, bytes name):
    """The first attribute called ``name``, or NULL."""
    cdef lxb_dom_attr_t *attr = element.first_attr
    while attr != NULL:
        if _attr_named(attr, name):
            return attr
        attr = attr.next
    return NULL


cdef bint _value_is(lxb_dom_attr_t *attr, bytes value, bint any_case):
    """Is the attribute's value ``value`` (lower case), as CSS's ``[name="value"]`` compares
    it: ASCII letters in any case for the attributes HTML says so of (``rel``), else exactly."""
    cdef size_t length = len(value), i
    cdef const char *wanted = value
    cdef unsigned char byte
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return False
    if attr.value.length != length:
        return False
    if not any_case:
        return memcmp(attr.value.data, wanted, length) == 0
    for i in range(length):
        byte = attr.value.data[i]
        if 0x41 <= byte <= 0x5A:
            byte += 32
        if byte != <unsigned char> wanted[i]:
            return False
    return True


# What one element matches of a selector list: how many of its selectors (lexbor lists an
# element once for each).
ctypedef int (*_Matches)(lxb_dom_element_t *element)


cdef list _matching(root, _Matches matches, Py_ssize_t limit):
    """The elements under ``root`` (and ``root``) in page order, each as many times as
    ``matches`` says, at most ``limit`` entries: what ``root.css(selectors)[:limit]`` lists."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef int matched
    cdef list found = []
    while node != NULL and len(found) < limit:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            matched = matches(<lxb_dom_element_t *> node)
            if matched:
                made = _node_like(root, node)
                while matched and len(found) < limit:
                    found.append(made)
                    matched -= 1
        node = _following(node, start)
    return found


cdef int _heading(lxb_dom_element_t *element):
    """``h1, h2, h3``"""
    cdef uintptr_t tag_id = _tag_id(element)
    return tag_id == LXB_TAG_H1 or tag_id == LXB_TAG_H2 or tag_id == LXB_TAG_H3


cdef int _author_markup(lxb_dom_element_t *element):
    """``[itemprop="author"], [rel="author"]``"""
    return (_value_is(_named_attr(element, b"itemprop"), b"author", False)
            + _value_is(_known_attr(element, LXB_DOM_ATTR_REL), b"author", True))


cdef int _time_markup(lxb_dom_element_t *element):
    """``time, [itemprop*='date' i]:not(meta), [pubdate]``"""
    cdef uintptr_t tag_id = _tag_id(element)
    return (
        (tag_id == LXB_TAG_TIME)
        + (tag_id != LXB_TAG_META and _value_holds(_named_attr(element, b"itemprop"), b"date", 4))
        + (_named_attr(element, b"pubdate") != NULL)
    )


cdef int _title_like(lxb_dom_element_t *element):
    """``[class*='title' i], [class*='judul' i], [class*='headline' i], [itemprop='headline']``"""
    cdef lxb_dom_attr_t *names = element.attr_class
    return (
        _value_holds(names, b"title", 5) + _value_holds(names, b"judul", 5)
        + _value_holds(names, b"headline", 8)
        + _value_is(_named_attr(element, b"itemprop"), b"headline", False)
    )


def headings(root, Py_ssize_t limit):
    """What ``root.css("h1, h2, h3")[:limit]`` lists."""
    return _matching(root, _heading, limit)


def author_elements(root):
    """What ``root.css('[itemprop="author"], [rel="author"]')`` lists (rel's value in any
    case, as lexbor reads it)."""
    return _matching(root, _author_markup, PY_SSIZE_T_MAX)


def time_elements(root):
    """What ``root.css("time, [itemprop*='date' i]:not(meta), [pubdate]")`` lists."""
    return _matching(root, _time_markup, PY_SSIZE_T_MAX)


def title_like_elements(root, Py_ssize_t limit):
    """What ``root.css(placement.TITLE_LIKE)[:limit]`` lists."""
    return _matching(root, _title_like, limit)


def tagged_attributes(root, str tag, bytes attribute):
    """``[node.attributes for node in root.css(f"{tag}[{attribute}]")]`` for a ``meta`` or
    ``time`` tag: the attributes of each such element under ``root`` (and ``root``) that has
    the attribute, in page order."""
    cdef uintptr_t wanted
    if tag == "meta":
        wanted = LXB_TAG_META
    elif tag == "time":
        wanted = LXB_TAG_TIME
    else:
        raise ValueError(f"only meta and time elements are searched, not {tag!r}")
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_element_t *element
    cdef list found = []
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            element = <lxb_dom_element_t *> node
            if _tag_id(element) == wanted and _named_attr(element, attribute) != NULL:
                found.append(_attributes(element))
        node = _following(node, start)
    return found


def ld_json_texts(root):
    """The text of every ``script[type*="ld+json" i]`` under ``root`` (and ``root`` itself), in
    page order, as ``node.text()`` gives it."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_element_t *element
    cdef list texts = []
    while node != NULL:
        element = <lxb_dom_element_t *> node
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT and _tag_id(element) == LXB_TAG_SCRIPT:
            if _value_holds(_known_attr(element, LXB_DOM_ATTR_TYPE), b"ld+json", 7):
                texts.append(_deep_text(node))
        node = _following(node, start)
    return texts
