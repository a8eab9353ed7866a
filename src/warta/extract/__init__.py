"""Extraction: main content, inline boilerplate, related links, metadata, dates and sources."""

from warta.extract.core import extract

__all__ = ["extract"]
