"""The headline: chosen by agreement between the page's h1 and its declared titles.

Declared titles (og:title, twitter:title, JSON-LD headline, <title>) usually carry the site's
name ("... - Kompas.com"); the h1 usually carries the headline alone but sometimes a kicker
("Klimaschutz:") or a subtitle inside the same element, and many pages have h1s that are logos or
section labels. An h1 that agrees with a declared title is the headline as printed; without
agreement the declared title, cleaned of site-name affixes, is the safer choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta import lexicon
from warta.extract.boilerplate import single_spaced
from warta.extract.dates.word_trie import any_of
from warta.extract.outlets import name_key, unwrap_archive

# Separators between a headline and the site or section name: spaced on both sides, except the
# pipe, which sites also write unspaced.
_SEP = r"(?:[-–—|·•»«~/│:ǀ]|::|//)"
_SEPARATOR = re.compile(rf"(\s+{_SEP}(?:\s+{_SEP})*\s+|\s*\|\s*)")
_DATE_ONLY = re.compile(r"^[\d\s./-]{6,12}$")
_MAX_H1 = 6
_SKIP_TAGS = frozenset({"style", "script", "noscript", "template", "svg"})
# Elements that, inside an h1, hold a part of their own (a kicker, headline or subtitle) rather
# than inline formatting of one sentence.
_PART_TAGS = frozenset({"div", "p", "small", "span", "header", "h2", "h3", "strong", "em", "i"})
_MIN_CONTAINED = 10  # a contained title shorter than this (in key characters) proves nothing
_GLUE = ":!|»-–—"
_CLASS_SPLIT = re.compile(r"[-_\s]+")


@dataclass(frozen=True, slots=True)
class _Hints:
    # Each a search for any of its class tokens, as a substring (one search, not one ``in``
    # per token).
    kicker: re.Pattern[str]
    subtitle: re.Pattern[str]
    hidden: re.Pattern[str]
    headline: frozenset[str]


@cache
def _hints() -> _Hints:
    return _Hints(
        kicker=any_of(frozenset(lexicon.merged_list("byline", "kicker_class_tokens")), 0),
        subtitle=any_of(frozenset(lexicon.merged_list("byline", "subtitle_class_tokens")), 0),
        hidden=any_of(frozenset(lexicon.merged_list("byline", "hidden_class_tokens")), 0),
        headline=frozenset(lexicon.merged_list("byline", "headline_class_tokens")),
    )


def collapse(text: str | None) -> str:
    """White space runs as one space, none at the ends (``split`` splits where ``\\s`` does)."""
    return single_spaced(text or "")


def find_title(
    tree: LexborHTMLParser, declared: Sequence[str | None], site_keys: Iterable[str]
) -> str | None:
    """The headline. ``declared``: og:title, twitter:title, JSON-LD headline, <title>, in
    order of trust; ``site_keys``: name keys of the site (site name, domain label)."""
    sites = tuple(k for k in site_keys if k)
    metas = [t for t in (collapse(d) for d in declared) if t]
    h1s = [h for h in _h1s(tree) if not _is_site(h.whole, sites)]
    once = {t: clean_title(t, sites) for t in dict.fromkeys(metas)}  # titles often repeat
    cleaned = [once[t] for t in metas]
    agreed = _agreeing_h1(h1s, metas, cleaned)
    if agreed:
        return agreed
    if len(h1s) == 1 and len(metas) == 1 and metas[0] == collapse(declared[-1]):
        return h1s[0].main or h1s[0].whole  # a <title> alone is often just the site's name
    if cleaned:
        return cleaned[0]
    return h1s[0].whole if h1s else None


def clean_title(title: str, site_keys: Sequence[str]) -> str:
    """``title`` without site-name and date parts at either end ("X | Kompas.com" -> "X")."""
    pieces = _pieces(title)
    parts, seps = pieces[0::2], pieces[1::2]
    if len(parts) < 2:
        return _strip_site_words(title.strip(), site_keys)
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    drop = [
        i != longest and bool(_is_site(p, site_keys) or _DATE_ONLY.match(p))
        for i, p in enumerate(parts)
    ]
    # A site name cuts off everything beyond it (slogans, portal names: "X | Site :: Slogan"),
    # and the short parts between it and the headline are sections ("| National |").
    first, last = 0, len(parts) - 1
    cut_before = next((i for i in range(longest - 1, -1, -1) if drop[i]), None)
    if cut_before is not None:
        first = cut_before + 1
        while first < longest and _is_short(parts[first]):
            first += 1
    cut_after = next((i for i in range(longest + 1, len(parts)) if drop[i]), None)
    if cut_after is not None:
        last = cut_after - 1
        while last > longest and _is_short(parts[last]):
            last -= 1
    out = parts[first]
    for i in range(first + 1, last + 1):
        out += seps[i - 1] + parts[i]
    return out.strip()


def title_parts(title: str) -> list[str]:
    """A title split at its separators ("A | B - C" -> ["A", "B", "C"])."""
    return list(_pieces(title)[0::2])


@lru_cache(maxsize=1024)
def _pieces(title: str) -> tuple[str, ...]:
    """``title`` split at its separators, the separators kept: parts at even places. (Cached:
    a page's titles are split for cleaning, for agreeing with the h1 and for the site name.)"""
    return tuple(_SEPARATOR.split(title))


def _is_short(part: str) -> bool:
    return len(part.split()) <= 2


def _strip_site_words(title: str, site_keys: Sequence[str]) -> str:
    """A site name glued to the headline by punctuation alone: "Trails! Ischgl" -> "Ischgl"."""
    words = title.split()
    for size in (1, 2, 3):
        if len(words) <= size:
            break
        head, tail = words[:size], words[size:]
        if head[-1][-1:] in _GLUE and name_key(" ".join(head)) in site_keys:
            return " ".join(tail)
        head, tail = words[:-size], words[-size:]
        if head[-1][-1:] in _GLUE and name_key(" ".join(tail)) in site_keys:
            return " ".join(head).rstrip(_GLUE + " ")
    return title


def _is_site(text: str, site_keys: Sequence[str]) -> bool:
    """Does ``text`` name the site: equal to a site key, or a short phrase containing one."""
    key = name_key(text)
    if not key:
        return True
    for site in site_keys:
        if key == site:
            return True
        if len(site) >= 4 and site in key and len(text.split()) <= 5:
            return True
        if len(key) >= 4 and key in site:
            return True
    return False


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class _H1:
    whole: Final[str]  # the h1's text
    main: Final[str | None]  # its headline part, when it also holds a kicker or subtitle

    def __init__(self, whole: str, main: str | None) -> None:
        self.whole = whole
        self.main = main


def _agreeing_h1(h1s: Sequence[_H1], metas: Sequence[str], cleaned: Sequence[str]) -> str | None:
    """The h1 reading that agrees with a declared title. In order: the h1's headline part
    (when it also holds a kicker or subtitle) equal to, then contained in, a declared title;
    the whole h1 equal to a declared title or one of its parts; the whole h1 containing a
    cleaned declared title that makes up most of it, or contained in one (a title cut short,
    missing a kicker, or carrying a site name that was not recognised)."""
    whole_keys = {name_key(t) for t in (*metas, *cleaned)}
    whole_keys |= {name_key(p) for t in metas for p in _pieces(t)[0::2]}
    whole_keys.discard("")
    declared = [k for k in (name_key(c) for c in cleaned) if len(k) >= _MIN_CONTAINED]
    for h1 in h1s:
        main = name_key(h1.main or "")
        if main and (
            main in whole_keys or (len(main) >= _MIN_CONTAINED and any(main in d for d in declared))
        ):
            return h1.main
    for h1 in h1s:
        if name_key(h1.whole) in whole_keys:
            return h1.whole
    for h1 in h1s:
        whole = name_key(h1.whole)
        if len(whole) >= _MIN_CONTAINED and any(
            (whole in d and len(whole) * 2 >= len(d)) or (d in whole and len(d) * 2 >= len(whole))
            for d in declared
        ):
            return h1.whole
    return None


def _h1s(tree: LexborHTMLParser) -> list[_H1]:
    """The first few visible h1s, each with its headline part when it has several parts."""
    hints = _hints()
    out: list[_H1] = []
    # By tag name (the same elements, in page order): a third of the selector engine's cost.
    for node in tree.tags("h1")[:_MAX_H1]:
        if _role(node, hints) == "hidden":
            continue
        whole = _joined_text(node)
        if whole and not _is_home_link(node, whole):
            out.append(_H1(whole, _headline_part(node)))
    return out


def _is_home_link(node: LexborNode, text: str) -> bool:
    """An h1 that is all one link to the site's front page: the site's logo, not a headline."""
    link = node.css_first("a[href]")
    if link is None or collapse(link.text()) != text:
        return False
    path = urlsplit(unwrap_archive(link.attributes.get("href") or "")).path
    return path.strip("/") in {"", "index.html", "index.php", "home"}


def _joined_text(node: LexborNode) -> str:
    """The text of ``node`` with a space where two elements' words would otherwise touch
    ("<span>Kicker</span><span>Headline</span>") but none inside words or before punctuation."""
    out: list[str] = []
    for child in node.traverse(include_text=True):
        if child.tag != "-text":
            continue
        parent = child.parent
        if parent is not None and parent.tag in _SKIP_TAGS:
            continue
        piece = child.text_content or ""
        if out and out[-1][-1:].isalnum() and piece[:1].isalnum():
            out.append(" ")
        out.append(piece)
    return collapse("".join(out))


def _headline_part(h1: LexborNode) -> str | None:
    """The headline inside an h1 that also holds a kicker or subtitle, or None if it has one
    part only."""
    hints = _hints()
    parts: list[tuple[str, str]] = []  # (text, role)
    current: list[str] = []
    h1 = _unwrap(h1)

    def flush() -> None:
        text = collapse("".join(current))
        if text:
            parts.append((text, ""))
        current.clear()

    for child in h1.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            current.append(child.text_content or "")
        elif tag == "br":
            flush()
        elif tag in _SKIP_TAGS or _role(child, hints) == "hidden":
            continue
        elif tag in _PART_TAGS and (child.attributes.get("class") or tag in {"div", "small"}):
            flush()
            text = collapse(child.text(separator=" "))
            if text:
                parts.append((text, _role(child, hints)))
        else:
            current.append(child.text() or "")
    flush()
    if len(parts) < 2:
        return None
    return _choose_part(parts)


def _unwrap(node: LexborNode) -> LexborNode:
    """The element that holds an h1's parts: the h1, or a single wrapper inside it."""
    for _ in range(3):
        elements = [c for c in node.iter() if c.tag not in _SKIP_TAGS]
        loose = any(
            (c.text_content or "").strip() for c in node.iter(include_text=True) if c.tag == "-text"
        )
        if len(elements) != 1 or loose:
            break
        node = elements[0]
    return node


def _choose_part(parts: list[tuple[str, str]]) -> str | None:
    for text, role in parts:
        if role == "headline":
            return text
    kept = [(i, t) for i, (t, role) in enumerate(parts) if role not in {"kicker", "subtitle"}]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0][1]
    # A first part that ends with a colon is a kicker ("Energiewende Oberland:").
    if kept[0][1].endswith(":"):
        kept = kept[1:]
    return max(kept, key=lambda item: (len(item[1]), item[0]))[1]


def _role(node: LexborNode, hints: _Hints) -> str:
    attrs = node.attributes
    if attrs.get("aria-hidden") == "true" or "hidden" in attrs:
        return "hidden"
    classes = (attrs.get("class") or "").lower()
    if not classes:
        return ""
    if hints.hidden.search(classes):
        return "hidden"
    if hints.kicker.search(classes):
        return "kicker"
    if hints.subtitle.search(classes):
        return "subtitle"
    tokens = set(_CLASS_SPLIT.split(classes))
    if tokens & hints.headline:
        return "headline"
    return ""
