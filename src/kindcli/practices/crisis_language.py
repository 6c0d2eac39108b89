"""Noticing words that suggest someone may be in danger: local, deterministic, explainable.

Everything the check knows is data (`content/resources/crisis-language.yaml`): named word
lists, reviewed patterns written against those lists, the key words whose misspellings are
read as the word, slang, everyday idioms to leave alone, and the rules for negation, tense
and who the words are about. This module only knows how to apply them:

1. **Normalize** (`normalize`): lower case, apostrophes removed ("don't" -> "dont"), digits
   inside words read as letters ("k1ll" -> "kill"), then the text is cut into sentences.
2. **Canonicalize** each word (`Lexicon`): slang and abbreviations become their plain form
   ("kms" -> "kill myself"), and a misspelling of a key word (one letter dropped, doubled,
   swapped with its neighbor or, in longer words, replaced) becomes the word ("suicdal" ->
   "suicidal"), unless the misspelling is itself a real word ("dad" is never "dead").
3. **Pre-filter**: a pattern runs only on sentences holding one of its key words, so an
   ordinary 5,000-word entry costs a dictionary look-up per word and almost no matching.
4. **Idioms** are blanked out, then each pattern's first match is **judged**: a negation in
   the same clause before it ("I would never ...", "I don't want to ..."), a past or
   no-longer marker in its sentence ("used to", "years ago", unless "again" or "back" says it
   has returned), a reason that is only work, study or chores ("this essay makes me want to
   die"), and who it is about: the words inside the match first ("herself", "his life"),
   else the nearest person named before it ("my friend said she ...").

A match names the pattern, its class and who the words are about; it never keeps the words.
Patterns from a person's own file run on the `regex` engine with a time limit, so a pattern
that backtracks without end is stopped at the check's deadline (`CHECK_BUDGET_SECONDS`)
and set aside.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from kindcli.practices.crisis_rules import About, Rules, alternation, judge
from kindcli.practices.crisis_words import Lexicon, lexicon, misspellings, normalize, sentences

# The pieces live in crisis_words (reading words) and crisis_rules (judging a match); these
# names are the check's whole surface.
__all__ = [
    "CHECK_BUDGET_SECONDS",
    "USER_BUDGET_SECONDS",
    "USER_MIN_SECONDS",
    "About",
    "CrisisMatch",
    "Detector",
    "Lexicon",
    "LinearModel",
    "Pattern",
    "Rules",
    "UserPatterns",
    "detector_for",
    "expand",
    "find_crisis_language",
    "linear_model",
    "misspellings",
    "normalize",
    "sentences",
]

# How long a whole check (every text of one save, every item) may take before a person's
# own patterns are set aside; they always get at least USER_MIN_SECONDS. kind's own
# patterns are reviewed and not time-limited: a 5,000-word entry takes them about 10 ms.
CHECK_BUDGET_SECONDS = 0.02
USER_MIN_SECONDS = 0.005
# A person's own patterns checked on their own (no shared deadline).
USER_BUDGET_SECONDS = CHECK_BUDGET_SECONDS

_MACRO = re.compile(r"\{([a-z_]+)\}")


class Searcher(Protocol):
    def search(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    keys: frozenset[str]  # empty: runs on every sentence
    regex: str
    about: str = "auto"  # "auto", or "self-only": only when the writer is the subject
    unless: tuple[str, ...] = ()  # words that make a match ordinary ("pharmacy", "airport")

    def compiled(self) -> re.Pattern[str]:
        return _compiled(self.regex)

    def ordinary(self, sentence: str) -> bool:
        benign = alternation(self.unless)
        return benign is not None and benign.search(sentence) is not None


@lru_cache(maxsize=1024)
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


@dataclass(frozen=True)
class CrisisMatch:
    """Which reviewed pattern matched, its class, and who the words are about. Never holds
    the person's words."""

    pattern_id: str
    category: str
    about: About = "self"


