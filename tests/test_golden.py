"""Golden real pages: what warta extracts from each must stay what a person reviewed."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import warta
from golden import GOLDEN, expected_of

TESTS = Path(__file__).resolve().parent
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


def test_the_extractor_modules_are_compiled() -> None:
    # An install with a C compiler (as on CI) compiles them with mypyc: a silent fallback to
    # Python would make every speed figure about another program.
    package = Path(importlib.import_module("warta.extract").__file__ or "").parent
    names = [
        "warta.extract." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in package.rglob("*.py")
        if path.name not in ("__init__.py", "core.py")
    ]
    files = {name: importlib.import_module(name).__file__ or "" for name in names}
    interpreted = [name for name, file in files.items() if not file.endswith(".so")]
    assert names and not interpreted


def test_golden_pages_without_the_compiled_extensions(tmp_path: Path) -> None:
    # What a user gets where no C compiler was at hand: the package's Python source alone (the
    # Python walk, class/id names read in Python, no mypyc), in a process of its own because a
    # compiled module, once imported, cannot be swapped for its source. Same output.
    package = Path(warta.__file__).resolve().parent
    shutil.copytree(package, tmp_path / "warta", ignore=shutil.ignore_patterns("*.so", "*.pyd"))
    script = (
        "import json, sys\n"
        "from warta.extract import flatten, score\n"
        "assert score.__file__.endswith('.py') and flatten.compiled_walk() is None\n"
        "from golden import expected_of\n"
        "from pathlib import Path\n"
        "print(json.dumps({p: expected_of(Path(p)) for p in sys.argv[1:]}, ensure_ascii=False))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(TESTS)])}
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, PAGES)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    for folder in PAGES:
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        assert not _differences(expected, results[str(folder)]), folder.name
