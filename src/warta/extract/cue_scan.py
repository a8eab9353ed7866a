"""Finding the cues of a list in a text, as one alternation would, at a fraction of its cost.

An alternation of many cues, tried at every word start of a long text, is what attribution
finding spent most of its time on; compiling one alternation per text, of the cues it holds,
cost as much again. Three things make it cheap and change no match:

* A cue whose longest word is absent from the text cannot match in it: only the cues present
  are sought. The words of a text are looked up in one set, made in one pass (``text_words``,
  shared with the date mentions' search): its runs of ASCII letters, lowered. A run of the
  cue's own stands whole among them wherever the cue matches, for a cue starts and ends at a
  word edge (a character that is not a letter either).
* Each cue present is sought alone, by a regex compiled once per cue that opens with the cue's
  first word, its word edge checked right after (``according(?<!\\waccording)\\s+to``): the
  regex engine then jumps from one occurrence of that word to the next. The alternation's
  matches are rebuilt from these (``_leftmost_first``): at each place, the first cue of the
  list that matches there, then on from its end.
* Case-insensitive cues are matched on the lowered text. That is the same as matching
  case-insensitively wherever lowering keeps every offset (no "İ") and the text holds none of
  the characters that Python's regex engine treats as another case of a cue's letter without
  lowering to it ("ı" for "i", "ſ" for "s"; see ``re._casefix``). Other texts are scanned with
  the full case-insensitive alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from warta.extract.regex_case import unsafe_for

_LETTER_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RUN_BREAKS = bytes(b if b in _LETTER_BYTES else 32 for b in range(256))


@dataclass(frozen=True, slots=True)
class CueList:
    """One list of cues, longest first, with a word of each that any match of it contains."""

    cues: tuple[str, ...]  # as matched: lowered when ``folded``
    keyed: Mapping[bytes, tuple[int, ...]]  # a cue's longest run of ASCII letters -> its ranks
    unkeyed: tuple[int, ...]  # the ranks of the cues without ASCII letters
    trailing: str  # what must follow a cue (a look-ahead)
    folded: bool  # matched case-insensitively
    source: str  # the whole list as one regex, case-insensitive when ``folded``
    unsafe: str  # with ``folded``: characters that rule out matching on the lowered text

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole list as one regex (compiled when first needed: most texts never do)."""
        return _compiled(self.source, re.IGNORECASE if self.folded else 0)


def cue_list(cues: Sequence[str], *, trailing: str, any_case: bool) -> CueList | None:
    """The cue list of ``cues``, which match as whole words followed by ``trailing``."""
    ordered = tuple(sorted(set(cues), key=len, reverse=True))
    if not ordered:
        return None
    body = "|".join(_literal(c) for c in ordered)
    source = rf"(?<!\w)(?:{body}){trailing}"
    folded = tuple("".join(ch.lower() for ch in c) for c in ordered) if any_case else ordered
    unsafe = unsafe_for({ch for c in folded for ch in c}) if any_case else ""
    if any_case and (unsafe is None or any(map(_longer, ordered, folded))):
        # Lowering would not keep the cues as the engine reads them: the full pattern always.
        return CueList((), MappingProxyType({}), (), trailing, True, source, "")
    keys = [max(_ascii_runs(c.lower()), key=len, default=b"") for c in folded]
    keyed: dict[bytes, tuple[int, ...]] = {}
    for rank, key in enumerate(keys):
        if key:
            keyed[key] = (*keyed.get(key, ()), rank)
    unkeyed = tuple(rank for rank, key in enumerate(keys) if not key)
    return CueList(
        folded, MappingProxyType(keyed), unkeyed, trailing, any_case, source, unsafe or ""
    )


def text_words(lowered: str) -> frozenset[bytes]:
    """The runs of ASCII letters of a lowered text, as bytes."""
    return frozenset(_ascii_runs(lowered))


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class LoweredText:
    """A text lowered, with its ``text_words``: read by the cue and the date-name searches."""

    text: Final[str]
    words: Final[frozenset[bytes]]

    def __init__(self, text: str, words: frozenset[bytes]) -> None:
        self.text = text
        self.words = words


def lowered_text(text: str) -> LoweredText:
    """``text`` lowered, with its words: made once for all the searches of one text."""
    lowered = text.lower()
    return LoweredText(lowered, text_words(lowered))


def find_cues(
    text: str, lowered: str, words: frozenset[bytes], cues: CueList
) -> Iterator[tuple[int, int]]:
    """(start, end) of each cue in ``text``, left to right, as ``cues.pattern.finditer`` finds
    them. ``lowered`` is ``text.lower()``; ``words`` its ``text_words``."""
    haystack = text
    if cues.folded:
        if not cues.cues or len(lowered) != len(text) or any(c in lowered for c in cues.unsafe):
            for match in cues.pattern.finditer(text):
                yield match.span()
            return
        haystack = lowered
    # A text holds few of a list's keys: the set intersection finds them without a loop over
    # every cue. The order of ``present`` does not matter (see ``_leftmost_first``).
    ranks = [*cues.unkeyed, *(r for key in words.intersection(cues.keyed) for r in cues.keyed[key])]
    present = [(rank, cues.cues[rank]) for rank in ranks]
    yield from _leftmost_first(haystack, present, cues.trailing)


def _leftmost_first(
    haystack: str, present: Sequence[tuple[int, str]], trailing: str
) -> Iterator[tuple[int, int]]:
    """The matches of the alternation of the ``present`` cues (rank: place in the list) that
    ``finditer`` would give: every place where any cue matches, ranked by (place, rank); then
    the first at or after the previous match's end, in turn. A cue's own regex gives exactly
    the match its branch of the alternation gives at a place, as both try the same ways in
    the same order; its search restarts one character on, so that no place is missed."""
    found: list[tuple[int, int, int]] = []  # (start, rank, end)
    for rank, cue in present:
        search = _cue_regex(cue, trailing).search
        match = search(haystack)
        while match is not None:
            start = match.start()
            found.append((start, rank, match.end()))
            match = search(haystack, start + 1)
    found.sort()
    end = 0
    for start, _rank, stop in found:
        if start >= end:
            yield start, stop
            end = stop


@cache
def _cue_regex(cue: str, trailing: str) -> re.Pattern[str]:
    """One cue as a case-sensitive regex, as the alternation's branch reads it: ``(?<!\\w)``,
    the cue, ``trailing``. Written to open with the cue's first word, the edge checked after
    it, so that the regex engine searches for that word as a string."""
    lead = cue.split(maxsplit=1)[0] if cue and not cue[0].isspace() else ""
    if not lead:
        return re.compile(rf"(?<!\w){_literal(cue)}{trailing}")
    word = re.escape(lead)
    return re.compile(rf"{word}(?<!\w{word}){_literal(cue[len(lead) :])}{trailing}")


@cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


def _ascii_runs(text: str) -> list[bytes]:
    """Runs of ASCII letters: every other byte of the text's UTF-8 (all of a non-ASCII
    character's) ends one."""
    return text.encode("utf-8", "surrogatepass").translate(_RUN_BREAKS).split()


def _literal(cue: str) -> str:
    """A cue as a regex: its spaces match any run of white space."""
    return re.escape(cue).replace(r"\ ", r"\s+")


def _longer(cue: str, lowered: str) -> bool:
    return len(lowered) != len(cue)
