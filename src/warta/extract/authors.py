"""Authors: clean person names from structured data, meta tags and bylines in the markup.

A byline is prose ("Oleh Desca Lidya Natalia", "Penulis: A Editor: B", "By A, B & C for
Reuters", "Posted on May 3, 2020 by A"); the words that frame names in it are lexicon data
(``<lang>/byline.toml``), gathered across every language because a page's language is not known
yet when metadata is read. Credits to the site itself or to another outlet are not authors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta import lexicon
from warta.extract.dates.patterns import alternation
from warta.extract.lexbor_ext import compiled_lexbor, selected
from warta.extract.outlets import Outlets, as_domain, load_outlets, name_key

_EMAIL = re.compile(r"\S+(?:@|\[at\]|\(at\))\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_NUMBER = re.compile(r"(?:^|\s)\d")  # a date or count ends a name ("A on 16 Feb 2016")
_USERNAME = re.compile(r"^[a-z0-9]+(?:[._][a-z0-9]+)+$")
_MAX_NAME = 60
_MAX_WORDS = 6
_MAX_BYLINE = 160  # longer element text is a paragraph, not a byline
_MAX_AUTHORS = 8
_MAX_NODES = 6
_META_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
)
_PERSON_TYPES = frozenset({"person"})
# Markup around a picture credit or a reader's comment: its names are not the story's authors.
_PICTURE_TOKENS = frozenset({"caption", "photo", "foto", "image", "img", "figure", "thumbnail"})
_COMMENT_TOKENS = frozenset({"comment", "comments", "respond", "reply", "komentar", "discussion"})
_TOKEN_SPLIT = re.compile(r"[-_\s]+")
_INITIAL_END = re.compile(r"(?:^|\s)\w\.$")  # "Nicolas Gutierrez C."


@dataclass(frozen=True, slots=True)
class _Byline:
    prefix: re.Pattern[str]
    inner: re.Pattern[str]  # a prefix inside a byline, before a capitalised name
    cut: re.Pattern[str]
    split: re.Pattern[str]
    affiliation: re.Pattern[str]
    roles: frozenset[str]
    desk: frozenset[str]
    noise: frozenset[str]
    noise_openings: tuple[str, ...]  # each noise word and a space: a name must not open so
    not_names: frozenset[str]
    dated: re.Pattern[str]  # a month name and a number: where a date starts ("Feb 14, 2020")
    class_tokens: tuple[str, ...]


def _alternation(items: Iterable[str]) -> str:
    """Longest-first alternation of words, for patterns that ignore case: written as a trie
    (see ``dates.word_trie``; the same matches), but where it would differ from the plain one
    (no words, or an empty one)."""
    words = set(items)
    if words and "" not in words:
        return alternation(words)
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in ordered)


@cache
def _byline() -> _Byline:
    def words(key: str) -> tuple[str, ...]:
        return lexicon.merged_list("byline", key)

    prefixes = _alternation(words("prefixes"))
    roles = words("non_author_roles")
    multi, single = [r for r in roles if " " in r], [r for r in roles if " " not in r]
    joiners = [j for j in words("joiners") if j.isalpha()]
    joined = "|".join(
        rf"\s+{re.escape(j)}\s+" if len(j) == 1 else rf"\s+(?i:{re.escape(j)})\s+" for j in joiners
    )
    symbols = "".join(re.escape(j) for j in words("joiners") if not j.isalpha())
    return _Byline(
        prefix=re.compile(rf"^(?:{prefixes})(?=\W|$)\s*([:\-–—])?\s*", re.IGNORECASE),
        inner=re.compile(rf"(?<!\w)(?i:{prefixes})(\s*:)?\s+(?=[A-ZÀ-Þ])"),
        cut=re.compile(
            rf"(?:(?<!\w)(?:{_alternation(multi)})(?!\w)|(?<!\w)(?:{_alternation(single)})\s*:)",
            re.IGNORECASE,
        ),
        split=re.compile(rf"\s*[,;/|·•{symbols}]\s*|{joined}"),
        affiliation=re.compile(
            rf"\s+(?:{_alternation(words('affiliations'))})\s+.*$|\s*[-–—]\s+.*$|\s+[-–—]\s*.*$",
            re.IGNORECASE,
        ),
        roles=frozenset(r.casefold() for r in words("role_suffixes")),
        desk=frozenset(d.casefold() for d in words("desk_words")),
        noise=frozenset(n.casefold() for n in words("noise")),
        noise_openings=tuple(sorted({n.casefold() + " " for n in words("noise")})),
        not_names=frozenset(
            n.casefold()
            for n in (*words("not_names"), *lexicon.merged_list("attribution", "not_names"))
        ),
        dated=re.compile(rf"\s+(?i:{_alternation(_month_names())})\.?,?\s*\d"),
        class_tokens=tuple(sorted(words("class_tokens"), key=len, reverse=True)),
    )


def _month_names() -> set[str]:
    """Month names and abbreviations of every language with a byline lexicon (the dates
    lexicon's words, read, not copied)."""
    names: set[str] = set()
    for lang in lexicon.languages():
        if lexicon.load(lang, "byline"):
            for forms in lexicon.load(lang, "dates").get("months", {}).values():
                names.update(f for f in forms if isinstance(f, str) and len(f) >= 3)
    return names


def find_authors(
    tree: LexborHTMLParser,
    meta: Mapping[str, Sequence[str]],
    article: Mapping[str, Any],
    site_keys: Sequence[str],
) -> tuple[str, ...]:
    """Author names from the first source that has any: JSON-LD persons, meta tags, bylines in
    the markup, then JSON-LD organisations. ``article``: the page's main JSON-LD object."""
    people, bodies = _jsonld_authors(article.get("author"))
    creators, _ = _jsonld_authors(article.get("creator"))
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: _prefer_creator(tree, people, creators, site_keys),
        lambda: [v for key in _META_KEYS for v in meta.get(key, ())],
        lambda: _markup_bylines(tree),
        lambda: bodies,
    )
    for source in sources:
        names = clean_authors(source(), site_keys)
        if names:
            return names
    return ()


