"""Inline boilerplate inside the article: "Baca juga:" lines, ad labels, related headings.

The words come from every language's ``boilerplate.toml`` at once, because the language is not
known before the text is extracted; the lexicons keep their entries specific enough for that.
Lines and entries are compared folded (case, accents, compatibility forms, curly apostrophes),
and cues are looked up by their first word, so hundreds of them cost one dict lookup a line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from typing import Final

from warta import lexicon
from warta.extract.regex_first import guarded_union

_TOPIC = "boilerplate"
_READ_ALSO_MAX = 220  # a read-also line is a cue plus one headline, never a paragraph
_LONGEST_BOILERPLATE = 400
_TRAILING_MARKS = ":：.…»> "
_ORNAMENTS = "»>•·-–—|*▶►→✓ \t"
_SEPARATORS = frozenset(":»>|–—-•·：")
_WORD = re.compile(r"\w+")
# Combining marks (accents and the like) left by NFKD: dropped, so "à lire" is "a lire".
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class LineKind(Enum):
    PROSE = "prose"
    BOILERPLATE = "boilerplate"
    READ_ALSO = "read_also"  # cue and a linked headline on one line
    RELATED_HEADING = "related_heading"  # a label that opens a list of other stories


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Verdict:
    kind: Final[LineKind]
    separated: Final[bool]  # a read-also cue followed by ":" or an arrow, not by prose

    def __init__(self, kind: LineKind, separated: bool = False) -> None:
        self.kind = kind
        self.separated = separated


_PROSE = Verdict(LineKind.PROSE)


@dataclass(frozen=True, slots=True)
class FloatingPattern:
    """A pattern that can match anywhere in a line, tried only on lines holding one of the
    words it needs (lowercase): scanning a whole line costs more than a substring search."""

    needs: tuple[str, ...]
    pattern: re.Pattern[str]

    def matches(self, normalized: str, lowered: str) -> bool:
        return any(word in lowered for word in self.needs) and bool(
            self.pattern.fullmatch(normalized)
        )


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    read_also: dict[str, tuple[str, ...]]  # first word -> folded cues, longest first
    prefixes: dict[str, tuple[str, ...]]
    related_headings: frozenset[str]
    lines: frozenset[str]
    patterns: re.Pattern[str] | None
    floating: tuple[FloatingPattern, ...]
    by_needed_word: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # the floating, by word


def fold(text: str) -> str:
    """Case, accent and form folding, applied alike to page lines and lexicon entries."""
    if text.isascii():  # most lines: nothing to decompose, and lower() is casefold()
        return _tight_colons(single_spaced(text.lower()))
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    folded = bare.casefold().replace("ı", "i").replace("’", "'").replace("‘", "'")
    return _tight_colons(single_spaced(folded))


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``, without splitting a text that is that already: its only
    whitespace single spaces (``isprintable()`` is false for every other whitespace character),
    none at either end. Most lines are: the walk joins a segment's words with single spaces."""
    spaced = text.isprintable() and "  " not in text
    if spaced and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


def _tight_colons(spaced: str) -> str:
    """Drop the space before a colon ("baca juga :" reads "baca juga:").

    Once split and joined, the only whitespace left is single spaces (split() and the regex
    ``\\s`` agree on what whitespace is), so a plain replace does what ``\\s+:`` did, without
    a regex scan of every position of the line."""
    return spaced.replace(" :", ":") if " :" in spaced else spaced


def _unspaced(ch: str) -> bool:
    """Han and kana: scripts written without spaces, where a word is one character."""
    code = ord(ch)
    return 0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _key(folded: str) -> str:
    if not folded:
        return ""
    if _unspaced(folded[0]):
        return folded[0]
    match = _WORD.match(folded)
    return match.group(0) if match else folded[0]


