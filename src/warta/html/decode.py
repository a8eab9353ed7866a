"""Turn page bytes into text, choosing the encoding the way a browser would, but warier.

Order of evidence: a byte-order mark, the HTTP Content-Type charset, a ``<meta charset>`` or
http-equiv declaration in the first bytes, then statistical detection. A declaration is not
trusted blindly: bytes that are valid UTF-8 with multi-byte sequences are UTF-8 whatever the
page claims, because no legacy encoding produces such runs by accident in real text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

import charset_normalizer

try:
    from warta.html._utf8 import is_utf8
except ImportError:  # built without a C compiler: the same answer, by decoding

    def is_utf8(data: bytes) -> bool:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE)
# WHATWG Encoding Standard: labels browsers treat as a superset encoding.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "x-user-defined": "cp1252",
}
_SNIFF_BYTES = 4096
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05
_DETECT_BYTES = 65536
_SHOWN = re.compile(rb"\S")  # what bytes.strip() keeps


def decode(page: bytes | str, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Return the page as text and the name of the encoding used. Never raises on bytes."""
    text, encoding, _verbatim = read_text(page, headers)
    return text, encoding


def utf8_as_is(page: bytes) -> bool:
    """Whether ``page`` is what :func:`read_text` would read as UTF-8 and let a parser have as it
    stands (valid UTF-8, no byte-order mark), with text that is not all white space, told
    without decoding it."""
    shown = _SHOWN.search(page)
    if shown is None or not 0x20 < page[shown.start()] < 0x80:
        return False  # blank, or white space that only str.strip() knows (U+3000, "\x1c")
    return not page.startswith(codecs.BOM_UTF8) and is_utf8(page)


def read_text(page: bytes | str, headers: Mapping[str, str] | None = None) -> tuple[str, str, bool]:
    """:func:`decode`'s text and encoding, and whether the bytes are that text's UTF-8 as they
    stand (no byte-order mark, nothing cut off), so that a parser can be given them instead."""
    if isinstance(page, str):
        return page, "str", False
    for bom, name in _BOMS:
        if page.startswith(bom):
            return page[len(bom) :].decode(name, errors="replace"), name, False
    if page.isascii():
        return page.decode("ascii"), _declared_encoding(page, headers) or "ascii", True
    try:
        # Valid UTF-8 with multi-byte sequences is UTF-8, whatever the page declares.
        return page.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError as error:
        # A page cut mid-character at the end (truncated download) is still UTF-8.
        if error.start >= len(page) - 3 and error.reason == "unexpected end of data":
            return page[: error.start].decode("utf-8"), "utf-8", False
    declared = _declared_encoding(page, headers)
    if declared and declared != "utf-8":
        return page.decode(declared, errors="replace"), declared, False
    detected = _detect(page)
    return page.decode(detected, errors="replace"), detected, False


def _declared_encoding(page: bytes, headers: Mapping[str, str] | None) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == "content-type":
            match = _HEADER_CHARSET.search(value)
            if match and (name := _known(match.group(1))):
                return name
    meta = _META_CHARSET.search(page[:_SNIFF_BYTES])
    if meta:
        return _known(meta.group(1).decode("ascii", errors="ignore"))
    return None


def _known(label: str) -> str | None:
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _detect(page: bytes) -> str:
    best = charset_normalizer.from_bytes(page[:_DETECT_BYTES]).best()
    if best is None:
        return "cp1252"
    return _known(best.encoding) or "cp1252"


def looks_binary(page: bytes) -> bool:
    """True for images, archives and other non-text payloads: control bytes text never has."""
    head = page[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return len(_CONTROL.findall(head)) > _BINARY_SHARE * max(len(head), 1)