def _prefer_creator(
    tree: LexborHTMLParser, people: list[str], creators: list[str], site_keys: Sequence[str]
) -> list[str]:
    """JSON-LD ``author``, unless it differs from ``creator`` and the printed byline sides
    with the creator (some sites put the editor in ``author``)."""
    if not creators or not people:
        return people
    wanted = {n.casefold() for n in clean_authors(creators, site_keys)}
    if wanted & {n.casefold() for n in clean_authors(people, site_keys)}:
        return people
    printed = {n.casefold() for n in clean_authors(_markup_bylines(tree), site_keys)}
    return creators if wanted & printed else people


def clean_authors(raw: Iterable[str], site_keys: Sequence[str] = ()) -> tuple[str, ...]:
    """Names out of byline strings: prefixes, roles, e-mails, site names dropped; lists split."""
    seen: dict[str, str] = {}
    outlets: Outlets | None = None  # read once a call: load_outlets consults the environment
    for byline in raw:
        for name in _split_byline(byline):
            if _credits_site(name, site_keys):
                continue
            outlets = load_outlets() if outlets is None else outlets
            if len(name.casefold().split()) > 4 or outlets.domain_of(name) is None:
                seen.setdefault(name.casefold(), name)
    return tuple(seen.values())[:_MAX_AUTHORS]


def split_byline(byline: str) -> list[str]:
    """The person names in one byline string, in order."""
    return list(_split_byline(byline))


@lru_cache(maxsize=1024)
def _split_byline(byline: str) -> tuple[str, ...]:
    """(Cached: the byline found in the markup is split once to be found, again to be read.)"""
    lex = _byline()
    text = " ".join(byline.split())
    if _URL.match(text) or len(text) > _MAX_BYLINE * 2:
        return ()
    text = _HANDLE.sub(" ", _URL.sub(" ", _EMAIL.sub(" ", text)))
    cut = lex.cut.search(text)
    if cut:
        text = text[: cut.start()]
    # "Posted on May 3, 2020 by Adi Tzlil", "Gründerin Journelles Artikel von: Jessie": in a
    # byline with a date or a labelled credit, the name follows the last prefix.
    inner = list(lex.inner.finditer(text))
    if inner and (_NUMBER.search(text) or inner[-1].group(1)) and inner[-1].start() > 0:
        text = text[inner[-1].end() :]
    text = _strip_prefixes(text, lex)
    names: list[str] = []
    for part in lex.split.split(text):
        name = _clean_name(_strip_prefixes(part, lex), lex)
        if name and _looks_like_name(name, lex):
            names.append(name)
    return tuple(names)


