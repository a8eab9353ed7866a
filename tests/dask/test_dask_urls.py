"""A URL list is cut into chunks, one task each, and gives what the local engine gives."""

from __future__ import annotations

from pathlib import Path

from dask_corpus import archive_rows
from pipeline_corpus import real_pages

from support.httpserver import LoopbackServer
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_engine import DaskExecutor
from warta.pipeline.dask_plan import cluster_shards
from warta.pipeline.executor import LocalExecutor
from warta.pipeline.shards import plan
from warta.store import open_sink

HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_chunks_keep_order_and_leave_other_shards_alone(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("# news\nhttps://a.example/1\n\nhttps://a.example/2\nhttps://b.example/3\n")
    other = tmp_path / "page.html"
    other.write_text("<html><body><p>x</p></body></html>")
    shards = cluster_shards(plan([str(other), str(urls)], 2), 2, tmp_path / "inputs")
    assert [(s.index, s.kind) for s in shards] == [(0, "files"), (1, "urls"), (2, "urls")]
    assert Path(shards[1].spec).read_text() == "https://a.example/1\nhttps://a.example/2\n"
    assert Path(shards[2].spec).read_text() == "https://b.example/3\n"
    assert cluster_shards(plan([str(urls)], 5), 5, tmp_path / "inputs")[0].spec == str(urls)


def test_a_url_list_on_dask_gives_the_local_result(scheduler: str, tmp_path: Path) -> None:
    pages = real_pages()[:4]
    with LoopbackServer() as server:
        for n, page in enumerate(pages):
            server.add(f"/news/{n}.html", page.body, headers=HTML)
        # Two hosts, so the fetcher's per-host pause costs little.
        hosts = ["127.0.0.1", "localhost"]
        lines = [server.url(f"/news/{n}.html", host=hosts[n % 2]) for n in range(4)]
        listing = tmp_path / "urls.txt"
        listing.write_text("# four stories\n" + "\n".join(lines) + "\n")

        def config(db: Path) -> RunConfig:
            return RunConfig(
                sources=(str(listing),), target=str(db), part_size=2, jobs=1, allow_private=True
            )

        local = config(tmp_path / "local.db")
        with open_sink(local.target) as sink:
            assert LocalExecutor(local, sink).run(plan(local.sources, 2)).shards == 1
        cluster = config(tmp_path / "dask.db")
        with open_sink(cluster.target) as sink:
            executor = DaskExecutor(cluster, sink, scheduler=scheduler)
            assert executor.run(plan(cluster.sources, 2)).shards == 2
    # Everything but the fetch times, which are when each run fetched the pages.
    expected = archive_rows(tmp_path / "local.db", skip=("crawled_at",))
    assert [row[1] for row in expected["processed"]] == ["ok"] * 4
    assert archive_rows(tmp_path / "dask.db", skip=("crawled_at",)) == expected
