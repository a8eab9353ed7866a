"""Inline boilerplate inside the article: "Baca juga:" lines, ad labels, related headings.

The words come from every language's ``boilerplate.toml`` at once, because the language is not
known before the text is extracted; the lexicons keep their entries specific enough for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from warta import lexicon

_TOPIC = "boilerplate"
_READ_ALSO_MAX = 220  # a read-also line is a cue plus one headline, never a paragraph
_CUE_SEPARATORS = r"[\s:\-–—»>|•·]*"


class LineKind(Enum):
    PROSE = "prose"
    BOILERPLATE = "boilerplate"
    READ_ALSO = "read_also"  # cue and a linked headline on one line
    RELATED_HEADING = "related_heading"  # a label that opens a list of other stories


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    read_also: re.Pattern[str] | None
    related_headings: frozenset[str]
    lines: frozenset[str]
    prefixes: re.Pattern[str] | None
    patterns: re.Pattern[str] | None


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def boilerplate_lexicon() -> BoilerplateLexicon:
    cues = lexicon.merged_list(_TOPIC, "read_also")
    prefixes = lexicon.merged_list(_TOPIC, "line_prefixes")
    patterns = lexicon.merged_list(_TOPIC, "line_patterns")
    return BoilerplateLexicon(
        read_also=re.compile(rf"(?:{_alternation(cues)}){_CUE_SEPARATORS}", re.IGNORECASE)
        if cues
        else None,
        related_headings=frozenset(
            h.casefold() for h in lexicon.merged_list(_TOPIC, "related_headings")
        ),
        lines=frozenset(line.casefold() for line in lexicon.merged_list(_TOPIC, "lines")),
        prefixes=re.compile(f"(?:{_alternation(prefixes)})", re.IGNORECASE) if prefixes else None,
        patterns=re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        if patterns
        else None,
    )


def classify_line(text: str) -> LineKind:
    """What a paragraph of the body is, as far as the lexicons can tell."""
    lex = boilerplate_lexicon()
    stripped = text.strip()
    key = stripped.rstrip(":：.…»>").strip().casefold()
    if not key:
        return LineKind.BOILERPLATE
    if key in lex.related_headings:
        return LineKind.RELATED_HEADING
    if key in lex.lines:
        return LineKind.BOILERPLATE
    if len(stripped) <= _READ_ALSO_MAX and lex.read_also is not None:
        match = lex.read_also.match(stripped)
        if match is not None and _is_cue_boundary(stripped, match.end()):
            rest = stripped[match.end() :].strip()
            return LineKind.READ_ALSO if rest else LineKind.RELATED_HEADING
    if lex.prefixes is not None and lex.prefixes.match(stripped):
        return LineKind.BOILERPLATE
    if lex.patterns is not None and lex.patterns.fullmatch(stripped):
        return LineKind.BOILERPLATE
    return LineKind.PROSE


def _is_cue_boundary(text: str, end: int) -> bool:
    # "Baca juga: X" and "Baca juga X" are cues; "Baca jugalah" is prose.
    return end >= len(text) or not text[end - 1].isalnum() or not text[end].isalnum()
