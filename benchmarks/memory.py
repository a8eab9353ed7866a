"""Peak memory of one extraction of a very large page (about 20 MB), per tool.

    python -m benchmarks.memory [--tools warta,trafilatura] [--mb 20] [--keep page.html]
        [--warta-rev REV] [--json out.json]

The page is one article whose paragraphs are the real body paragraphs of the zyte pages, cycled
until the page reaches the size. Each tool runs in a fresh subprocess, twice: once measuring the
resident set (peak RSS during the call minus RSS before it, from /proc's VmHWM after resetting
it), once under tracemalloc (peak of Python-heap allocations; memory that C libraries such as
lexbor or libxml2 allocate themselves is not seen by tracemalloc, which is why RSS is reported
too). Both are divided by the page's size in bytes: the target for warta is under 10x.
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks import datasets
from benchmarks.extraction import REPO, Tool, make_tool, warta_tree

TARGET = 10.0  # warta's goal for peak / page size
_HEAD = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
    "<body><header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
    "<main><article><h1>{title}</h1><p class='byline'>By A. Writer</p>\n"
)
_TAIL = "</article></main><footer><p>© Example News</p></footer></body></html>\n"


def build_page(size: int, root: Path | None = None) -> bytes:
    """One article of real body paragraphs, at least ``size`` bytes of UTF-8."""
    head = _HEAD.format(title="A very long article").encode()
    parts, total = [head], len(head) + len(_TAIL)
    for paragraph in _paragraphs(root):
        chunk = f"<p>{html.escape(paragraph)}</p>\n".encode()
        parts.append(chunk)
        total += len(chunk)
        if total >= size:
            break
    parts.append(_TAIL.encode())
    return b"".join(parts)


def _paragraphs(root: Path | None) -> Iterator[str]:
    pages = datasets.load("zyte", root)
    paragraphs = [p.strip() for page in pages for p in (page.text or "").split("\n") if p.strip()]
    if not paragraphs:
        raise SystemExit("no zyte paragraphs found")
    while True:
        yield from paragraphs


def _trafilatura_uncapped() -> Tool:
    """trafilatura refuses pages over 20,000,000 bytes by default; lift that cap to measure it."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(10**10))

    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        text = trafilatura.extract(raw, url=url, include_comments=False, config=config)
        return text or "", ""

    return run


def _tool(name: str, warta_src: Path) -> Tool:
    return _trafilatura_uncapped() if name == "trafilatura" else make_tool(name, warta_src)


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def child(name: str, page: Path, mode: str, warta_src: Path) -> dict[str, Any]:
    """Inside the fresh subprocess: warm up on a small page, then measure one call."""
    tool = _tool(name, warta_src)
    raw = page.read_bytes()
    tool(raw[:20000] + b"</p></article></body></html>", None)  # load lazy imports and caches
    measure: Callable[[], dict[str, Any]]
    if mode == "rss":
        measure = lambda: _measure_rss(tool, raw)  # noqa: E731
    else:
        measure = lambda: _measure_tracemalloc(tool, raw)  # noqa: E731
    return {"tool": name, "mode": mode, "size": len(raw), **measure()}


def _measure_rss(tool: Tool, raw: bytes) -> dict[str, Any]:
    reset = _reset_peak()
    before = _rss_kb("VmRSS")
    start = time.perf_counter()
    text, status = tool(raw, None)
    seconds = time.perf_counter() - start
    peak = _rss_kb("VmHWM") - before
    return {"peak": peak * 1024, "seconds": seconds, "chars": len(text), "status": status,
            "hwm_reset": reset}  # fmt: skip


def _measure_tracemalloc(tool: Tool, raw: bytes) -> dict[str, Any]:
    tracemalloc.start()
    start = time.perf_counter()
    text, status = tool(raw, None)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"peak": peak, "seconds": seconds, "chars": len(text), "status": status}


def measure(name: str, page: Path, mode: str, warta_src: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and read back its JSON line."""
    command = [sys.executable, "-m", "benchmarks.memory", "--child", name, str(page), mode]
    command += ["--warta-src", str(warta_src)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        return {"tool": name, "mode": mode, "error": done.stderr.strip()[-500:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(rows: Sequence[dict[str, Any]]) -> None:
    print("tool          mode         page MB  peak MB  peak/size  seconds  chars out")
    for r in rows:
        if "error" in r:
            print(f"{r['tool']:<13} {r['mode']:<11} ERROR {r['error']}")
            continue
        ratio = r["peak"] / r["size"]
        flag = "" if r["tool"] != "warta" else ("  ok" if ratio < TARGET else "  OVER TARGET")
        if r.get("hwm_reset") is False:
            flag += "  (peak not reset: may include import-time peak)"
        print(
            f"{r['tool']:<13} {r['mode']:<11} {r['size'] / 2**20:7.1f} {r['peak'] / 2**20:8.1f}"
            f" {ratio:9.2f}x {r['seconds']:8.2f} {r['chars']:10d}{flag}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="peak memory of one very large extraction")
    parser.add_argument("--tools", default="warta,trafilatura")
    parser.add_argument("--mb", type=float, default=20.0, help="page size in MiB")
    parser.add_argument("--keep", type=Path, default=None, help="write the page here")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--warta-rev", default=None, help="measure warta as committed at REV")
    parser.add_argument("--child", nargs=3, metavar=("TOOL", "PAGE", "MODE"), help="internal")
    parser.add_argument("--warta-src", type=Path, default=REPO / "src", help="internal")
    args = parser.parse_args(argv)
    if args.child:
        name, page, mode = args.child
        print(json.dumps(child(name, Path(page), mode, args.warta_src)))
        return 0
    with tempfile.TemporaryDirectory() as tmp, warta_tree(args.warta_rev) as (src, label):
        page = args.keep or Path(tmp) / "big.html"
        page.write_bytes(build_page(int(args.mb * 2**20)))
        rows = [
            measure(name.strip(), page, mode, src)
            for name in args.tools.split(",")
            for mode in ("rss", "tracemalloc")
        ]
    print(f"warta: {label}")
    report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
