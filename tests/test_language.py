"""Language detection with the declared language as a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.extract.language import detect_language, normalise_language

SEED = Path(__file__).parent / "fixtures" / "metadata" / "seed_techbiz.txt"

MALAY = (
    "Kerajaan akan mengumumkan bajet baharu pada minggu hadapan, kata menteri kewangan. "
    "Beliau berkata peruntukan untuk pendidikan dan kesihatan akan ditambah tahun ini."
)
# Malay the model is less sure of: Indonesian stays among its top candidates.
NEAR_INDONESIAN = (
    "Harga minyak dunia naik pada hari Isnin selepas pengeluar utama bersetuju mengurangkan "
    "pengeluaran, menurut laporan agensi berita. Pasaran saham Asia juga dibuka tinggi. "
    "Polis sedang menyiasat kejadian itu dan orang ramai diminta memberikan maklumat."
)


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("id_ID", "id"), ("in-ID", "id"), ("ind", "id"), ("zsm", "ms"),
     ("DE", "de"), ("pt-BR", "pt"), ("fr, en", "fr"), ("", None), (None, None),
     ("english", None), ("x-klingon", None)],
)  # fmt: skip
def test_normalise_language(tag: str | None, code: str | None) -> None:
    assert normalise_language(tag) == code


def test_detects_indonesian_seed_page() -> None:
    assert detect_language(SEED.read_text(encoding="utf-8")) == "id"


def test_detects_common_languages() -> None:
    assert (
        detect_language("The government announced a new budget on Monday, officials said.") == "en"
    )
    assert detect_language("Die Regierung hat am Montag einen neuen Haushalt vorgestellt.") == "de"
    assert (
        detect_language("Le gouvernement a présenté lundi un nouveau budget pour l'année.") == "fr"
    )


def test_declared_language_breaks_id_ms_confusion() -> None:
    assert detect_language(NEAR_INDONESIAN) == "ms"
    assert detect_language(NEAR_INDONESIAN, declared="id-ID") == "id"  # a top candidate
    assert detect_language(MALAY * 3, declared="id") == "ms"  # too unlikely to be Indonesian


def test_declared_language_is_ignored_when_text_clearly_disagrees() -> None:
    text = "The government announced a new budget on Monday, officials said. " * 5
    assert detect_language(text, declared="id") == "en"


def test_short_text_trusts_declared() -> None:
    assert detect_language("Harga naik lagi", declared="ms") == "ms"
    assert detect_language("", declared="en") == "en"
    assert detect_language("   ") is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = "Das ist ein deutscher Satz über Politik und Wirtschaft. " * 40 + "English " * 5000
    assert detect_language(text) == "de"
