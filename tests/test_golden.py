"""Golden real pages: what warta extracts from each must stay what a person reviewed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from golden import GOLDEN, expected_of

PAGES = sorted(p for p in GOLDEN.iterdir() if (p / "expected.json").is_file())


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    lines = []
    for key in sorted(set(expected) | set(actual)):
        if expected.get(key) != actual.get(key):
            want, got = expected.get(key), actual.get(key)
            lines.append(f"{key}: expected {want!r:.300}, got {got!r:.300}")
    return lines


def test_there_are_golden_pages() -> None:
    assert len(PAGES) >= 30


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_golden_page(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    actual = json.loads(json.dumps(expected_of(folder), ensure_ascii=False))
    differences = _differences(expected, actual)
    assert not differences, (
        "extraction changed; if intended, run scripts/regen_golden.py and review the diff:\n"
        + "\n".join(differences)
    )


@pytest.mark.parametrize("folder", PAGES[::4], ids=[p.name for p in PAGES[::4]])
def test_golden_page_without_the_compiled_extensions(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a user gets where no C compiler was at hand (or with another selectolax release):
    # the Python walk and the Python reading of class/id names, with the same output.
    from warta.extract import flatten

    monkeypatch.setattr(flatten, "_COMPILED", None)  # the Python walk reads names in Python too
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    actual = json.loads(json.dumps(expected_of(folder), ensure_ascii=False))
    assert not _differences(expected, actual)
