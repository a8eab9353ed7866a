"""Attribution cues of a language (lexicon data) and the names next to them in a text.

A name is the run of capitalised words at a cue: after it ("dilansir dari Gizmochina") or
before it ("Reuters reported"). Lowercase words, punctuation, dates and line breaks end it; a
lowercase particle may join two of its words ("Bank of America", "Folha de S.Paulo"); a role
noun before it ("Leaker", "analis", "Menteri") is not part of it but marks it as a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from warta import lexicon
from warta.extract.cue_scan import CueList, cue_list
from warta.extract.outlets import as_domain, load_outlets

_TOKEN = re.compile(r"\S+")
TRAIL = ".,;:!?)]}\"'”’»"
LEAD = "([{\"'“‘«"
MAX_NAME_TOKENS = 6
MAX_PERSON_TOKENS = 3
_LOOK_BACK = 200  # characters before a cue searched for its name
_NEAR_TOKENS = 80  # characters before a cue that usually hold the tokens read there


@dataclass(frozen=True, slots=True)
class Cues:
    """One language's attribution lexicon, compiled."""

    before: CueList | None
    after: CueList | None
    claims: CueList | None
    kinds: dict[str, str]  # cue (casefolded, spaces collapsed; "after:" + cue) -> category
    roles: tuple[tuple[str, ...], ...]  # role nouns as token tuples, longest first
    role_index: dict[str, tuple[tuple[str, ...], ...]]  # the same, by first token
    role_ends: dict[str, tuple[tuple[str, ...], ...]]  # the same, by last token
    role_suffixes: tuple[str, ...]  # one-word roles long enough to close a compound
    single_roles: frozenset[str]  # one-word roles
    org_words: frozenset[str]
    org_suffixes: tuple[str, ...]  # org words long enough to close a compound, and plurals
    outlet_words: frozenset[str]
    not_names: frozenset[str]
    skips: dict[str, tuple[tuple[str, ...], ...]]  # words skipped before a name, by first token
    particles: frozenset[str]
    connectors: frozenset[str]  # words that join two names ("and", "dan", "&")
    single_names: bool  # one-word names of people are common ("kata Pratikno")
    nouns_capitalised: bool  # every noun is capitalised (German): one word proves nothing


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Name:
    text: Final[str]
    start: Final[int]
    end: Final[int]
    role: Final[bool]  # a role noun stood before it

    def __init__(self, text: str, start: int, end: int, role: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.role = role


def cue_key(cue: str) -> str:
    return " ".join(cue.casefold().split())


@cache
def cues_for(lang: str) -> Cues:
    """The cue set of a language; every language merged when it has no lexicon of its own."""
    # The languages without a lexicon share one merged set: built once, not once each.
    return _cues(lang if lang and lexicon.load(lang, "attribution") else "")


@cache
def _cues(lang: str) -> Cues:
    table = lexicon.load(lang, "attribution") if lang else {}

    def get(key: str) -> list[str]:
        if table:
            return list(table.get(key, ()))
        return list(lexicon.merged_list("attribution", key))

    kinds: dict[str, str] = {}
    for category in ("outlet", "outlet_known", "any", "person"):
        for cue in get(f"before_{category}"):
            kinds.setdefault(cue_key(cue), category)
        for cue in get(f"after_{category}"):
            kinds.setdefault("after:" + cue_key(cue), f"after_{category}")
    before = [c for k in ("outlet", "outlet_known", "any", "person") for c in get(f"before_{k}")]
    after = [c for k in ("outlet", "any", "person") for c in get(f"after_{k}")]
    joiners = lexicon.load(lang, "byline").get("joiners", ()) if table else ()
    roles = _token_tuples(get("role_nouns"))
    org_words = frozenset(w.casefold() for w in get("org_words"))
    long_orgs = tuple(o for o in org_words if len(o) >= 5)
    return Cues(
        before=cue_list(before, trailing=r"(?=\s)", any_case=True),
        # A cue after a name is never the first word of a sentence: written as listed
        # (lowercase), so that a name such as "Sudirman Said" is not read as "said".
        after=cue_list(after, trailing=r"(?!\w)", any_case=False),
        claims=cue_list(get("claim_verbs"), trailing=r"(?!\w)", any_case=False),
        kinds=kinds,
        roles=roles,
        role_index=_by_token(roles, 0),
        role_ends=_by_token(roles, -1),
        role_suffixes=tuple(r[0] for r in roles if len(r) == 1 and len(r[0]) >= 5),
        single_roles=frozenset(r[0] for r in roles if len(r) == 1),
        org_words=org_words,
        org_suffixes=(*long_orgs, *(o + "s" for o in long_orgs)),
        outlet_words=frozenset(w.casefold() for w in get("outlet_words")),
        not_names=frozenset(w.casefold() for w in get("not_names")),
        skips=_by_token(_token_tuples(get("skip_words")), 0),
        particles=frozenset(get("name_particles")),
        connectors=frozenset(j.casefold() for j in (*joiners, "&")),
        single_names=bool(table.get("single_word_names", not table)),
        nouns_capitalised=bool(table.get("nouns_capitalised", False)),
    )


def _by_token(
    tuples: Sequence[tuple[str, ...]], position: int
) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for item in tuples:  # already longest first, and kept so
        index.setdefault(item[position], []).append(item)
    return {first: tuple(items) for first, items in index.items()}


def _token_tuples(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    tuples = {tuple(i.casefold().split()) for i in items if i.strip()}
    return tuple(sorted(tuples, key=len, reverse=True))


# --- names ------------------------------------------------------------------------------------


def name_after(text: str, pos: int, cues: Cues) -> Name | None:
    """The capitalised run that starts at ``pos`` (after skip words and a role noun)."""
    tokens = _same_line(text, pos, MAX_NAME_TOKENS + 6)
    if not tokens:
        return None
    words = [t.group(0) for t in tokens]
    index = _skip(words, 0, cues.skips)
    role_end = _role_at(words, index, cues)
    role = role_end > index
    if role and (role_end >= len(words) or _ends_sentence(words[role_end - 1])):
        return None  # "sagt der Sprecher." : the role is the whole subject, no name follows
    if role and words[role_end] in cues.particles:
        return None  # "o Ministro da Defesa": the role's qualifier, no name
    run = _run(tokens, role_end, cues)
    run, inner_role = _after_inner_role(run, cues)
    return finish(text, run, role or inner_role, cues)


def name_before(text: str, pos: int, cues: Cues) -> Name | None:
    """The capitalised run that ends right before ``pos`` (the cue), with its role noun."""
    line_start = text.rfind("\n", 0, pos) + 1
    start = max(line_start, pos - _LOOK_BACK)
    if not _may_end_name(_word_before(text, start, pos)):
        return None  # what the loop below finds at its first word, most often: "he said"
    tokens = _last_tokens(text, start, pos, MAX_NAME_TOKENS + 4)
    if not tokens or text[tokens[-1].end() : pos].strip():
        return None
    run: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group(0)
        if word[-1] in TRAIL or word[0] in LEAD:
            break  # "..., said" has no name right before the cue
        if not is_name_word(word) and not (run and word in cues.particles):
            break
        run.insert(0, token)
        if len(run) >= MAX_NAME_TOKENS + 2:
            break
    while run and run[0].group(0) in cues.particles:
        run.pop(0)
    if not run:
        return None
    first = len(tokens) - len(run)  # the run is the tokens' tail
    before = [t.group(0) for t in tokens[max(0, first - 3) : first]]
    # "the Alliance of Motion Picture and Television Producers said": a longer name's tail.
    if len(before) >= 2 and before[-1].casefold() in cues.connectors and is_name_word(before[-2]):
        return None
    words = [t.group(0) for t in run]
    role_end = _role_at(words, 0, cues)
    role = role_end > 0 or _ends_with_role(before, cues)
    run, inner_role = _after_inner_role(run[role_end:], cues)
    return finish(text, run, role or inner_role, cues)


def _word_before(text: str, start: int, end: int) -> str:
    """The last token (run of non-space characters) of ``text[start:end]``, or ""."""
    tail = text[start:end].rsplit(maxsplit=1)
    return tail[-1] if tail else ""


def _may_end_name(word: str) -> bool:
    """Can ``word`` be the last word of a name right before a cue ("Reuters said")?"""
    return bool(word) and word[-1] not in TRAIL and word[0] not in LEAD and is_name_word(word)


def _last_tokens(text: str, start: int, end: int, count: int) -> list[re.Match[str]]:
    """The last ``count`` tokens of ``text[start:end]``. Read first from a short stretch before
    ``end``: when it holds more than ``count`` tokens, its first (maybe cut short by the
    stretch) is not among them, and the rest are those of the whole window."""
    near = max(start, end - _NEAR_TOKENS)
    if near > start:
        tokens = list(_TOKEN.finditer(text, near, end))
        if len(tokens) > count:
            return tokens[-count:]
    return list(_TOKEN.finditer(text, start, end))[-count:]


def finish(text: str, run: list[re.Match[str]], role: bool, cues: Cues) -> Name | None:
    """The name a run of tokens spells, with its exact span, or None if it is not one."""
    if not run:
        return None
    # After a role, a long run holds a qualifier first ("Menteri Keuangan Sri Mulyani").
    if role and len(run) > MAX_PERSON_TOKENS:
        run = run[-2:]
    start = run[0].start() + (len(run[0].group(0)) - len(run[0].group(0).lstrip(LEAD)))
    last = run[-1]
    end = last.start() + len(last.group(0).rstrip(TRAIL))
    if end <= start:
        return None
    name = text[start:end]
    if name.endswith(("'s", "’s")):
        name, end = name[:-2], end - 2
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    # "The", "Le", "Laut" open sentences and outlet names alike: only a known outlet may
    # start with one ("Le Monde", "The Verge").
    first = name.split()[0]
    if first in cues.particles:
        return None  # "von LobbyControl": a particle cannot open a name
    if first.casefold() in cues.not_names and not load_outlets().domain_of(name):
        return None
    return Name(name, start, end, role)


def introduced(text: str, name: Name, cues: Cues) -> bool:
    """Was this one-word name written earlier as the last word of a longer name ("Josef
    Settele ... sagt Settele")? That is how a story refers back to a person."""
    if text.find(name.text, 0, name.start) < 0:
        return False  # not written before at all: no pattern to compile for this name
    matches = _introduction(name.text).finditer(text, 0, name.start)
    return any(m.group(1).casefold() not in cues.not_names for m in matches)


@lru_cache(maxsize=1024)
def _introduction(word: str) -> re.Pattern[str]:
    """A capitalised word, then ``word``. (Compiled once per word, not looked up in the re
    module's cache by interpreted code on each call.)"""
    return re.compile(rf"([A-Z][\w'’-]+)\s+{re.escape(word)}(?!\w)")


def _same_line(text: str, pos: int, limit: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    previous = pos
    for match in _TOKEN.finditer(text, pos):
        if "\n" in text[previous : match.start()]:
            break
        out.append(match)
        previous = match.end()
        if len(out) >= limit:
            break
    return out


def _run(tokens: Sequence[re.Match[str]], index: int, cues: Cues) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    for token in tokens[index:]:
        word = token.group(0)
        bare = word.rstrip(TRAIL)
        if word[0] in LEAD and (run or word[0] == "("):
            break  # "Badan Pusat Statistik (BPS)": the bracket ends the name
        if not is_name_word(bare.lstrip(LEAD)):
            if run and word in cues.particles:
                run.append(token)
                continue
            break
        if run and bare.casefold() in cues.not_names:
            break
        run.append(token)
        if bare != word or len(run) >= MAX_NAME_TOKENS:
            break
    while run and run[-1].group(0).rstrip(TRAIL) in cues.particles:
        run.pop()
    return run


def is_name_word(word: str) -> bool:
    """Capitalised, a brand written in camel case ("detikNews"), a number-led name
    ("9to5Mac"), or a domain ("gizmochina.com")."""
    if not word:
        return False
    head = word[0]
    if head.isupper():
        return True
    if head.isdigit():
        return any(c.isalpha() for c in word) and not word.replace("/", "").isdigit()
    if head.isalpha() and any(c.isupper() for c in word[1:]):
        return True
    return as_domain(word.rstrip(TRAIL)) is not None


def _skip(words: Sequence[str], index: int, skips: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    for _ in range(2):
        if index >= len(words):
            return index
        for skip in skips.get(words[index].casefold(), ()):
            window = words[index : index + len(skip)]
            if tuple(w.casefold() for w in window) == skip and all(w.islower() for w in window):
                index += len(skip)
                break
        else:
            return index
    return index


def _role_at(words: Sequence[str], index: int, cues: Cues) -> int:
    """The index after a role noun starting at ``index`` (``index`` itself if there is none).
    Where nouns are capitalised, compounds count too ("Diözesancaritasdirektor")."""
    if index < len(words):
        first = words[index].casefold().rstrip(TRAIL)
        for role in cues.role_index.get(first, ()):
            window = tuple(w.casefold().rstrip(TRAIL) for w in words[index : index + len(role)])
            if window == role:
                return index + len(role)
    if cues.nouns_capitalised and index < len(words) and _compound_role(words[index], cues):
        return index + 1
    return index


def _ends_sentence(word: str) -> bool:
    """Punctuation after a word ends the phrase, except an abbreviation's period ("Dr.")."""
    if word[-1] == ".":
        return len(word) > 5
    return word[-1] in TRAIL


def _compound_role(word: str, cues: Cues) -> bool:
    folded = word.casefold().rstrip(TRAIL)
    last = folded.rsplit("-", 1)[-1]
    return last in cues.single_roles or folded.endswith(cues.role_suffixes)


def _after_inner_role(run: list[re.Match[str]], cues: Cues) -> tuple[list[re.Match[str]], bool]:
    """A role inside a run names the person after it: "Travis County Party Chair Katie
    Naranjo" -> "Katie Naranjo"."""
    words = [t.group(0) for t in run]
    for index in range(len(words) - 2, 0, -1):
        end = _role_at(words, index, cues)
        if end > index and 1 <= len(words) - end <= MAX_PERSON_TOKENS:
            return run[end:], True
    return run, False


def _ends_with_role(words: Sequence[str], cues: Cues) -> bool:
    lowered = tuple(w.casefold() for w in words)
    if not lowered:
        return False
    roles = cues.role_ends.get(lowered[-1], ())
    return any(len(r) <= len(lowered) and lowered[-len(r) :] == r for r in roles)
