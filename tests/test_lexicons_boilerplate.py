"""Boilerplate lexicons (``warta/data/lexicons/<lang>/boilerplate.toml``).

Checks the files' shape and hygiene, then checks, table-driven, that the union of every language's
entries removes real boilerplate lines and leaves real article prose alone. The small matcher below
spells out the semantics the production extractor follows:

* text and string entries are folded the same way (``fold``): NFKD, combining marks dropped
  (accents, so "A LIRE AUSSI" meets "à lire aussi"; Greek tonos; Arabic harakat; the dot of "İ"),
  casefolded, dotless "ı" read as "i", curly apostrophes read as "'", whitespace runs collapsed, no
  space kept before ":" (French "Lire aussi :");
* ``lines``: the whole folded line equals an entry (a trailing ":", ".", "…", "»" or ">" ignored);
* ``line_prefixes``: the folded line starts with an entry, on a word boundary;
* ``line_patterns``: ``re.fullmatch(pattern, line, re.IGNORECASE)`` on the line only NFKC-normalized
  and whitespace-collapsed (``normalize``): patterns spell their accents themselves;
* ``floating_patterns`` (tables of ``needs`` and ``pattern``): the same as ``line_patterns``; the
  ``needs`` words only let the extractor skip lines that cannot match (checked below);
* ``related_headings``: the whole folded text of a heading/label, the same trailing marks ignored;
* ``read_also``: a short line (at most ``READ_ALSO_MAX_CHARS``) starts with a cue on a word
  boundary, then an optional separator, then a title that is mostly the text of a link. A cue
  ending in ":" requires the colon. ``lines``, ``line_prefixes`` and ``read_also`` are also tried
  after leading ornaments (">>", "»", "•", "▶", "*" ...) are stripped.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import pytest

from warta import lexicon
from warta.extract.boilerplate import LineKind, classify_line

TOPIC = "boilerplate"
LIST_KEYS = ("read_also", "related_headings", "lines", "line_prefixes", "line_patterns")
KEYS = frozenset({"version", "language", *LIST_KEYS})
OPTIONAL_KEYS = frozenset({"floating_patterns"})
STRING_KEYS = ("read_also", "related_headings", "lines", "line_prefixes")
REQUIRED_LANGUAGES = (
    "id", "ms", "en", "de", "fr", "es", "pt", "it", "nl", "pl",
    "sv", "da", "no", "fi", "cs", "ru", "uk", "tr", "vi", "tl", "ja", "zh", "ko", "ar",
)  # fmt: skip
READ_ALSO_MAX_CHARS = 250
SEPARATORS = (">>", "»", ":", "-", "–", "—", "|", ">")
TRAILING = ":.…»> "  # ignored at the end of a whole line or heading
ORNAMENTS = ">»›•·*▶►▸→➤➜▪■□●○◆◇▼▲※☞👉🔴|-–— \t"

# Entries too generic to stand alone as a whole boilerplate line or as a line prefix: each can be
# a real one-word paragraph, subheading or sentence opener in some language.
FORBIDDEN_GENERIC = frozenset(
    {
        "baca", "read", "more", "mehr", "lesen", "lire", "leer", "leia", "leggi", "czytaj",
        "lihat", "simak", "see", "veja", "ver", "zobacz", "watch", "video", "foto", "photo",
        "image", "bild", "news", "berita", "nachrichten", "sumber", "source", "quelle", "fuente",
        "editor", "redaktur", "penulis", "reporter", "pewarta", "author", "update", "updated",
        "terkait", "related", "next", "previous", "selanjutnya", "berikutnya", "sebelumnya",
        "weiter", "suite", "share", "bagikan", "teilen", "comments", "komentar", "kommentare",
        "tags", "tag", "topik", "topics", "themen", "home", "close", "print", "email", "copy",
        "link", "embed", "caption", "credit", "gallery", "galeri", "follow", "ikuti", "subscribe",
        "continue", "loading", "info", "hashtag", "kontak", "contact", "disclaimer",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """The case, accent and form folding applied to both the page text and the string entries."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare.casefold().replace("ı", "i").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+:", ":", " ".join(folded.split()))


