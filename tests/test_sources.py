"""Attributed sources in article text, in several languages, and the outlets list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warta.article import Source
from warta.errors import ConfigError
from warta.extract.metadata import analyse_body
from warta.extract.outlets import load_outlets
from warta.extract.sources import find_sources

SEED = Path(__file__).parent / "fixtures" / "metadata" / "seed_techbiz.txt"
PUBLISHED = date(2021, 5, 17)


def _sources(text: str, lang: str) -> list[tuple[str, str, str | None]]:
    found = analyse_body(text, lang=lang, published=PUBLISHED, site_name=None).sources
    return [(s.name, s.kind, s.domain) for s in found]


def test_seed_page_sources_are_exactly_gizmochina_and_the_leaker() -> None:
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("Techbiz.id –") : text.index("Terkait")]
    found = analyse_body(body, lang="id", published=PUBLISHED, site_name="Techbiz.id").sources
    assert [(s.name, s.kind) for s in found] == [
        ("Gizmochina", "outlet"),
        ("Abhishek Yadav", "person"),
    ]
    gizmochina, leaker = found
    assert gizmochina.domain == "gizmochina.com"
    assert gizmochina.date == date(2021, 5, 16)
    assert gizmochina.cue == "seperti dilansir dari"
    assert leaker.cue == "menunjukkan bahwa"
    for source in found:
        assert body[source.span[0] : source.span[1]] == source.name


SENTENCES = [
    ("id", "Harga minyak naik, menurut Reuters.", [("Reuters", "outlet", "reuters.com")]),
    ("id", "Menurut Badan Pusat Statistik (BPS), inflasi 0,32 persen.",
     [("Badan Pusat Statistik", "organisation", None)]),
    ("id", "Hal itu dikutip dari Kompas.com kemarin.", [("Kompas.com", "outlet", "kompas.com")]),
    ("id", "Mengutip The Verge, ponsel itu dirilis bulan depan.",
     [("The Verge", "outlet", "theverge.com")]),
    ("id", "\"Kami optimistis,\" kata Pratikno.", [("Pratikno", "person", None)]),
    ("id", "Analis Ming-Chi Kuo mengatakan iPhone baru akan hadir.",
     [("Ming-Chi Kuo", "person", None)]),
    ("id", "Huawei mengatakan bahwa penjualan naik.", []),  # a subject, not an attribution
    ("id", "Sumber: Pemerintah Kota Cekmekoy",
     [("Pemerintah Kota Cekmekoy", "organisation", None)]),
    ("ms", "Kerajaan akan menaikkan gaji, menurut laporan Bernama.",
     [("Bernama", "outlet", "bernama.com")]),
    ("ms", "Memetik laporan The Star, menteri itu berkata demikian.",
     [("The Star", "outlet", "thestar.com.my")]),
    ("en", "The company plans to cut jobs, according to Bloomberg.",
     [("Bloomberg", "outlet", "bloomberg.com")]),
    ("en", "Analyst Ming-Chi Kuo said the phone would launch in May.",
     [("Ming-Chi Kuo", "person", None)]),
    ("en", "The phone launches in May, as reported by The Verge.",
     [("The Verge", "outlet", "theverge.com")]),
    ("en", "He told CNBC it was true.", [("CNBC", "outlet", "cnbc.com")]),
    ("en", "He told Smith it was true.", []),  # "told" counts for known outlets only
    ("en", "Apple reported record revenue.", []),  # "reported" is not always a citation
    ("en", "Officials said nothing. He said so.", []),
    ("en", "The Information reported that Google is working on a chip.",
     [("The Information", "outlet", "theinformation.com")]),
    ("de", "Die Regierung plant neue Regeln, berichtet der Spiegel.",
     [("Spiegel", "outlet", "spiegel.de")]),
    ("de", "\"Das ist gut\", sagte Olaf Scholz.", [("Olaf Scholz", "person", None)]),
    ("de", "Laut Bundesministerium für Gesundheit steigen die Zahlen.",
     [("Bundesministerium für Gesundheit", "organisation", None)]),
    ("fr", "Selon Le Monde, le gouvernement va annoncer des mesures.",
     [("Le Monde", "outlet", "lemonde.fr")]),
    ("es", "Según El País, el Gobierno aprobará la ley.", [("El País", "outlet", "elpais.com")]),
    ("pt", "De acordo com a Folha de S.Paulo, o governo vai cortar gastos.",
     [("Folha de S.Paulo", "outlet", "folha.uol.com.br")]),
    ("pt", "Segundo o ministro Fernando Haddad, a meta será cumprida.",
     [("Fernando Haddad", "person", None)]),
    ("it", "Secondo il Corriere della Sera, il governo è pronto.",
     [("Corriere della Sera", "outlet", "corriere.it")]),
    ("nl", "Volgens de NOS is het kabinet gevallen.", [("NOS", "outlet", "nos.nl")]),
    ("pl", "Jak podaje PAP, premier spotkał się z ministrami.", [("PAP", "outlet", "pap.pl")]),
    # precision: what must not become a source
    ("en", "The Minister of Energy and Mineral Resources Sudirman Said will meet.", []),
    ("en", "The Alliance of Motion Picture and Television Producers said on Monday.", []),
    ("en", "Funds come via a standard account, in the second tempo.", []),
    ("en", "according to Nine News.\nRestaurants reopened.", [("Nine News", "outlet", None)]),
    ("en", "Travis County Democratic Party Chair Katie Naranjo said the seat is open.",
     [("Katie Naranjo", "person", None)]),
    ("de", "Es sei gut, sagt der Virologe. «Weil es dort so ist.»", []),
    ("de", "Laut Zahlen der Deutschen Automobil Treuhand nutzen viele Kredite.", []),
    ("de", "Das schreibt die Abgasnorm Euro 6 vor, berichtet das Team.", []),
    ("de", "Josef Settele forscht. „Es ist so“, sagt Settele.", [("Settele", "person", None)]),
    ("de", "„Es ist so“, sagt Settele.", []),  # one word, never named in full before
    ("de", "„Es ist so“, sagt Diözesancaritasdirektor Heinz-Josef Kessmann.",
     [("Heinz-Josef Kessmann", "person", None)]),
    ("pt", "Durante o encontro, o Ministro da Defesa afirmou que nada mudou.", []),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "expected"), SENTENCES)
def test_sources_in_sentences(
    lang: str, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _sources(text, lang) == expected


def test_linked_attribution_gets_the_url() -> None:
    text = "Seperti dilansir dari Gizchina, kontrak berakhir."
    offset = text.index("Gizchina")
    links = [("Gizchina", "https://www.gizchina.com/2021/05/15/leica/", offset)]
    (source,) = analyse_body(
        text, lang="id", published=PUBLISHED, site_name=None, links=links
    ).sources
    assert source == Source(
        "Gizchina", "outlet", links[0][1], None, (offset, offset + 8), "Seperti dilansir dari",
        "gizchina.com",
    )  # fmt: skip


def test_unknown_outlet_takes_its_domain_from_the_link() -> None:
    text = "Dilansir dari Gadgetmatch, harga ponsel turun."
    offset = text.index("Gadgetmatch")
    links = [("Gadgetmatch", "https://www.gadgetmatch.com/x", offset)]
    (source,) = find_sources(text, lang="id", links=links)
    assert (source.kind, source.domain) == ("outlet", "gadgetmatch.com")


def test_name_written_as_a_domain_is_an_outlet() -> None:
    (source,) = find_sources("Dilansir dari androidpolice.com, ponsel itu laris.", lang="id")
    assert (source.name, source.kind, source.domain) == (
        "androidpolice.com", "outlet", "androidpolice.com"
    )  # fmt: skip


def test_each_source_is_reported_once() -> None:
    text = "Menurut Reuters, harga naik. Dilansir dari Reuters (16/5), harga turun lagi."
    found = analyse_body(text, lang="id", published=PUBLISHED, site_name=None).sources
    assert [s.name for s in found] == ["Reuters"]
    assert found[0].date == date(2021, 5, 16)  # filled in from the later mention


def test_unknown_language_uses_every_lexicon() -> None:
    assert _sources("Selon Le Monde, tout va bien.", "") == [("Le Monde", "outlet", "lemonde.fr")]


def test_outlets_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "outlets.toml"
    extra.write_text('[outlets]\n"Warta Harian Contoh" = "contoh.example"\n', encoding="utf-8")
    monkeypatch.setenv("WARTA_OUTLETS", str(extra))
    assert load_outlets().domain_of("Warta Harian Contoh") == "contoh.example"
    assert load_outlets().domain_of("Reuters") == "reuters.com"  # built-ins stay


def test_outlets_file_from_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARTA_OUTLETS", raising=False)
    extra = tmp_path / "mine.toml"
    extra.write_text('[outlets]\n"Reuters" = "reuters.example"\n', encoding="utf-8")
    assert load_outlets(extra).domain_of("reuters") == "reuters.example"  # the user's wins
    assert load_outlets().domain_of("reuters") == "reuters.com"


def test_broken_outlets_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[outlets]\nname = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_outlets(bad)
    with pytest.raises(ConfigError):
        load_outlets(tmp_path / "missing.toml")


def test_builtin_outlets_are_many_and_cover_the_region() -> None:
    outlets = load_outlets()
    assert len(outlets.by_key) >= 300
    for name in ("Gizmochina", "Gizchina", "Reuters", "AP", "AFP", "Bloomberg", "The Verge",
                 "Kompas.com", "detikcom", "CNN Indonesia", "Antara", "Tempo", "Bernama",
                 "The Star", "Malay Mail"):  # fmt: skip
        assert outlets.domain_of(name), name
