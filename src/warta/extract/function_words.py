r"""Whether a sample of text reads as a declared language, by its function words alone.

Most pages declare their language correctly, and fastText's answer costs a tenth of a
millisecond or more a page (its lookups miss the CPU caches). The commonest words of a language
("the", "of", "und", "der", "que") settle most declarations for a few microseconds; fastText
still decides every sample this test does not confirm.

The word lists (``function_words`` in ``warta/data/lexicons/<lang>/language.toml``) overlap:
"de" is Dutch, French, Spanish and Portuguese. So the test asks three things of the sample:
- enough words of the declared language (``MIN_OWN_WORDS``);
- for every other language, at least one of them that its list lacks ("the" against Dutch;
  Spanish "y" or "los" against Catalan), so that nothing is confirmed on shared words alone;
- against every language with words of its own in the sample (that the declared language's
  list lacks), ``OWN_TO_RIVAL`` times as many declared-language words that the rival's list
  lacks: a German text with an English quotation still reads as German, a Danish one declared
  Norwegian does not.

Words are runs of ``\w``; a script whose words hold combining marks that ``\w`` does not match
(Hindi's vowel signs) has no list, and its pages are left to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from warta import lexicon

MIN_OWN_WORDS = 5
OWN_TO_RIVAL = 3
_TOPIC = "language"  # lexicons/<lang>/language.toml
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class FunctionWords:
    """Each language's bit, and each listed word's languages as a mask of their bits."""

    bits: MappingProxyType[str, int]
    masks: MappingProxyType[str, int]


def reads_as(sample: str, lang: str) -> bool:
    """Whether ``sample`` clearly reads as ``lang`` by its function words (False where ``lang``
    has no list, or the sample does not settle it)."""
    table = function_words()
    bit = table.bits.get(lang)
    if bit is None:
        return False
    masks = [table.masks.get(word, 0) for word in _WORD.findall(sample.lower())]
    own = [mask for mask in masks if mask & bit]
    if len(own) < MIN_OWN_WORDS:
        return False
    shared = -1  # the languages whose lists hold every one of the sample's own words
    rivals = 0  # the languages with a word in the sample that ``lang``'s list lacks
    for mask in masks:
        if mask & bit:
            shared &= mask
        else:
            rivals |= mask
    if shared != bit:
        return False
    for rival in table.bits.values():
        if rivals & rival:
            theirs = sum(1 for mask in masks if mask & rival and not mask & bit)
            ours = sum(1 for mask in own if not mask & rival)
            if ours < OWN_TO_RIVAL * theirs:
                return False
    return True


@cache
def function_words() -> FunctionWords:
    """The function words of every language with a list, read once per process."""
    bits: dict[str, int] = {}
    masks: dict[str, int] = {}
    for lang in lexicon.languages():
        words = lexicon.load(lang, _TOPIC).get("function_words", ())
        if not words:
            continue
        bit = 1 << len(bits)
        bits[lang] = bit
        for word in words:
            masks[word] = masks.get(word, 0) | bit
    return FunctionWords(MappingProxyType(bits), MappingProxyType(masks))
