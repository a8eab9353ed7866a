"""Attributions: who or what the text says a claim came from.

Three patterns, each driven by lexicon data (``<lang>/attribution.toml``):

* a cue, then a name: "dilansir dari Gizmochina", "according to The Verge", "selon Le Monde";
* a name, then a cue: "Reuters reported", "Bernama melaporkan";
* a role noun, a name and a claim verb: "Leaker Abhishek Yadav menunjukkan bahwa".

A name is the run of capitalised words at the cue (lowercase words, punctuation and dates end
it). It is an outlet when it is a known outlet or written as a domain, a person when a role noun
stands before it or it has the shape of a personal name, an organisation otherwise. Precision
comes first: a run that fits none of these shapes is dropped rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta import lexicon
from warta.article import DateMention, Source
from warta.extract.outlets import Outlets, as_domain, host_of, load_outlets, name_key

_TOKEN = re.compile(r"\S+")
_TRAIL = ".,;:!?)]}\"'”’»"
_LEAD = "([{\"'“‘«"
_MAX_NAME_TOKENS = 6
_MAX_PERSON_TOKENS = 3
_DATE_GAP = re.compile(r"^[\s,(]*(?:[A-Z][a-z]+[\s,(]*)?$")
_MAX_DATE_GAP = 20
_NAME_END = re.compile(r"^\s*(?:[,.;:!?)\"”’]|$)")


@dataclass(frozen=True, slots=True)
class _Cues:
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    claims: re.Pattern[str] | None
    kinds: dict[str, str]  # cue (casefolded, spaces collapsed; "after:" + cue) -> category
    roles: tuple[tuple[str, ...], ...]  # role nouns as token tuples, longest first
    org_words: frozenset[str]
    not_names: frozenset[str]
    skip: tuple[tuple[str, ...], ...]
    particles: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    start: int
    end: int
    role: bool  # a role noun stood before it


def find_sources(
    text: str,
    *,
    lang: str | None,
    links: Sequence[tuple[str, str, int]] = (),
    mentions: Sequence[DateMention] = (),
    outlets: Outlets | None = None,
) -> tuple[Source, ...]:
    """Attributed sources in ``text``, in order of first mention, one per name."""
    cues = _cues(lang or "")
    known = outlets or load_outlets()
    found: dict[str, Source] = {}
    for source in _scan(text, cues, known):
        source = _with_link(_with_date(text, source, mentions), links, known)
        key = name_key(source.name)
        if key in found:
            first = found[key]
            found[key] = replace(first, url=first.url or source.url, date=first.date or source.date)
        else:
            found[key] = source
    return tuple(sorted(found.values(), key=lambda s: s.span))


def _scan(text: str, cues: _Cues, known: Outlets) -> list[Source]:
    sources: list[Source] = []
    if cues.before:
        for match in cues.before.finditer(text):
            cue = _cue_key(match.group(0))
            name = _name_after(text, match.end(), cues)
            if name:
                sources += _classify(
                    text, name, cues.kinds.get(cue, "any"), match.group(0), cues, known
                )
    for pattern, category in ((cues.after, None), (cues.claims, "claim")):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            name = _name_before(text, match.start(), cues)
            if name:
                kind = category or cues.kinds.get("after:" + _cue_key(match.group(0)), "after_any")
                sources += _classify(text, name, kind, match.group(0), cues, known)
    return sources


def _classify(
    text: str, name: _Name, category: str, cue: str, cues: _Cues, known: Outlets
) -> list[Source]:
    """Decide what a name is, or drop it (an empty list) when its kind would be a guess."""
    domain = known.domain_of(name.text) or as_domain(name.text)
    kind = "outlet" if domain else _kind(text, name, category, cues)
    if kind is None:
        return []
    return [Source(name.text, kind, None, None, (name.start, name.end), _tidy(cue), domain)]


def _kind(text: str, name: _Name, category: str, cues: _Cues) -> str | None:
    words = name.text.split()
    if category in {"outlet_known", "after_outlet"}:
        return None  # weak cues ("told", "X reported") only count for known outlets
    if name.role:
        return "person" if len(words) <= _MAX_PERSON_TOKENS else None
    if category == "claim":
        return None  # a claim verb without a role: "Huawei mengatakan" may be any subject
    if any(_is_org_word(w.casefold().strip(".,"), cues.org_words) for w in words):
        return "organisation"
    if category == "outlet":
        return "outlet"  # "dilansir dari X": the cue itself says X published something
    if _is_person_shape(words) and (category != "any" or _NAME_END.match(text[name.end :])):
        return "person"  # after "menurut"/"laut" a person's name ends the clause: "X, ..."
    if len(words) == 1 and _is_acronym(words[0]):
        return "organisation"
    if len(words) == 1 and category == "person" and _NAME_END.match(text[name.end :]):
        return "person"  # '"...," kata Pratikno.'
    if len(words) >= 2 and category == "any":
        return "organisation"
    return None


def _is_org_word(word: str, org_words: frozenset[str]) -> bool:
    """An organisation word, alone or closing a compound ("Bundesministerium")."""
    if word in org_words:
        return True
    return any(len(o) >= 5 and word.endswith(o) for o in org_words)


def _is_person_shape(words: Sequence[str]) -> bool:
    """Two or three capitalised alphabetic words, not acronyms: "Abhishek Yadav"."""
    if not 2 <= len(words) <= _MAX_PERSON_TOKENS:
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


def _cue_key(cue: str) -> str:
    return " ".join(cue.casefold().split())


# --- names -----------------------------------------------------------------------------------


def _tokens_from(text: str, pos: int, limit: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text, pos):
        out.append(match)
        if len(out) >= limit:
            break
    return out


def _name_after(text: str, pos: int, cues: _Cues) -> _Name | None:
    """The capitalised run that starts at ``pos`` (after skip words and a role noun)."""
    tokens = _tokens_from(text, pos, _MAX_NAME_TOKENS + 6)
    if not tokens or text[pos : tokens[0].start()].count("\n"):
        return None
    words = [t.group(0) for t in tokens]
    index = _skip(words, 0, cues.skip)
    role_end = _role_at(words, index, cues.roles)
    role = role_end > index
    run = _run(tokens, role_end, cues)
    if not run and role:  # "CEO Xiaomi ..." where the role is the whole capitalised run
        return None
    return _finish(text, run, role, cues)


def _name_before(text: str, pos: int, cues: _Cues) -> _Name | None:
    """The capitalised run that ends right before ``pos`` (the cue), with its role noun."""
    start = max(0, pos - 200)
    tokens = list(_TOKEN.finditer(text, start, pos))[-(_MAX_NAME_TOKENS + 4) :]
    if not tokens or text[tokens[-1].end() : pos].strip():
        return None
    run: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group(0)
        if word[-1] in _TRAIL and run:
            break
        if word[-1] in _TRAIL or word[0] in _LEAD:
            break  # "..., said" has no name right before the cue
        if not _is_name_word(word, cues) and not (run and word in cues.particles):
            break
        run.insert(0, token)
        if len(run) >= _MAX_NAME_TOKENS + 2:
            break
    while run and run[0].group(0) in cues.particles:
        run.pop(0)
    if not run:
        return None
    words = [t.group(0) for t in run]
    role_end = _role_at(words, 0, cues.roles)
    before_run = [t.group(0) for t in tokens if t.end() <= run[0].start()][-3:]
    role = role_end > 0 or _ends_with_role(before_run, cues.roles)
    return _finish(text, run[role_end:], role, cues)


def _finish(text: str, run: list[re.Match[str]], role: bool, cues: _Cues) -> _Name | None:
    if not run:
        return None
    # After a role, a long run holds a qualifier first ("Menteri Keuangan Sri Mulyani").
    if role and len(run) > _MAX_PERSON_TOKENS:
        run = run[-2:]
    start = run[0].start() + (len(run[0].group(0)) - len(run[0].group(0).lstrip(_LEAD)))
    last = run[-1]
    end = last.start() + len(last.group(0).rstrip(_TRAIL))
    if end <= start:
        return None
    name = text[start:end]
    if name.endswith("'s") or name.endswith("’s"):
        name, end = name[:-2], end - 2
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    # "The", "Le", "Laut" open sentences and outlet names alike: only a known outlet may
    # start with one ("Le Monde", "The Verge").
    first = name.split()[0].casefold()
    if first in cues.not_names and not load_outlets().domain_of(name):
        return None
    return _Name(name, start, end, role)


def _run(tokens: Sequence[re.Match[str]], index: int, cues: _Cues) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    for token in tokens[index:]:
        word = token.group(0)
        bare = word.rstrip(_TRAIL)
        if not run and word[0] in _LEAD:
            break
        if not _is_name_word(bare, cues):
            if run and word in cues.particles:
                run.append(token)
                continue
            break
        if run and bare.casefold() in cues.not_names:
            break
        run.append(token)
        if bare != word or len(run) >= _MAX_NAME_TOKENS:
            break
    while run and run[-1].group(0).rstrip(_TRAIL) in cues.particles:
        run.pop()
    return run


def _is_name_word(word: str, cues: _Cues) -> bool:
    if not word:
        return False
    head = word[0]
    if head.isupper():
        return True
    if head.isdigit():
        return any(c.isalpha() for c in word) and not word.replace("/", "").isdigit()
    return bool(as_domain(word) or load_outlets().domain_of(word))


def _skip(words: Sequence[str], index: int, skips: Sequence[tuple[str, ...]]) -> int:
    for _ in range(2):
        for skip in skips:
            window = words[index : index + len(skip)]
            if tuple(w.casefold() for w in window) == skip and all(w.islower() for w in window):
                index += len(skip)
                break
        else:
            return index
    return index


def _role_at(words: Sequence[str], index: int, roles: Sequence[tuple[str, ...]]) -> int:
    """The index after a role noun starting at ``index`` (``index`` itself if there is none)."""
    for role in roles:
        window = tuple(w.casefold().rstrip(_TRAIL) for w in words[index : index + len(role)])
        if window == role:
            return index + len(role)
    return index


def _ends_with_role(words: Sequence[str], roles: Sequence[tuple[str, ...]]) -> bool:
    lowered = tuple(w.casefold() for w in words)
    return any(len(r) <= len(lowered) and lowered[-len(r) :] == r for r in roles)


# --- dates and links -------------------------------------------------------------------------


def _with_date(text: str, source: Source, mentions: Sequence[DateMention]) -> Source:
    """A date given right after the name: "Gizmochina (16/5)"."""
    end = source.span[1]
    for mention in mentions:
        gap = mention.span[0] - end
        if 0 <= gap <= _MAX_DATE_GAP and _DATE_GAP.match(text[end : mention.span[0]]):
            return replace(source, date=mention.date)
    return source


def _with_link(source: Source, links: Sequence[tuple[str, str, int]], known: Outlets) -> Source:
    start, end = source.span
    for anchor, href, offset in links:
        if offset < end and start < offset + len(anchor):
            domain = source.domain
            if source.kind == "outlet" and not domain:
                domain = host_of(href)
            return replace(source, url=href, domain=domain)
    return source


# --- lexicon ---------------------------------------------------------------------------------


@cache
def _cues(lang: str) -> _Cues:
    """The cue set of a language; every language merged when it has no lexicon of its own."""
    table = lexicon.load(lang, "attribution") if lang else {}
    if table:

        def get(key: str) -> list[str]:
            return list(table.get(key, ()))
    else:

        def get(key: str) -> list[str]:
            return list(lexicon.merged_list("attribution", key))

    kinds: dict[str, str] = {}
    for side in ("before", "after"):
        for category in ("outlet", "outlet_known", "any", "person"):
            for cue in get(f"{side}_{category}"):
                if side == "before":
                    kinds.setdefault(_cue_key(cue), category)
                else:
                    kinds.setdefault("after:" + _cue_key(cue), f"after_{category}")
    before = [c for k in ("outlet", "outlet_known", "any", "person") for c in get(f"before_{k}")]
    after = [c for k in ("outlet", "any", "person") for c in get(f"after_{k}")]
    return _Cues(
        before=_alternation(before, trailing=r"(?=\s)"),
        after=_alternation(after, trailing=r"(?!\w)"),
        claims=_alternation(get("claim_verbs"), trailing=r"(?!\w)"),
        kinds=kinds,
        roles=_token_tuples(get("role_nouns")),
        org_words=frozenset(w.casefold() for w in get("org_words")),
        not_names=frozenset(w.casefold() for w in get("not_names")),
        skip=_token_tuples(get("skip_words")),
        particles=frozenset(get("name_particles")),
    )


def _alternation(cues: Sequence[str], *, trailing: str) -> re.Pattern[str] | None:
    if not cues:
        return None
    ordered = sorted(set(cues), key=len, reverse=True)
    body = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in ordered)
    return re.compile(rf"(?<!\w)(?:{body}){trailing}", re.IGNORECASE)


def _token_tuples(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    tuples = {tuple(i.casefold().split()) for i in items if i.strip()}
    return tuple(sorted(tuples, key=len, reverse=True))
