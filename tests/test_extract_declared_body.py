"""A page drawn by script: the HTML holds a notice, the JSON-LD holds the story."""

from __future__ import annotations

import json

import warta
from warta import Status

STORY = [
    "Pemerintah kota meresmikan kontes film pendek internasional bertema keadilan, yang terbuka "
    "untuk siapa saja dari wilayah mana pun.",
    "Kontes ini memberikan kesempatan kepada pembuat film muda untuk menampilkan karya mereka "
    "di hadapan juri internasional, kata panitia pada Selasa.",
]


def _page(body_html: str, article_body: str | None) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Kontes film"}
    if article_body is not None:
        data["articleBody"] = article_body
    return (
        "<html><head><title>Kontes film</title>"
        f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
        f"<body>{body_html}</body></html>"
    )


def test_declared_body_replaces_a_script_notice() -> None:
    page = _page("<div id=app><p>Please enable JavaScript to read this page.</p></div>",
                 "\n".join(STORY))  # fmt: skip
    article = warta.extract(page)
    assert article.status is Status.OK
    assert article.text == "\n\n".join(STORY)


def test_markup_wins_when_it_holds_the_story() -> None:
    body = "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    page = _page(body, "A short summary that is not the whole story at all, only its gist.")
    article = warta.extract(page)
    assert article.text == "\n\n".join(STORY)


def test_no_declared_body_keeps_what_the_markup_has() -> None:
    page = _page("<p>Please enable JavaScript to read this page.</p>", None)
    article = warta.extract(page)
    assert article.status is Status.NOT_ARTICLE
