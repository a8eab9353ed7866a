"""``warta run`` end to end on real pages, then ``warta search`` and ``warta stats``."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from pipeline_cli import Cli
from pipeline_corpus import EXACT_SOURCE, NEAR_SOURCE, real_pages, standard_corpus, write_warc
from pipeline_plugins import CRASH_MARK, HANG_MARK

from warta import extract
from warta.pipeline.spool import default_work_dir


def processed(db: Path) -> dict[str, tuple[str, str, str | None]]:
    """origin -> (status, reason, duplicate_of)"""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT origin, status, reason, duplicate_of FROM processed")
        return {origin: (status, reason, dup) for origin, status, reason, dup in rows}


def urls_by_status(db: Path) -> dict[str, set[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT p.status, coalesce(a.source_url, p.key) FROM processed AS p "
            "LEFT JOIN articles AS a ON a.origin = p.origin"
        )
        out: dict[str, set[str]] = {}
        for status, url in rows:
            out.setdefault(status, set()).add(url)
        return out


def test_run_archives_extracts_and_deduplicates(
    cli: Cli, corpus_warc: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    result = cli("run", corpus_warc, "--to", db, "--jobs", "2", "--quiet")
    assert result.code == 0, result.err
    assert "ok" in result.err and "pages/s" in result.err  # the summary is always printed

    rows = processed(db)
    assert len(rows) == 10  # every response record ends with a status
    statuses = sorted(status for status, _, _ in rows.values())
    assert statuses.count("duplicate") == 2 and statuses.count("ok") == 8
    dups = {reason.split(" of ")[0]: dup for status, reason, dup in rows.values() if dup}
    pages = {p.note: p for p in standard_corpus() if p.note}
    assert dups["exact duplicate"] == pages[EXACT_SOURCE].url
    assert not (tmp_path / "news.db.work").exists()  # the run's state is gone once it is done

    stats = cli("stats", db, "--json").json_lines()
    assert len(stats) == 1 and stats[0]["articles"] == 8
    assert stats[0]["by_status"] == {"ok": 8, "duplicate": 2}

    hits = cli("search", "Zuckerberg", "--archive", db, "--json").json_lines()
    assert len(hits) == 1  # the near-duplicate copy is not stored twice
    assert {"url", "title", "published"} <= hits[0].keys()
    assert "Zuckerberg" in (hits[0]["title"] or "")


def test_near_duplicate_group_keeps_its_earliest_published(
    cli: Cli, corpus_warc: Path, tmp_path: Path
) -> None:
    # The variant comes after the original in the WARC but is dated a day earlier: it is kept
    # and the original becomes its duplicate. The exact copy is dated as the original and comes
    # after it, so the original is kept there.
    corpus = standard_corpus()
    original, variant = next(p for p in corpus if p.note == NEAR_SOURCE), corpus[-2]
    assert variant.note == "near variant"
    for page in (original, variant):  # the premise: the extractor reads these dates
        assert extract(page.body, page.url).published is not None
    assert extract(variant.body).published < extract(original.body).published  # type: ignore[operator]

    db = tmp_path / "news.db"
    assert cli("run", corpus_warc, "--to", db, "--jobs", "1", "--quiet").code == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT key, reason, duplicate_of FROM processed WHERE reason LIKE 'near%'"
        )
        near = rows.fetchall()
        stored = {key for (key,) in conn.execute("SELECT key FROM articles")}
    assert near == [(original.url, near[0][1], variant.url)]
    assert variant.url in stored and original.url not in stored


def test_same_input_gives_the_same_archive(cli: Cli, corpus_warc: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert cli("run", corpus_warc, "--to", first, "--jobs", "2", "--quiet").code == 0
    assert cli("run", corpus_warc, "--to", second, "--jobs", "1", "--quiet").code == 0
    assert processed(first) == processed(second)


def test_a_second_run_skips_what_is_archived(cli: Cli, corpus_warc: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert cli("run", corpus_warc, "--to", db, "--quiet").code == 0
    before = processed(db)
    again = cli("run", corpus_warc, "--to", db, "--quiet")
    assert again.code == 0
    assert "already in the output" in again.err
    assert processed(db) == before


def test_language_filter_and_jsonl_output(cli: Cli, corpus_warc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli("run", corpus_warc, "--to", out, "--lang", "en", "--quiet", "--no-dedup")
    assert result.code == 0, result.err
    assert "filtered" in result.err
    items = [line for line in out.read_text().splitlines() if line.strip()]
    langs = {__import__("json").loads(line)["lang"] for line in items}
    assert langs <= {"en", None} and len(items) >= 1


def test_no_metadata_runs_keep_the_text_and_leave_the_metadata_out(
    cli: Cli, corpus_warc: Path, tmp_path: Path
) -> None:
    runs = {}
    for name, options in (("full", ()), ("text", ("--no-metadata",))):
        out = tmp_path / f"{name}.jsonl"
        result = cli("run", corpus_warc, "--to", out, "--quiet", "--no-dedup", *options)
        assert result.code == 0, result.err
        items = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
        runs[name] = {item["source_url"]: item for item in items}
    assert runs["full"].keys() == runs["text"].keys() and runs["full"]
    assert any(item["published"] for item in runs["full"].values())
    for url, item in runs["text"].items():
        full = runs["full"][url]
        assert item["text"] == full["text"] and item["lang"] == full["lang"]
        assert item["published"] is None and not item["authors"] and not item["sources"]


def test_run_file_settings(cli: Cli, corpus_warc: Path, tmp_path: Path) -> None:
    config = tmp_path / "run.toml"
    db = tmp_path / "cfg.db"
    config.write_text(
        f'sources = ["{corpus_warc}"]\nto = "{db}"\njobs = 1\nquiet = true\n'
        "near_dup_threshold = 0.99\n"
    )
    assert cli("run", "--config", config).code == 0
    reasons = [reason for _, reason, dup in processed(db).values() if dup]
    assert reasons and all(r.startswith("exact") for r in reasons)  # 0.99: no near duplicate


def test_a_hung_or_crashing_page_is_stopped_and_the_run_goes_on(cli: Cli, tmp_path: Path) -> None:
    pages = real_pages()[:4]
    hang = pages[1].body.replace(b"<head>", b"<head>" + HANG_MARK, 1)
    crash = pages[2].body.replace(b"<head>", b"<head>" + CRASH_MARK, 1)
    assert HANG_MARK in hang and CRASH_MARK in crash
    bad = [pages[0], type(pages[1])(pages[1].url, hang), type(pages[2])(pages[2].url, crash)]
    warc = write_warc(tmp_path / "bad.warc.gz", [*bad, pages[3]])
    config = tmp_path / "run.toml"
    config.write_text('extractor = "pipeline_plugins:misbehaving"\n')
    db = tmp_path / "bad.db"
    result = cli("run", warc, "--to", db, "--config", config, "--timeout", "2", "--jobs", "2", "-q")
    assert result.code == 0, result.err
    rows = sorted(processed(db).items(), key=lambda kv: int(kv[0].rsplit("#", 1)[1]))
    assert [status for _, (status, _, _) in rows] == ["ok", "error", "error", "ok"]
    assert "took longer than 2 s" in rows[1][1][1]
    assert "crashed its worker (exit code 70)" in rows[2][1][1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "/no/such/file.warc.gz", "--to", "{db}"], "nothing could be processed"),
        (["run", "{warc}", "--to", "out.txt"], "cannot tell what kind of output"),
        (["run", "{warc}", "--near-dup-threshold", "3"], "near-dup-threshold"),
        (["stats", "postgresql://nobody@127.0.0.1:1/none"], "warta stats:"),
        (["search", "x", "--archive", "{db}", "--since", "yesterday"], "YYYY-MM-DD"),
    ],
)
def test_errors_are_one_clear_line(
    cli: Cli, corpus_warc: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(warc=corpus_warc, db=tmp_path / "x.db") for a in args]
    result = cli(*filled)
    assert result.code != 0
    assert message in result.err
    assert "Traceback" not in result.err
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("warta ") and message in last


def test_the_bundled_sample_runs(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    result = cli("run", "--sample", "--to", db, "--jobs", "1", "--quiet")
    assert result.code == 0, result.err
    stats = cli("stats", db, "--json").json_lines()[0]
    assert stats["articles"] > 0 and stats["processed"] >= stats["articles"]


def test_default_work_dir_sits_beside_the_output() -> None:
    assert default_work_dir("x/out.db") == Path("x/out.db.work")
    assert "warta" in str(default_work_dir("postgresql://u@h/db"))


def test_filtered_records_are_archived_as_processed(
    cli: Cli, corpus_warc: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    assert cli("run", corpus_warc, "--to", db, "--lang", "en", "--quiet").code == 0
    rows = processed(db)
    filtered = {o: reason for o, (status, reason, _) in rows.items() if status == "filtered"}
    assert len(rows) == 10 and filtered  # every record has its row, the filtered ones too
    assert all(reason.startswith("language ") for reason in filtered.values())
    stats = cli("stats", db, "--json").json_lines()[0]
    assert stats["by_status"]["filtered"] == len(filtered)
    assert stats["articles"] == stats["by_status"].get("ok", 0)

    again = cli("run", corpus_warc, "--to", db, "--lang", "en", "--quiet")
    assert again.code == 0 and processed(db) == rows
    assert re.search(r"already in the output \(skipped\)\D+10\b", again.err), again.err
    assert re.search(r"pages extracted\D+0\b", again.err), again.err  # nothing extracted again
