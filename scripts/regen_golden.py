"""Rewrite tests/fixtures/golden/*/expected.json from what warta extracts today.

Run it only when a change in output is intended, then read ``git diff tests/fixtures`` before
committing: the diff is the review of what the change did to real pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from golden import GOLDEN, expected_of


def main() -> int:
    pages = sorted(p for p in GOLDEN.iterdir() if (p / "page.html").is_file())
    for folder in pages:
        data = expected_of(folder)
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (folder / "expected.json").write_text(text, encoding="utf-8")
    print(f"regen_golden: wrote {len(pages)} expectations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
