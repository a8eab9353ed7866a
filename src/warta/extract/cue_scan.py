"""Finding the cues of a list in a text, as one alternation would, at a fraction of its cost.

An alternation of many cues, tried at every word start of a long text, is what attribution
finding spent most of its time on. Two things make it cheap and change no match:

* A cue whose longest word is absent from the text cannot match in it: only the cues present
  go into the alternation (compiled once per set of cues, and cached). The words of a text are
  looked up in one set, made in one pass (``text_words``): its runs of ASCII letters and digits,
  lowered. A run of the cue's own stands whole among them wherever the cue matches, for a cue
  ends at a word edge.
* Each cue is written to start with its first character, its word edge checked right after
  (``a(?<!\\wa)ccording``): the regex engine then jumps from one possible first character to
  the next instead of trying every position.

Case-insensitive cues are matched on the lowered text, where the fast jump works. That is the
same as matching case-insensitively wherever lowering keeps every offset (no "İ") and the text
holds none of the characters that Python's regex engine treats as another case of a cue's
letter without lowering to it ("ı" for "i", "ſ" for "s"; see ``re._casefix``). Other texts are
scanned with the full case-insensitive alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from warta.extract.regex_case import unsafe_for

_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_RUN_BREAKS = bytes(b if b in _WORD_BYTES else 32 for b in range(256))


@dataclass(frozen=True, slots=True)
class CueList:
    """One list of cues, longest first, with a word of each that any match of it contains."""

    cues: tuple[str, ...]  # as matched: lowered when ``folded``
    keys: tuple[bytes, ...]  # per cue, its longest ASCII run (see ``text_words``), or b""
    trailing: str  # what must follow a cue (a look-ahead)
    folded: bool  # matched case-insensitively
    pattern: re.Pattern[str]  # the whole list, case-insensitive when ``folded``
    unsafe: str  # with ``folded``: characters that rule out matching on the lowered text


def cue_list(cues: Sequence[str], *, trailing: str, any_case: bool) -> CueList | None:
    """The cue list of ``cues``, which match as whole words followed by ``trailing``."""
    ordered = tuple(sorted(set(cues), key=len, reverse=True))
    if not ordered:
        return None
    body = "|".join(_literal(c) for c in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{body}){trailing}", re.IGNORECASE if any_case else 0)
    folded = tuple("".join(ch.lower() for ch in c) for c in ordered) if any_case else ordered
    unsafe = unsafe_for({ch for c in folded for ch in c}) if any_case else ""
    if any_case and (unsafe is None or any(map(_longer, ordered, folded))):
        # Lowering would not keep the cues as the engine reads them: the full pattern always.
        return CueList((), (), trailing, True, pattern, "")
    keys = tuple(max(_ascii_runs(c.lower()), key=len, default=b"") for c in folded)
    return CueList(folded, keys, trailing, any_case, pattern, unsafe or "")


def text_words(lowered: str) -> frozenset[bytes]:
    """The runs of ASCII letters, digits and underscores of a lowered text, as bytes."""
    return frozenset(_ascii_runs(lowered))


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
    present = tuple(
        c for c, key in zip(cues.cues, cues.keys, strict=True) if not key or key in words
    )
    if present:
        for match in _alternation(present, cues.trailing).finditer(haystack):
            yield match.span()


@lru_cache(maxsize=1024)
def _alternation(cues: tuple[str, ...], trailing: str) -> re.Pattern[str]:
    """Case-sensitive alternation of ``cues`` in this order, each opening with its first
    character (see the module's docstring)."""
    parts = []
    for cue in cues:
        first = cue[0]
        if first.isspace():  # written as in the full pattern
            parts.append(rf"(?<!\w){_literal(cue)}")
        else:
            parts.append(rf"{re.escape(first)}(?<!\w{re.escape(first)}){_literal(cue[1:])}")
    return re.compile(rf"(?:{'|'.join(parts)}){trailing}")


def _ascii_runs(text: str) -> list[bytes]:
    """Runs of ASCII letters, digits and underscores: every other byte of the text's UTF-8 (all
    of a non-ASCII character's) ends one."""
    return text.encode("utf-8", "surrogatepass").translate(_RUN_BREAKS).split()


def _literal(cue: str) -> str:
    """A cue as a regex: its spaces match any run of white space."""
    return re.escape(cue).replace(r"\ ", r"\s+")


def _longer(cue: str, lowered: str) -> bool:
    return len(lowered) != len(cue)
