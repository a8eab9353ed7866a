"""Authors credited in the page's text rather than in its markup or metadata.

Two forms, read from the flat page around the chosen body, on pages whose structured data,
meta tags and byline markup name nobody:

* a labelled credit, "Penulis: Ferril Dennys", "Fotografer: Grandyos Zafna" under the
  headline, or a table row whose cells are the label and ": the name" (the labels are lexicon
  data, ``credit_labels`` in ``<lang>/byline.toml``, and need their colon);
* in a language whose lexicon sets ``signoff_in_capitals``, the story's last line when it is
  a name in capitals: Tempo closes its stories so ("... bisa dilakukan. DINI TEJA").

Names go through ``authors.clean_authors`` as every other byline does (roles, outlets and the
site's own name are dropped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from warta import lexicon
from warta.extract.authors import clean_authors
from warta.extract.boilerplate import LineKind, classify_line
from warta.extract.dates.patterns import alternation
from warta.extract.score import Choice
from warta.extract.segments import FlatPage, Segment

_TOPIC = "byline"
BYLINE_REACH = 3  # segments before the body's first that may hold its byline
_MAX_CREDIT = 160  # a longer line is prose that happens to open with a label
_PICTURE_TAGS = frozenset({"figure", "figcaption"})
_PICTURE_LEVELS = 4
_SIGNOFF = re.compile(r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,3}")


@cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A credit label and its colon at the start of a line; a line that is a label alone, its
    name in the next cell ("Penulis" | ": A"). Any language's labels."""
    labels = alternation(set(lexicon.merged_list(_TOPIC, "credit_labels")))
    return (
        re.compile(rf"(?:{labels})\s*[:：]\s*", re.IGNORECASE),
        re.compile(rf"(?:{labels})\s*[:：]?", re.IGNORECASE),
    )


@cache
def _signs_off(lang: str) -> bool:
    return bool(lexicon.load(lang, _TOPIC).get("signoff_in_capitals", False))


def printed_authors(
    page: FlatPage, choice: Choice, lang: str | None, site_keys: Sequence[str] = ()
) -> tuple[str, ...]:
    """The authors the text around the body credits, if any (see the module's note)."""
    body = _body_indices(page, choice)
    if not body:
        return ()
    window = page.segments[max(0, body[0] - BYLINE_REACH) : body[-1] + 1]
    for raw in _labelled(page, window):
        names = clean_authors([raw], site_keys)
        if names:
            return names
    if lang and _signs_off(lang):
        last = page.segments[body[-1]].text
        if _SIGNOFF.fullmatch(last) and classify_line(last).kind is LineKind.PROSE:
            return clean_authors([last], site_keys)
    return ()


def _body_indices(page: FlatPage, choice: Choice) -> list[int]:
    """The indices of the segments with text inside the chosen body."""
    return [
        index
        for index, segment in enumerate(page.segments)
        if segment.text and choice.range_start(segment.element) >= 0
    ]


def _labelled(page: FlatPage, window: Sequence[Segment]) -> list[str]:
    """The names part of each labelled credit in ``window``, in order."""
    found: list[str] = []
    label, bare = _labels()
    for index, segment in enumerate(window):
        text = segment.text
        if len(text) > _MAX_CREDIT or _in_picture(page, segment.element):
            continue
        match = label.match(text)
        if match is not None and match.end() < len(text):
            found.append(text[match.end() :])
        elif bare.fullmatch(text) and index + 1 < len(window):
            following = window[index + 1].text
            if following.startswith((":", "：")) and len(following) <= _MAX_CREDIT:
                found.append(following[1:].strip())
    return found


def _in_picture(page: FlatPage, element: int) -> bool:
    """Inside a figure or its caption: a picture's credit, not the story's."""
    for _ in range(_PICTURE_LEVELS):
        if element < 0:
            return False
        if page.tags[element] in _PICTURE_TAGS:
            return True
        element = page.parents[element]
    return False
