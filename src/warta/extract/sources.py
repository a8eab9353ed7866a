"""Attributions: who or what the text says a claim came from.

Three patterns, each driven by lexicon data (``<lang>/attribution.toml``):

* a cue, then a name: "dilansir dari Gizmochina", "according to The Verge", "selon Le Monde";
* a name, then a cue: "Reuters reported", "Bernama melaporkan";
* a role noun, a name and a claim verb: "Leaker Abhishek Yadav menunjukkan bahwa".

A name (see :mod:`warta.extract.source_names`) is an outlet when it is a known outlet, is
written as a domain or carries an outlet word ("Times", "Zeitung"); a person when a role noun
stands before it or it has the shape of a personal name; an organisation when it carries an
organisation word. Precision comes first: a name that fits none of these is dropped rather than
guessed, and weak cues ("told", "X reported") only count for known outlets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from warta.article import DateMention, Source
from warta.extract.cue_scan import LoweredText, find_cues, lowered_text
from warta.extract.outlets import Outlets, as_domain, host_of, load_outlets, name_key
from warta.extract.source_names import (
    MAX_PERSON_TOKENS,
    Cues,
    Name,
    cue_key,
    cues_for,
    introduced,
    name_after,
    name_before,
)

_DATE_GAP = re.compile(r"^[\s,(]*(?:[A-Z][a-z]+[\s,(]*)?$")
_MAX_DATE_GAP = 20
_NAME_END = re.compile(r"^\s*(?:[,.;:!?)\"”’]|$)")


def find_sources(
    text: str,
    *,
    lang: str | None,
    links: Sequence[tuple[str, str, int]] = (),
    mentions: Sequence[DateMention] = (),
    outlets: Outlets | None = None,
    lowered: LoweredText | None = None,
) -> tuple[Source, ...]:
    """Attributed sources in ``text``, in order of first mention, one per name. ``lowered``:
    ``lowered_text(text)``, where the caller has it."""
    cues = cues_for(lang or "")
    known = outlets or load_outlets()
    found: dict[str, Source] = {}
    for source in _scan(text, cues, known, lowered or lowered_text(text)):
        source = _with_link(_with_date(text, source, mentions), links)
        key = name_key(source.name)
        if key in found:
            first = found[key]
            found[key] = replace(first, url=first.url or source.url, date=first.date or source.date)
        else:
            found[key] = source
    return tuple(sorted(found.values(), key=lambda s: s.span))


def _scan(text: str, cues: Cues, known: Outlets, low: LoweredText) -> Iterator[Source]:
    lowered, words = low.text, low.words
    if cues.before:
        for start, end in find_cues(text, lowered, words, cues.before):
            name = name_after(text, end, cues)
            category = cues.kinds.get(cue_key(text[start:end]), "any")
            if name:
                yield from _classify(text, name, category, text[start:end], cues, known)
    names: dict[int, Name | None] = {}  # by the cue's start
    for cue_list, claim in ((cues.after, False), (cues.claims, True)):
        if cue_list is None:
            continue
        for start, end in find_cues(text, lowered, words, cue_list):
            name = _name_before(text, start, cues, names)
            if name:
                key = "after:" + cue_key(text[start:end])
                category = "claim" if claim else cues.kinds.get(key, "after_any")
                yield from _classify(text, name, category, text[start:end], cues, known)


def _name_before(text: str, start: int, cues: Cues, names: dict[int, Name | None]) -> Name | None:
    """``name_before``, read once at each place: "said" is an after cue and a claim verb."""
    if start not in names:
        names[start] = name_before(text, start, cues)
    return names[start]


def _classify(
    text: str, name: Name, category: str, cue: str, cues: Cues, known: Outlets
) -> Iterator[Source]:
    """Decide what a name is, or drop it (yield nothing) when its kind would be a guess."""
    domain = known.domain_of(name.text) or as_domain(name.text)
    kind = "outlet" if domain else _kind(text, name, category, cue, cues)
    if kind is not None:
        yield Source(name.text, kind, None, None, (name.start, name.end), _tidy(cue), domain)


def _kind(text: str, name: Name, category: str, cue: str, cues: Cues) -> str | None:
    words = name.text.split()
    if category in {"outlet_known", "after_outlet"}:
        return None  # weak cues ("told", "X reported") only count for known outlets
    if name.role:
        return "person" if len(words) <= MAX_PERSON_TOKENS else None
    if category == "claim":
        return None  # a claim verb without a role: "Huawei mengatakan" may be any subject
    if cues.nouns_capitalised and len(words) > 1 and words[1] in cues.particles:
        # German "Zahlen der Deutschen ...": a noun phrase, unless its head is an
        # organisation ("Bundeszentrale für Ernährung").
        head = words[0].casefold()
        return "organisation" if _is_org_word(head, cues) else None
    if any(_is_org_word(w.casefold().strip(".,"), cues) for w in words):
        return "organisation"
    if any(w.casefold().strip(".,") in cues.outlet_words for w in words):
        return "outlet"  # "the Bronx Times", "Nine News"
    if len(words) == 1 and not _is_acronym(words[0]):
        return _one_word(text, name, category, cues)
    if len(words) > 1 and all(_is_acronym(w) for w in words):
        return None  # "PETER VAN ELSUWEGE": a name in capitals, person or body unknown
    if category == "outlet":
        # "dilansir dari X": the cue says X published something; but a credit line
        # ("Source: Jane Doe") names a person when the name has a person's shape.
        return "person" if cue.rstrip().endswith(":") and _is_person_shape(words) else "outlet"
    if _is_person_shape(words) and (category != "any" or _NAME_END.match(text[name.end :])):
        return "person"  # after "menurut"/"laut" a person's name ends the clause: "X, ..."
    if len(words) == 1:
        return "organisation"  # an acronym: "BPS", "NASA"
    if category == "any" and not cues.nouns_capitalised:
        return "organisation"
    return None


def _one_word(text: str, name: Name, category: str, cues: Cues) -> str | None:
    """A single capitalised word: a person only after a speech cue and where one-word names
    are common or the story named the person in full before; an outlet after an outlet cue
    unless every noun is capitalised in the language."""
    if category == "person" and _NAME_END.match(text[name.end :]):
        if cues.single_names or introduced(text, name, cues):
            return "person"
        return None
    if category == "outlet" and not cues.nouns_capitalised:
        return "outlet"
    return None


def _is_org_word(word: str, cues: Cues) -> bool:
    """An organisation word, alone or closing a compound ("Bundesministerium", genitive too)."""
    return word in cues.org_words or word.endswith(cues.org_suffixes)


def _is_person_shape(words: Sequence[str]) -> bool:
    """Two or three capitalised alphabetic words, not acronyms: "Abhishek Yadav"."""
    if not 2 <= len(words) <= MAX_PERSON_TOKENS:
        return False
    return all(
        w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and not w.isupper() for w in words
    )  # fmt: skip


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _tidy(cue: str) -> str:
    return " ".join(cue.split())


def _with_date(text: str, source: Source, mentions: Sequence[DateMention]) -> Source:
    """A date given right after the name: "Gizmochina (16/5)"."""
    end = source.span[1]
    for mention in mentions:
        gap = mention.span[0] - end
        if 0 <= gap <= _MAX_DATE_GAP and _DATE_GAP.match(text[end : mention.span[0]]):
            return replace(source, date=mention.date)
    return source


def _with_link(source: Source, links: Sequence[tuple[str, str, int]]) -> Source:
    """The URL of a link whose anchor covers the name; an unknown outlet takes its domain."""
    start, end = source.span
    for anchor, href, offset in links:
        if offset < end and start < offset + len(anchor):
            domain = source.domain
            if source.kind == "outlet" and not domain:
                domain = host_of(href)
            return replace(source, url=href, domain=domain)
    return source
