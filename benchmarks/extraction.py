"""Extraction benchmark: warta against other extractors, side by side, in one process.

    python -m benchmarks.extraction [--datasets zyte,web-eval,id-news]
        [--tools warta,trafilatura,trafilatura-precision,readability,warta-text,
                 trafilatura-metadata,resiliparse]
        [--limit N] [--json out.json] [--warta-rev REV] [--order page|tool|cold]

Every tool gets the page's original bytes and does its own decoding the way a user would, inside
the timed call (warta decodes bytes itself; the others are given bytes or a string decoded with
their own or a common charset detector). Tools run one after another on each page, so that load
from other users of a shared machine falls on all of them alike (``--order tool`` runs each tool
over the whole set in turn instead, as a corpus run would; ``--order cold`` does the same with
the CPU caches flushed before every page, so each call starts from main memory: how much of a
tool's time is cold-cache cost). Each tool is warmed up on the
first three pages of a set before timing. ``--warta-rev`` measures warta as committed at a git
revision (exported to a temporary folder) instead of the working tree others may be editing.

Two tools are warta and trafilatura doing more or less than the text: ``warta-text`` is
``warta.extract(..., metadata=False)`` (text, title and language; no dates, authors, site or
sources), and ``trafilatura-metadata`` is trafilatura with ``with_metadata=True`` (its title,
author, date, site name...). trafilatura's ``extract`` as a user calls it by default, like
readability and resiliparse here, reads no metadata: the like-for-like speed ratio of those
tools is against ``warta-text``, and that of ``trafilatura-metadata`` against ``warta``. The
tools' order puts two other tools between the two warta calls on a page, so that neither meets
the page with the other's data still in the CPU caches.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from typing import Any

from lxml import etree, html  # type: ignore[import-untyped]

from benchmarks import datasets, metrics
from benchmarks.datasets import Page

REPO = Path(__file__).resolve().parents[1]
TOOL_NAMES = (
    "warta",
    "trafilatura",
    "trafilatura-precision",
    "readability",
    "warta-text",
    "trafilatura-metadata",
    "resiliparse",
)
WARMUP_PAGES = 3
# Larger than the last-level cache of the machines these figures come from (32 MB): copying it
# evicts every tool's code and data from the CPU caches.
FLUSH_BYTES = 64 * 1024 * 1024

# A tool takes the raw bytes and the URL, and gives the text and a status ("" if it has none).
Tool = Callable[[bytes, str | None], tuple[str, str]]


def import_warta(src: Path) -> ModuleType:
    """warta from the source tree ``src`` (not an installed copy), or a clear stop if this
    process already imported another."""
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    import warta

    if not Path(warta.__file__).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"warta was already imported from {warta.__file__}, not {src}")
    return warta


def _warta(src: Path, metadata: bool = True) -> Tool:
    warta = import_warta(src)
    print(f"warta's DOM walk: {_walk_kind()}", file=sys.stderr)
    if not metadata and "metadata" not in inspect.signature(warta.extract).parameters:
        raise SystemExit("this warta has no text-only mode (metadata=False): drop warta-text")
    options = {} if metadata else {"metadata": False}

    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        article = warta.extract(raw, url=url, **options)
        return article.text, article.status.value

    return run


def _walk_kind() -> str:
    """Which DOM walk and class/id reader this warta uses: figures from the Python fallbacks
    are not comparable."""
    try:
        from warta.extract import flatten, markup
    except ImportError:
        return "python (a tree from before the compiled walk)"
    walk = "compiled" if flatten.compiled_walk() is not None else "python (fallback)"
    reader = getattr(flatten, "role_reader", None)  # trees before 2026-11-25 read roles apart
    if reader is not None:
        roles = "python" if reader(markup.hints()) is flatten.container_role else "compiled"
        walk += f"; class/id roles: {roles}"
    return f"{walk}; extractor modules: {_mypyc_kind()}"


def _mypyc_kind() -> str:
    """How many of warta.extract's Python modules run compiled by mypyc."""
    extract = importlib.import_module("warta.extract")  # the package: warta.extract is a function
    package = Path(extract.__file__ or "").parent
    names = [
        "warta.extract." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in package.rglob("*.py")
        if path.name != "__init__.py"
    ]
    files = [importlib.import_module(name).__file__ or "" for name in names]
    return f"{sum(file.endswith('.so') for file in files)} of {len(files)} compiled (mypyc)"


