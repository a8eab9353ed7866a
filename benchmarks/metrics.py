"""The evaluation metrics, exactly as ``shared/data/README.md`` defines them.

Body metric (the article-extraction-benchmark one): tokens are the matches of ``\\w+`` (Unicode,
case-sensitive); each text becomes a multiset of overlapping 4-token shingles (fewer than 4 tokens
give one shorter shingle, no tokens give none); per page TP/FP/FN are counted over the multisets
and divided by TP+FP+FN; precision is the mean of TP/(TP+FP) over pages with TP+FP > 0, recall the
mean of TP/(TP+FN) over pages with TP+FN > 0, F1 their harmonic mean, accuracy the share of pages
whose token lists are equal.

Snippet metric: each ``with`` snippet found in the output is a TP (else FN), each ``without``
snippet found is an FP (else TN); precision, recall, F1 and accuracy ((TP+TN)/all) are computed
over the whole set. Output and snippets are compared with whitespace collapsed to single spaces;
snippets are also stripped, so that a snippet annotated with a stray leading space still matches
at the very start of the output.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE = 4
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def tokenize(text: str) -> list[str]:
    """All ``\\w+`` matches; ``str`` patterns are Unicode-aware and case-sensitive by default."""
    return _TOKEN.findall(text)


def token_matches(text: str) -> list[re.Match[str]]:
    """The tokens with their character offsets, for showing where texts differ."""
    return list(_TOKEN.finditer(text))


def shingles(tokens: Sequence[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of overlapping n-token shingles; a short text is one shorter shingle."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class BodyCounts:
    """One page's shingle TP/FP/FN, each divided by TP+FP+FN so every page weighs the same."""

    tp: float
    fp: float
    fn: float
    exact: bool  # the token lists of prediction and truth are equal

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP), or None when the page predicted nothing (it is left out of the mean)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN), or None when the truth is empty (it is left out of the mean)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        return harmonic(self.precision or 0.0, self.recall or 0.0)


def body_counts(prediction: str, truth: str) -> BodyCounts:
    """Compare one page's extracted text with its ground-truth body."""
    pred_tokens, true_tokens = tokenize(prediction), tokenize(truth)
    pred, true = shingles(pred_tokens), shingles(true_tokens)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    exact = pred_tokens == true_tokens
    if total == 0:
        return BodyCounts(0.0, 0.0, 0.0, exact)
    return BodyCounts(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class BodyScores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def body_scores(pages: Sequence[BodyCounts]) -> BodyScores:
    """Means over pages as the README defines them."""
    precision = _mean(c.precision for c in pages)
    recall = _mean(c.recall for c in pages)
    accuracy = sum(c.exact for c in pages) / len(pages) if pages else 0.0
    return BodyScores(precision, recall, harmonic(precision, recall), accuracy, len(pages))


def collapse(text: str) -> str:
    """Whitespace runs (any Unicode whitespace, NBSP included) become one space."""
    return _SPACE.sub(" ", text)


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """One page's snippet outcome, with the snippets that went wrong."""

    missing: tuple[str, ...]  # ``with`` snippets not found (FN)
    leaked: tuple[str, ...]  # ``without`` snippets found (FP)
    with_total: int
    without_total: int

    @property
    def tp(self) -> int:
        return self.with_total - len(self.missing)

    @property
    def fn(self) -> int:
        return len(self.missing)

    @property
    def fp(self) -> int:
        return len(self.leaked)

    @property
    def tn(self) -> int:
        return self.without_total - len(self.leaked)

    @property
    def errors(self) -> int:
        return self.fn + self.fp


def snippet_counts(prediction: str, with_: Sequence[str], without: Sequence[str]) -> SnippetCounts:
    """Which expected snippets the output lacks and which unwanted ones it contains."""
    text = collapse(prediction)
    missing = tuple(s for s in with_ if collapse(s).strip() not in text)
    leaked = tuple(s for s in without if collapse(s).strip() in text)
    return SnippetCounts(missing, leaked, len(with_), len(without))


@dataclass(frozen=True, slots=True)
class SnippetScores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    tp: int
    fn: int
    fp: int
    tn: int
    pages: int

    @property
    def with_total(self) -> int:
        return self.tp + self.fn

    @property
    def without_total(self) -> int:
        return self.fp + self.tn


def snippet_scores(pages: Sequence[SnippetCounts]) -> SnippetScores:
    """Micro-averaged over every snippet of the set."""
    tp = sum(c.tp for c in pages)
    fn = sum(c.fn for c in pages)
    fp = sum(c.fp for c in pages)
    tn = sum(c.tn for c in pages)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fn + fp + tn
    accuracy = (tp + tn) / total if total else 0.0
    f1 = harmonic(precision, recall)
    return SnippetScores(precision, recall, f1, accuracy, tp, fn, fp, tn, len(pages))


def harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def p95(values: Sequence[float]) -> float:
    """95th percentile, linear interpolation between order statistics (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def _mean(values: Iterable[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else 0.0