def _strip_prefixes(text: str, lex: _Byline) -> str:
    text = text.strip(" :-–—|,")
    for _ in range(3):
        match = lex.prefix.match(text)
        if not match:
            break
        rest = text[match.end() :]
        word = match.group(0).strip(" :-–—")
        # A capitalised one-word prefix before a single word may be a name ("Di Stefano").
        if not match.group(1) and len(rest.split()) == 1 and word[:1].isupper() and " " not in word:
            break
        text = rest
    return text


def _clean_name(name: str, lex: _Byline) -> str:
    name = lex.affiliation.sub("", name)
    name = lex.dated.split(name, maxsplit=1)[0]
    name = _NUMBER.split(name, maxsplit=1)[0]
    name = name.strip(" ,:;-–—|()[]\"'“”*")
    words = name.split()
    while len(words) > 1 and (
        (words[-1].islower() and len(words[-1]) <= 4) or words[-1].casefold() in lex.noise
    ):
        words.pop()  # "Corry Anestia on", "Martin Junker Kontakt"
    # A role after a full name ("Christoph Hein Chefredakteur"); two words may be a surname.
    while len(words) > 3 and " ".join(words[-2:]).casefold() in lex.roles:
        words = words[:-2]
    while len(words) > 2 and words[-1].casefold() in lex.roles:
        words.pop()
    name = " ".join(words).strip(" ,:;-–—")
    # A final initial keeps its period ("Nicolas Gutierrez C."); a sentence's period goes.
    return name if _INITIAL_END.search(name) else name.rstrip(".")


def _looks_like_name(name: str, lex: _Byline) -> bool:
    words = name.split()
    folded = name.casefold()
    if not words or len(name) > _MAX_NAME or len(words) > _MAX_WORDS or len(name) < 2:
        return False
    if folded in lex.noise or folded in lex.roles or folded in lex.not_names:
        return False
    if folded.startswith(lex.noise_openings):
        return False
    if any(ch in name for ch in "@<>{}=#?!*[]") or as_domain(name) or _USERNAME.match(name):
        return False
    if len(words) == 1:
        return any(ch.isalpha() for ch in name)
    return words[0][:1].isupper()


def _credits_site(name: str, site_keys: Sequence[str]) -> bool:
    """A credit to the site ("Tim detikcom", "Kompas Cyber Media")."""
    key = name_key(name)
    words = name.casefold().split()
    if words and words[0] in _byline().desk and len(words) > 1:
        key = name_key(" ".join(words[1:]))
    return any(
        key == site or (len(site) >= 4 and site in key and len(words) <= 4) for site in site_keys
    )


def _jsonld_authors(value: Any) -> tuple[list[str], list[str]]:
    """Names in a JSON-LD author value (a string, an object, or a list of them): persons and
    strings first, organisations apart."""
    people: list[str] = []
    bodies: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            if not _URL.match(item.strip()):
                people.append(item)
        elif isinstance(item, dict):
            name = _object_name(item)
            types = item.get("@type")
            kinds = {t.lower() for t in (types if isinstance(types, list) else [types]) if t}
            if name:
                (people if not kinds or kinds & _PERSON_TYPES else bodies).append(name)
    return people, bodies


def _object_name(item: Mapping[str, Any]) -> str | None:
    name = item.get("name")
    if isinstance(name, list):
        name = name[0] if name else None
    if isinstance(name, str):
        return name
    given, family = item.get("givenName"), item.get("familyName")
    if isinstance(given, str) and isinstance(family, str):
        return f"{given} {family}"
    return None


# --- bylines in the markup ------------------------------------------------------------------

AUTHOR_MARKUP = '[itemprop="author"], [rel="author"]'


def _markup_bylines(tree: LexborHTMLParser) -> list[str]:
    """Byline texts: itemprop/rel author first, then elements whose class names a byline. Only
    the first byline found counts, with its siblings (co-authors), not every author on the
    page (related stories, comments)."""
    found = _first_byline(
        selected(tree, AUTHOR_MARKUP, lambda ext, root: ext.author_elements(root))
    )
    if found:
        return found
    tokens = _byline().class_tokens
    nodes = _with_class_tokens(tree, tokens)
    by_token: dict[str, list[LexborNode]] = {}
    for node in nodes:
        classes = (node.attributes.get("class") or "").lower()
        token = next((t for t in tokens if t in classes), None)
        if token and len(by_token.setdefault(token, [])) < _MAX_NODES * 2:
            by_token[token].append(node)
    for token in tokens:
        found = _first_byline(by_token.get(token, []))
        if found:
            return found
    return []


