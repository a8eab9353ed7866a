"""A page's head as metadata reads it: meta tags, the links it needs, <title> and <html lang>,
read once per page."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar, overload

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.lexbor_ext import compiled_lexbor
from warta.extract.title import collapse

_FEW_METAS = 4
# The links metadata reads (rel values, lower case): their rel names hold these words, in any
# case, so the query asks for those alone rather than every stylesheet and preload.
_LINK_RELS = ("canonical", "image_src")
_LINKS = ", ".join(f'link[rel*="{rel}" i]' for rel in _LINK_RELS)
_T = TypeVar("_T")


class MetaContents(Mapping[str, Sequence[str]]):
    """Meta contents by key, each key's contents cleaned (``_unescape``) when first read: a page
    has dozens of metas and metadata reads a few of them."""

    __slots__ = ("_raw", "_read")

    def __init__(self, raw: Mapping[str, Sequence[str]]) -> None:
        self._raw = raw
        self._read: dict[str, Sequence[str]] = {}

    def __getitem__(self, key: str) -> Sequence[str]:
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = [_unescape(value) for value in self._raw[key]]
        return found

    @overload
    def get(self, key: str, /) -> Sequence[str] | None: ...
    @overload
    def get(self, key: str, /, default: Sequence[str] | _T) -> Sequence[str] | _T: ...
    def get(self, key: str, /, default: object = None) -> object:
        # Most keys asked for are missing: answered without the KeyError Mapping.get would catch.
        return self[key] if key in self._raw else default

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Head:
    meta: Final[MetaContents]  # lowercased name/property -> contents in page order
    links: Final[Mapping[str, Sequence[str]]]  # lowercased rel -> hrefs in page order (_LINK_RELS)
    title: Final[str | None]
    html_lang: Final[str | None]
    # The attributes of every <meta> inside <head>, in page order, as written (the date finder
    # reads them by its own rules; reading them once serves both).
    metas: Final[Sequence[Mapping[str, str | None]]]

    def __init__(
        self,
        meta: MetaContents,
        links: Mapping[str, Sequence[str]],
        title: str | None,
        html_lang: str | None,
        metas: Sequence[Mapping[str, str | None]] = (),
    ) -> None:
        self.meta = meta
        self.links = links
        self.title = title
        self.html_lang = html_lang
        self.metas = metas


HeadParts = tuple[list[dict[str, str | None]], list[tuple[str | None, str | None]], str | None]


def head_parts(head: LexborNode) -> HeadParts:
    """The attributes of every <meta> under ``head``; (rel, href) of every <link> whose rel
    holds "canonical", then again if it holds "image_src"; the text of the first <title>, or
    None. In one compiled pass where the extension was built, else by the selector queries
    this reference makes."""
    ext = compiled_lexbor()
    if ext is not None:
        return ext.head_parts(head)
    metas = [node.attributes for node in head.css("meta")]
    links = [(node.attributes.get("rel"), node.attributes.get("href")) for node in head.css(_LINKS)]
    title = head.css_first("title")
    return metas, links, title.text() if title is not None else None


def read_head(tree: LexborHTMLParser) -> Head:
    meta: dict[str, list[str]] = {}
    head = tree.head
    if head is not None:
        metas, link_attrs, title = head_parts(head)
    else:
        metas, title = [], None
        link_attrs = [(n.attributes.get("rel"), n.attributes.get("href")) for n in tree.css(_LINKS)]
    # Searching <head> alone is ten times cheaper than the whole document; a page whose
    # head holds few metas (broken markup moves them into the body) is searched whole.
    read = metas if len(metas) >= _FEW_METAS else [node.attributes for node in tree.css("meta")]
    for attrs in read:
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        key = key or attrs.get("http-equiv")
        value = attrs.get("content")
        if key and value and value.strip():
            meta.setdefault(key.strip().lower(), []).append(value)
    links: dict[str, list[str]] = {}
    for rel, href in link_attrs:
        if rel and href and href.strip():
            for name in rel.lower().split():
                links.setdefault(name, []).append(href.strip())
    if title is None:
        title_node = tree.css_first("title")
        title = title_node.text() if title_node else None
    root = tree.root
    html_lang = root.attributes.get("lang") if root is not None and root.tag == "html" else None
    return Head(MetaContents(meta), links, title, html_lang, tuple(metas))


def first_meta(head: Head, *keys: str) -> str | None:
    """The first non-empty content of the first of ``keys`` the head has."""
    for key in keys:
        for value in head.meta.get(key, ()):
            if value:
                return value
    return None


def _unescape(value: str) -> str:
    """Meta contents collapsed, and unescaped once more where a site escaped them twice
    ("Redacci&amp;oacute;n")."""
    if "&" in value:
        value = html.unescape(value)
    return collapse(value).lstrip("-–— ")
