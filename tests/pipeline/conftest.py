"""Fixtures of the pipeline tests: WARC files built from real pages, the CLI in-process, and
the real PostgreSQL server (tests/support/postgres.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pipeline_cli import Cli, CliResult
from pipeline_corpus import standard_corpus, write_warc

from support.postgres import pg_database, pg_server, pg_url
from warta.cli import main

__all__ = ["cli", "corpus_warc", "pg_database", "pg_server", "pg_url"]


@pytest.fixture(scope="session")
def corpus_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight real pages, a near-duplicate variant of one and an exact copy of another."""
    return write_warc(tmp_path_factory.mktemp("corpus") / "corpus.warc.gz", standard_corpus())


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
