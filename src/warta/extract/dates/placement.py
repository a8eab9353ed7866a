"""Where a node sits: near the article's title, or in a block whose dates are not the article's.

The article's title (its <h1>) anchors everything: a date a few steps from it in the tree is the
byline's; one in the site header, a sidebar, a comment or a related-stories list is not. Blocks
that contain the title are never such blocks, so only the ancestors below the lowest common
ancestor of the node and the title are checked for hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.dates.vocab import vocab

NEVER_TAGS = frozenset({"nav", "script", "style", "noscript", "template", "select"})
# Counted only inside an article: the site's own header, footer and sidebars are not.
CHROME_TAGS = frozenset({"header", "footer", "aside"})
ARTICLE_TAGS = frozenset({"article", "main"})
STOP_TAGS = frozenset({"body", "html", "-document", "#document"})
# class/id tokens of the site's own header, footer and menus (not an article's "entry-header").
CHROME_TOKENS = re.compile(
    r"(?:^|\s)(?:(?:site|page|global|main|top|nav)[-_]?)?"
    r"(?:header|footer|masthead|topbar|top-bar|navbar|navigation|menu|breadcrumbs?)(?:$|\s)",
    re.IGNORECASE,
)
# Distance given to every node when the page has no recognisable title.
NO_TITLE = 50
MAX_WALK = 60


@dataclass(frozen=True, slots=True)
class Spot:
    """A node's standing: ``skip`` if its dates are not the article's; ``distance`` to the title."""

    skip: bool
    distance: int
    in_article: bool


SKIP = Spot(skip=True, distance=NO_TITLE, in_article=False)


@cache
def skip_regex(lang: str | None) -> re.Pattern[str]:
    """class/id hints of blocks whose dates belong to something else (comments, related)."""
    hints = sorted(vocab(lang).skip_hints, key=len, reverse=True)
    return re.compile("|".join(re.escape(h) for h in hints) or r"(?!x)x", re.IGNORECASE)


class Title:
    """The article's title node and its ancestors, for measuring distances to it."""

    __slots__ = ("chain", "node")

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.node = find_title(tree)
        self.chain: dict[int, int] = {}
        steps, current = 0, self.node
        while current is not None and steps < MAX_WALK:
            self.chain[current.mem_id] = steps
            current = current.parent
            steps += 1

    def spot(self, node: LexborNode, lang: str | None) -> Spot:
        """Where ``node`` stands relative to the title and to blocks that do not count.

        A header or footer counts only inside an article ("entry-footer"); the site's own, with
        no article around it, does not (the "today" widget lives there).
        """
        skip_re = skip_regex(lang)
        steps = 0
        current: LexborNode | None = node
        chrome = seen_article = False
        while current is not None and steps < MAX_WALK:
            tag = current.tag or ""
            if tag in STOP_TAGS:
                break
            attrs = current.attributes
            article = tag in ARTICLE_TAGS or _is_article(attrs)
            if current.mem_id in self.chain:
                if chrome and not article:
                    break
                distance = steps + self.chain[current.mem_id]
                return Spot(skip=False, distance=distance, in_article=True)
            if tag in NEVER_TAGS:
                return SKIP
            label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
            # The node's own class is not checked: "ArticleHeaderComment_publishDate" is a date.
            if steps and skip_re.search(label):
                return SKIP
            if article:
                chrome, seen_article = False, True
            elif tag in CHROME_TAGS or CHROME_TOKENS.search(label):
                chrome = True
            current = current.parent
            steps += 1
        if chrome:
            return SKIP
        far = NO_TITLE if self.node is None else NO_TITLE + steps
        return Spot(skip=False, distance=far, in_article=seen_article)


def _is_article(attrs: dict[str, str | None]) -> bool:
    """An element marked up as a schema.org article, whatever its tag."""
    kind = attrs.get("itemtype") or ""
    return "Article" in kind or "BlogPosting" in kind


def find_title(tree: LexborHTMLParser) -> LexborNode | None:
    """The heading that is the article's title: the <h1> matching the page title, else a guess."""
    headings = tree.css("h1")
    if not headings:
        return tree.css_first("article h2, main h2")
    if len(headings) == 1:
        return headings[0]
    wanted = _page_title(tree)
    for heading in headings:
        text = " ".join(heading.text().split()).lower()
        if len(text) >= 8 and wanted and (text in wanted or wanted in text):
            return heading
    for heading in headings:
        parent = heading.parent
        while parent is not None and (parent.tag or "") not in STOP_TAGS:
            if parent.tag in ARTICLE_TAGS:
                return heading
            parent = parent.parent
    return headings[-1]


def _page_title(tree: LexborHTMLParser) -> str:
    node = tree.css_first('meta[property="og:title"]')
    text = (node.attributes.get("content") or "") if node is not None else ""
    if not text:
        title = tree.css_first("title")
        text = title.text() if title is not None else ""
    return " ".join(text.split()).lower()
