"""Run settings from TOML and options, and how sources are cut into shards."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pipeline_cli import Cli
from pipeline_corpus import FIXTURES, standard_corpus, write_warc

from warta.errors import ConfigError
from warta.pipeline import RunConfig, build_config, plan


def test_options_override_the_run_file(tmp_path: Path) -> None:
    toml = tmp_path / "run.toml"
    toml.write_text('[run]\nsources = ["a.warc.gz"]\nlang = "id, ms"\njobs = 3\ntimeout = 5\n')
    config = build_config(toml, jobs=1, langs=None, no_dedup=True)
    assert config.sources == ("a.warc.gz",) and config.langs == ("id", "ms")
    assert config.jobs == 1 and config.timeout == 5 and config.dedup is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 'blue'\n", "unknown run setting"),
        ("timeout = -1\n", "timeout"),
        ("jobs = 'many'\n", "wrong type"),
        ("sources = [\n", "not valid TOML"),
    ],
)
def test_bad_run_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    toml = tmp_path / "run.toml"
    toml.write_text(text)
    with pytest.raises(ConfigError, match=message):
        build_config(toml)


def test_a_missing_run_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        build_config(tmp_path / "none.toml")


def test_metadata_can_be_turned_off_in_a_run_file_or_by_option(tmp_path: Path) -> None:
    toml = tmp_path / "run.toml"
    toml.write_text("metadata = false\n")
    assert build_config(toml).metadata is False
    assert build_config(None, no_metadata=True).metadata is False
    assert build_config(None, no_metadata=None).metadata is True
    # A run without metadata is another output; a default run keeps the key it always had.
    assert "metadata" not in RunConfig(sources=("x",)).fingerprint()
    off = RunConfig(sources=("x",), metadata=False)
    assert off.fingerprint() != RunConfig(sources=("x",)).fingerprint()


def test_fingerprint_ignores_how_a_run_is_executed() -> None:
    a = RunConfig(sources=("x",), jobs=1, timeout=3, quiet=True)
    b = RunConfig(sources=("x",), jobs=4, timeout=9)
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != RunConfig(sources=("x",), langs=("id",)).fingerprint()


def test_folders_become_one_shard_per_archive_and_parts_of_pages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    for n, name in enumerate(sorted(p.name for p in FIXTURES.glob("*.html.gz"))):
        (folder / f"{n}.html").write_bytes(gzip.decompress((FIXTURES / name).read_bytes()))
    write_warc(folder / "deep" / "b.warc.gz", standard_corpus()[:2])
    write_warc(folder / "a.warc.gz", standard_corpus()[:2])
    shards = plan([str(folder)], part_size=3)
    kinds = [(s.kind, Path(s.spec).name, s.part) for s in shards]
    assert kinds == [
        ("warc", "a.warc.gz", 0),
        ("warc", "b.warc.gz", 0),
        ("files", "in", 0),
        ("files", "in", 1),
        ("files", "in", 2),
    ]
    assert [s.index for s in shards] == list(range(5))
    assert len({s.id for s in shards}) == 5


def test_a_folder_run_reads_every_part(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in sorted(p.name for p in FIXTURES.glob("*.html.gz")):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())  # gzipped pages are read too
    toml = tmp_path / "run.toml"
    toml.write_text("part_size = 3\njobs = 1\nquiet = true\n")
    db = tmp_path / "folder.db"
    result = cli("run", folder, "--to", db, "--config", toml)
    assert result.code == 0, result.err
    stats = cli("stats", db, "--json").json_lines()[0]
    assert stats["processed"] == 8 and stats["by_status"].get("ok", 0) >= 6
