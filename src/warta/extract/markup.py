"""Markup hints (tag sets, class/id tokens) loaded once from ``warta/data/markup.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_TOKEN_SPLIT = re.compile(r"[-_\s:./]+|(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class MarkupHints:
    drop_tags: frozenset[str]
    furniture_tags: frozenset[str]
    negative_tokens: frozenset[str]
    hard_negative_tokens: frozenset[str]
    body_markers: frozenset[str]
    block_tags: frozenset[str]
    related_tokens: frozenset[str]
    builder_prefixes: tuple[str, ...]
    embed_tokens: frozenset[str]
    head_tokens: frozenset[str]


@cache
def hints() -> MarkupHints:
    raw = tomllib.loads(resources.files("warta.data").joinpath("markup.toml").read_text("utf-8"))
    return MarkupHints(
        drop_tags=frozenset(raw["drop_tags"]),
        furniture_tags=frozenset(raw["furniture_tags"]),
        negative_tokens=frozenset(raw["negative_tokens"]),
        hard_negative_tokens=frozenset(raw["hard_negative_tokens"]),
        body_markers=frozenset(raw["body_markers"]),
        block_tags=frozenset(raw["block_tags"]),
        related_tokens=frozenset(raw["related_tokens"]),
        builder_prefixes=tuple(raw["builder_prefixes"]),
        embed_tokens=frozenset(raw["embed_tokens"]),
        head_tokens=frozenset(raw["head_tokens"]),
    )


# CMS taxonomy classes ("category-no-newsletter", "tag-sidebar-tips") name the post's topics,
# not the element's role, so their words say nothing about boilerplate.
TAXONOMY_PREFIXES = ("category-", "tag-", "post_tag-", "post-", "postid-", "format-", "status-")
MAX_NAME_PARTS = 3
_SEPARATORS = str.maketrans({"_": "-", ":": "-", ".": "-", "/": "-"})


# What one class or id name says about its element, as bits.
BODY_MARKER = 1  # the whole name marks the article body ("article-body", "entry-content")
FURNITURE = 2  # one of its words names page furniture (share, comment, nav, promo)
RELATED_LINKS = 4  # one of its words says its links are other stories
COMMENTS = 8  # one of its words names a comment thread
EMBED = 16  # one of its words names an embedded post (a tweet the story quotes)


@lru_cache(maxsize=65536)
def name_flags(name: str) -> int:
    """The role bits of one class/id name.

    Cached per name rather than per attribute string: names such as "container" or
    "share-buttons" recur across sites, whole attribute strings much less."""
    found = hints()
    low = name.lower()
    flags = BODY_MARKER if low in found.body_markers else 0
    if low.startswith(TAXONOMY_PREFIXES):
        return flags
    if low.startswith(found.builder_prefixes):
        # "elementor-widget-container": the builder's own words ("widget") name the kind
        # of box, not its role; what follows the prefix ("share-buttons") still does.
        prefix = next(p for p in found.builder_prefixes if low.startswith(p))
        name, low = name[len(prefix) :], low[len(prefix) :]
    if name == low:  # no camelCase to split: plain string methods beat the regex
        parts = [t for t in low.translate(_SEPARATORS).split("-") if t]
    else:
        parts = [t.lower() for t in _TOKEN_SPLIT.split(name) if t]
    if len(parts) > MAX_NAME_PARTS:
        # A long name says little, except by its last word when that names a caption
        # ("InlineImage-imageEmbedCaption").
        if parts[-1] not in found.head_tokens:
            return flags
        parts = parts[-1:]
    if not found.negative_tokens.isdisjoint(parts):
        flags |= FURNITURE
    if not found.related_tokens.isdisjoint(parts):
        flags |= RELATED_LINKS
    if not found.hard_negative_tokens.isdisjoint(parts):
        flags |= COMMENTS
    if not found.embed_tokens.isdisjoint(parts):
        flags |= EMBED
    return flags
