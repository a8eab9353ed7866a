"""JSON-LD blocks of a page, read once and shared by every metadata finder.

Real pages often carry broken JSON-LD: trailing commas, raw newlines inside strings, HTML comments
or CDATA wrappers around the object, two objects back to back. Each block is tried strictly first
and then once more after a lenient clean-up; a block that still fails is skipped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from warta.extract.lexbor_ext import compiled_lexbor

SELECTOR = 'script[type*="ld+json" i]'
_COMMENTS = re.compile(r"<!--|-->|//\s*<!\[CDATA\[|//\s*\]\]>|<!\[CDATA\[|\]\]>")
_TRAILING_COMMA = re.compile(r",\s*(?=[}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECODER = json.JSONDecoder(strict=False)
# Flattening stops here: a page with deeper @graph nesting is malformed or hostile.
MAX_DEPTH = 8
MAX_OBJECTS = 500


def read_jsonld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every object of every JSON-LD block, with ``@graph`` and top-level lists flattened.

    Nested objects stay inside their parents. Never raises; malformed blocks are repaired where
    a lenient reading can, else skipped.
    """
    objects: list[dict[str, Any]] = []
    try:
        texts = script_texts(tree)
    except Exception:  # selectolax raises bare errors on broken trees; treat as no JSON-LD
        return objects
    for text in texts:
        for value in _decode(text):
            _flatten(value, objects, 0)
            if len(objects) >= MAX_OBJECTS:
                return objects[:MAX_OBJECTS]
    return objects


def script_texts(tree: LexborHTMLParser) -> list[str]:
    """The text of every JSON-LD script (``SELECTOR``), in page order: in one compiled pass
    where the extension was built, else by the selector query this reference makes."""
    ext = compiled_lexbor()
    if ext is not None:
        root = tree.root
        return ext.ld_json_texts(root) if root is not None else []
    return [script.text(deep=True) or "" for script in tree.css(SELECTOR)]


def _decode(text: str) -> list[Any]:
    text = text.strip()
    if not text:
        return []
    try:
        return [json.loads(text)]
    except (ValueError, RecursionError):
        pass
    cleaned = _CONTROL.sub(" ", _TRAILING_COMMA.sub("", _COMMENTS.sub("", text))).strip()
    return _decode_all(cleaned.rstrip(";"))


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in ``text``, back to back ("{...}{...}"), tolerating raw control chars."""
    values: list[Any] = []
    index = 0
    while index < len(text):
        start = _next_value(text, index)
        if start < 0:
            break
        try:
            value, index = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _next_value(text: str, index: int) -> int:
    positions = [p for p in (text.find("{", index), text.find("[", index)) if p >= 0]
    return min(positions) if positions else -1


def _flatten(value: Any, out: list[dict[str, Any]], depth: int) -> None:
    if depth > MAX_DEPTH or len(out) >= MAX_OBJECTS:
        return
    if isinstance(value, list):
        for item in value:
            _flatten(item, out, depth + 1)
        return
    if not isinstance(value, dict):
        return
    graph = value.get("@graph")
    if graph is not None:
        rest = {k: v for k, v in value.items() if k not in ("@graph", "@context")}
        if rest:
            out.append(value)
        _flatten(graph, out, depth + 1)
        return
    out.append(value)
