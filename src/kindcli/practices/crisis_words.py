"""How the crisis-language check reads words: the normalized text, its sentences, and each
word in canonical form (slang in its plain form, a misspelling of a key word as the word).
Part of `kindcli.practices.crisis_language`; pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`\u00b4]")
_SPACE = re.compile(r"\s+")
_LEET = str.maketrans(
    {"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
)
# A digit (or $, @, !) with a letter on each side is a letter in disguise ("su1c1de").
_DISGUISED = re.compile(r"(?<=[a-z])[0-9$@!*](?=[a-z])")
_SENTENCES = re.compile(r"[.!?;:\n\u2026]+|\s[-\u2013\u2014]+\s")
_WORD = re.compile(r"[a-z]+|,")


def normalize(text: str) -> str:
    """Lowercase, apostrophes removed ("don't" -> "dont"), letters in disguise read as
    letters, whitespace collapsed: the form the reviewed patterns are written against."""
    cleaned = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).lower())
    cleaned = _DISGUISED.sub(lambda m: m.group().translate(_LEET).replace("!", "i"), cleaned)
    return _SPACE.sub(" ", cleaned.replace("*", "")).strip()


def sentences(text: str) -> list[str]:
    """The normalized sentences of `text` (line breaks and sentence punctuation cut)."""
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


# ---- the lexicon: slang, and misspellings of key words ---------------------------------


def misspellings(word: str) -> set[str]:
    """Every form of `word` with one letter doubled, dropped, swapped with its neighbor or
    (in words of six letters or more) replaced by another letter or with one letter too many.
    Short words only take the changes that cannot make another short word out of them."""
    out: set[str] = set()
    n = len(word)
    for i in range(n):
        out.add(word[: i + 1] + word[i] + word[i + 1 :])  # doubled
        if n >= 4:
            out.add(word[:i] + word[i + 1 :])  # dropped
        if i < n - 1 and n >= 4:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped
        if n >= 6:
            for letter in "abcdefghijklmnopqrstuvwxyz":
                out.add(word[:i] + letter + word[i + 1 :])  # replaced
                out.add(word[:i] + letter + word[i:])  # one letter too many
    out.discard(word)
    return {w for w in out if len(w) >= 3}


@dataclass(frozen=True)
class Lexicon:
    """How each word of a text is read: slang first, then misspellings of key words."""

    table: Mapping[str, str]

    @classmethod
    def build(
        cls,
        key_words: Iterable[str],
        slang: Mapping[str, str],
        real_words: Iterable[str],
    ) -> Lexicon:
        keys = list(key_words)
        keep = set(keys) | set(real_words) | set(slang)
        table: dict[str, str] = {}
        ambiguous: set[str] = set()
        for key in keys:
            for wrong in misspellings(key):
                if wrong in keep:
                    continue
                if table.get(wrong, key) != key:
                    ambiguous.add(wrong)  # one misspelling of two key words: read neither
                table[wrong] = key
        for wrong in ambiguous:
            del table[wrong]
        table.update(slang)
        return cls(table)

    def read(self, sentence: str) -> str:
        """The sentence in canonical words, separated by single spaces; commas are kept as
        their own word so a pattern never reaches across a clause by accident."""
        get = self.table.get
        return " ".join(get(w, w) for w in _WORD.findall(sentence))


@lru_cache(maxsize=8)
def lexicon(
    key_words: tuple[str, ...], slang: tuple[tuple[str, str], ...], real_words: tuple[str, ...]
) -> Lexicon:
    return Lexicon.build(key_words, dict(slang), real_words)