def normalize(text: str) -> str:
    """The lighter normalization line patterns see: NFKC, whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def unspaced(ch: str) -> bool:
    """Han and kana: scripts written without spaces, where no word boundary can be asked for."""
    code = ord(ch)
    return 0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def starts_with_word(line: str, cue: str) -> bool:
    """``line`` starts with ``cue`` and the cue does not end in the middle of a word."""
    if not line.startswith(cue):
        return False
    rest = line[len(cue) :]
    if not rest or not cue[-1].isalnum() or unspaced(cue[-1]):
        return True
    return not rest[0].isalnum()


def variants(line: str) -> tuple[str, ...]:
    """The folded line, and the same without leading ornaments (">> ", "» ", "• ")."""
    folded = fold(line)
    stripped = folded.lstrip(ORNAMENTS)
    return (folded, stripped) if stripped != folded else (folded,)


@cache
def union() -> dict[str, tuple[Any, ...]]:
    """Every language's entries merged, folded, ready to match."""
    merged: dict[str, list[Any]] = {key: [] for key in LIST_KEYS}
    for lang in lexicon.languages():
        data = lexicon.load(lang, TOPIC)
        for key in STRING_KEYS:
            merged[key].extend(fold(entry) for entry in data.get(key, ()))
        merged["line_patterns"].extend(re.compile(p, re.IGNORECASE) for p in patterns_of(data))
    return {key: tuple(dict.fromkeys(values)) for key, values in merged.items()}


def patterns_of(data: dict[str, Any]) -> list[str]:
    """Every whole-line pattern of a file: the plain ones and the floating ones."""
    floating = [str(entry["pattern"]) for entry in data.get("floating_patterns", ())]
    return [*data.get("line_patterns", ()), *floating]


def after_separator(text: str) -> str:
    text = text.lstrip()
    for separator in SEPARATORS:
        if text.startswith(separator):
            return text[len(separator) :].strip()
    return text.strip()


def is_read_also(line: str, link_text: str | None) -> bool:
    """A short "read also" line whose title is (mostly) the text of a link."""
    if link_text is None or len(line) > READ_ALSO_MAX_CHARS:
        return False
    link = fold(link_text)
    for text in variants(line):
        for cue in union()["read_also"]:
            if not starts_with_word(text, cue):
                continue
            title = after_separator(text[len(cue) :])
            if title and link in title and 2 * len(link) >= len(title):
                return True
    return False


def is_related_heading(text: str) -> bool:
    return fold(text).rstrip(TRAILING) in union()["related_headings"]


def is_boilerplate_line(line: str) -> bool:
    """Whole-line boilerplate: a listed line, a listed prefix or a pattern."""
    entries = union()
    for text in variants(line):
        if text.rstrip(TRAILING) in entries["lines"]:
            return True
        if any(starts_with_word(text, prefix) for prefix in entries["line_prefixes"]):
            return True
    normalized = normalize(line)
    return any(pattern.fullmatch(normalized) for pattern in entries["line_patterns"])


def boilerplate_languages() -> list[str]:
    root = resources.files(lexicon.LEXICON_PACKAGE)
    return [lang for lang in lexicon.languages() if root.joinpath(lang, f"{TOPIC}.toml").is_file()]


