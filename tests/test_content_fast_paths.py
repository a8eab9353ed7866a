"""The quick forms of the content stage compute exactly what their plain forms compute."""

from __future__ import annotations

import random
import re
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from plain_score import plain_choose_container
from plain_score import segment_value as plain_segment_value
from warta import lexicon
from warta.extract.boilerplate import (
    _floating_match,
    _tight_colons,
    boilerplate_lexicon,
    single_spaced,
)
from warta.extract.regex_first import guarded, guarded_union
from warta.extract.score import choose_container, count_below, innermost, segment_value
from warta.extract.segments import FlatPage, Segment

PLAIN_SPACE_COLON = re.compile(r"\s+:")
# Every kind of whitespace str.split() and \s know, colons, and a few letters between them.
SPACED = st.text(
    alphabet=st.sampled_from([" ", ":", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "a", "é"]),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(SPACED)
def test_tight_colons_is_the_space_colon_regex(text: str) -> None:
    spaced = " ".join(text.split())
    assert _tight_colons(spaced) == PLAIN_SPACE_COLON.sub(":", spaced)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(SPACED, st.text(max_size=30)))
def test_single_spaced_is_split_and_joined(text: str) -> None:
    assert single_spaced(text) == " ".join(text.split())


def test_the_only_printable_whitespace_is_the_space() -> None:
    # single_spaced trusts isprintable() to rule out every other whitespace character.
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


def test_split_and_the_regex_agree_on_whitespace() -> None:
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(0x110000)) if bool(space.match(c)) != c.isspace()] == []


TAGS = ("div", "p", "a", "span", "li", "ul", "h1", "h2", "article", "main", "section", "td")
TEXTS = (
    "",
    "Menu",
    "Read more about it",
    "A linked headline of some length here",
    "Short, with a comma.",
    "The minister said on Tuesday that the plan, first announced in May, would go ahead. "
    "Critics were not convinced, and said so at length.",
    "A much longer paragraph of prose. " * 12,
    "<p>markup shown as text</p>",
    "东京的报道。记者、编辑。" * 5,
)