def _trafilatura(precision: bool) -> Tool:
    import trafilatura

    # Comments are not article body in any of the ground truths, as in the zyte benchmark's runner.
    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        text = trafilatura.extract(raw, url=url, include_comments=False, favor_precision=precision)
        return text or "", ""

    return run


def _trafilatura_metadata() -> Tool:
    import trafilatura

    # bare_extraction is what extract calls; extract's text output would put the metadata in a
    # header before the text, which the text metrics would count against it.
    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        document = trafilatura.bare_extraction(
            raw, url=url, include_comments=False, with_metadata=True
        )
        text = getattr(document, "text", None)  # a Document; the stubs also allow a dict
        return text or "", ""

    return run


def _readability() -> Tool:
    from readability import Document  # type: ignore[import-untyped]
    from trafilatura.utils import decode_file

    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        summary = Document(decode_file(raw), url=url).summary(html_partial=True)
        return html_to_text(summary), ""

    return run


# Elements whose start and end are line breaks when readability's HTML is turned into text, so
# that words of adjacent paragraphs are not glued into one token.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr"}
    | {"ul"}
)
_BLANK_LINES = re.compile(r"[ \t]*\n\s*")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, one line per block element."""
    if not markup.strip():
        return ""
    root = html.fromstring(markup)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_tag = isinstance(element.tag, str)  # comments and PIs have a function as tag
        if event == "start":
            if is_tag and element.tag in _BLOCKS:
                parts.append("\n")
            if is_tag and element.text:
                parts.append(element.text)
            continue
        if is_tag and element.tag in _BLOCKS:
            parts.append("\n")
        if element.tail and element is not root:
            parts.append(element.tail)
    return _BLANK_LINES.sub("\n", "".join(parts)).strip()


def _resiliparse() -> Tool:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(raw: bytes, url: str | None) -> tuple[str, str]:
        tree = HTMLTree.parse(bytes_to_str(raw, detect_encoding(raw) or "utf-8"))
        return str(extract_plain_text(tree, main_content=True)), ""

    return run


FACTORIES: dict[str, Callable[[], Tool]] = {
    "warta": lambda: _warta(REPO / "src"),
    "warta-text": lambda: _warta(REPO / "src", metadata=False),
    "trafilatura": lambda: _trafilatura(precision=False),
    "trafilatura-metadata": _trafilatura_metadata,
    "trafilatura-precision": lambda: _trafilatura(precision=True),
    "readability": _readability,
    "resiliparse": _resiliparse,
}
PACKAGES = {
    "trafilatura": "trafilatura",
    "trafilatura-precision": "trafilatura",
    "trafilatura-metadata": "trafilatura",
    "readability": "readability-lxml",
    "resiliparse": "resiliparse",
}


def make_tool(name: str, warta_src: Path | None = None) -> Tool:
    """The named tool; ``warta_src`` runs warta from another source tree than the working one."""
    if name not in FACTORIES:
        raise SystemExit(f"unknown tool {name!r}; known: {', '.join(FACTORIES)}")
    if name in ("warta", "warta-text") and warta_src is not None:
        return _warta(warta_src, metadata=name == "warta")
    return FACTORIES[name]()


@contextmanager
def warta_tree(rev: str | None) -> Iterator[tuple[Path, str]]:
    """warta's source tree and a label for it: the working tree, or ``rev`` exported to a
    temporary folder so a committed state can be measured while others keep editing ``src``."""
    if rev is None:
        yield REPO / "src", _git_version()
        return
    sha = _git("rev-parse", "--short", rev)
    if not sha:
        raise SystemExit(f"unknown git revision {rev!r}")
    wanted = ("src", "vendor", "setup.py", "pyproject.toml", "README.md", "MANIFEST.in")
    parts = [part for part in wanted if _git("ls-tree", sha, part)]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", sha, *parts], cwd=REPO, capture_output=True, check=True
    )
    with tempfile.TemporaryDirectory(prefix="warta-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        if "setup.py" in parts:
            _build_extensions(Path(tmp))
        yield Path(tmp) / "src", f"git {sha}"


def _build_extensions(tree: Path) -> None:
    """Build the exported tree's compiled extensions as ``pip install`` would, and put them
    beside their sources. If the build fails, warta runs its Python code, and says so."""
    wheels = tree / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(tree)],
        capture_output=True,
        check=False,
    )
    for wheel in wheels.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                # warta's own, and mypyc's shared library beside the package (top level)
                if name.endswith(".so") and (name.startswith("warta/") or "/" not in name):
                    archive.extract(name, tree / "src")


@dataclass(slots=True)
class PageResult:
    id: str
    url: str | None
    ms: float
    chars: int
    status: str = ""
    error: str | None = None
    body: metrics.BodyCounts | None = None
    snippets: metrics.SnippetCounts | None = None


@dataclass(slots=True)
class ToolRun:
    tool: str
    pages: list[PageResult] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [p.ms for p in self.pages]

    @property
    def errors(self) -> int:
        return sum(p.error is not None for p in self.pages)

    def body(self) -> metrics.BodyScores | None:
        counts = [p.body for p in self.pages if p.body is not None]
        return metrics.body_scores(counts) if counts else None

    def snippets(self) -> metrics.SnippetScores | None:
        counts = [p.snippets for p in self.pages if p.snippets is not None]
        return metrics.snippet_scores(counts) if counts else None


def score(page: Page, result: PageResult, text: str) -> None:
    """Fill in the page's metrics from the tool's output."""
    if page.text is not None:
        result.body = metrics.body_counts(text, page.text)
    if page.has_snippets:
        result.snippets = metrics.snippet_counts(text, page.with_, page.without)


def call(tool: Tool, page: Page, raw: bytes) -> tuple[PageResult, str]:
    """One timed extraction; an exception counts as empty output."""
    start = time.perf_counter()
    try:
        text, status = tool(raw, page.url)
        error = None
    except Exception as exc:  # any tool failure is data for the report, not a crash
        text, status, error = "", "", f"{type(exc).__name__}: {exc}"[:200]
    ms = (time.perf_counter() - start) * 1000
    return PageResult(page.id, page.url, ms, len(text), status, error), text


def run_dataset(
    pages: Sequence[Page], tools: dict[str, Tool], progress: bool = True, order: str = "page"
) -> dict[str, ToolRun]:
    """Run every tool on every page after a warm-up: interleaved page by page (``order="page"``,
    the comparison of record: load from other users falls on all tools alike, and each tool
    meets the page with the others' data in the CPU caches), or each tool over the whole set
    in turn (``order="tool"``: as in a corpus run, where one extractor handles page after page
    and its own data stays in the caches), or in turn with the caches flushed before each call
    (``order="cold"``)."""
    for tool in tools.values():
        for page in pages[:WARMUP_PAGES]:
            call(tool, page, page.raw())
    runs = {name: ToolRun(name) for name in tools}
    raws = [page.raw() for page in pages]  # read outside the timed calls
    if order == "page":
        steps = [(index, name) for index in range(len(pages)) for name in tools]
    else:
        steps = [(index, name) for name in tools for index in range(len(pages))]
    flush = cache_flusher() if order == "cold" else None
    for done, (index, name) in enumerate(steps, 1):
        page = pages[index]
        if flush is not None:
            flush()
        result, text = call(tools[name], page, raws[index])
        score(page, result, text)
        runs[name].pages.append(result)
        if progress and done % (50 * len(tools)) == 0:
            print(f"  {page.dataset}: {done}/{len(steps)} calls", file=sys.stderr, flush=True)
    return runs


def cache_flusher() -> Callable[[], None]:
    """A call that evicts the CPU caches by copying ``FLUSH_BYTES`` (outside any timed call)."""
    source = bytes(FLUSH_BYTES)
    target = bytearray(FLUSH_BYTES)

    def flush() -> None:
        target[:] = source

    return flush


def versions(tools: Sequence[str], warta_label: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in tools:
        if name in ("warta", "warta-text"):
            found[name] = warta_label
            continue
        try:
            found[name] = version(PACKAGES[name])
        except PackageNotFoundError:
            found[name] = "not installed"
    found["python"] = sys.version.split()[0]
    return found


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip()


def _git_version() -> str:
    """The last commit that touched ``src``, and whether the working tree differs from it."""
    commit = _git("log", "-1", "--format=%h", "--", "src") or "no commit"
    dirty = " + uncommitted changes in src" if _git("status", "--porcelain", "--", "src") else ""
    return f"git {commit}{dirty} (working tree)"


def to_json(all_runs: dict[str, dict[str, ToolRun]], meta: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"meta": meta, "datasets": {}}
    for ds, runs in all_runs.items():
        out["datasets"][ds] = {
            name: {
                "body": _asdict(run.body()),
                "snippets": _asdict(run.snippets()),
                "median_ms": metrics.median(run.times),
                "p95_ms": metrics.p95(run.times),
                "errors": run.errors,
                "pages": [asdict(p) for p in run.pages],
            }
            for name, run in runs.items()
        }
    return out


def _asdict(obj: Any) -> dict[str, Any] | None:
    return asdict(obj) if obj is not None else None


def print_dataset(name: str, count: int, runs: dict[str, ToolRun]) -> None:
    """The per-tool table of one set, then id-news style snippet details."""
    print(f"\n== {name}: {count} pages ==")
    base, text_base = runs.get("warta"), runs.get("warta-text")
    header = "tool                    metric    F1    P     R     acc   med ms  p95 ms  err"
    header += "  med/warta p95/warta" if base else ""
    print(header + ("   med/text  p95/text" if text_base else ""))
    for tool, run in runs.items():
        for kind, scores in (("body", run.body()), ("snippets", run.snippets())):
            if scores is None:
                continue
            print(
                f"{tool:<23} {kind:<8} {scores.f1:.3f} {scores.precision:.3f} "
                f"{scores.recall:.3f} {scores.accuracy:.3f} {metrics.median(run.times):7.1f} "
                f"{metrics.p95(run.times):7.1f} {run.errors:4d}"
                + _ratios(run, base)
                + _ratios(run, text_base)
            )
    if base and text_base:
        print(
            "like for like: trafilatura-metadata against warta (/warta); the tools that read no"
            " metadata against warta-text (/text)"
        )
    if any(r.snippets() for r in runs.values()):
        _print_snippet_totals(runs)
    statuses = _status_counts(base) if base else {}
    if statuses:
        print("warta statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if name == "id-news" and base:
        print_snippet_misses(base)


def _ratios(run: ToolRun, base: ToolRun | None) -> str:
    """How many times slower the tool is than warta (above 1: warta is faster)."""
    if base is None:
        return ""
    med, p95 = metrics.median(base.times), metrics.p95(base.times)
    if med <= 0 or p95 <= 0:
        return ""
    return f"  {metrics.median(run.times) / med:8.2f}x {metrics.p95(run.times) / p95:8.2f}x"


def _print_snippet_totals(runs: dict[str, ToolRun]) -> None:
    for tool, run in runs.items():
        s = run.snippets()
        if s is not None:
            print(
                f"  {tool:<23} with found {s.tp} of {s.with_total}, "
                f"without leaked {s.fp} of {s.without_total}"
            )


def _status_counts(run: ToolRun) -> dict[str, int]:
    counts: dict[str, int] = {}
    for page in run.pages:
        if page.status:
            counts[page.status] = counts.get(page.status, 0) + 1
    return counts


def print_snippet_misses(run: ToolRun) -> None:
    """Every leaked ``without`` and missing ``with`` snippet of one tool, page by page."""
    print(f"{run.tool}: leaked and missing snippets")
    for page in run.pages:
        s = page.snippets
        if s is None or not s.errors:
            continue
        print(f"  {page.id}  ({page.status or '-'}, {page.chars} chars)")
        for snippet in s.leaked:
            print(f"    LEAKED  {snippet!r}")
        for snippet in s.missing:
            print(f"    MISSING {snippet!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--datasets", default=",".join(datasets.DATASETS))
    parser.add_argument("--tools", default=",".join(TOOL_NAMES))
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--json", type=Path, default=None, help="write all results here")
    parser.add_argument("--data", type=Path, default=None, help="data folder (../shared/data)")
    parser.add_argument("--warta-rev", default=None, help="measure warta as committed at REV")
    parser.add_argument(
        "--order",
        choices=("page", "tool", "cold"),
        default="page",
        help="page: tools interleaved page by page (default); tool: each tool over the whole set;"
        " cold: as tool, with the CPU caches flushed before each page",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with warta_tree(args.warta_rev) as (src, label):
        return run_all(args, src, label)


def run_all(args: argparse.Namespace, warta_src: Path, warta_label: str) -> int:
    names = [t.strip() for t in args.tools.split(",") if t.strip()]
    tools = {name: make_tool(name, warta_src) for name in names}
    meta = {
        "command": " ".join(["python -m benchmarks.extraction", *sys.argv[1:]]),
        "order": args.order,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": versions(names, warta_label),
    }
    print(f"{meta['date']}  {json.dumps(meta['versions'])}")
    all_runs: dict[str, dict[str, ToolRun]] = {}
    for ds in [d.strip() for d in args.datasets.split(",") if d.strip()]:
        pages = datasets.load(ds, args.data, args.limit)
        all_runs[ds] = run_dataset(pages, tools, order=args.order)
        print_dataset(ds, len(pages), all_runs[ds])
    if args.json:
        args.json.write_text(json.dumps(to_json(all_runs, meta), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
