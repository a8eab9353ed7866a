"""The benchmark metrics on small cases computed by hand."""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.metrics import (
    BodyCounts,
    body_counts,
    body_scores,
    collapse,
    median,
    p95,
    shingles,
    snippet_counts,
    snippet_scores,
    tokenize,
)


def test_tokenize_keeps_unicode_words_and_case_drops_punctuation() -> None:
    assert tokenize("Hello, wörld! it's 3.5 — Jakarta") == [
        "Hello",
        "wörld",
        "it",
        "s",
        "3",
        "5",
        "Jakarta",
    ]
    assert tokenize("東京 café_bar") == ["東京", "café_bar"]


def test_shingles_overlap_and_short_text_gives_one_shorter_shingle() -> None:
    assert shingles(["a", "b", "c", "d", "e"]) == Counter(
        {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    )
    assert shingles(["a", "b"]) == Counter({("a", "b"): 1})
    assert shingles([]) == Counter()


def test_body_counts_extra_shingle_is_false_positive() -> None:
    counts = body_counts("a b c d e", "a b c d")
    # shingles: pred {abcd, bcde}, truth {abcd}: TP 1, FP 1, FN 0, normalised by 2
    assert (counts.tp, counts.fp, counts.fn) == (0.5, 0.5, 0.0)
    assert counts.precision == 0.5
    assert counts.recall == 1.0
    assert not counts.exact


def test_body_counts_are_multisets() -> None:
    # pred shingles: xyzw twice, yzwx, zwxy, wxyz once; truth xyzw once: TP 1, FP 4
    counts = body_counts("x y z w x y z w", "x y z w")
    assert counts.precision == pytest.approx(0.2)
    assert counts.recall == 1.0


def test_body_counts_are_case_sensitive() -> None:
    counts = body_counts("The cat sat down", "the cat sat down")
    assert counts.tp == 0.0
    assert counts.precision == 0.0


def test_empty_prediction_has_no_precision_and_zero_recall() -> None:
    counts = body_counts("", "a b c d e")
    assert counts.precision is None
    assert counts.recall == 0.0
    assert counts.f1 == 0.0


def test_both_empty_is_exact_and_left_out_of_means() -> None:
    counts = body_counts("...", "")
    assert counts == BodyCounts(0.0, 0.0, 0.0, exact=True)
    assert counts.precision is None
    assert counts.recall is None


def test_punctuation_and_spacing_do_not_matter_for_exactness() -> None:
    counts = body_counts("Hello,\n\nworld  again (really)!", "Hello world again really")
    assert counts.exact
    assert (counts.precision, counts.recall) == (1.0, 1.0)


def test_body_scores_mean_over_pages_with_defined_values() -> None:
    pages = [
        body_counts("a b c d e", "a b c d"),  # P 0.5, R 1
        body_counts("", "a b c d e"),  # P undefined, R 0
        body_counts("p q r s t", "p q r s t"),  # P 1, R 1, exact
    ]
    scores = body_scores(pages)
    assert scores.precision == pytest.approx(0.75)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert scores.accuracy == pytest.approx(1 / 3)
    assert scores.pages == 3


def test_collapse_turns_any_whitespace_run_into_one_space() -> None:
    assert collapse("a \n\t b\u00a0\u00a0c") == "a b c"


def test_snippet_counts_collapse_whitespace_and_span_paragraphs() -> None:
    counts = snippet_counts(
        "Hello   world\n\nfoo bar",
        with_=["Hello world", "  foo  bar", "missing"],
        without=["world foo", "nope"],
    )
    assert counts.missing == ("missing",)
    assert counts.leaked == ("world foo",)
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (2, 1, 1, 1)


def test_snippet_counts_are_case_sensitive() -> None:
    counts = snippet_counts("hello world", with_=["Hello world"], without=[])
    assert counts.missing == ("Hello world",)


def test_snippet_scores_are_micro_averaged_over_the_set() -> None:
    pages = [
        snippet_counts("Hello world foo bar", ["Hello world", "foo bar", "zz"], ["world foo", "x"]),
        snippet_counts("", ["a"], ["b"]),
    ]
    scores = snippet_scores(pages)
    assert (scores.tp, scores.fn, scores.fp, scores.tn) == (2, 2, 1, 2)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(4 / 7)
    assert scores.accuracy == pytest.approx(4 / 7)
    assert (scores.with_total, scores.without_total) == (4, 3)


def test_timing_statistics() -> None:
    values = [float(v) for v in range(1, 22)]
    assert median(values) == 11.0
    # inclusive method: position 0.95 * (21 - 1) = 19, i.e. the 20th value
    assert p95(values) == pytest.approx(20.0)
    assert p95([7.0]) == 7.0
    assert median([]) == 0.0


def test_unmatched_spans_locate_extra_text_by_token_runs() -> None:
    from benchmarks.worst import unmatched_spans

    truth = "one two three four five six seven eight"
    prediction = "Menu Home News. one two three four five six seven eight Share this"
    spans = unmatched_spans(prediction, truth)
    assert [prediction[s.start : s.end] for s in spans] == ["Menu Home News", "Share this"]
    assert [s.tokens for s in spans] == [3, 2]
    assert spans[0].where == 0.0
    assert unmatched_spans(truth, prediction) == []


def test_readability_html_is_turned_into_text_with_block_breaks() -> None:
    from benchmarks.extraction import html_to_text

    markup = "<div><p>First<b>bold</b></p><!-- note --><p>Second</p>tail<br>line</div>"
    assert html_to_text(markup) == "Firstbold\nSecond\ntail\nline"
    assert tokenize(html_to_text(markup)) == ["Firstbold", "Second", "tail", "line"]


def test_locate_names_the_smallest_element_holding_a_snippet() -> None:
    from benchmarks.worst import locate
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(
        "<html><head><script>var t = 'Hidden words here';</script></head><body>"
        "<div id='main'><article><p>Real <b>body</b> text</p></article>"
        "<aside class='related box'><ul><li>Read also this</li></ul></aside></div></body></html>"
    )
    assert locate(tree, "Real body text") == "body > div#main > article > p"
    assert locate(tree, "Read  also") == "div#main > aside.related.box > ul > li"
    assert locate(tree, "Hidden words").startswith("(only outside <body>")
    assert locate(tree, "nowhere at all").startswith("(not in the page")


@pytest.mark.parametrize("order", ["page", "tool", "cold"])
def test_every_order_runs_each_tool_once_on_each_page(tmp_path: Path, order: str) -> None:
    import gzip

    from benchmarks.datasets import Page
    from benchmarks.extraction import run_dataset

    pages = []
    for number in range(4):
        path = tmp_path / f"{number}.html.gz"
        path.write_bytes(gzip.compress(f"<p>page {number}</p>".encode()))
        pages.append(Page("set", str(number), None, path, text=f"page {number}"))
    calls: list[tuple[str, bytes]] = []

    def tool(name: str) -> Callable[[bytes, str | None], tuple[str, str]]:
        def run(raw: bytes, url: str | None) -> tuple[str, str]:
            calls.append((name, raw))
            return raw.decode()[3:-4], "ok"

        return run

    runs = run_dataset(pages, {"a": tool("a"), "b": tool("b")}, progress=False, order=order)
    assert [[p.id for p in runs[name].pages] for name in "ab"] == [["0", "1", "2", "3"]] * 2
    assert all(p.body is not None and p.body.exact for name in "ab" for p in runs[name].pages)
    timed = calls[6:]  # after the warm-up: three pages per tool
    interleaved = [name for name, _ in timed] == ["a", "b"] * 4
    assert interleaved is (order == "page")


def test_compare_alternates_the_order_of_each_round() -> None:
    from benchmarks.compare import schedule

    assert schedule(4) == [("base", "head"), ("head", "base"), ("base", "head"), ("head", "base")]


@pytest.mark.parametrize(
    ("pairs", "wins", "verdict"),
    [
        ([(2.0, 1.9), (2.2, 2.0), (2.1, 2.05)], 3, "HEAD is faster in every round"),
        ([(2.0, 2.1), (2.2, 2.3)], 0, "HEAD is slower in every round"),
        (
            [(2.0, 1.9), (2.0, 2.1), (2.0, 2.0)],
            1,
            "within noise: no difference holds in every round",
        ),
    ],
)
def test_compare_summarises_paired_rounds(
    pairs: list[tuple[float, float]], wins: int, verdict: str
) -> None:
    from benchmarks.compare import summarise

    summary = summarise(pairs)
    changes = sorted(head - base for base, head in pairs)
    assert summary.rounds == len(pairs)
    assert summary.head_wins == wins
    assert summary.median_change_ms == pytest.approx(statistics.median(changes))
    assert (summary.smallest_change_ms, summary.largest_change_ms) == (changes[0], changes[-1])
    assert summary.verdict().startswith(verdict)


def test_the_stage_timer_runs_extract_s_stages_on_a_real_page() -> None:
    from benchmarks.stages import STAGES, stage_times

    page = next((Path(__file__).parent / "fixtures").glob("**/*.html"))
    times = stage_times(page.read_bytes(), None)
    assert len(times) == len(STAGES)
    assert all(t >= 0 for t in times) and sum(times) > 0
