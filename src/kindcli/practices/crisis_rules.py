"""Whether a match stands, and who it is about: negation, tense, figures of speech, stories,
groups, and the person the words are about. Part of `kindcli.practices.crisis_language`;
pure, and every word it weighs comes from the data (`rules` in crisis-language.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

About = Literal["self", "other"]

_VOCATIVE = re.compile(r"^(?:(?:dear|hey|hi|oh|my) )?[a-z]+(?: [a-z]+)? , ")


@dataclass(frozen=True)
class Rules:
    """Word lists for negation, tense and who the words are about (all canonical forms)."""

    negators: tuple[str, ...] = ()
    not_negators: tuple[str, ...] = ()
    clause_breaks: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    relapse: tuple[str, ...] = ()
    danger_words: frozenset[str] = frozenset()
    self_words: frozenset[str] = frozenset()
    other_words: frozenset[str] = frozenset()
    group_words: frozenset[str] = frozenset()
    media_words: frozenset[str] = frozenset()
    topic_words: frozenset[str] = frozenset()
    object_markers: frozenset[str] = frozenset()
    trivial_words: frozenset[str] = frozenset()
    hyperbole_frames: tuple[str, ...] = ()
    # Everyday words that keep the second reader quiet (a pattern still speaks).
    everyday_words: tuple[str, ...] = ()
    # Words after a match that take it back ("..., and honestly I don't").
    taken_back: tuple[str, ...] = ()
    window: int = 7

    def compiled(self) -> _CompiledRules:
        return _compile_rules(self)


@dataclass(frozen=True)
class _CompiledRules:
    negation: re.Pattern[str] | None
    not_negation: re.Pattern[str] | None
    breaks: re.Pattern[str] | None
    past: re.Pattern[str] | None
    returned: re.Pattern[str] | None
    relapse: re.Pattern[str] | None
    frames: re.Pattern[str] | None
    taken_back: re.Pattern[str] | None = None


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    items = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in items) + r")(?= |$)")


@lru_cache(maxsize=1024)
def alternation(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    return _alternation(phrases)


@lru_cache(maxsize=16)
def _compile_rules(rules: Rules) -> _CompiledRules:
    frames = sorted(rules.hyperbole_frames, key=len, reverse=True)
    return _CompiledRules(
        _alternation(rules.negators),
        _alternation(rules.not_negators),
        _alternation(rules.clause_breaks),
        _alternation(rules.past),
        _alternation(rules.returned),
        _alternation(rules.relapse),
        re.compile("|".join(f"(?:{f})" for f in frames)) if frames else None,
        re.compile("|".join(f"(?:{f})" for f in rules.taken_back)) if rules.taken_back else None,
    )


def judge(
    text: str,
    start: int,
    end: int,
    compiled: _CompiledRules,
    rules: Rules,
    about: str = "auto",
) -> About | None:
    """Whether a match at text[start:end] stands, and who it is about; None when it is
    negated, in the past, only a figure of speech, or about a story rather than a person."""
    before = text[:start]
    # The clause the match is in: from the last comma or clause word before it.
    clause_start = 0
    if compiled.breaks is not None:
        for m in compiled.breaks.finditer(before):
            clause_start = m.end()
    clause_start = max(clause_start, before.rfind(",") + 1)
    window = " ".join(text[clause_start:start].split()[-rules.window :])
    relapse = compiled.relapse is not None and compiled.relapse.search(text) is not None
    if not relapse and compiled.negation is not None and compiled.negation.search(window):
        # The matched words count too: "if I not exist" is the wish, not a denial of one.
        said = window + " " + " ".join(text[start:end].split()[:2])
        harmless = compiled.not_negation is not None and compiled.not_negation.search(said)
        if not harmless:
            return None
    returned = compiled.returned is not None and compiled.returned.search(text) is not None
    # A past marker inside the match is part of what is said ("I no longer want to live").
    outside = text[:start] + " | " + text[end:]
    if not relapse and compiled.past is not None and compiled.past.search(outside) and not returned:
        return None
    if not relapse and compiled.taken_back is not None and compiled.taken_back.search(text[end:]):
        return None  # "... and honestly I don't", "..., not anymore": said, then taken back
    words = set(text.split())
    if compiled.frames is not None and words & rules.trivial_words and compiled.frames.search(text):
        return None  # "if I have to sit through one more meeting I'll ...": a figure of speech
    who = _who(text, start, end, rules)
    if about == "self-only" and who != "self-stated":
        return None
    following = text[end:].split()[:1]
    if following and following[0] in rules.topic_words:
        return None  # "suicide prevention", "self-harm awareness": a topic, not a statement
    if who in ("other", "nobody") and words & rules.media_words:
        return None  # a film, a book, the news: a story, not a person to reach
    inside_match = set(text[start:end].split())
    if inside_match & {"without", "better"} and set(text[:start].split()) & rules.group_words:
        return None  # "the team would be better off without me": a group, not people
    return "other" if who == "other" else "self"


def _who(text: str, start: int, end: int, rules: Rules) -> str:
    """ "self-stated" when the writer is named, "other" when someone else is, else "nobody":
    the words inside the match decide first, then the nearest person named before it."""
    # Inside the match the writer decides ("better off without me", "end my life"), and
    # of other people only a reflexive does ("kill herself"): "letters to each of them"
    # names who the letters are for, not who wrote them.
    inside = text[start:end].split()
    if any(word in rules.self_words for word in inside):
        return "self-stated"
    if any(word in rules.other_words and word.endswith(("self", "selves")) for word in inside):
        return "other"
    # "Mum, if you find this ...": a name called at the start is who is spoken to.
    words = _VOCATIVE.sub("", text[:start], count=1).split()
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in rules.self_words:
            return "self-stated"
        if word in rules.other_words and not _object(words, i, rules.object_markers):
            return "other"
    return "nobody"


_DETERMINERS = frozenset(["my", "your", "our", "his", "her", "their", "the", "a"])


def _object(words: Sequence[str], i: int, markers: frozenset[str]) -> bool:
    """Whether words[i] is the object of a preposition or verb of telling ("a goodbye to
    my mom", "without telling her"), so it is not who the sentence is about."""
    j = i - 1
    if j >= 0 and words[j] in _DETERMINERS:
        j -= 1
    return j >= 0 and words[j] in markers
