"""Language identification: accuracy and cost of warta's detector, against the one it replaced.

    python -m benchmarks.language [--baseline-rev ed7432b] [--samples 300,500,1000]
        [--repeat 3] [--misses]

Pages: every page of ``web-eval``, ``id-news`` and ``zyte`` whose manifest gives a ``lang``.
Each detector gets what ``warta.extract`` gives it: the extracted text (or the title, when there
is none) and the page's declared language (``<html lang>``, ``og:locale`` ...); it is scored
with that hint and without it (the pipeline's fallback calls it without). A page is correct when
the answer equals the manifest's ``lang``.

``--baseline-rev`` names a git revision whose ``src/warta/extract/language.py`` is loaded as the
baseline (default: the last py3langid version); it needs py3langid installed. ``--samples`` also
runs the current detector with other sample lengths (its ``SAMPLE_CHARS``). Each call is timed
``--repeat`` times and its fastest time kept (less noise from other work on the machine); the
detectors run one after another on each page, after one warm-up call that loads their models.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import warta
from benchmarks.datasets import DATASETS, data_root
from warta.extract import language
from warta.extract.metadata import read_metadata
from warta.html import decode, parse_html

REPO = Path(__file__).resolve().parents[1]
BASELINE_REV = "ed7432b"  # the last commit whose detector is py3langid's

Detector = Callable[[str, str | None], str | None]


@dataclass(frozen=True, slots=True)
class Case:
    """One page as the detector sees it."""

    dataset: str
    id: str
    lang: str
    text: str
    declared: str | None


@dataclass(slots=True)
class Score:
    name: str
    hits: int = 0
    hits_no_hint: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[tuple[Case, str | None]] = field(default_factory=list)

    def line(self, total: int) -> str:
        mean = statistics.fmean(self.seconds) * 1000
        median = statistics.median(self.seconds) * 1000
        return (
            f"{self.name:<28} {self.hits:>4}/{total} {self.hits / total:7.2%}   "
            f"{self.hits_no_hint:>4}/{total} {self.hits_no_hint / total:7.2%}   "
            f"{mean:8.4f} {median:9.4f}"
        )


def load_cases(root: Path) -> list[Case]:
    """Every page with a known language, with the detector's inputs as extraction gives them."""
    return [case for name in DATASETS for case in _cases(root / name, name)]


def _cases(folder: Path, name: str) -> Iterator[Case]:
    with (folder / "manifest.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records:
        if not record.get("lang"):
            continue
        raw = gzip.decompress((folder / record["html_path"]).read_bytes())
        url = record.get("url") or None
        article = warta.extract(raw, url=url)
        text, _encoding = decode(raw)
        declared = read_metadata(parse_html(text), url=url, crawled_at=None).declared_lang
        yield Case(
            name, str(record["id"]), record["lang"], article.text or article.title or "", declared
        )


def baseline(rev: str) -> ModuleType | None:
    """``language.py`` as committed at ``rev``, loaded as a module of its own."""
    path = "src/warta/extract/language.py"
    shown = subprocess.run(
        ["git", "show", f"{rev}:{path}"], cwd=REPO, capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        raise SystemExit(f"cannot read {path} at {rev}: {shown.stderr.strip()}")
    folder = Path(tempfile.mkdtemp(prefix="warta-language-"))
    source = folder / "baseline_language.py"
    source.write_text(shown.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_language", source)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as error:
        print(f"baseline at {rev} skipped: {error}", file=sys.stderr)
        return None
    return module


def with_sample(chars: int) -> Detector:
    """The current detector reading ``chars`` characters instead of its own sample length."""

    def detect(text: str, declared: str | None) -> str | None:
        saved = language.SAMPLE_CHARS
        language.SAMPLE_CHARS = chars
        try:
            return language.detect_language(text, declared)
        finally:
            language.SAMPLE_CHARS = saved

    return detect


def timed(detect: Detector, case: Case, repeat: int) -> tuple[str | None, float]:
    best = float("inf")
    answer: str | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        answer = detect(case.text, case.declared)
        best = min(best, time.perf_counter() - start)
    return answer, best


def run(cases: list[Case], detectors: dict[str, Detector], repeat: int) -> list[Score]:
    for detect in detectors.values():
        detect("warm-up: the model is loaded here, outside the timed calls", None)
    scores = {name: Score(name) for name in detectors}
    for case in cases:
        for name, detect in detectors.items():
            answer, seconds = timed(detect, case, repeat)
            score = scores[name]
            score.seconds.append(seconds)
            score.hits += answer == case.lang
            score.hits_no_hint += detect(case.text, None) == case.lang
            if answer != case.lang:
                score.misses.append((case, answer))
    return list(scores.values())


def report(cases: list[Case], scores: list[Score], misses: bool) -> None:
    sets = ", ".join(f"{name} {sum(c.dataset == name for c in cases)}" for name in DATASETS)
    langs = sorted({c.lang for c in cases})
    print(f"{len(cases)} pages with a known language ({sets}); {len(langs)} languages")
    print(f"{'detector':<28} {'correct, with hint':>18}   {'without hint':>13}   mean ms median ms")
    for score in scores:
        print(score.line(len(cases)))
    if misses:
        for score in scores:
            print(f"\n{score.name} misses (truth -> answer, declared):")
            for case, answer in score.misses:
                print(f"  {case.dataset}/{case.id}: {case.lang} -> {answer} ({case.declared})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--samples", default="", help="other sample lengths, e.g. 300,500,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    detectors: dict[str, Detector] = {}
    old = baseline(args.baseline_rev) if args.baseline_rev else None
    if old is not None:
        detectors[f"baseline {args.baseline_rev} ({old.SAMPLE_CHARS})"] = old.detect_language
    detectors[f"warta ({language.SAMPLE_CHARS})"] = language.detect_language
    for chars in filter(None, args.samples.split(",")):
        detectors[f"warta, sample {int(chars)}"] = with_sample(int(chars))
    cases = load_cases(data_root())
    report(cases, run(cases, detectors, args.repeat), args.misses)


if __name__ == "__main__":
    main()
