"""Show, line by line, how today's extraction of golden pages differs from their expectations.

python scripts/golden_diff.py [PAGE_FOLDER_NAME ...]
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from golden import GOLDEN, expected_of


def main(names: list[str]) -> int:
    folders = [GOLDEN / n for n in names] or sorted(
        p for p in GOLDEN.iterdir() if (p / "expected.json").is_file()
    )
    for folder in folders:
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        actual = json.loads(json.dumps(expected_of(folder), ensure_ascii=False))
        for key in sorted(set(expected) | set(actual)):
            if expected.get(key) == actual.get(key):
                continue
            print(f"== {folder.name}: {key}")
            if key in ("text", "markdown"):
                diff = difflib.unified_diff(
                    expected[key].splitlines(), actual[key].splitlines(), lineterm="", n=0
                )
                print("\n".join(line[:160] for line in diff))
            else:
                print(f"- {json.dumps(expected.get(key), ensure_ascii=False)[:600]}")
                print(f"+ {json.dumps(actual.get(key), ensure_ascii=False)[:600]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
