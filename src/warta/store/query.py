"""User search input turned into terms that can never be a syntax error in FTS5 or tsquery.

The grammar is deliberately small: words and "quoted phrases", all required. Operators are
not interpreted: bare AND/OR are ignored, NOT/NEAR are plain words, and -, *, ^, parentheses
and the like are punctuation that is dropped or left inside a term, which each engine then
tokenizes as a phrase ("title:banjir" looks for "title banjir"). Nothing a user types reaches
the engine as syntax.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Boolean words are noise here (every term is required anyway), not terms to look for.
_NOISE = frozenset({"AND", "OR"})


def _meaningful(term: str) -> bool:
    return any(ch.isalnum() for ch in term)


def _words(text: str) -> list[str]:
    # Split on whitespace and strip punctuation at the ends; "covid-19" stays one term, which
    # both engines then tokenize as the phrase "covid 19".
    out = []
    for raw in text.split():
        word = raw.strip("()[]{}*^:+-!,;?'\"")
        if _meaningful(word) and word not in _NOISE:
            out.append(word)
    return out


def parse_query(query: str) -> list[str]:
    """The required terms of ``query``: single words and multi-word phrases, in order.

    An unbalanced quote is ignored (its words still count). Returns [] when nothing searchable
    remains.
    """
    text = _CONTROL.sub(" ", query)
    terms: list[str] = []
    pos = 0
    for match in _QUOTED.finditer(text):
        terms.extend(_words(text[pos : match.start()]))
        phrase = " ".join(_words(match.group(1)))
        if phrase:
            terms.append(phrase)
        pos = match.end()
    terms.extend(_words(text[pos:].replace('"', " ")))
    return terms


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term; each one is a quoted FTS5 string."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
