"""Fixtures of the pipeline tests: WARC files built from real pages, and the CLI in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pipeline_corpus import standard_corpus, write_warc

from warta.cli import main


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


Cli = Callable[..., CliResult]


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
