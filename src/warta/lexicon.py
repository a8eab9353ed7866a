"""Language lexicons: the words warta's heuristics look for, kept as data per language.

Files live in ``warta/data/lexicons/<lang>/<topic>.toml``. Each topic is read once per process
and cached: the files are part of the package and never change while it runs.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

LEXICON_PACKAGE = "warta.data.lexicons"


@cache
def languages() -> tuple[str, ...]:
    """Every language that has a lexicon folder."""
    root = resources.files(LEXICON_PACKAGE)
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    )


@cache
def load(lang: str, topic: str) -> dict[str, Any]:
    """One language's lexicon for one topic; an empty dict where that language has none."""
    path = resources.files(LEXICON_PACKAGE).joinpath(lang, f"{topic}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def merged_list(topic: str, key: str) -> tuple[str, ...]:
    """A list key gathered across every language (for cues that work whatever the language)."""
    seen: dict[str, None] = {}
    for lang in languages():
        for item in load(lang, topic).get(key, ()):
            seen.setdefault(item, None)
    return tuple(seen)
