"""Quick paths of attribution finding find exactly what the plain ones find."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta import lexicon
from warta.extract.cue_scan import lowered_text
from warta.extract.dates import find_date_mentions
from warta.extract.source_names import (
    _LOOK_BACK,
    _TOKEN,
    LEAD,
    MAX_NAME_TOKENS,
    TRAIL,
    Cues,
    Name,
    _after_inner_role,
    _ends_with_role,
    _role_at,
    cues_for,
    finish,
    is_name_word,
    name_before,
)
from warta.extract.sources import find_sources


def _plain_name_before(text: str, pos: int, cues: Cues) -> Name | None:
    """``name_before`` as first written: every token of the window read, no shortcut."""
    line_start = text.rfind("\n", 0, pos) + 1
    start = max(line_start, pos - _LOOK_BACK)
    tokens = list(_TOKEN.finditer(text, start, pos))[-(MAX_NAME_TOKENS + 4) :]
    if not tokens or text[tokens[-1].end() : pos].strip():
        return None
    run: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group(0)
        if word[-1] in TRAIL or word[0] in LEAD:
            break
        if not is_name_word(word) and not (run and word in cues.particles):
            break
        run.insert(0, token)
        if len(run) >= MAX_NAME_TOKENS + 2:
            break
    while run and run[0].group(0) in cues.particles:
        run.pop(0)
    if not run:
        return None
    before = [t.group(0) for t in tokens if t.end() <= run[0].start()][-3:]
    if len(before) >= 2 and before[-1].casefold() in cues.connectors and is_name_word(before[-2]):
        return None
    words = [t.group(0) for t in run]
    role_end = _role_at(words, 0, cues)
    role = role_end > 0 or _ends_with_role(before, cues)
    run, inner_role = _after_inner_role(run[role_end:], cues)
    return finish(text, run, role or inner_role, cues)


WORDS = [
    "Reuters", "The", "New", "York", "Times", "of", "and", "Bank", "America", "he", "she",
    "spokesman", "Minister", "Sri", "Mulyani", "Dr.", "(AP)", '"Yes,"', "Kompas.com", "9to5Mac",
    "detikNews", "’s", "-", "—", "2021", "PT", "von", "der", "Jane", "Doe's", "x" * 30, "Q" * 40,
]  # fmt: skip
GAPS = [" ", "  ", "\n", " \t", "\u00a0", ", "]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["en", "id", "de", ""]),
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=30),
    st.sampled_from(GAPS),
)
def test_name_before_a_cue_is_the_plain_reading(
    lang: str, words: list[tuple[str, str]], gap: str
) -> None:
    cues = cues_for(lang)
    text = "".join(w + g for w, g in words).rstrip() + gap + "said more."
    pos = text.rindex("said")
    assert name_before(text, pos, cues) == _plain_name_before(text, pos, cues)


@pytest.mark.parametrize(
    "text",
    [
        "Bank of America said",
        "the Alliance of Motion Picture and Television Producers said",
        "Finance Minister Sri Mulyani said",
        '"It works," said',
        "x" * 190 + " Reuters said",
        "word " * 60 + "Kompas.com said",
        "Jane Doe's spokesman said",
        # The last 80 characters cut a capitalised word: the whole window must be read.
        "Q" + "w" * 60 + " Aa Bb Cc Dd Ee Ff Gg said",
        "Q" + "w" * 60 + " of Aa Bb Cc Dd Ee Ff said",
    ],
)
def test_name_before_known_cases_are_the_plain_reading(text: str) -> None:
    cues = cues_for("en")
    pos = text.rindex("said")
    assert name_before(text, pos, cues) == _plain_name_before(text, pos, cues)


SHARED_TEXTS = [
    "Reuters said on Monday (16/5) that Jane Doe told CNN, according to Kompas.com.",
    "İSTANBUL — Selasa (16/2/2016), kata Menteri Sri Mulyani, dilansir dari Antara.",
    "Am ٣ Mai sagte die Bundeszentrale für Ernährung, laut dpa, am Dienstag etwas.",
    "",
]


@pytest.mark.parametrize("text", SHARED_TEXTS)
@pytest.mark.parametrize("lang", ["en", "id", "de", None])
def test_a_shared_lowered_text_changes_nothing(text: str, lang: str | None) -> None:
    published = date(2016, 2, 17)
    lowered = lowered_text(text)
    mentions = find_date_mentions(text, published=published, lang=lang)
    assert find_date_mentions(text, published=published, lang=lang, lowered=lowered) == mentions
    assert find_sources(text, lang=lang, mentions=mentions, lowered=lowered) == find_sources(
        text, lang=lang, mentions=mentions
    )


def test_languages_without_a_lexicon_share_the_merged_cues() -> None:
    without = [lang for lang in lexicon.languages() if not lexicon.load(lang, "attribution")]
    assert without  # else the test proves nothing
    for lang in [*without, "xx"]:
        assert cues_for(lang) is cues_for("")
    assert cues_for("en") is not cues_for("")
