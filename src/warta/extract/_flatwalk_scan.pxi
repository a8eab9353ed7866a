# Included by _flatwalk.pyx: searches of a whole tree that metadata makes, in one pass of C over
# lexbor's nodes. A selector query or ``traverse()`` makes a selectolax node object for every
# element (and text) it passes; these make one only for what they return.

from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF

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
    ``root.css('[class*="a"], [class*="b"]')`` lists."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_attr_t *attr
    cdef list found = []
    cdef bytes token
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            attr = (<lxb_dom_element_t *> node).attr_class
            if attr != NULL and attr.value != NULL and attr.value.data != NULL:
                for token in tokens:
                    if memmem(attr.value.data, attr.value.length, <const char *> token,
                              len(token)) != NULL:
                        found.append(_node_like(root, node))
        node = _following(node, start)
    return found


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


def dated_texts(root, frozenset not_text, Py_ssize_t short_text):
    """(text, parent) for each text under ``root`` that ``dates.markup.texts`` reads, in page
    order: not blank, under an element whose tag is not in ``not_text``, holding a year
    (``markup.YEAR``) or, with ``short_text`` >= 0, no longer than that many characters."""
    cdef lxb_dom_node_t *start = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = start
    cdef lxb_dom_node_t *parent
    cdef lexbor_str_t *data
    cdef list found = []
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            data = &(<lxb_dom_character_data_t *> node).data
            parent = node.parent
            if (data.data != NULL and parent != NULL and not _blank(data.data, data.length)
                    and (_has_year(data.data, data.length)
                         or _no_longer(data.data, data.length, short_text))
                    and not (parent.type == LXB_DOM_NODE_TYPE_ELEMENT
                             and _tag_name(<lxb_dom_element_t *> parent) in not_text)):
                found.append((_decode(data.data, data.length), _node_like(root, parent)))
        node = _following(node, start)
    return found
