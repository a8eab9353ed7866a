"""Language detection (fastText's lid.176, shipped with warta), the declared language a hint."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.errors import WartaError
from warta.extract import language
from warta.extract.language import detect_language, load_model, normalise_language

SEED = Path(__file__).parent / "fixtures" / "metadata" / "seed_techbiz.txt"
CODE = re.compile(r"^[a-z]{2,3}$")

# News-style sentences written for these tests, one per language.
SENTENCES = {
    "id": "Pemerintah Indonesia akan menaikkan harga bahan bakar minyak mulai pekan depan, kata "
    "Menteri Keuangan kepada wartawan di Jakarta, Senin. Menurut dia, kebijakan itu diambil "
    "karena beban subsidi terus membengkak.",
    "ms": "Kerajaan Malaysia akan mengumumkan bajet baharu pada Jumaat ini, kata Menteri Kewangan "
    "kepada pemberita di Putrajaya. Beliau berkata peruntukan untuk pendidikan dan kesihatan akan "
    "ditambah kerana keperluan rakyat semakin meningkat.",
    "en": "The central bank raised interest rates for the third time this year on Thursday, "
    "saying inflation had stayed higher than expected and that further increases could not be "
    "ruled out.",
    "de": "Die Bundesregierung will die Förderung für Elektroautos im kommenden Jahr deutlich "
    "kürzen, wie das Wirtschaftsministerium am Donnerstag in Berlin mitteilte.",
    "fr": "Le gouvernement a annoncé jeudi une hausse du salaire minimum à partir du mois "
    "prochain, une mesure réclamée depuis longtemps par les syndicats.",
    "es": "El Gobierno aprobó este martes un nuevo plan de ayudas para los agricultores afectados "
    "por la sequía, que recibirán los primeros pagos antes del verano.",
    "pt": "O governo anunciou nesta quarta-feira um novo programa de habitação para famílias de "
    "baixa renda, com investimentos previstos em todas as regiões do país.",
    "it": "Il governo ha approvato ieri sera il decreto sulle bollette, che prevede nuovi aiuti "
    "per le famiglie e le imprese colpite dall'aumento dei prezzi dell'energia.",
    "nl": "Het kabinet wil volgend jaar extra geld uittrekken voor de bouw van betaalbare "
    "huurwoningen, zo maakte de minister dinsdag bekend in Den Haag.",
    "pl": "Rząd przyjął we wtorek projekt ustawy o podwyżkach dla nauczycieli, które mają wejść w "
    "życie od początku przyszłego roku szkolnego.",
    "ja": "政府は木曜日、来年度から子育て世帯への給付金を拡充する方針を発表した。"
    "対象となる世帯は全国で約三百万に上る見込みだ。",
    "zh": "国家统计局周一公布的数据显示，今年第三季度国内生产总值同比增长百分之四点九，"
    "消费和服务业继续恢复。",
    "ar": "أعلنت الحكومة يوم الخميس عن خطة جديدة لدعم المزارعين المتضررين من الجفاف، على أن "
    "تبدأ المدفوعات الأولى قبل نهاية الشهر المقبل.",
    "ru": "Правительство в четверг одобрило новый план поддержки фермеров, пострадавших от "
    "засухи, первые выплаты начнутся уже в следующем месяце.",
}

# Malaysian news that lid.176 alone calls Indonesian: the Malay-only words settle it.
MALAY_NEWS = (
    "Polis sedang menyiasat kejadian itu dan orang ramai diminta menghubungi balai polis "
    "berhampiran. Menurut jurucakap polis, mangsa yang cedera dihantar ke hospital untuk rawatan "
    "dan keadaannya dilaporkan stabil. Siasatan awal mendapati pemandu kenderaan itu hilang "
    "kawalan sebelum merempuh pembahagi jalan pada pukul 8 pagi Isnin lalu."
)
# Malay with none of the marker words: lid.176's answer stands, and a declared language decides.
CLOSE_CALL = (
    "Pasukan bola sepak negara akan bertemu dengan pasukan dari Thailand dalam perlawanan akhir "
    "yang akan berlangsung di stadium utama minggu depan. Jurulatih pasukan itu yakin para pemain "
    "sudah bersedia sepenuhnya untuk menghadapi lawan yang kuat itu."
)


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("id_ID", "id"), ("in-ID", "id"), ("ind", "id"), ("zsm", "ms"),
     ("DE", "de"), ("pt-BR", "pt"), ("fr, en", "fr"), ("", None), (None, None),
     ("english", None), ("x-klingon", None)],
)  # fmt: skip
def test_normalise_language(tag: str | None, code: str | None) -> None:
    assert normalise_language(tag) == code


@pytest.mark.parametrize(("code", "text"), sorted(SENTENCES.items()), ids=sorted(SENTENCES))
def test_detects_each_language(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_detects_indonesian_seed_page() -> None:
    assert detect_language(SEED.read_text(encoding="utf-8")) == "id"


def test_malay_words_correct_the_models_indonesian_guess() -> None:
    labels, _probs = language._predict(language._model(), MALAY_NEWS)
    assert labels[0] == "__label__id"  # why the marker words exist
    assert detect_language(MALAY_NEWS) == "ms"
    assert detect_language(MALAY_NEWS, declared="id") == "ms"  # too unlikely to be Indonesian


def test_malay_or_indonesian_among_the_first_guesses_means_the_whole_sample_is_read() -> None:
    opening = CLOSE_CALL + " Mereka berharap dapat membawa pulang piala itu. "  # no marker word
    text = opening + MALAY_NEWS  # its marker words come after the model's first read
    assert len(opening) >= language.PROBE_CHARS - 10
    assert detect_language(text[: language.PROBE_CHARS]) == "id"
    assert detect_language(text) == "ms"


def test_indonesian_stays_indonesian_even_when_declared_malay() -> None:
    assert detect_language(SENTENCES["id"] * 2, declared="ms") == "id"


def test_model_codes_become_iso_639_1() -> None:
    cantonese = "佢哋話今日落雨，我哋唔好出街喇，喺屋企食飯啦，你覺得點呀？我都唔知道佢幾時返嚟。"
    labels, _probs = language._predict(language._model(), cantonese)
    assert labels[0] == "__label__yue"
    assert detect_language(cantonese) == "zh"  # Cantonese is part of the Chinese macrolanguage


def test_declared_language_decides_a_close_call() -> None:
    assert detect_language(CLOSE_CALL, declared="ms") == "ms"
    assert detect_language(CLOSE_CALL, declared="id-ID") == "id"
    assert detect_language(CLOSE_CALL, declared="en") in {"id", "ms"}  # not a candidate


def test_declared_language_is_ignored_when_text_clearly_disagrees() -> None:
    text = "The government announced a new budget on Monday, officials said. " * 5
    assert detect_language(text, declared="id") == "en"
    assert detect_language(SENTENCES["de"] * 3, declared="en-US") == "de"


def test_short_text_trusts_declared() -> None:
    assert detect_language("Harga naik lagi", declared="ms") == "ms"
    assert detect_language(SENTENCES["en"][:150], declared="de") == "de"
    assert detect_language("", declared="en") == "en"
    assert detect_language("   ") is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = "Das ist ein deutscher Satz über Politik und Wirtschaft. " * 40 + "English " * 5000
    assert detect_language(text) == "de"


def test_newlines_are_read_as_spaces() -> None:
    text = SENTENCES["fr"].replace(" ", "\n") + "\n\r\n"
    assert detect_language(text) == "fr"


@pytest.mark.parametrize(
    "text",
    ["", "1234567890 " * 50, "😀🎉👍" * 100, "\n" * 1000, "\x00" * 500, "!?.,;:-–—()[]{}" * 40,
     "12.03.2024 | 14:55 | 3,5 % | #1 | @ " * 20],
)  # fmt: skip
def test_text_without_enough_letters_gets_the_hint(text: str) -> None:
    assert detect_language(text) is None
    assert detect_language(text, declared="pl") == "pl"


def test_hostile_text_with_letters() -> None:
    assert detect_language((SENTENCES["en"] + "\n") * 6000) == "en"  # 1 MB
    assert CODE.match(detect_language("x" * 1_000_000) or "")  # one 1 MB "word"
    assert detect_language(SENTENCES["es"].replace(" ", " \x00 ")) == "es"
    assert detect_language("\ud800" + SENTENCES["it"] + "\udfff") == "it"  # lone surrogates
    assert detect_language(SENTENCES["ru"], declared="\x00\n<script>") == "ru"


@settings(max_examples=150, deadline=None)
@given(
    st.text(st.characters(exclude_categories=[]), max_size=800),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_never_raises_and_answers_a_code(text: str, declared: str | None) -> None:
    code = detect_language(text, declared)
    assert code is None or CODE.match(code)


def test_missing_model_is_a_warta_error(tmp_path: Path) -> None:
    with pytest.raises(WartaError, match="could not be loaded"):
        load_model(tmp_path / "lid.176.ftz")


def test_damaged_model_never_reaches_fasttext(tmp_path: Path) -> None:
    shipped = Path(language.__file__).parent.parent / "data" / "models" / "lid.176.ftz"
    truncated = tmp_path / "lid.176.ftz"
    truncated.write_bytes(shipped.read_bytes()[:100_000])  # fastText itself would crash on it
    with pytest.raises(WartaError, match="damaged"):
        load_model(truncated)


def test_a_file_that_is_not_a_model_is_a_warta_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ftz"
    junk.write_bytes(b"not a fastText model")
    digest = hashlib.sha256(junk.read_bytes()).hexdigest()
    with pytest.raises(WartaError, match="could not be loaded"):
        load_model(junk, sha256=digest)  # passes the digest check, fails in fastText


def test_a_declared_language_the_middle_of_the_text_reads_as_wins_over_its_opening() -> None:
    # A German travel page whose extracted text opens with English PHP warnings (web-eval
    # 869f6cbc35e0a456): the start alone reads as English, the story is German.
    warnings = (
        "Strict Standards: Redefining already defined constructor for class wpdb in "
        "/www/htdocs/wp-includes/wp-db.php on line 56 "
    ) * 4
    text = warnings + SENTENCES["de"] * 4
    assert detect_language(text[: language.PROBE_CHARS], declared="de") == "en"
    assert detect_language(text, declared="de") == "de"


def test_the_middle_is_whole_words_and_settles_only_a_clear_answer() -> None:
    text = SENTENCES["en"] + " " + SENTENCES["ru"] * 4
    middle = language._middle(text)
    assert middle in text and 100 <= len(middle) <= language.CONFIRM_CHARS
    assert f" {middle} " in f" {text} "  # cut at spaces, no word broken
    assert not language._confirms(middle, "en")
    assert detect_language(SENTENCES["ru"] * 4, declared="en") == "ru"


def test_the_middle_of_a_text_without_spaces_is_its_middle() -> None:
    text = "あ" * 300 + "国家统计局周一公布的数据显示" * 20 + "い" * 300
    middle = language._middle(text)
    assert len(middle) == language.CONFIRM_CHARS
    assert "あ" not in middle and "い" not in middle
