"""An alternation of literal words written as a trie: the same matches, a fraction of the cost.

The date patterns hold alternations of hundreds of names (every language's months), tried
case-insensitively. Python's regex engine tries an alternation's branches one by one, and
ignoring case it cannot skip a branch by its first character: each attempt costs every
branch. Written as a trie (``jan(?:uary|vier)|feb...``) an attempt costs a few branches.

The trie matches what the plain alternation (longest words first) matches, taking the same
branch, wherever its siblings are exclusive: no character matches two siblings. Siblings are
keyed by what the engine compares: the character itself when case counts, else its case
class (its simple lower case, joined with the other cases ``re._casefix`` lists, see
``regex_case``); a space stands for ``\\s+``, which no other sibling's character matches.
Then all the words that match at a place lie on one path of the trie, and the engine tries
them longest first in both forms (a node's children before the word ending there), each in
its one way (``\\s+`` is followed by a character that is not a space, or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

# A trie node: key -> (the character as first written, its child); END marks a word's end.
_Node = dict[str, "tuple[str, _Node]"]
_END = ""


def trie_alternation(ordered: Sequence[str], case_table: Mapping[int, int] | None) -> str | None:
    """The trie form of the alternation of ``ordered`` (longest first, as the plain form
    orders them); ``case_table``: ``regex_case.folder()`` when the pattern ignores case, None
    when case counts. None where the trie could differ: a word with a space at an end or two
    together, or a character whose siblings would not be exclusive (see ``_key``)."""
    root: _Node = {}
    for word in ordered:
        if word != word.strip(" ") or "  " in word:
            return None
        node = root
        for char in word:
            key = _key(char, case_table)
            if key is None:
                return None
            if key not in node:
                node[key] = (char, {})
            node = node[key][1]
        node[_END] = ("", {})
    return "|".join(_branches(root))


def _key(char: str, case_table: Mapping[int, int] | None) -> str | None:
    if char == " ":
        return " "
    if char.isspace():
        return None  # "\s+" matches it too
    if case_table is None:
        return char
    # The engine lowers one character to one ("İ" to "i"); str.lower() does so for all others.
    lowered = "i" if char == "\u0130" else char.lower()
    return lowered.translate(case_table) if len(lowered) == 1 else None


def _branches(node: _Node) -> list[str]:
    """The node's branches, in the order the words were added; its own end last."""
    out = [
        (r"\s+" if char == " " else re.escape(char)) + _group(child)
        for key, (char, child) in node.items()
        if key != _END
    ]
    if _END in node:
        out.append("")
    return out


def _group(node: _Node) -> str:
    branches = _branches(node)
    if branches == [""]:
        return ""
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"


@cache
def any_of(words: frozenset[str], flags: int) -> re.Pattern[str]:
    """A search for any of ``words`` as substrings, for callers that read only whether one is
    found, never which; built once per set of words (callers ask for the same few sets)."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    # As a trie ("pub(?:lish|date)|..."): the engine tries a few branches at each character,
    # not every word (a third of the time for the skip hints). Any form of the same words finds
    # the same; a space would read as \s+ there.
    spaced = any(char.isspace() for word in ordered for char in word)
    trie = None if spaced else trie_alternation(ordered, None)
    return re.compile(trie or "|".join(re.escape(w) for w in ordered) or r"(?!x)x", flags)
