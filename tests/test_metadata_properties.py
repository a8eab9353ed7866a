"""Properties: metadata reading and body analysis never raise, and spans always hold."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.metadata import analyse_body, read_metadata

_TAGS = ["meta", "title", "h1", "a", "span", "div", "script", "link", "html", "head", "body"]
_ATTRS = [
    'property="og:title" content="X | Y"', 'name="author" content="By A and B"',
    'type="application/ld+json"', 'rel="canonical" href="/"', 'class="byline"',
    'itemprop="author"', 'lang="id-ID"', 'property="og:image" content="//x/y.jpg"',
    'name="keywords" content="a, b,, c"', 'href="http://[::1"', "",
]  # fmt: skip
_WORDS = [
    "menurut", "Reuters", "dilansir", "dari", "Gizmochina", "(16/5)", "kata", "Budi",
    "according", "to", "The", "Verge", "said", "Leaker", "Abhishek", "Yadav", "menunjukkan",
    "bahwa", "JAKARTA,", "KOMPAS.com", "-", "—", "Sumber:", "\n", ".", ",", "\"", "laut",
    "Le", "Monde", "selon", "told", "CNBC", "(Reuters)", "Techbiz.id", "–",
]  # fmt: skip

markup = st.lists(
    st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS), st.text(max_size=30)),
    max_size=12,
).map(lambda parts: "".join(f"<{t} {a}>{x}</{t}>" for t, a, x in parts))
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    html=st.one_of(markup, st.text(max_size=200)),
    url=st.sampled_from([None, "", "http://x.id/a/b", "nonsense"]),
)
def test_read_metadata_never_raises(html: str, url: str | None) -> None:
    meta = read_metadata(LexborHTMLParser(html or "<p></p>"), url=url, crawled_at=None)
    assert isinstance(meta.authors, tuple)
    assert meta.image is None or meta.image.startswith(("http://", "https://"))


@settings(max_examples=200, deadline=None)
@given(
    text=texts,
    lang=st.sampled_from([None, "id", "ms", "en", "de", "fr", "xx"]),
    published=st.sampled_from([None, date(2021, 5, 20)]),
)
def test_analyse_body_spans_hold(text: str, lang: str | None, published: date | None) -> None:
    links = (
        [("Reuters", "https://reuters.com/x", text.find("Reuters"))] if "Reuters" in text else []
    )
    analysis = analyse_body(
        text, lang=lang, published=published, site_name="Techbiz.id", links=links
    )
    for source in analysis.sources:
        start, end = source.span
        assert 0 <= start < end <= len(text)
        assert source.name in text[start:end]
        assert source.kind in {"outlet", "person", "organisation"}
    for mention in analysis.date_mentions:
        assert 0 <= mention.span[0] <= mention.span[1] <= len(text)
    if analysis.dateline:
        assert analysis.dateline.text in text
