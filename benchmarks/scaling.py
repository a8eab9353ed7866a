"""Scale-out benchmark: the same ``warta run`` on the local engine, on Dask with 1 worker, and on
Dask with 2 workers.

    python -m benchmarks.scaling [--copies 8] [--shards 16] [--jobs 2]
        [--order dask1,dask2,dask1-task,dask2-task,local] [--workdir DIR] [--json out.json]

The input is the real evaluation pages (all sets in ../shared/data, original bytes, via
``benchmarks.pipeline``) repeated ``copies`` times under distinct URLs (8 x 685 = 5,480 pages),
cut into ``shards`` gzipped WARC files (each page's copies in one file), built in a temporary
folder and never committed. Every job is the real command in a fresh subprocess, writing a fresh
SQLite archive with dedup on (the repeated copies become near duplicates):

- ``local``: ``warta run DIR --to out.db --jobs J`` (J extraction processes, default 2)
- ``dask1`` / ``dask2``: ``warta run DIR --to out.db --engine dask --workers N`` (a LocalCluster
  of N worker processes, one thread each, started and stopped by the command: its start-up is
  inside the measured time); each task extracts through a watchdog process of its worker's own
  (the default: per-page time limit)
- ``dask1-task`` / ``dask2-task``: the same with ``DASK_WARTA__EXTRACTION=task``: pages are
  extracted in the task's own thread (one process per worker, no per-page time limit)

Measured per job: wall time and pages/s (pages in / wall seconds, start-up included); the Dask
stage times the command logs with ``-v`` (connect, extract, dedup, load); peak memory, sampled
every 0.2 s with psutil: of each direct child of the command (a Dask worker, or a local
extraction process) alone and with its own children (a Dask worker's extraction process), and of
the whole process tree; the machine's 1-minute load average before the job, and the CPU the
rest of the machine used during it (busy CPU time from /proc/stat minus the job's own, as
average cores), since the machine is shared. Scaling is pages/s with 2 workers over pages/s
with 1 worker.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.pipeline import all_pages, build_warc

REPO = Path(__file__).resolve().parents[1]
_STAGES = re.compile(r"dask stages \(s\): (.*)")


@dataclass
class Measure:
    job: str
    pages: int
    wall: float
    load_before: float
    others_cores: float  # CPU used by other processes on the machine during the job
    cpu: float  # CPU seconds of the job's whole process tree
    peak_tree_mb: float
    peak_worker_mb: float  # the largest direct child alone (a Dask worker / an extractor)
    peak_worker_tree_mb: float  # ... with its own children (a Dask worker's extractor)
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall


def build_shards(folder: Path, copies: int, shards: int) -> int:
    """``shards`` WARC files holding ``copies`` rounds of every page; returns the page count."""
    pages = all_pages()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for k in range(shards):
        total += build_warc(folder / f"shard-{k:03d}.warc.gz", pages[k::shards], copies)
    return total


class TreeSampler:
    """Peak RSS of a process tree, and of each direct child with and without its children."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid = pid
        self.every = every
        self.tree = 0
        self.child: dict[int, int] = {}
        self.child_tree: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # last seen CPU seconds of every process of the tree
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self._sample(psutil.Process(self.pid))
            self._stop.wait(self.every)

    def _sample(self, root: Any) -> None:
        import psutil

        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                self.cpu[proc.pid] = times.user + times.system
        total = _rss(root)
        for child in root.children():
            try:
                if "resource_tracker" in " ".join(child.cmdline()):
                    continue
                own = _rss(child)
                tree = own + sum(_rss(p) for p in child.children(recursive=True))
            except psutil.Error:
                continue
            total += tree
            self.child[child.pid] = max(self.child.get(child.pid, 0), own)
            self.child_tree[child.pid] = max(self.child_tree.get(child.pid, 0), tree)
        self.tree = max(self.tree, total)


def _rss(proc: Any) -> int:
    import psutil

    try:
        return int(proc.memory_info().rss)
    except psutil.Error:
        return 0