def _by_first_word(entries: Iterable[str]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    # Lines are matched with their leading ornaments stripped ("*Werbung. ..." -> "werbung. ...");
    # so are the cues, or a cue written as it appears on the page ("*werbung. ...") never matches.
    for entry in {fold(e).lstrip(_ORNAMENTS) for e in entries}:
        table.setdefault(_key(entry), []).append(entry)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@cache
def boilerplate_lexicon() -> BoilerplateLexicon:
    patterns = lexicon.merged_list(_TOPIC, "line_patterns")
    floating = _floating_patterns()
    return BoilerplateLexicon(
        read_also=_by_first_word(lexicon.merged_list(_TOPIC, "read_also")),
        prefixes=_by_first_word(lexicon.merged_list(_TOPIC, "line_prefixes")),
        related_headings=frozenset(
            _bare(fold(h)) for h in lexicon.merged_list(_TOPIC, "related_headings")
        ),
        lines=frozenset(_bare(fold(line)) for line in lexicon.merged_list(_TOPIC, "lines")),
        # Each behind a lookahead on its first characters: most lines start with none of them.
        patterns=re.compile(guarded_union(patterns, re.IGNORECASE), re.IGNORECASE)
        if patterns
        else None,
        floating=floating,
        by_needed_word=_by_needed_word(floating),
    )


def _by_needed_word(
    floating: tuple[FloatingPattern, ...],
) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """Each word some floating pattern needs, with the patterns that need it."""
    table: dict[str, list[re.Pattern[str]]] = {}
    for entry in floating:
        for word in entry.needs:
            table.setdefault(word, []).append(entry.pattern)
    return tuple((word, tuple(patterns)) for word, patterns in sorted(table.items()))


def _floating_patterns() -> tuple[FloatingPattern, ...]:
    found: dict[str, FloatingPattern] = {}
    for lang in lexicon.languages():
        for entry in lexicon.load(lang, _TOPIC).get("floating_patterns", ()):
            pattern = str(entry["pattern"])
            needs = tuple(str(word) for word in entry["needs"])
            found.setdefault(pattern, FloatingPattern(needs, re.compile(pattern, re.IGNORECASE)))
    return tuple(found.values())


def _bare(folded: str) -> str:
    return folded.strip(_ORNAMENTS).rstrip(_TRAILING_MARKS).strip()


def _starts_with_word(line: str, cue: str) -> bool:
    """``line`` starts with ``cue`` and the cue does not stop in the middle of a word."""
    if not line.startswith(cue):
        return False
    rest = line[len(cue) :]
    return not rest or not cue[-1].isalnum() or _unspaced(cue[-1]) or not rest[0].isalnum()


def _cue_at_start(line: str, cues: tuple[str, ...]) -> str | None:
    for cue in cues:
        if _starts_with_word(line, cue):
            return cue
    return None


def classify_line(text: str) -> Verdict:
    """What a paragraph of the body is, as far as the lexicons can tell."""
    if len(text) > _LONGEST_BOILERPLATE:
        return _PROSE  # no marker, prompt or label runs this long; paragraphs do
    return _classify_short(text)


@lru_cache(maxsize=4096)
def _classify_short(text: str) -> Verdict:
    """Cached: a site's ad labels, prompts and captions recur on every page of it, and within
    a page; the prose between them does not, and costs one dictionary miss."""
    lex = boilerplate_lexicon()
    stripped = text.strip().lstrip(_ORNAMENTS)
    line = _Line(stripped)
    folded = line.folded
    key = _bare(folded)
    if not key:
        return Verdict(LineKind.BOILERPLATE)
    if key in lex.related_headings:
        return Verdict(LineKind.RELATED_HEADING)
    if key in lex.lines:
        return Verdict(LineKind.BOILERPLATE)
    first_word = _key(folded)
    if len(stripped) <= _READ_ALSO_MAX:
        cue = _cue_at_start(folded, lex.read_also.get(first_word, ()))
        if cue is not None:
            rest = folded[len(cue) :].lstrip()
            if not rest.strip("".join(_SEPARATORS) + " "):
                return Verdict(LineKind.RELATED_HEADING)
            separated = cue[-1] in _SEPARATORS or rest[0] in _SEPARATORS
            return Verdict(LineKind.READ_ALSO, separated)
    if _cue_at_start(folded, lex.prefixes.get(first_word, ())) is not None:
        return Verdict(LineKind.BOILERPLATE)
    return _by_patterns(line, lex)


class _Line:
    """A line's forms: folded for the word lists, spaced out and as written for the patterns.

    An ASCII line is single-spaced once for all three: lower() maps only letters there, so
    lowering the spaced line is spacing the lowered one."""

    def __init__(self, stripped: str) -> None:
        if stripped.isascii():  # NFKC, too, leaves ASCII as it is
            self.normalized: str | None = single_spaced(stripped)
            self.lowered: str | None = self.normalized.lower()
            self.folded = _tight_colons(self.lowered)
        else:
            self.normalized = None
            self.lowered = None
            self.folded = fold(stripped)
        self.stripped = stripped

    def spaced(self) -> str:
        if self.normalized is None:
            self.normalized = single_spaced(unicodedata.normalize("NFKC", self.stripped))
        return self.normalized

    def lower(self) -> str:
        if self.lowered is None:
            self.lowered = self.spaced().lower()
        return self.lowered


def _by_patterns(line: _Line, lex: BoilerplateLexicon) -> Verdict:
    normalized = line.spaced()
    if lex.patterns is not None and lex.patterns.fullmatch(normalized):
        return Verdict(LineKind.BOILERPLATE)
    if lex.by_needed_word and _floating_match(line.lower(), normalized, lex):
        return Verdict(LineKind.BOILERPLATE)
    return _PROSE


def _floating_match(lowered: str, normalized: str, lex: BoilerplateLexicon) -> bool:
    """Whether a floating pattern matches the line: only the patterns whose needed words it
    holds are tried. A substring search per word, not a regex of the words: that one, even
    as a trie, tries a branch at most positions of a line, where these words' first letters
    (a space, "a", "e") are common. What this finds is what ``FloatingPattern.matches`` does,
    pattern by pattern."""
    for word, patterns in lex.by_needed_word:
        if word in lowered:
            for pattern in patterns:
                if pattern.fullmatch(normalized):
                    return True
    return False
