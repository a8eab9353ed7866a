"""Where articles go: JSONL, Parquet, and the archive (SQLite by default, or PostgreSQL).

``open_sink(target)`` picks the sink from the target's form; every sink takes batches of
:class:`StoredItem` and reports which input origins it already holds, so a killed run can be
resumed by skipping them. Archives (SQLite, PostgreSQL) also search, fetch and count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warta.errors import ConfigError
from warta.store.base import DUPLICATE, Archive, SearchHit, Sink, StoredItem, content_hash, site_of

__all__ = [
    "DUPLICATE",
    "Archive",
    "SearchHit",
    "Sink",
    "StoredItem",
    "content_hash",
    "open_archive",
    "open_sink",
    "site_of",
]

_POSTGRES = ("postgresql://", "postgres://")
_SQLITE = (".db", ".sqlite", ".sqlite3")
_JSONL = (".jsonl", ".jsonl.gz")


def open_sink(target: str | Path, **options: Any) -> Sink:
    """The sink for ``target``, chosen by its form.

    - ``postgresql://…`` / ``postgres://…``: PostgreSQL archive (options: connect_timeout)
    - ``*.db``, ``*.sqlite``, ``*.sqlite3``: SQLite archive (options: synchronous, timeout)
    - ``*.jsonl``, ``*.jsonl.gz``: JSON Lines (options: fsync, compresslevel)
    - ``*.parquet`` (file) or a ``*.parquet/`` directory: Parquet (options: partition_by,
      compression)
    """
    name = str(target)
    lower = name.lower()
    if lower.startswith(_POSTGRES) or lower.endswith(_SQLITE):
        return open_archive(name, **options)
    if lower.endswith(_JSONL):
        from warta.store.jsonl import JsonlSink

        return JsonlSink(name, **options)
    if lower.rstrip("/").endswith(".parquet"):
        from warta.store.parquet import ParquetSink

        return ParquetSink(name, **options)
    raise ConfigError(
        f"cannot tell what kind of output {name!r} is: use a .db/.sqlite archive, "
        ".jsonl/.jsonl.gz, .parquet, or a postgresql:// URL"
    )


def open_archive(target: str | Path, **options: Any) -> Archive:
    """The archive at ``target``: a ``postgresql://`` URL or a SQLite file (any other path)."""
    name = str(target)
    if name.lower().startswith(_POSTGRES):
        from warta.store.postgres import PostgresArchive

        return PostgresArchive(name, **options)
    from warta.store.sqlite import SqliteArchive

    return SqliteArchive(name, **options)
