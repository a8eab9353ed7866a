"""End-to-end corpus benchmark: WARC in, articles out, for warta and for a hand-written baseline.

    python -m benchmarks.pipeline [--copies 8] [--scales 1,4] [--jobs 2] [--no-baseline]
        [--baseline-scales 1] [--workdir DIR] [--json out.json]

The input is a gzipped WARC of the real evaluation pages (all sets in ../shared/data, original
bytes) repeated ``copies`` times, each copy under distinct URLs (``?copy=N``), so 1x is at least
5,000 pages; ``scales`` multiplies that (4x = 4 times the pages) to show whether memory stays
flat as the input grows. It is built in a temporary folder and never committed.

Jobs, each in a fresh subprocess:

- ``warta run WARC --to out.db`` (SQLite archive, dedup on: repeated copies become duplicates)
- ``warta run WARC --to out.parquet``
- the baseline, written as a user would today: warcio iterates the records, trafilatura.extract
  turns each HTML response into JSON, one line per page to a JSONL file, in one process.

Measured per job: wall time; CPU time of the whole process tree (from the children's rusage,
so worker processes count); pages/s (wall) and pages per CPU-second ("per core"); peak memory
as the largest sum of RSS over the process tree, sampled every 0.1 s with psutil.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks import datasets

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Measure:
    job: str
    scale: int
    pages: int
    wall: float
    cpu: float
    peak_rss_mb: float

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall

    @property
    def pages_per_cpu_s(self) -> float:
        return self.pages / self.cpu


def all_pages() -> list[datasets.Page]:
    pages: list[datasets.Page] = []
    for name in datasets.DATASETS:
        pages.extend(datasets.load(name))
    return pages


def build_warc(path: Path, pages: Sequence[datasets.Page], copies: int) -> int:
    """Write ``copies`` rounds of ``pages`` as WARC response records; returns the count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = [(p.url or f"http://bench.invalid/{p.dataset}/{p.id}", p.raw()) for p in pages]
    count = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for copy in range(copies):
            for url, body in bodies:
                sep = "&" if "?" in url else "?"
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
                record = writer.create_warc_record(
                    f"{url}{sep}copy={copy}", "response", payload=io.BytesIO(body),
                    http_headers=headers,
                )  # fmt: skip
                writer.write_record(record)
                count += 1
    return count


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def measure(job: str, scale: int, pages: int, args: list[str]) -> Measure:
    """Run ``args`` to the end, sampling the tree's memory; CPU from the children's rusage."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{job} failed ({proc.returncode}): {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measure(job, scale, pages, round(wall, 2), round(cpu, 2), round(peak / 2**20, 1))


def baseline(warc: str, out: str) -> None:
    """What a user writes today: warcio + trafilatura, one process, JSONL out."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as stream, open(out, "w", encoding="utf-8") as sink:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            html = record.content_stream().read()
            result = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
            if result:
                sink.write(result.replace("\n", " ") + "\n")


def warta_args(warc: Path, target: Path, jobs: int, work: Path) -> list[str]:
    return [
        sys.executable, "-m", "warta.cli", "run", str(warc), "--to", str(target),
        "--jobs", str(jobs), "--quiet", "--work-dir", str(work),
    ]  # fmt: skip


def run_scale(
    scale: int, copies: int, jobs: int, with_baseline: bool, tmp: Path, pages: list[datasets.Page]
) -> Iterator[Measure]:
    warc = tmp / f"bench-{scale}x.warc.gz"
    count = build_warc(warc, pages, copies * scale)
    print(f"{scale}x: {count} pages, {warc.stat().st_size / 2**20:.0f} MB WARC", file=sys.stderr)
    for job, target in (("warta → SQLite", "out.db"), ("warta → Parquet", "out.parquet")):
        out = tmp / f"{scale}x-{target}"
        yield measure(job, scale, count, warta_args(warc, out, jobs, tmp / f"work-{scale}"))
    if with_baseline:
        out = tmp / f"{scale}x-baseline.jsonl"
        args = [sys.executable, "-m", "benchmarks.pipeline", "baseline", str(warc), str(out)]
        yield measure("warcio + trafilatura → JSONL", scale, count, args)
    warc.unlink()


def table(results: list[Measure], jobs: int) -> str:
    lines = [
        "| job | input | pages | wall s | pages/s | CPU s | pages per CPU-s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        lines.append(
            f"| {m.job} | {m.scale}x | {m.pages} | {m.wall:.1f} | {m.pages_per_s:.1f} | "
            f"{m.cpu:.1f} | {m.pages_per_cpu_s:.1f} | {m.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines) + f"\n\n(warta with --jobs {jobs})"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["baseline"]:
        baseline(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=8, help="rounds of the 685 pages at 1x")
    parser.add_argument("--scales", default="1,4")
    parser.add_argument("--baseline-scales", default="1")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", help="where to build the WARCs (default: a temp dir)")
    parser.add_argument("--json", help="write the measures here")
    args = parser.parse_args(argv)
    pages = all_pages()
    scales = [int(s) for s in args.scales.split(",")]
    base_scales = {int(s) for s in args.baseline_scales.split(",")}
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as name:
        for scale in scales:
            with_base = not args.no_baseline and scale in base_scales
            for m in run_scale(scale, args.copies, args.jobs, with_base, Path(name), pages):
                print(f"  {m}", file=sys.stderr)
                results.append(m)
    print(table(results, args.jobs))
    if args.json:
        data = [{**asdict(m), "pages_per_s": m.pages_per_s, "pages_per_cpu_s": m.pages_per_cpu_s}
                for m in results]  # fmt: skip
        Path(args.json).write_text(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