def expand(regex: str, words: Mapping[str, Sequence[str]]) -> str:
    """`{name}` in a pattern becomes the word list `name` as an alternation (longest first,
    so "i am" is tried before "i"). An unknown name is an error, named."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in words:
            raise ValueError(f"names an unknown word list {{{name}}}")
        items = sorted({w.strip() for w in words[name] if w.strip()}, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in items) + ")"

    return _MACRO.sub(one, regex)


@dataclass(frozen=True)
class Detector:
    """One crisis-language item, ready to check text. Shipped items run on Python's `re`
    (reviewed, tested against long and repetitive input); a person's own run with a time
    limit (see `UserPatterns`)."""

    patterns: tuple[Pattern, ...]
    idioms: tuple[str, ...]
    lexicon: Lexicon
    rules: Rules
    limited: bool = False  # a person's own patterns: run on the time-limited engine
    model: LinearModel | None = None  # kind's own second reader, for what patterns miss
    # Every word a pattern is keyed on: a sentence holding none of them is ordinary, and
    # the second reader does not look at it either.
    concepts: frozenset[str] = frozenset()

    def find(
        self, text: str, only: Iterable[str] | None = None, deadline: float | None = None
    ) -> CrisisMatch | None:
        """The first match about the writer, else the first about someone else, else None.
        `only` keeps to patterns of those categories (a safety plan: method words only);
        `deadline` (time.monotonic) is when a person's own patterns must have finished."""
        found = self.scan(text, only, deadline)
        for match in found:
            if match.about == "self":
                return match
        return found[0] if found else None

    def scan(
        self, text: str, only: Iterable[str] | None = None, deadline: float | None = None
    ) -> list[CrisisMatch]:
        wanted = set(only) if only is not None else None
        patterns = [p for p in self.patterns if wanted is None or p.category in wanted]
        if not patterns:
            return []
        if self.limited:
            if deadline is None:
                return UserPatterns(self).scan(text, patterns)
            left = max(deadline - time.monotonic(), USER_MIN_SECONDS)
            return UserPatterns(self, budget=left).scan(text, patterns)
        rules = self.rules.compiled()
        out: list[CrisisMatch] = []
        for sentence in sentences(normalize(text)):
            canonical = self.lexicon.read(sentence)
            present = set(canonical.split())
            due = [p for p in patterns if not p.keys or p.keys & present]
            model = self.model if wanted is None else None
            anchors = self.rules.danger_words or self.concepts
            if model is not None and not present & anchors:
                model = None  # nothing the second reader could stand on
            if not due and model is None:
                continue
            cleaned = self._without_idioms(canonical)
            matched = False
            for pattern in due:
                m = pattern.compiled().search(cleaned)
                if m is None or pattern.ordinary(cleaned):
                    continue
                matched = True
                about = judge(cleaned, m.start(), m.end(), rules, self.rules, pattern.about)
                if about is not None:
                    out.append(CrisisMatch(pattern.id, pattern.category, about))
                    if about == "self":
                        return out
            if (
                model is not None
                and not matched
                and not self._everyday(cleaned)
                and model.score(cleaned) >= model.threshold
            ):
                where = model.anchor(cleaned, self.rules.danger_words or self.concepts)
                if where is not None:
                    about = judge(cleaned, where[0], where[1], rules, self.rules)
                    if about is not None:
                        out.append(CrisisMatch("model", "model", about))
                        if about == "self":
                            return out
        return out

    def _everyday(self, cleaned: str) -> bool:
        """Whether the sentence names an everyday thing (vitamins, the dishes, a team) that
        keeps the second reader quiet: its words are shared with crisis language, and only
        a reviewed pattern may speak for such a sentence."""
        found = alternation(self.rules.everyday_words)
        return found is not None and found.search(cleaned) is not None

    def _without_idioms(self, canonical: str) -> str:
        if not self.idioms or _any_of(self.idioms).search(canonical) is None:
            return canonical  # one search for all of them: most sentences hold none
        for idiom in self.idioms:
            if _compiled(idiom).search(canonical):
                # Keep the length, so positions and the words around stay where they were.
                canonical = _compiled(idiom).sub(lambda m: "_" * len(m.group()), canonical)
        return canonical


@lru_cache(maxsize=16)
def _any_of(regexes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in regexes))


# ---- a person's own patterns, on a time limit ---------------------------------------------


@dataclass
class UserPatterns:
    """Runs a person's own patterns on the `regex` engine with a shared time budget; a
    pattern that runs out of time is skipped (and reported by `slow`)."""

    detector: Detector
    budget: float = USER_BUDGET_SECONDS
    slow: list[str] = field(default_factory=list)

    def scan(self, text: str, patterns: Sequence[Pattern]) -> list[CrisisMatch]:
        import regex

        cleaned = normalize(text)
        deadline = time.monotonic() + self.budget
        for idiom in self.detector.idioms:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                cleaned = _user_compiled(idiom).sub(" ", cleaned, timeout=left)
            except TimeoutError:
                self.slow.append(idiom)
        out: list[CrisisMatch] = []
        for pattern in patterns:
            left = deadline - time.monotonic()
            if left <= 0:
                self.slow.append(pattern.id)
                continue
            try:
                if _user_compiled(pattern.regex).search(cleaned, timeout=left):
                    out.append(CrisisMatch(pattern.id, pattern.category, "self"))
                    return out
            except TimeoutError:
                self.slow.append(pattern.id)
            except regex.error:
                continue
        return out