def raw(lang: str) -> dict[str, Any]:
    path = resources.files(lexicon.LEXICON_PACKAGE).joinpath(lang, f"{TOPIC}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- Files: shape and hygiene -------------------------------------------------------------------


def test_required_languages_have_a_file() -> None:
    missing = [lang for lang in REQUIRED_LANGUAGES if lang not in boilerplate_languages()]
    assert missing == []


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_file_schema(lang: str) -> None:
    data = raw(lang)
    assert set(data) - OPTIONAL_KEYS == KEYS
    for entry in data.get("floating_patterns", ()):
        assert set(entry) == {"needs", "pattern"}, entry
        assert isinstance(entry["pattern"], str) and entry["pattern"].strip() == entry["pattern"]
        assert entry["needs"] and all(
            isinstance(word, str) and word and word == word.lower() for word in entry["needs"]
        ), entry
    assert data["version"] == 1
    assert data["language"] == lang
    for key in LIST_KEYS:
        assert isinstance(data[key], list)
        assert all(
            isinstance(entry, str) and entry.strip() == entry and entry for entry in data[key]
        )
    assert lexicon.load(lang, TOPIC) == data


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_entries_are_lowercase_nfkc_and_unique(lang: str) -> None:
    # Spelling variants ("à lire aussi" / "a lire aussi", "أيضا" / "أيضاً") are kept on purpose:
    # they are one entry under ``fold`` but a matcher that only casefolds needs both.
    data = raw(lang)
    for key in STRING_KEYS:
        for entry in data[key]:
            assert entry == entry.lower(), (key, entry)
            assert entry == unicodedata.normalize("NFKC", entry), (key, entry)
        exact = [entry.casefold() for entry in data[key]]
        assert sorted({e for e in exact if exact.count(e) > 1}) == [], key
    assert len(patterns_of(data)) == len(set(patterns_of(data)))


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_whole_line_entries_have_no_trailing_punctuation(lang: str) -> None:
    # Matchers ignore a trailing ":", "." or "»" on the page's line; an entry ending in one of them
    # could never match.
    data = raw(lang)
    for key in ("lines", "related_headings"):
        for entry in data[key]:
            assert not entry.endswith((":", ".", "…", "»", ">")), (key, entry)


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_patterns_compile_and_are_lowercase(lang: str) -> None:
    for pattern in patterns_of(raw(lang)):
        compiled = re.compile(pattern, re.IGNORECASE)
        assert compiled.fullmatch("") is None, pattern
        # Escapes such as \s \d \W are upper case by design; literal text must be lowercase.
        assert re.sub(r"\\.", "", pattern) == re.sub(r"\\.", "", pattern).lower(), pattern


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_no_generic_entries(lang: str) -> None:
    data = raw(lang)
    for key in ("lines", "line_prefixes"):
        for entry in data[key]:
            assert fold(entry).rstrip(" :") not in FORBIDDEN_GENERIC, (key, entry)


def specific_enough(entry: str) -> bool:
    """Several words, or ends in punctuation/bracket, or at least 3 characters of Han/kana."""
    words = entry.split()
    if len(words) >= 2 or entry[-1] in ":]】?!":
        return True
    return sum(unspaced(ch) for ch in entry) >= 3


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_prefixes_and_cues_are_specific(lang: str) -> None:
    data = raw(lang)
    for key in ("line_prefixes", "read_also"):
        for entry in data[key]:
            assert specific_enough(entry), (key, entry)


# --- The union on real lines ---------------------------------------------------------------------

# Real boilerplate seen inside article containers, with the link text where the line is a
# "read also" line. Sources: detik, kompas, liputan6, tribunnews, cnnindonesia, tempo, sinar harian,
# malaymail, express.co.uk, bbc, nytimes, fox, reuters, onet/wp, polityka, infobae, la prensa,
# lemonde, correio braziliense, repubblica, nu.nl, yle, ria, hürriyet, asahi, ltn, yonhap, youm7.
READ_ALSO_LINES: list[tuple[str, str]] = [  # (cue as printed, linked title)
    ("Baca juga: ", "Menhub Lobi Sri Mulyani dan Airlangga untuk Bebaskan Pajak Impor Suku Cadang"),
    ("Baca Juga : ", "Samsung Turut Perkuat Gembok Android Tiap Bulan"),
    ("BACA: ", "Jokowi Resmikan Tol Trans Jawa Ruas Pemalang"),
    ("Simak juga ", "Video: Suasana Arus Balik di Tol Cikampek"),
    ("Lihat Juga : ", "Polisi Tangkap Dua Pelaku Begal di Bekasi"),
    ("Pilihan Editor: ", "Ini Daftar Harga BBM Terbaru"),
    ("» Baca juga: ", "Harga Emas Antam Turun Lagi"),
    ("BACA JUGA: ", "Polis tahan dua suspek samun di Klang"),
    ("READ MORE: ", "Turkey raises death toll from Syrian airstrike to 33 troops"),
    ("SEE ALSO: ", "GOP candidates say Hamas must be eliminated"),
    ("MORE: ", "Rebel Wilson offloads Sydney investment"),
    ("WATCH: ", "Hundreds of migrants wait to cross Turkish-Greek border"),
    ("Lesen Sie auch: ", "Spielabbruch in der Kreisliga"),
    (">> Mehr zum Thema: ", "Lohnfortzahlung im Krankheitsfall"),
    ("Czytaj też: ", "Wyścig zbrojeń ruszył z kopyta"),
    ("Dowiedz się więcej: ", "Kto jak głosował ws. unijnych funduszy?"),
    ("Te puede interesar: ", "Israel advirtió que la guerra terminará"),
    ("Lea más: ", "Juan Carlos Ortega Murillo propone legalizar la marihuana"),
    ("MIRA: ", "Madre se acerca a conocer los motivos de captura de su hijo"),
    ("Lire aussi : ", "Le gouvernement présente son budget"),
    ("Lire aussi | ", "La réforme des retraites adoptée"),
    ("Leia também: ", "Governo anuncia novo pacote econômico"),
    ("Leggi anche: ", "Maltempo, allerta rossa in Emilia"),
    ("Lees ook: ", "Kabinet valt over migratie"),
    ("Lue myös: ", "Brexit kasvattaa maksuja"),
    ("Läs också: ", "Regeringen sänker skatten"),
    ("Čtěte také: ", "Vláda schválila rozpočet"),
    ("Читайте также: ", "В Москве открылась новая станция метро"),
    ("Читайте також: ", "Уряд ухвалив бюджет"),
    ("AYRICA OKUYUN: ", "Merkez Bankası faizi sabit tuttu"),
    ("Xem thêm: ", "Giá vàng hôm nay tăng mạnh"),
    ("Basahin din: ", "Presyo ng bigas, tumaas"),
    ("【関連記事】", "日銀、金融政策を維持"),
    ("延伸閱讀：", "台股收盤大漲"),
    ("[관련기사] ", "정부, 내년 예산 편성"),
    ("اقرأ أيضاً: ", "الحكومة تعلن موازنة العام الجديد"),
]

RELATED_HEADINGS = [
    "Baca Juga",
    "Berita Terkait",
    "BERITA TERKAIT",
    "Artikel Terkait:",
    "Terkait",
    "Foto Video Terkait",
    "Berita detikcom Lainnya",
    "Artikel Berkaitan",
    "Related Articles",
    "You May Also Like",
    "DON’T MISS",
    "Related Coverage",
    "Mehr zum Thema",
    "NOTAS RELACIONADAS",
    "A lire aussi :",
    "Sur le même sujet",
    "Veja Também",
    "Zobacz także",
    "Luetuimmat",
    "Читайте также",
    "関連記事",
    "相關新聞",
    "관련 기사",
    "أخبار ذات صلة",
]

BOILERPLATE_LINES = [
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Halaman Selanjutnya",
    "Halaman: 1 2 Show All",
    "Halaman 2 dari 3",
    (
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update", caranya klik link '
        "https://t.me/kompascomupdate, kemudian join."
    ),
    "Baca berita tanpa iklan. Gabung Kompas.com+",
    "[Gambas:Video CNN]",
    "[Gambas:Video 20detik]",
    "(akd/akd)",
    "(vyp/kna)",
    "(Cas/Isk)",
    "(mcr8/jpnn)",
    "(nug)",
    "[ded]",
    'Simak Video "Penyakit Jantung Penyakit Orang Tua?"',
    "Artikel ini telah tayang di Tribunnews.com dengan judul Polisi Ungkap Motif Pelaku",
    "Jangan sampai ketinggalan berita terkini, langganan newsletter kami sekarang!",
    "Klik di sini untuk membaca berita selengkapnya",
    "Lanjutkan Membaca ↓",
    "Lihat Foto",
    "COPYRIGHT © ANTARA 2016",
    (
        "Copyright 2008 - 2023 PT. Kompas Cyber Media (Kompas Gramedia Digital Group). "
        "All rights reserved."
    ),
    (
        "Ikuti Channel rasmi Sinar Harian di WhatsApp supaya anda tidak terlepas berita-berita "
        "terkini daripada kami. Klik di sini!"
    ),
    "Iklan",
    "Advertisement",
    (
        "Join us on our WhatsApp Channel, follow us on Instagram, and receive browser alerts for "
        "the latest news you need to know."
    ),
    "© 2024, Malay Mail, All Rights Reserved.",
    "Story continues below advertisement",
    "Continue reading the main story",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "Media playback is unsupported on your device",
    "Image copyright Getty Images",
    "Image 1 of 5",
    "Photo: Ringo H.W. Chiu, AP",
    "(Image credit: Blue Origin)",
    "Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]",
    "Photo by Jason Kempin/Getty Images",
    "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
    "President Joe Biden speaks at the White House, Friday, Jan. 5, 2024. (AP Photo/Evan Vucci)",
    "War der Artikel nützlich?",
    "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Anzeige",
    "- Anzeige -",
    "Externer Inhalt",
    "Foto: Christof Stache",
    "Abonnieren Sie unseren Newsletter",
    "Dalsza część artykułu pod materiałem wideo",
    "Reklama",
    "Valora esta noticia",
    "Síguenos en Google News",
    "(Foto: Tony Silva/Ascom-PC)",
    "CONTINUA DEPOIS DA PUBLICIDADE",
    "La suite après la publicité",
    "Il vous reste 75 % de cet article à lire.",
    "Het artikel gaat verder onder de advertentie",
    "HABERİN DEVAMI",
    "Реклама",
    "スポンサーリンク",
    "<저작권자 ⓒ 연합뉴스, 무단 전재-재배포 금지>",
    "[사진=JTBC, 이매진아시아]",
]

# Real article prose and metadata that must survive: sentences that open with the same words as
# boilerplate cues, agency credits, source and editor lines (other components read those).
PROSE = [
    "Baca juga buku-buku karya Pramoedya Ananta Toer jika Anda ingin memahami sejarah pergerakan.",
    "Terkait hal itu, Kapolres menyatakan penyelidikan masih berlangsung hingga saat ini.",
    "Halaman rumah warga terendam banjir setinggi 50 sentimeter sejak Senin malam.",
    "Iklan rokok dilarang tayang di televisi sebelum pukul 21.30, kata pejabat itu.",
    "Lihat saja data BPS yang menunjukkan inflasi turun ke 2,5 persen pada Oktober.",
    "Klik bagian pengaturan, lalu pilih menu privasi untuk menonaktifkan pelacakan.",
    "Ikuti langkah-langkah berikut untuk mendaftar sebagai peserta BPJS Kesehatan.",
    "Dapatkan kartu vaksin dengan mengunduh sertifikat dari situs resmi Kementerian Kesehatan.",
    "Foto bersama digelar usai upacara peringatan Hari Kemerdekaan di Istana Merdeka.",
    "Sumber: Antara",
    "Editor: Ervan Hardoko",
    "Pewarta: Desca Lidya Natalia",
    "Topik Terkait",
    "(AFP)",
    "(AP/AFP)",
    "(SID)",
    "Berita itu kemudian dibaca juga oleh ribuan warganet di media sosial.",
    "Baca selengkapnya dalam laporan khusus Tempo edisi pekan ini yang terbit Senin.",
    "Read the full report, officials said, before drawing any conclusions about the spending.",
    "Related to the case, police said two more suspects were arrested on Sunday.",
    "More than 200 people were evacuated from the building on Tuesday morning.",
    "Advertisement spending rose 4 percent in the third quarter, the company said.",
    "Copyright laws are changing in the European Union.",
    "(c) the defendant shall pay all costs of the proceedings",
    "Watch the video below to see how the rescue unfolded.",
    "Sign up for the 5K run is open until Friday at the town hall.",
    "Click the Settings icon, then choose Privacy and turn off location history.",
    "Supported by the UN, the programme reached 2 million children last year.",
    "Story continues to unfold as rescuers search the rubble.",
    "Related Topics",
    "UP NEXT",  # AP game stories: the next fixtures are content, not links
    "Thunder: Host the Lakers on Friday.",
    "Passend dazu hat die Stadt einen neuen Radweg eröffnet.",
    "Mehr dazu erfahren Sie am Donnerstag auf der Bürgerversammlung.",
    "Anzeige gegen Unbekannt: Die Polizei ermittelt wegen Sachbeschädigung.",
    "Werbung im öffentlichen Raum soll in Genf verboten werden.",
    "Pour aller plus loin, le gouvernement prévoit une seconde loi.",
    "Publicité mensongère : l'entreprise condamnée à deux millions d'euros d'amende.",
    "Lea Seydoux será la protagonista de la nueva película de Wes Anderson.",
    "Mira cómo cambió la ciudad en los últimos diez años, dijo el alcalde.",
    "Veja bem: o governo não tem maioria no Congresso para aprovar a reforma.",
    "Reklama telewizyjna kosztowała partię ponad milion złotych.",
    "Реклама на билбордах запрещена в центре Москвы с 2012 года.",
    "По теме выборов высказался глава избиркома.",
    "Reklam harcamaları geçen yıl yüzde 20 arttı.",
    "関連する法律の改正案は来年の国会に提出される見通しだ。",
    "相關新聞報導指出，警方已逮捕兩名嫌犯。",
    "관련 기사에 따르면 정부는 내년 예산을 늘릴 계획이다.",
]


@pytest.mark.parametrize(("cue", "title"), READ_ALSO_LINES)
def test_read_also_lines_match(cue: str, title: str) -> None:
    assert is_read_also(cue + title, title)


@pytest.mark.parametrize("heading", RELATED_HEADINGS)
def test_related_headings_match(heading: str) -> None:
    assert is_related_heading(heading)


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_lines_match(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_kept(text: str) -> None:
    assert not is_boilerplate_line(text)
    assert not is_related_heading(text)
    assert not is_read_also(text, None)


@pytest.mark.parametrize("lang", boilerplate_languages())
def test_floating_patterns_need_their_words(lang: str) -> None:
    # A floating pattern matches only lines holding one of its ``needs`` words: checked on every
    # example line, and on each example with the needed words taken out (then no match).
    for entry in raw(lang).get("floating_patterns", ()):
        pattern = re.compile(entry["pattern"], re.IGNORECASE)
        for line in BOILERPLATE_LINES + PROSE:
            normalized = normalize(line)
            if pattern.fullmatch(normalized):
                assert any(word in normalized.lower() for word in entry["needs"]), (line, entry)
                stripped = normalized.lower()
                for word in entry["needs"]:
                    stripped = stripped.replace(word, " " * len(word))
                assert not pattern.fullmatch(stripped), (line, entry)


def test_the_extractor_agrees_with_these_semantics() -> None:
    # The production matcher (pre-checks, first-word tables, one alternation) against the plain
    # reading of the lexicons spelled out in this file, on every example line.
    for line in BOILERPLATE_LINES:
        assert classify_line(line).kind is LineKind.BOILERPLATE, line
    for text in PROSE:
        verdict = classify_line(text)
        # A sentence opening with a cue ("Baca juga buku-buku ...") is a read-also line only when
        # a link or a separator makes it one; unlinked and unseparated, the article keeps it.
        kept = verdict.kind is LineKind.READ_ALSO and not verdict.separated
        assert verdict.kind is LineKind.PROSE or kept, (text, verdict)


def test_read_also_needs_a_linked_title() -> None:
    # Prose that opens with a cue and carries a link elsewhere in the sentence is not a teaser.
    sentence = "Read more about the study in the journal Nature, where the authors describe it."
    assert not is_read_also(sentence, "Nature")
    assert not is_read_also("Baca juga", "Baca juga")
    assert is_read_also("Read more: " + "x" * 20, "x" * 20)
    assert not is_read_also("Read more: " + "x" * 300, "x" * 300)


def test_fold_matches_across_case_accents_and_forms() -> None:
    assert fold("HABERİN DEVAMI") == fold("haberin devamı")
    assert fold("Lire aussi :") == "lire aussi:"
    assert fold("A LIRE AUSSI") == fold("à lire aussi")
    assert fold("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ") == fold("διαβάστε επίσης")
    assert fold("اقرأ أيضاً") == fold("اقرأ أيضا")
    assert fold("延伸閱讀：") == "延伸閱讀:"
    assert fold("Straße") == fold("STRASSE")
