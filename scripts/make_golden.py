"""Copy a chosen set of real pages from the shared evaluation data into tests/fixtures/golden.

Run once when the set changes (it needs ../shared/data); the tests never read ../shared.
Each page keeps its original bytes, so decoding is tested too. Expectations are written by
``scripts/regen_golden.py``, after a human has read what changed.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
LICENCES = {
    "zyte": "MIT (scrapinghub/article-extraction-benchmark)",
    "web-eval": "Apache-2.0 (adbar/trafilatura and adbar/htmldate evaluation sets)",
    "id-news": "from public scraper test suites (anpandu/indonesian-news-scraper and others), "
    "annotations made for warta",
}
WEB_EVAL_LANGS = ("fr", "es", "pl", "ru", "ja", "zh", "ar", "tr", "pt", "it", "nl", "ko", "cs",
                  "hi", "el", "id", "en", "de")  # fmt: skip
# Pages in legacy encodings (cp1252, cp1250, iso-8859-2, gb2312).
WEB_EVAL_IDS = ("5291577a5cc4a7c9", "06f99618f0dd4f48", "47d040022e70e251", "a5a25848d8ed968f")
ZYTE_COUNT = 8
MAX_BYTES = 400_000


def _records(dataset: str) -> list[dict[str, object]]:
    path = SHARED / dataset / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _raw(dataset: str, record: dict[str, object]) -> bytes:
    return gzip.decompress((SHARED / dataset / str(record["html_path"])).read_bytes())


def _chosen() -> list[tuple[str, dict[str, object]]]:
    chosen = [("id-news", r) for r in _records("id-news")]
    web = _records("web-eval")
    by_id = {str(r["id"]): r for r in web}
    chosen += [("web-eval", by_id[i]) for i in WEB_EVAL_IDS]
    for lang in WEB_EVAL_LANGS:
        pages = [r for r in web if r.get("lang") == lang and "with" in r and r["id"] not in
                 WEB_EVAL_IDS]  # fmt: skip
        sized = sorted(pages, key=lambda r: len(_raw("web-eval", r)))
        chosen += [("web-eval", r) for r in sized[len(sized) // 2 : len(sized) // 2 + 1]]
    zyte = sorted(_records("zyte"), key=lambda r: len(_raw("zyte", r)))
    step = max(1, len(zyte) // ZYTE_COUNT)
    chosen += [("zyte", r) for r in zyte[::step][:ZYTE_COUNT]]
    return chosen


def _name(dataset: str, record: dict[str, object]) -> str:
    host = re.sub(r"^https?://(www\.)?", "", str(record.get("url") or "nourl")).split("/")[0]
    return re.sub(r"[^a-z0-9.-]+", "-", f"{host}-{record['id']}".lower())[:80]


def main() -> int:
    if not SHARED.is_dir():
        print(f"make_golden: {SHARED} is missing.", file=sys.stderr)
        return 2
    for dataset, record in _chosen():
        raw = _raw(dataset, record)
        if len(raw) > MAX_BYTES:
            continue
        folder = GOLDEN / _name(dataset, record)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page.html").write_bytes(raw)
        source = {
            "dataset": dataset,
            "id": record["id"],
            "url": record.get("url"),
            "lang": record.get("lang"),
            "licence": LICENCES[dataset],
        }
        (folder / "source.json").write_text(json.dumps(source, indent=2) + "\n", "utf-8")
    print(f"make_golden: {len(list(GOLDEN.iterdir()))} pages in {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
