"""`warta extract`: files, folders, globs, stdin and URLs, with clear errors and exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warta.cli import main

SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "page.html"
URL = "https://www.techbiz.id/putuskan-huawei-leica-sambut-xiaomi/"


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.html").write_bytes(SEED.read_bytes())
    with gzip.open(folder / "sub" / "seed2.html.gz", "wb") as out:
        out.write(SEED.read_bytes())
    (folder / "notes.txt").write_text("not a page")
    return folder


def test_single_file_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--format", "text", "--url", URL]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Techbiz.id – Hampir setiap flagship")
    assert "Baca juga" not in out


def test_single_file_as_json_carries_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--url", URL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ok"
    assert data["title"] == "Putuskan Huawei, Leica Sambut Xiaomi?"
    assert data["input"] == str(SEED)


def test_no_metadata_leaves_the_metadata_out_and_the_text_as_it_is(
    capsys: pytest.CaptureFixture[str], pages: Path
) -> None:
    assert main(["extract", str(SEED), "--url", URL]) == 0
    full = json.loads(capsys.readouterr().out)
    assert main(["extract", str(pages), "--no-metadata", "--jobs", "2"]) == 0
    text_only = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(text_only) == 2
    assert full["published"] and full["sources"]  # what is left out is there to leave out
    for data in text_only:
        assert data["text"] == full["text"] and data["title"] == full["title"]
        assert data["published"] is None and data["sources"] == [] and data["authors"] == []


def test_folder_in_parallel_into_an_output_folder(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(pages), "--jobs", "2", "--format", "markdown", "-o", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == ["seed.md", "seed2.md"]
    assert "Leica" in (out / "seed2.md").read_text("utf-8")


def test_glob(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(pages / "**" / "*.html.gz"), "--format", "json"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["status"] == "ok"
    assert "1 page in " in captured.err and "1 extracted, 0 failed" in captured.err


def test_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "warta.cli", "extract", "-", "--format", "text"],
        input=SEED.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Abhishek Yadav" in done.stdout.decode("utf-8")


def test_nothing_to_read_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("warta: No HTML pages found")
    assert "Traceback" not in err


def test_broken_gzip_is_reported_and_others_go_on(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert main(["extract", str(pages), "--format", "text"]) == 0
    err = capsys.readouterr().err
    assert "broken.html.gz: The file is not valid gzip" in err
    assert "3 pages" in err and "1 failed" in err


def test_exit_status_is_nonzero_only_when_nothing_worked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "only.html.gz"
    bad.write_bytes(b"not gzip at all")
    assert main(["extract", str(bad)]) == 1
    assert "not valid gzip" in capsys.readouterr().err


def test_private_address_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "http://127.0.0.1:9/story"]) == 1
    err = capsys.readouterr().err
    assert "127.0.0.1" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["extract", "run", "crawl"])
def test_every_help_text_prints(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """argparse formats help with %: a bare % in an option's help would crash --help."""
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "--no-metadata" in capsys.readouterr().out
