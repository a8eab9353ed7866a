"""One exception hierarchy. Other libraries' errors are translated into these where they enter."""

from __future__ import annotations


class WartaError(Exception):
    """Base of every error warta raises on purpose. Its message is a sentence for a person."""


class ParseError(WartaError):
    """Markup could not be parsed into a document."""


class InputError(WartaError):
    """An input (file, URL, WARC, feed) could not be read."""


class FetchError(InputError):
    """A URL could not be fetched: network fault, refusal, limit exceeded or disallowed address."""


class StoreError(WartaError):
    """An archive or output could not be written or read."""


class ConfigError(WartaError):
    """A run's options or configuration file are not valid."""