@lru_cache(maxsize=256)
def _user_compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern, regex.IGNORECASE)


# ---- several items at once ------------------------------------------------------------------


def find_crisis_language(
    texts: Iterable[str], detectors: Sequence[Detector], only: Iterable[str] | None = None
) -> CrisisMatch | None:
    """The first match about the writer in any of `texts` (an entry's body, each answer, a
    note), else the first about someone else, else None. A person's own patterns share
    one deadline, CHECK_BUDGET_SECONDS from the start (each gets USER_MIN_SECONDS at
    least), so no pattern of theirs can hold up the save's answer."""
    kept = tuple(only) if only is not None else None
    deadline = time.monotonic() + CHECK_BUDGET_SECONDS
    other: CrisisMatch | None = None
    for text in texts:
        if not text:
            continue
        for detector in detectors:
            found = detector.find(text, kept, deadline)
            if found is None:
                continue
            if found.about == "self":
                return found
            other = other or found
    return other


# ---- from a crisis-language item ------------------------------------------------------------


def detector_for(
    language: Any, *, limited: bool = False, model: LinearModel | None = None
) -> Detector:
    """The Detector for one crisis-language content item (`catalog.models.CrisisLanguage`,
    read by attribute so this module needs no content models). `limited`: the item is a
    person's own, so its patterns run on the time-limited engine."""
    words: dict[str, list[str]] = {k: list(v) for k, v in language.words.items()}
    patterns = tuple(
        Pattern(
            p.id, p.category, frozenset(p.keys), expand(p.regex, words), p.about, tuple(p.unless)
        )
        for p in language.patterns
    )
    idioms = tuple(expand(i.regex, words) for i in language.idioms)
    reader = lexicon(
        tuple(language.key_words), tuple(sorted(language.slang.items())), tuple(language.real_words)
    )
    r = language.rules
    rules = Rules(
        negators=tuple(r.negators),
        not_negators=tuple(r.not_negators),
        clause_breaks=tuple(r.clause_breaks),
        past=tuple(r.past),
        returned=tuple(r.returned),
        relapse=tuple(r.relapse),
        danger_words=frozenset(r.danger_words),
        self_words=frozenset(r.self_words),
        other_words=frozenset(r.other_words),
        group_words=frozenset(r.group_words),
        media_words=frozenset(r.media_words),
        topic_words=frozenset(r.topic_words),
        object_markers=frozenset(r.object_markers),
        trivial_words=frozenset(r.trivial_words),
        hyperbole_frames=tuple(expand(f, words) for f in r.hyperbole_frames),
        everyday_words=tuple(getattr(r, "everyday_words", ())),
        taken_back=tuple(expand(f, words) for f in getattr(r, "taken_back", ())),
        window=r.window,
    )
    concepts = frozenset(k for p in patterns for k in p.keys)
    return Detector(patterns, idioms, reader, rules, limited, None if limited else model, concepts)


# ---- the statistical second reader ----------------------------------------------------------


@dataclass(frozen=True)
class LinearModel:
    """A logistic model over a sentence's canonical words and word pairs, trained from
    kind's own corpus by tools/train_crisis_model.py and shipped as data
    (content/resources/crisis-model.json). It reads a sentence the patterns left alone;
    when it is confident, its strongest word is judged by the same rules as a pattern
    match (negation, past, figure of speech, who it is about)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def features(self, canonical: str) -> list[str]:
        words = [w for w in canonical.split() if w != "," and not w.startswith("_")]
        return words + [a + " " + b for a, b in itertools.pairwise(words)]

    def score(self, canonical: str) -> float:
        import math

        z = self.bias + sum(self.weights.get(f, 0.0) for f in self.features(canonical))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def anchor(self, canonical: str, concepts: frozenset[str]) -> tuple[int, int] | None:
        """Where the word that speaks loudest for danger is (start, end), among the words
        the patterns are keyed on: a sentence about a fringe or a rota has none."""
        best: tuple[float, int, int] | None = None
        for m in re.finditer(r"[a-z]+", canonical):
            if m.group() not in concepts:
                continue
            weight = self.weights.get(m.group(), 0.0)
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, m.start(), m.end())
        return None if best is None else (best[1], best[2])


def linear_model(data: Mapping[str, Any]) -> LinearModel:
    """The model from its JSON form (see tools/train_crisis_model.py)."""
    return LinearModel(
        {str(k): float(v) for k, v in dict(data["weights"]).items()},
        float(data["bias"]),
        float(data["threshold"]),
    )
