"""Sources of raw pages: files, URL lists, WARC/ARC files, feeds, sitemaps and the web."""

from warta.ingest.record import RawRecord

__all__ = ["RawRecord"]