def _with_class_tokens(tree: LexborHTMLParser, tokens: Sequence[str]) -> list[LexborNode]:
    """The elements whose class attribute holds one of ``tokens`` (case-sensitively), in page
    order, as the selector ``[class*="a"], [class*="b"], ...`` lists them, at a fraction of its
    cost (lexbor tries each substring selector on every element): one query for elements with
    a class, then a search of their class names, joined by line breaks (no token holds one, so
    no token found spans two elements); the line breaks before a find number its element. A
    line break inside a class name (rare) is read as a carriage return, which no token holds
    either. The compiled extension, where built, searches the class names in C instead and
    makes node objects only for the elements it finds (``tests/test_lexbor_scan.py``)."""
    if not tokens or not all(tokens) or any("\n" in t or "\r" in t for t in tokens):
        return tree.css(", ".join(f'[class*="{token}"]' for token in tokens))
    ext = compiled_lexbor()
    if ext is not None and len(tokens) <= ext.MAX_CLASS_TOKENS:
        root = tree.root
        return ext.class_token_elements(root, _token_bytes(tokens)) if root is not None else []
    nodes = tree.css("[class]")
    names = [node.attrs.get("class") or "" for node in nodes]
    joined = "\n".join(names)
    if joined.count("\n") != len(names) - 1:
        joined = "\n".join(name.replace("\n", "\r") for name in names)
    found: list[int] = []
    index = previous = 0
    for at in sorted(at for token in tokens for at in _finds(joined, token)):
        index += joined.count("\n", previous, at)
        previous = at
        if not found or found[-1] != index:
            found.append(index)
    # lexbor lists an element once for every selector of the list it matches: so here too.
    return [nodes[i] for i in found for token in tokens if token in names[i]]


@lru_cache(maxsize=8)
def _token_bytes(tokens: Sequence[str]) -> tuple[bytes, ...]:
    return tuple(token.encode() for token in tokens)


def _finds(text: str, token: str) -> Iterator[int]:
    """Where ``token`` starts in ``text``, left to right (not overlapping: one is enough)."""
    at = text.find(token)
    while at >= 0:
        yield at
        at = text.find(token, at + len(token))


def _first_byline(nodes: Sequence[LexborNode]) -> list[str]:
    texts: list[tuple[LexborNode, str]] = []
    for node in nodes:
        if not _usable(node):
            continue
        text = _byline_text(node)
        if text and _split_byline(text):
            texts.append((node, text))
            if len(texts) >= _MAX_NODES:
                break
    if not texts:
        return []
    first = texts[0][0]
    return [t for n, t in texts if n is first or _near(n, first)]


def _byline_text(node: LexborNode) -> str | None:
    inner = node.css_first('[itemprop="name"]')
    content = (inner.attributes.get("content") if inner else None) or node.attributes.get("content")
    text = content or " ".join((inner or node).text(separator=" ").split())
    return text if text and len(text) <= _MAX_BYLINE else None


def _near(node: LexborNode, first: LexborNode) -> bool:
    """Do two byline elements share a parent or grandparent (co-authors of one byline)?"""
    mine = [node.parent, node.parent.parent if node.parent else None]
    theirs = [first.parent, first.parent.parent if first.parent else None]
    return any(a is not None and any(a.mem_id == b.mem_id for b in theirs if b) for a in mine)


def _usable(node: LexborNode) -> bool:
    """Not a picture credit, not a reader's comment, not a whole page region."""
    if node.tag in {"body", "html", "link", "script", "style"}:
        return False
    current: LexborNode | None = node
    for depth in range(6):
        if current is None:
            return True
        if current.tag in {"figure", "figcaption", "form", "label"}:
            return False
        tokens = set(_TOKEN_SPLIT.split((current.attributes.get("class") or "").lower()))
        if tokens & _COMMENT_TOKENS or (depth < 4 and tokens & _PICTURE_TOKENS):
            return False
        current = current.parent
    return True
