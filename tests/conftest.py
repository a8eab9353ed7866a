"""Test-wide settings: tests import their shared helpers (golden, support) from this folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config: pytest.Config) -> None:
    # A compiled module shadows its source: after an edit, the tests would run the old code.
    import warta

    stale = _stale_extensions(Path(warta.__file__).resolve().parent)
    if stale:
        raise pytest.UsageError(
            "these compiled modules are older than their source, so the tests would run the old "
            f"code: {', '.join(stale)}. Rebuild them with: pip install -e '.[test]'"
        )


def _stale_extensions(package: Path) -> list[str]:
    stale = []
    for built in package.rglob("*.so"):
        stem = built.name.split(".")[0]
        for source in (built.with_name(stem + ".py"), built.with_name(stem + ".pyx")):
            if source.is_file() and source.stat().st_mtime > built.stat().st_mtime:
                stale.append(str(source.relative_to(package.parent)))
    return sorted(stale)
