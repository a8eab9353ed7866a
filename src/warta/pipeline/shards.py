"""Source specs cut into shards, and a shard read back as raw records.

The sources themselves live in :mod:`warta.ingest`; this module only decides how a spec is
split so that independent workers (local or Dask) can each take a shard: one shard per WARC
or ARC file, and folders of pages cut into parts of ``part_size`` files.
"""

from __future__ import annotations

import glob
import gzip
import importlib
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, cast

from warta.errors import InputError
from warta.ingest.files import FileSource, expand, is_html_path
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.pipeline.record import Shard

_WARC = (".warc", ".warc.gz")
_ARC = (".arc", ".arc.gz")
_REMOTE = ("http://", "https://")


def _kind_of_path(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(_WARC):
        return "warc"
    if lower.endswith(_ARC):
        return "arc"
    if is_html_path(lower):
        return "files"
    return None


def _archives_in(spec: str) -> list[str]:
    """WARC/ARC files a folder or glob names, sorted so runs are repeatable."""
    if glob.has_magic(spec):
        found = glob.glob(os.path.expanduser(spec), recursive=True)
    else:
        found = [str(p) for p in Path(spec).expanduser().rglob("*") if p.is_file()]
    kinds = (_kind_of_path(p) for p in found)
    return sorted(
        str(Path(p).resolve()) for p, k in zip(found, kinds, strict=True) if k in {"warc", "arc"}
    )


def plan(specs: Iterable[str], part_size: int = 1000) -> list[Shard]:
    """The shards of a run, in a fixed order. Raises InputError for a spec that names nothing."""
    shards: list[Shard] = []

    def add(spec: str, kind: str, parts: int = 1, size: int = 0) -> None:
        for part in range(parts):
            shards.append(Shard(spec, kind, len(shards), part, size))

    for spec in specs:
        if spec.lower().startswith(_REMOTE):
            kind = _kind_of_path(spec.split("?", 1)[0])
            add(spec, kind if kind in {"warc", "arc"} else "detected")
            continue
        path = Path(spec).expanduser()
        if not glob.has_magic(spec) and not path.exists():
            raise InputError(f"{spec} does not exist.")
        if path.is_file():
            kind = _kind_of_path(spec) or "detected"
            add(str(path.resolve()), kind)
            continue
        for archive in _archives_in(spec):
            add(archive, _kind_of_path(archive) or "warc")
        pages = expand(spec)
        if pages:
            parts = -(-len(pages) // part_size)
            add(
                str(path.resolve()) if not glob.has_magic(spec) else spec, "files", parts, part_size
            )
        elif not _archives_in(spec):
            raise InputError(f"{spec} names no HTML, WARC or ARC file.")
    return shards


def _detect(spec: str) -> Any:
    """ingest's ``detect_source`` when it exists (URL lists, feeds, sitemaps)."""
    ingest = importlib.import_module("warta.ingest")
    detect = getattr(ingest, "detect_source", None)
    if detect is None:
        raise InputError(f"cannot tell what kind of source {spec} is.")
    return detect


class ShardReader:
    """Iterate a shard's raw records; ``stats`` says what the source skipped and lost."""

    def __init__(self, shard: Shard, options: FetchOptions | None = None) -> None:
        self.shard = shard
        self.options = options or FetchOptions()
        self.stats = IngestStats()

    def __iter__(self) -> Iterator[RawRecord]:
        with ExitStack() as stack:
            source = self._open(stack)
            yield from source
            stats = getattr(source, "stats", None)
            if isinstance(stats, IngestStats):
                self.stats.merge(stats)

    def _open(self, stack: ExitStack) -> Iterable[RawRecord]:
        shard = self.shard
        if shard.kind == "files":
            paths = expand(shard.spec)
            if shard.part_size:
                paths = paths[shard.part * shard.part_size : (shard.part + 1) * shard.part_size]
            return FileSource(paths)
        if shard.kind in {"warc", "arc"}:
            return self._archive(stack)
        return _detect(shard.spec)(shard.spec, options=self.options)  # type: ignore[no-any-return]

    def _archive(self, stack: ExitStack) -> Iterable[RawRecord]:
        spec = self.shard.spec
        if spec.lower().startswith(_REMOTE):
            from warta.ingest.remote import open_url

            stream = stack.enter_context(open_url(spec, self.options))
        else:
            try:
                stream = stack.enter_context(open(spec, "rb"))  # noqa: SIM115
            except OSError as exc:
                raise InputError(f"cannot read {spec}: {exc.strerror or exc}.") from exc
        if self.shard.kind == "warc":
            from warta.ingest.warc import WarcSource

            return WarcSource(stream, spec)
        from warta.ingest.arc import ArcSource

        if spec.lower().endswith(".gz"):
            return ArcSource(
                cast(BinaryIO, stack.enter_context(gzip.GzipFile(fileobj=stream))), spec
            )
        return ArcSource(stream, spec)
