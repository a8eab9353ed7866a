"""The language of a text (fastText's lid.176 model), with the page's declared language as a hint.

The model ships inside warta (``warta/data/models/lid.176.ftz``, unmodified; see the README
beside it): nothing is downloaded. It is checked against its SHA-256 and loaded once per process
(about 20 ms), then cached. A damaged model could crash fastText's loader, hence the check.

lid.176 tells Malaysian Malay from Indonesian poorly (it ranks Indonesian first on much Malaysian
news); when both are among its candidates, words that only one of them uses settle it
(``warta/data/lexicons/{ms,id}/language.toml``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

import fasttext  # type: ignore[import-untyped]

from warta import lexicon
from warta.errors import WartaError
from warta.extract.function_words import reads_as

logger = logging.getLogger("warta.extract")

SAMPLE_CHARS = 600  # as accurate as 1,000 on the evaluation pages, and enough to tell ms from id
# The model first reads this much, and the whole sample only where Malay or Indonesian is among
# its candidates or declared (the two need the 600 characters). Its cost grows with its input;
# on the 890 evaluation pages every answer is the same as from the whole sample.
PROBE_CHARS = 300
_NEIGHBOURS = frozenset({"ms", "id"})
# Before that, where a language other than those is declared, this much from the middle of the
# text is read: the declared language's function words (``function_words.reads_as``), or else
# a clear answer of the model that it is that language, settles it (a page that declares its
# language is mostly right, and fastText's cost grows with its input).
CONFIRM_CHARS = 150
CONFIRM_PROBABILITY = 0.5
SHORT_TEXT = 200  # below this many letters the declared language is trusted over the model
MIN_LETTERS = 12  # below this many letters there is nothing to classify
# A declared language wins over the model's top guess when it is among its HINT_RANK best
# candidates with HINT_PROBABILITY or more. lid.176 leaves more weight on runners-up than
# py3langid did: at 0.05, a declared "en" won over clear Tagalog (0.84 against 0.07).
HINT_PROBABILITY = 0.1
HINT_RANK = 3
MARKER_ODDS = 3.0  # each Malay-only (Indonesian-only) word multiplies the odds of ms (id)
MAX_MARKER_MARGIN = 20  # the odds stop growing here (and stay a finite float)

MODEL_PACKAGE = "warta.data"
MODEL_FILE = ("models", "lid.176.ftz")
MODEL_SHA256 = "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"
_MARKERS_TOPIC = "language"  # lexicons/<lang>/language.toml
_LABEL_PREFIX = "__label__"

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
# lid.176's own labels that are not ISO 639-1: members of a macrolanguage that has a 639-1 code
# are given it (as ISO 639-3 does), and "als", Wikipedia's code for Alemannic, gets its ISO code
# (ISO's "als" is Tosk Albanian). Its other 3-letter labels have no 639-1 code and stay as they are.
_MODEL_CODES = MappingProxyType(
    {"arz": "ar", "azb": "az", "ckb": "ku", "yue": "zh", "wuu": "zh", "als": "gsw"}
)
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
_CODE = re.compile(r"^[a-z]{2,3}$")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_WORD = re.compile(r"\w+")


class _Model(Protocol):
    """The part of fasttext-predict's model that warta uses."""

    def predict(self, text: str, k: int = 1) -> tuple[Sequence[str], Sequence[float]]: ...


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


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The language of ``text`` as an ISO 639-1 code (or the model's own 3-letter code where
    there is none), using ``declared`` (the page's declared language) as a hint: it wins when
    the middle of the text clearly reads as it, when it is among the model's top candidates
    for the start of the text, and on texts too short to judge.

    Raises :class:`~warta.errors.WartaError` only when warta's model file is missing or damaged.
    """
    hint = normalise_language(declared)
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, SHORT_TEXT if hint else MIN_LETTERS):
        return hint
    probe = len(sample) > PROBE_CHARS and hint not in _NEIGHBOURS
    if probe and hint:
        middle = _middle(text)
        if reads_as(middle, hint) or _confirms(middle, hint):
            return hint
    ranked = _rank(sample[:PROBE_CHARS] if probe else sample)
    if probe and _NEIGHBOURS.intersection(code for code, _ in ranked):
        ranked = _rank(sample)
    if not ranked:
        return hint
    if hint and any(code == hint and p >= HINT_PROBABILITY for code, p in ranked):
        return hint
    return ranked[0][0]


def _middle(text: str) -> str:
    """``CONFIRM_CHARS`` from the middle of ``text``, whole words: the part of an extracted text
    least likely to be navigation or a footer left in it."""
    start = max(len(text) // 2 - CONFIRM_CHARS // 2, 0)
    space = text.find(" ", start, start + CONFIRM_CHARS // 2)  # none in Chinese or Japanese
    start = space + 1 if space >= 0 else start
    end = text.rfind(" ", start, start + CONFIRM_CHARS)
    return text[start:end] if end > start else text[start : start + CONFIRM_CHARS]


def _confirms(sample: str, hint: str) -> bool:
    """Whether the model, on ``sample``, clearly answers the declared language."""
    ranked = _rank(sample)
    return bool(ranked) and ranked[0][0] == hint and ranked[0][1] >= CONFIRM_PROBABILITY


def _has_letters(sample: str, needed: int) -> bool:
    """Whether ``sample`` holds ``needed`` letters. Prose is mostly letters, so a prefix twice
    that long usually settles it without counting the whole sample."""
    head = len(_NOT_LETTER.sub("", sample[: needed * 2]))
    if head >= needed:
        return True
    return head + len(_NOT_LETTER.sub("", sample[needed * 2 :])) >= needed


def _rank(sample: str) -> list[tuple[str, float]]:
    """The model's best candidates as (code, probability), most likely first."""
    labels, probs = _predict(_model(), sample)
    merged: dict[str, float] = {}  # "zh" and "yue" both become "zh": their weights add up
    for label, prob in zip(labels, probs, strict=False):
        code = label.removeprefix(_LABEL_PREFIX)
        code = _MODEL_CODES.get(code) or _ALIASES.get(code, code)
        if _CODE.match(code):
            merged[code] = merged.get(code, 0.0) + float(prob)
    ranked = sorted(merged.items(), key=lambda item: item[1], reverse=True)
    return _weigh_malay(ranked, sample)


def _predict(model: _Model, sample: str) -> tuple[Sequence[str], Sequence[float]]:
    """fastText's top candidates. It reads one line (a newline is an error), and it takes only
    text that encodes to UTF-8 (a lone surrogate is a TypeError)."""
    line = sample.replace("\n", " ")
    try:
        return model.predict(line, k=HINT_RANK)
    except TypeError:
        line = line.encode("utf-8", "replace").decode("utf-8")
    try:
        return model.predict(line, k=HINT_RANK)
    except (TypeError, ValueError, RuntimeError) as error:  # not expected: the text is unknown
        logger.warning("language identification failed: %r", error)
        return (), ()


def _weigh_malay(ranked: list[tuple[str, float]], sample: str) -> list[tuple[str, float]]:
    """Malay and Indonesian, when both are candidates, reweighed by the words only one uses."""
    codes = [code for code, _ in ranked]
    if "ms" not in codes or "id" not in codes:
        return ranked
    malay, indonesian = _markers()
    words = _WORD.findall(sample.lower())
    margin = sum(w in malay for w in words) - sum(w in indonesian for w in words)
    if margin == 0:
        return ranked
    margin = max(-MAX_MARKER_MARGIN, min(MAX_MARKER_MARGIN, margin))
    probs = dict(ranked)
    pair = probs["ms"] + probs["id"]
    odds = MARKER_ODDS**margin * probs["ms"] / max(probs["id"], 1e-9)
    probs["ms"] = pair * odds / (1 + odds)
    probs["id"] = pair - probs["ms"]
    return sorted(probs.items(), key=lambda item: item[1], reverse=True)


@cache
def _model() -> _Model:
    """lid.176, checked and loaded once per process."""
    resource = resources.files(MODEL_PACKAGE).joinpath(*MODEL_FILE)
    with resources.as_file(resource) as path:
        return load_model(path)


def load_model(path: Path, sha256: str = MODEL_SHA256) -> _Model:
    """The fastText model at ``path``, if its SHA-256 is ``sha256`` (fastText's loader can crash
    the process on a truncated file, so a damaged one must never reach it)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha256:
            raise WartaError(
                f"warta's language model {path} is damaged (SHA-256 {digest}, expected "
                f"{sha256}); reinstall warta."
            )
        model: _Model = fasttext.load_model(str(path))
    except (OSError, ValueError, RuntimeError) as error:
        raise WartaError(
            f"warta's language model could not be loaded ({error}); reinstall warta."
        ) from error
    return model


@cache
def _markers() -> tuple[frozenset[str], frozenset[str]]:
    """Words that only Malay, and only Indonesian, use (lowercase)."""
    return _only_here("ms"), _only_here("id")


def _only_here(lang: str) -> frozenset[str]:
    return frozenset(lexicon.load(lang, _MARKERS_TOPIC).get("only_here", ()))