def _busy_seconds() -> float:
    import psutil

    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def measure(job: str, pages: int, args: list[str]) -> Measure:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    if job.endswith("-task"):
        env["DASK_WARTA__EXTRACTION"] = "task"
    load = os.getloadavg()[0]
    busy = _busy_seconds()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(proc.pid) as sampler:
        _, err = proc.communicate()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # A process the command did not wait for (a worker left to exit on its own) is missing
    # from rusage; the sampled CPU of every process seen in the tree catches it.
    own = max(reaped, sum(sampler.cpu.values()))
    others = max(0.0, _busy_seconds() - busy - own) / wall
    print(f"  {job}: CPU reaped {reaped:.1f} s, sampled {sum(sampler.cpu.values()):.1f} s",
          file=sys.stderr)  # fmt: skip
    text = err.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{job} failed ({proc.returncode}): {text[-3000:]}")
    stages: dict[str, float] = {}
    if found := _STAGES.search(text):
        for part in found.group(1).split(", "):
            name, value = part.rsplit(" ", 1)
            stages[name] = float(value)
    mb = 2**20
    return Measure(
        job,
        pages,
        round(wall, 2),
        round(load, 2),
        round(others, 2),
        round(own, 1),
        round(sampler.tree / mb, 1),
        round(max(sampler.child.values(), default=0) / mb, 1),
        round(max(sampler.child_tree.values(), default=0) / mb, 1),
        stages,
    )


def command(job: str, inputs: Path, out: Path, jobs: int) -> list[str]:
    args = [sys.executable, "-m", "warta.cli", "-v", "run", str(inputs), "--to", str(out), "-q"]
    args += ["--work-dir", str(out.with_suffix(".work"))]
    if job == "local":
        return [*args, "--jobs", str(jobs)]
    workers = job.removeprefix("dask").removesuffix("-task")
    return [*args, "--engine", "dask", "--workers", workers]


def table(results: Sequence[Measure]) -> str:
    lines = [
        "| job | pages | wall s | pages/s | CPU s | peak RSS per worker MB (alone / with its "
        "extraction process) | peak RSS all processes MB | load before | others' cores |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        lines.append(
            f"| {m.job} | {m.pages} | {m.wall:.1f} | {m.pages_per_s:.1f} | {m.cpu:.0f} | "
            f"{m.peak_worker_mb:.0f} / {m.peak_worker_tree_mb:.0f} | {m.peak_tree_mb:.0f} | "
            f"{m.load_before:.2f} | {m.others_cores:.2f} |"
        )
    by_job = {m.job: m for m in results}
    for one, two in (("dask1", "dask2"), ("dask1-task", "dask2-task")):
        if one in by_job and two in by_job:
            ratio = by_job[two].pages_per_s / by_job[one].pages_per_s
            lines.append(f"\nScaling {one} → {two}: {ratio:.2f}x")
    for m in results:
        if m.stages:
            lines.append(f"\n{m.job} stages (s): {m.stages}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=8, help="rounds of the pages (8 x 685)")
    parser.add_argument("--shards", type=int, default=16, help="WARC files the input is cut in")
    parser.add_argument("--jobs", type=int, default=2, help="the local engine's processes")
    parser.add_argument("--order", default="dask1,dask2,dask1-task,dask2-task,local")
    parser.add_argument("--workdir", help="where to build the input (default: a temp dir)")
    parser.add_argument("--json", help="write the measures here")
    args = parser.parse_args(argv)
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as name:
        tmp = Path(name)
        pages = build_shards(tmp / "in", args.copies, args.shards)
        print(f"{pages} pages in {args.shards} WARC files", file=sys.stderr)
        for job in args.order.split(","):
            result = measure(job, pages, command(job, tmp / "in", tmp / f"{job}.db", args.jobs))
            print(f"  {result}", file=sys.stderr)
            results.append(result)
    print(table(results))
    if args.json:
        data = [{**asdict(m), "pages_per_s": round(m.pages_per_s, 2)} for m in results]
        Path(args.json).write_text(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
