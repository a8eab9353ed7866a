"""Authors credited in the text: labelled credits, credit tables and Tempo's sign-off.

Real pages with each form are golden fixtures (kompas.com-anpandu-kompas-singlepage4: a credit
table; detik.com-anpandu-detik-singlepage2: "Fotografer:" under the headline;
tempo.co-anpandu-tempo-singlepage: the sign-off); these pages are built to isolate each rule.
"""

from __future__ import annotations

import pytest

import warta

ID_PROSE = (
    "Pemerintah kota meresmikan kontes film pendek internasional bertema keadilan, yang "
    "terbuka untuk siapa saja dari wilayah mana pun dan berlangsung hingga akhir tahun. "
)
EN_PROSE = (
    "The city council opened an international short film contest about justice, open to "
    "anyone from any region, which runs until the end of the year and awards three prizes. "
)


def _page(before: str = "", after: str = "", prose: str = ID_PROSE, lang: str = "id") -> str:
    body = "".join(f"<p>{prose * 2}</p>" for _ in range(5))
    return (
        f'<html lang="{lang}"><head><title>Kontes film</title></head><body>'
        f"<h1>Kontes film pendek dibuka</h1>{before}<article>{body}{after}</article></body></html>"
    )


def _authors(page: str) -> tuple[str, ...]:
    article = warta.extract(page)
    assert article.status is warta.Status.OK
    return article.authors


def test_a_labelled_credit_at_the_end_names_the_author_and_not_the_editor() -> None:
    assert _authors(_page(after="<p>Penulis: Budi Santoso Editor: Agung Kurniawan</p>")) == (
        "Budi Santoso",
    )


def test_a_credit_table_gives_the_name_in_the_cell_after_the_label() -> None:
    table = (
        "<table><tr><td>Penulis</td><td>: Ferril Dennys</td></tr>"
        "<tr><td>Editor</td><td>: Aloysius Gonsaga</td></tr></table>"
    )
    assert _authors(_page(after=table)) == ("Ferril Dennys",)


def test_a_labelled_credit_under_the_headline_counts() -> None:
    byline = '<div><strong class="l_blue">Fotografer: Grandyos Zafna</strong></div>'
    assert _authors(_page(before=byline)) == ("Grandyos Zafna",)


def test_a_label_needs_its_colon() -> None:
    assert _authors(_page(after="<p>Oleh karena itu Budi Santoso pulang.</p>")) == ()


def test_a_picture_credit_is_not_the_author() -> None:
    figure = "<figure><img src='a.jpg'><figcaption>Fotografer: Grandyos Zafna</figcaption></figure>"
    assert _authors(_page(after=figure)) == ()


def test_markup_and_metadata_come_first() -> None:
    page = _page(after="<p>Penulis: Budi Santoso</p>").replace(
        "<title>", '<meta name="author" content="Siti Aminah"><title>'
    )
    assert _authors(page) == ("Siti Aminah",)


def test_an_indonesian_story_signed_off_in_capitals() -> None:
    assert _authors(_page(after="<p><strong>DINI TEJA</strong></p>")) == ("DINI TEJA",)


@pytest.mark.parametrize(
    ("after", "prose", "lang"),
    [
        ("<p><strong>DINI TEJA</strong></p>", EN_PROSE, "en"),  # not a convention in English
        ("<p>ANTARA NEWS</p>", ID_PROSE, "id"),  # an outlet, not a reporter
        ("<p>BACA JUGA</p>", ID_PROSE, "id"),  # a label
        ("<p>Dini Teja</p>", ID_PROSE, "id"),  # not in capitals
    ],
)
def test_other_closing_lines_are_not_sign_offs(after: str, prose: str, lang: str) -> None:
    assert _authors(_page(after=after, prose=prose, lang=lang)) == ()


def test_credit_labels_work_in_other_languages() -> None:
    assert _authors(_page(after="<p>Autor: Benjamin Fischer</p>", lang="de")) == (
        "Benjamin Fischer",
    )
    assert _authors(_page(after="<p>Autor: red</p>", lang="de")) == ()  # "red.": the desk
