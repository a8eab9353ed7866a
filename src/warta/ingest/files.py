"""HTML files on disk: single files, folders (recursively) and glob patterns."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from warta.errors import InputError
from warta.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC, TooLargeError, decompress
from warta.ingest.record import RawRecord
from warta.ingest.stats import LOG, IngestStats

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")


def is_html_path(path: str | Path) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def expand(spec: str) -> list[Path]:
    """The HTML files a path, folder or glob names, sorted so runs are repeatable."""
    if glob.has_magic(spec):
        found = (Path(p) for p in glob.glob(os.path.expanduser(spec), recursive=True))
        return sorted(p.resolve() for p in found if p.is_file() and is_html_path(p))
    path = Path(spec).expanduser()
    if path.is_dir():
        return sorted(p.resolve() for p in path.rglob("*") if p.is_file() and is_html_path(p))
    return [path.resolve()]


def read_page(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A page's bytes, gunzipped when the file is gzip, never more than ``max_bytes``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    if data.startswith(GZIP_MAGIC):
        return decompress(data, "gzip", max_bytes)
    if len(data) > max_bytes:
        raise TooLargeError(f"{path} is larger than the limit of {max_bytes} bytes.")
    return data


class FileSource:
    """Pages read from files. ``origin`` is ``file:<absolute path>``; ``url`` is None."""

    def __init__(
        self,
        paths: Iterable[Path],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        self._paths = paths
        self._max_bytes = max_bytes
        self._skip = skip
        self.stats = IngestStats()

    @classmethod
    def from_spec(cls, spec: str, **kwargs: object) -> FileSource:
        """Files named by a path, a folder or a glob pattern."""
        return cls(expand(spec), **kwargs)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[RawRecord]:
        for path in self._paths:
            origin = f"file:{path}"
            if self._skip is not None and self._skip(origin):
                self.stats.skip("already done")
                continue
            try:
                body = read_page(path, self._max_bytes)
            except InputError as exc:
                LOG.warning("%s: %s", origin, exc)
                self.stats.errors += 1
                yield RawRecord(None, b"", origin, {}, None, str(exc))
                continue
            self.stats.yielded += 1
            yield RawRecord(None, body, origin)
