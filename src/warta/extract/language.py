"""The language of a text (py3langid), with the page's declared language as a hint.

py3langid ships its model inside the package: nothing is downloaded. The identifier is built
once per process (about half a second) and cached.

The model is read here with numpy rather than through py3langid's ``rank``, for speed, with
the same numbers to the last bit: its automaton walks the text byte by byte in Python, and its
scores are summed from a float16 table that numpy widens slowly. Here every window of
``MODEL_DEPTH`` bytes is walked at once (the automaton's state after a byte depends on those
bytes alone), and the table is widened through a lookup of all 65,536 float16 values.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 1000  # as accurate as 2,000 on the evaluation pages (99.2%), at 2/3 the cost
SHORT_TEXT = 200  # below this many letters the declared language is trusted over the model
MIN_LETTERS = 12  # below this many letters there is nothing to classify
HINT_PROBABILITY = 0.05  # a declared language this likely or more wins over the top guess
HINT_RANK = 3  # ... when it is among this many best candidates

# ISO 639-2/3 codes and legacy tags that pages declare, mapped to ISO 639-1.
_ALIASES = MappingProxyType(
    {
        "in": "id", "iw": "he", "ji": "yi", "jw": "jv", "ind": "id", "msa": "ms", "may": "ms",
        "zsm": "ms", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
        "por": "pt", "ita": "it", "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ukr": "uk",
        "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "tur": "tr", "vie": "vi",
        "tha": "th", "jav": "jv", "sun": "su", "fil": "tl", "tgl": "tl", "ces": "cs", "cze": "cs",
        "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "nb": "no", "nn": "no", "fin": "fi",
        "hun": "hu", "ron": "ro", "rum": "ro", "ell": "el", "gre": "el", "heb": "he", "hin": "hi",
        "fas": "fa", "per": "fa", "cat": "ca", "slk": "sk", "slo": "sk", "hrv": "hr", "srp": "sr",
        "bul": "bg", "lit": "lt", "lav": "lv", "est": "et", "slv": "sl",
    }
)  # fmt: skip
# The deepest state of the bundled model's automaton, in bytes from its start (its longest
# feature): tests/test_language.py measures it on the model.
MODEL_DEPTH = 6
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def normalise_language(tag: str | None) -> str | None:
    """A declared language tag as an ISO 639-1 code: "en-US" -> "en", "in_ID" -> "id"."""
    if not tag:
        return None
    first = tag.strip().lower().split(",")[0].strip()
    match = _TAG.match(first)
    if not match:
        return None
    code = match.group(1)
    code = _ALIASES.get(code, code)
    return code if len(code) == 2 else None


@cache
def _identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@dataclass(frozen=True, slots=True)
class _Model:
    """The identifier's automaton and weights as numpy arrays (views: nothing is copied but
    the row offsets and the output table)."""

    moves: npt.NDArray[np.uint32]  # next state = moves[row_base[state] + byte]
    row_base: npt.NDArray[np.intp]
    output: npt.NDArray[np.intp]  # state -> feature, or -1
    weights: npt.NDArray[np.uint16]  # feature x class, float16 bits
    widen: npt.NDArray[np.float32]  # float16 bits -> float32 value
    prior: npt.NDArray[np.float32]
    labels: tuple[str, ...]
    aliases: tuple[tuple[int, int], ...]  # (kept, merged) columns of one label


@cache
def _model() -> _Model:
    ident = _identifier()
    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    return _Model(
        moves=np.frombuffer(ident.tk_nextmove, dtype=np.dtype(ident.tk_nextmove.typecode)),
        row_base=np.asarray(ident.tk_row, dtype=np.intp) << 8,
        output=np.asarray(ident.tk_output, dtype=np.intp),
        weights=ident.nb_ptc.view(np.uint16),
        widen=bits.view(np.float16).astype(np.float32),
        prior=ident.nb_pc,
        labels=tuple(ident.nb_classes),
        aliases=tuple(ident._alias_pairs),
    )


def _ranked(sample: str) -> list[tuple[str, float]]:
    """py3langid's ``rank`` of ``sample`` (normalised probabilities, best first)."""
    data = LanguageIdentifier._encode(sample)
    model = _model()
    if len(data) < MODEL_DEPTH:
        return list(_identifier().rank(sample))
    features = _features(data, model)
    if features.size == 0:
        return list(_identifier().rank(sample))
    # Counted in order of first appearance, as py3langid counts them: the sum runs in the same
    # order, and so rounds the same way.
    ids, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    weights = model.widen.take(model.weights.take(ids[order], axis=0))
    scores = np.log1p(counts[order].astype(np.float32)) @ weights + model.prior
    scores *= 1.0 / math.sqrt(len(data))
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for kept, merged in model.aliases:
        scores[kept] += scores[merged]
        scores[merged] = 0.0
    best: dict[str, float] = {}
    for label, score in zip(model.labels, scores.tolist(), strict=True):
        best.setdefault(label, score)
    return heapq.nlargest(HINT_RANK, best.items(), key=lambda item: item[1])


def _features(data: bytes, model: _Model) -> npt.NDArray[np.intp]:
    """The feature each byte of ``data`` ends, where it ends one, in text order."""
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
    head: list[int] = []
    state = 0
    for byte in data[: MODEL_DEPTH - 1]:  # too near the start for a full window
        state = int(model.moves[model.row_base[state] + byte])
        head.append(state)
    windows = len(codes) - MODEL_DEPTH + 1
    states: npt.NDArray[Any] = np.zeros(windows, dtype=np.intp)
    for offset in range(MODEL_DEPTH):
        states = model.moves.take(model.row_base.take(states) + codes[offset : offset + windows])
    found = model.output.take(np.concatenate((np.asarray(head, dtype=np.intp), states)))
    return found[found >= 0]


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The language of ``text`` as an ISO 639-1 code (or the model's own code where there is
    none), using ``declared`` (the page's declared language) as a hint: it wins when it is
    among the model's top candidates, and on texts too short to judge."""
    hint = normalise_language(declared)
    sample = text[:SAMPLE_CHARS]
    letters = len(_NOT_LETTER.sub("", sample))
    if letters < MIN_LETTERS:
        return hint
    if hint and letters < SHORT_TEXT:
        return hint
    ranked = _ranked(sample)[:HINT_RANK]
    if not ranked:
        return hint
    if hint and any(
        _ALIASES.get(code, code) == hint and p >= HINT_PROBABILITY for code, p in ranked
    ):
        return hint
    top = ranked[0][0]
    return _ALIASES.get(top, top)