@st.composite
def flat_pages(draw: st.DrawFn) -> tuple[FlatPage, list[str]]:
    """A random page in flat form: a tree in pre-order, names, and segments over its elements.
    Drawn from a seeded generator: a page is many draws, too many to ask hypothesis for each."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    count = rng.randint(1, 60)
    parents, path = [-1], [0]
    for index in range(1, count):
        del path[rng.randint(1, len(path)) :]  # close some elements; the root stays open
        parents.append(path[-1])
        path.append(index)
    tags = [rng.choice(TAGS) for _ in range(count)]
    negative = [rng.random() < 0.3 for _ in range(count)]
    marked = [rng.random() < 0.1 for _ in range(count)]
    hard = {i for i in range(count) if negative[i] and rng.random() < 0.3}
    segments, texts = [], []
    for _ in range(rng.randint(1, 40)):
        element = rng.randrange(count)
        text = rng.choice(TEXTS)
        links = rng.choice((0, len(text), len(text) // 2, len(text) // 10))
        lead = rng.choice((0, links))
        segments.append(Segment(element, tags[element], text, links, lead, True, {}))
        texts.append(text)
    page = FlatPage(tags, parents, negative, hard, marked, {}, set(), segments)
    return page, texts


@settings(max_examples=3000, deadline=None)
@given(flat_pages())
def test_choose_container_is_the_plain_scorer(drawn: tuple[FlatPage, list[str]]) -> None:
    page, texts = drawn
    assert choose_container(page) == plain_choose_container(page, texts)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.integers(-3, 40)), st.integers(-5, 45))
def test_count_below_is_bisect_left(values: list[int], value: int) -> None:
    ordered = sorted(values)
    assert count_below(ordered, value) == bisect_left(ordered, value)


@settings(max_examples=1000, deadline=None)
@given(flat_pages(), st.data())
def test_innermost_is_each_mark_overwriting_its_subtree(
    drawn: tuple[FlatPage, list[str]], data: st.DataObject
) -> None:
    page = drawn[0]
    end = page.end_positions()
    marks = data.draw(st.sets(st.integers(0, len(page.tags) - 1)))
    owner = [-1] * len(page.tags)
    for mark in sorted(marks):  # an inner mark comes later and overwrites its outer one's range
        owner[mark : end[mark]] = [mark] * (end[mark] - mark)
    assert innermost(marks, page.parents) == owner


def _needed_words() -> list[str]:
    return sorted({word for floating in boilerplate_lexicon().floating for word in floating.needs})


FLOATING_PIECES = st.sampled_from(
    [
        *_needed_words(),
        " ",
        "Photo: Jane Doe",
        "(AP Photo/John Smith)",
        "follow us on Twitter",
        "sign up for our newsletter",
        "a plain clause, with a comma",
        ".",
        "2024",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(FLOATING_PIECES, max_size=8))
def test_floating_match_is_every_floating_pattern_tried(pieces: list[str]) -> None:
    lex = boilerplate_lexicon()
    normalized = " ".join("".join(pieces).split())
    lowered = normalized.lower()
    plain = any(floating.matches(normalized, lowered) for floating in lex.floating)
    assert _floating_match(lowered, normalized, lex) == plain


def test_every_needed_word_leads_to_its_patterns() -> None:
    lex = boilerplate_lexicon()
    table = dict(lex.by_needed_word)
    for floating in lex.floating:
        for word in floating.needs:
            assert floating.pattern in table[word]


# Small regexes over a small alphabet: literals, sets, categories, groups, branches, repeats,
# anchors and lookarounds, the shapes the lexicons' line patterns open with.
ATOMS = ("a", "b", "é", "K", r"\s", r"\d", "[ab]", "[^a]", "[a-c]", r"[\sb]", ".", r"\(", "")
OPENERS = ("", r"\b", "^", "(?=a)", "(?!b)", "(?<=a)")
SUFFIXES = ("", "?", "*", "+", "{0,2}", "{1,2}", "*?", "*+")


@st.composite
def small_regexes(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if depth < 2 and draw(st.booleans()):
            inner = draw(st.lists(small_regexes(depth + 1), min_size=1, max_size=3))
            atom = "(?:" + "|".join(inner) + ")"
        else:
            atom = draw(st.sampled_from(ATOMS))
        parts.append(atom + (draw(st.sampled_from(SUFFIXES)) if atom else ""))
    return draw(st.sampled_from(OPENERS)) + "".join(parts)


@settings(max_examples=1500, deadline=None)
@given(small_regexes(), st.lists(st.text(alphabet="abcéKk (1\u212a", max_size=6), max_size=8))
def test_a_guarded_pattern_matches_what_the_pattern_matches(pattern: str, lines: list[str]) -> None:
    for flags in (0, re.IGNORECASE):
        plain, quick = re.compile(pattern, flags), re.compile(guarded(pattern, flags), flags)
        for line in lines:
            assert bool(quick.fullmatch(line)) == bool(plain.fullmatch(line)), (pattern, line)
            assert bool(quick.match(line)) == bool(plain.match(line)), (pattern, line)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(small_regexes(), min_size=1, max_size=4),
    st.lists(st.text(alphabet="abcéKk (1\u212a", max_size=6), max_size=8),
)
def test_a_guarded_union_matches_what_the_union_matches(
    patterns: list[str], lines: list[str]
) -> None:
    union = "|".join(f"(?:{pattern})" for pattern in patterns)
    for flags in (0, re.IGNORECASE):
        plain, quick = re.compile(union, flags), re.compile(guarded_union(patterns, flags), flags)
        for line in lines:
            assert bool(quick.fullmatch(line)) == bool(plain.fullmatch(line)), (union, line)
            assert bool(quick.match(line)) == bool(plain.match(line)), (union, line)


def test_a_caseless_set_takes_every_character_its_caseless_literal_takes() -> None:
    """The guards put each pattern's first literals in a set: under IGNORECASE the set must take
    each character the literal takes (Kelvin sign, long s, dotted I ...), all code points over."""
    everything = "".join(map(chr, range(0x110000))).replace("\n", "")
    firsts = set()
    for pattern in lexicon.merged_list("boilerplate", "line_patterns"):
        quick = guarded(pattern, re.IGNORECASE)
        if quick == pattern:
            continue  # no guard: nothing to check
        first_set = quick[len("(?=[") : quick.index("])(?:")]
        firsts |= {c for c in first_set if c.isalpha()}  # (letters of escapes too: no harm)
    for char in sorted(firsts):
        literal = set(re.findall(re.escape(char), everything, re.IGNORECASE))
        in_set = set(re.findall(f"[{re.escape(char)}]", everything, re.IGNORECASE))
        assert literal <= in_set, char


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet="ab .,。、<", max_size=130),
    st.sampled_from(("p", "li", "h2", "td", "div")),
    st.integers(0, 130),
    st.integers(0, 130),
    st.booleans(),
)
def test_segment_value_is_the_plain_one(
    text: str, kind: str, links: int, lead: int, teasers: bool
) -> None:
    segment = Segment(0, kind, text, links, lead, True, {})
    quick = segment_value(segment, teasers)
    plain = plain_segment_value(segment, text, teasers)
    assert quick == plain and type(quick) is type(plain) and str(quick) == str(plain)
