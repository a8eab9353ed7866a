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
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.dates.vocab import vocab
from warta.extract.dates.word_trie import any_of
from warta.extract.lexbor_ext import LexborExtension, selected
from warta.extract.regex_case import ascii_lowered

NEVER_TAGS = frozenset({"nav", "script", "style", "noscript", "template", "select"})
# Counted only inside an article: the site's own header, footer and sidebars are not.
CHROME_TAGS = frozenset({"header", "footer", "aside"})
ARTICLE_TAGS = frozenset({"article", "main"})
STOP_TAGS = frozenset({"body", "html", "-document", "#document"})
# class/id tokens of the site's own header, footer and menus (not an article's "entry-header").
CHROME_SOURCE = (
    r"(?:^|\s)(?:(?:site|page|global|main|top|nav)[-_]?)?"
    r"(?:header|footer|masthead|topbar|top-bar|navbar|navigation|menu|breadcrumbs?)(?:$|\s)"
)
CHROME_TOKENS = re.compile(CHROME_SOURCE, re.IGNORECASE)
CHROME_LOWER = re.compile(CHROME_SOURCE)  # the same, on a lowered label in ASCII: all in ASCII
# Headings compared with the page's title, and the shortest text that can match it.
MAX_HEADINGS = 40
MIN_TITLE = 12
TITLE_LIKE = "[class*='title' i], [class*='judul' i], [class*='headline' i], [itemprop='headline']"
# Extra distance for a date above the title: below it is where bylines usually are, above it
# where "today" widgets and kickers are.
BEFORE_TITLE = 1
# Extra distance for a date inside the headline: an event's date, not the article's.
IN_TITLE = 4
# A date hint counts on the node and this many levels above it, minus one.
HINT_LEVELS = 3
# Levels above the title that bound the region searched for its byline first.
REGION_LEVELS = 3
# Distance given to every node when the page has no recognisable title.
NO_TITLE = 50
MAX_WALK = 60
NOT_ALNUM = re.compile(r"[\W_]+")


class Spot:
    """A node's standing: ``skip`` if its dates are not the article's; ``distance`` to the title.
    (A plain class, as ``_Facts`` is: one is built for every node asked about.)"""

    __slots__ = ("distance", "hinted", "in_article", "skip")

    def __init__(
        self, *, skip: bool, distance: int, in_article: bool, hinted: bool = False
    ) -> None:
        self.skip: Final = skip
        self.distance: Final = distance
        self.in_article: Final = in_article
        self.hinted: Final = hinted  # the node or one just above it has a date hint ("post-date")


SKIP = Spot(skip=True, distance=NO_TITLE, in_article=False)


def hint_regex(lang: str | None) -> re.Pattern[str]:
    """class/id hints of elements that hold the article's date."""
    return any_of(frozenset(vocab(lang).date_hints), re.IGNORECASE)


