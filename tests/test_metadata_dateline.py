"""Datelines: the place and publisher that open a story, in several conventions."""

from __future__ import annotations

import pytest

from warta.article import Dateline
from warta.extract.dateline import find_dateline

DATELINES = [
    ("JAKARTA, KOMPAS.com - Harga minyak naik.",
     Dateline("JAKARTA, KOMPAS.com -", "JAKARTA", "KOMPAS.com")),
    ("Techbiz.id – Hampir setiap flagship memiliki kamera.",
     Dateline("Techbiz.id –", None, "Techbiz.id")),
    ("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -- Pemerintah kota Cekmekoy.",
     Dateline("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --", "ISTANBUL",
              "Antara/PRNewswire")),
    ("WASHINGTON (Reuters) - The U.S. Senate voted.",
     Dateline("WASHINGTON (Reuters) -", "WASHINGTON", "Reuters")),
    ("KUALA LUMPUR, Nov 22 — Private companies did not pay.",
     Dateline("KUALA LUMPUR, Nov 22 —", "KUALA LUMPUR", None)),
    ("KUCHING, Oct 9 \u00ad— Political analysts have opined.",
     Dateline("KUCHING, Oct 9 \u00ad—", "KUCHING", None)),
    ("TEMPO.CO, Jakarta - Pratikno said.", Dateline("TEMPO.CO, Jakarta -", "Jakarta", "TEMPO.CO")),
    ("IHRAM.CO.ID, BANJARMASIN -- Jamaah haji.",
     Dateline("IHRAM.CO.ID, BANJARMASIN --", "BANJARMASIN", "IHRAM.CO.ID")),
    ("Liputan6.com, Jakarta London Love Story tembus.",
     Dateline("Liputan6.com, Jakarta", "Jakarta", "Liputan6.com")),
    ("Jakarta, KompasOtomotif – Gaikindo menilai positif.",
     Dateline("Jakarta, KompasOtomotif –", "Jakarta", "KompasOtomotif")),
    ("Jakarta (ANTARA) - Presiden meresmikan.",
     Dateline("Jakarta (ANTARA) -", "Jakarta", "ANTARA")),
    ("SÃO PAULO - O governo vai cortar gastos.", Dateline("SÃO PAULO -", "SÃO PAULO", None)),
    ("Photo caption here\nBERLIN (dpa) - Die Regierung plant.",
     Dateline("BERLIN (dpa) -", "BERLIN", "dpa")),
]  # fmt: skip

NOT_DATELINES = [
    "Hampir setiap flagship memiliki kamera yang bagus.",
    "COVID-19 cases rose again - officials say.",
    "Apple - the company - said nothing.",
    "",
    "Menurut laporan - yang belum dikonfirmasi - harga naik.",
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(text: str, expected: Dateline) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_site_name_makes_a_plain_word_a_publisher() -> None:
    found = find_dateline("Selular – Operator seluler menaikkan tarif.", site_name="Selular")
    assert found == Dateline("Selular –", None, "Selular")