def skip_regex(lang: str | None) -> re.Pattern[str]:
    """class/id hints of blocks whose dates belong to something else (comments, related)."""
    return any_of(frozenset(vocab(lang).skip_hints), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _LowerHints:
    """``hint_regex`` and ``skip_regex`` for labels in ASCII, matched lowered and
    case-sensitively: the same answers (see ``regex_case.ascii_lowered``) at a fifth of the
    cost of ignoring case, which keeps the regex engine from skipping to a hint's first letter."""

    dated: re.Pattern[str]
    skipped: re.Pattern[str]


@cache
def _lower_hints(lang: str | None) -> _LowerHints | None:
    dated = ascii_lowered(vocab(lang).date_hints)
    skipped = ascii_lowered(vocab(lang).skip_hints)
    if dated is None or skipped is None:
        return None
    return _LowerHints(any_of(frozenset(dated), 0), any_of(frozenset(skipped), 0))


def _label_hints(label: str, lang: str | None) -> tuple[bool, bool, bool]:
    """Whether a class/id label has a date hint, a hint of a block to skip, a chrome token."""
    lower = _lower_hints(lang)
    if lower is not None and label.isascii():
        label = label.lower()
        return (
            lower.dated.search(label) is not None,
            lower.skipped.search(label) is not None,
            CHROME_LOWER.search(label) is not None,
        )
    return (
        hint_regex(lang).search(label) is not None,
        skip_regex(lang).search(label) is not None,
        CHROME_TOKENS.search(label) is not None,
    )


class _Facts:
    """What ``Title.spot`` reads of one element, read once per page: pages ask about many
    nodes under the same few ancestors. A plain class, not a frozen dataclass: compiled, it is
    built in a seventh of the time (a page builds one for every ancestor of its dates)."""

    __slots__ = ("article", "chrome", "dated", "never", "parent", "skipped", "stop")

    def __init__(
        self,
        stop: bool,  # the walk ends here (body, html)
        never: bool,  # its dates never count (nav, script)
        article: bool,
        dated: bool,  # a date hint in its class or id
        skipped: bool,  # a hint of a block whose dates are not the article's
        chrome: bool,  # the site's header, footer or menus
        parent: LexborNode | None,
    ) -> None:
        self.stop: Final = stop
        self.never: Final = never
        self.article: Final = article
        self.dated: Final = dated
        self.skipped: Final = skipped
        self.chrome: Final = chrome
        self.parent: Final = parent


class Title:
    """The article's title node and its ancestors, for measuring distances to it."""

    __slots__ = ("chain", "facts", "node")

    def __init__(self, tree: LexborHTMLParser, wanted: list[str] | None = None) -> None:
        self.node = find_title(tree, wanted)
        # ancestor -> (steps up from the title, its child on the way to the title)
        self.chain: dict[int, tuple[int, int]] = {}
        self.facts: dict[tuple[int, str | None], _Facts] = {}  # (mem_id, lang) -> facts
        steps, current, child = 0, self.node, 0
        while current is not None and steps < MAX_WALK:
            self.chain[current.mem_id] = (steps, child)
            child = current.mem_id
            current = current.parent
            steps += 1

    def spot(self, node: LexborNode, lang: str | None) -> Spot:
        """Where ``node`` stands relative to the title and to blocks that do not count.

        A header or footer counts only inside an article ("entry-footer"); the site's own, with
        no article around it, does not (the "today" widget lives there).
        """
        hinted = False
        steps = 0
        current: LexborNode | None = node
        chrome = seen_article = False
        below = 0
        while current is not None and steps < MAX_WALK:
            mem_id = current.mem_id
            facts = self.facts.get((mem_id, lang))
            if facts is None:
                facts = self.facts[(mem_id, lang)] = _facts_of(current, lang)
            if facts.stop:
                break
            if mem_id in self.chain:
                if chrome and not facts.article:
                    break
                up, title_child = self.chain[mem_id]
                before = bool(below) and _first_child(current, below, title_child) == below
                distance = (
                    steps + up + (BEFORE_TITLE if before else 0) + (IN_TITLE if not up else 0)
                )
                return Spot(skip=False, distance=distance, in_article=True, hinted=hinted)
            if facts.never:
                return SKIP
            # The node's own name is not checked, nor a block named for a date
            # ("ArticleHeaderComment_publishDate"): whatever else the name says, it holds one.
            # A comment's date still sits in a plain "comment" block above it.
            if steps and not facts.dated and facts.skipped:
                return SKIP
            hinted = hinted or (facts.dated and steps < HINT_LEVELS)
            if facts.article:
                chrome, seen_article = False, True
            elif facts.chrome:
                chrome = True
            below = mem_id
            current = facts.parent
            steps += 1
        if chrome:
            return SKIP
        far = NO_TITLE if self.node is None else NO_TITLE + steps
        return Spot(skip=False, distance=far, in_article=seen_article, hinted=hinted)

    def region(self, tree: LexborHTMLParser) -> LexborNode | None:
        """The part of the page within reach of the title: where its byline can be."""
        node = self.node
        for _ in range(REGION_LEVELS):
            if node is None or node.parent is None or (node.parent.tag or "") in STOP_TAGS:
                break
            node = node.parent
        return node if node is not None else tree.body


def _facts_of(node: LexborNode, lang: str | None) -> _Facts:
    tag = node.tag or ""
    if tag in STOP_TAGS:
        return _Facts(True, False, False, False, False, False, None)
    attrs = node.attributes
    label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    dated, skipped, chrome = _label_hints(label, lang)
    return _Facts(
        stop=False,
        never=tag in NEVER_TAGS,
        article=tag in ARTICLE_TAGS or _is_article(attrs),
        dated=dated,
        skipped=skipped,
        chrome=tag in CHROME_TAGS or chrome,
        parent=node.parent,
    )


def _first_child(parent: LexborNode, one: int, other: int) -> int:
    """Which of two children of ``parent`` (by mem_id) comes first; 0 if neither is found."""
    if not one or not other:
        return 0
    for child in parent.iter():
        if child.mem_id in (one, other):
            return int(child.mem_id)
    return 0


def _is_article(attrs: dict[str, str | None]) -> bool:
    """An element marked up as a schema.org article, whatever its tag."""
    kind = attrs.get("itemtype") or ""
    return "Article" in kind or "BlogPosting" in kind


def find_title(tree: LexborHTMLParser, wanted: list[str] | None = None) -> LexborNode | None:
    """The element holding the article's title: the heading matching the page's title, else a guess.

    Sites often give the section name or the logo an <h1> and the headline an <h2> or a
    ``div.judul``, so headings of every level, then title-like elements, are matched against
    the <title> and og:title (``wanted``: their ``page_titles``, read from the head when not
    given) before falling back to the lone or the article's <h1>.
    """
    if wanted is None:
        wanted = _page_titles(tree)
    if wanted:
        for candidates in (_headings, _title_like):
            for node in candidates(tree):
                text = _letters(node.text())
                if len(text) >= MIN_TITLE and any(_same_title(text, w) for w in wanted):
                    return node
    headings = tree.tags("h1")  # as css("h1") finds them, at a third of its cost
    if len(headings) == 1:
        return headings[0]
    for heading in headings:
        parent = heading.parent
        while parent is not None and (parent.tag or "") not in STOP_TAGS:
            if parent.tag in ARTICLE_TAGS:
                return heading
            parent = parent.parent
    if headings:
        return headings[-1]
    return tree.css_first("article h2, main h2")


def _headings(tree: LexborHTMLParser) -> list[LexborNode]:
    def walk(ext: LexborExtension, root: LexborNode) -> list[LexborNode]:
        return ext.headings(root, MAX_HEADINGS)

    return selected(tree, "h1, h2, h3", walk, MAX_HEADINGS)


def _title_like(tree: LexborHTMLParser) -> list[LexborNode]:
    def walk(ext: LexborExtension, root: LexborNode) -> list[LexborNode]:
        return ext.title_like_elements(root, MAX_HEADINGS)

    return selected(tree, TITLE_LIKE, walk, MAX_HEADINGS)


def _page_titles(tree: LexborHTMLParser) -> list[str]:
    head = tree.head or tree
    node = head.css_first('meta[property="og:title"]')
    og_title = (node.attributes.get("content") or "") if node is not None else None
    title = head.css_first("title")
    return page_titles(og_title, title.text() if title is not None else None)


def page_titles(og_title: str | None, title: str | None) -> list[str]:
    """The page's og:title and <title> (None where it has none), reduced to letters and
    digits, as headings are matched against them."""
    texts = [t for t in (og_title, title) if t is not None]
    return [t for t in map(_letters, texts) if len(t) >= MIN_TITLE]


def _same_title(heading: str, title: str) -> bool:
    """The heading is the page's title, or most of it ("Headline | Site"), not the site's name."""
    if title in heading:
        return True
    return heading in title and len(heading) * 2 >= len(title)


def _letters(text: str) -> str:
    """The letters and digits of ``text``, lowered (``[\\W_]`` is every other character)."""
    return NOT_ALNUM.sub("", text.lower())
