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
that backtracks without end costs at most `USER_BUDGET_SECONDS` and is then set aside.
"""

from __future__ import annotations

import itertools
import re
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, Protocol

About = Literal["self", "other"]

# How long the patterns of a person's own file may take, together, for one check.
USER_BUDGET_SECONDS = 0.05

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`\u00b4]")
_SPACE = re.compile(r"\s+")
_LEET = str.maketrans(
    {"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
)
# A digit (or $, @, !) with a letter on each side is a letter in disguise ("su1c1de").
_DISGUISED = re.compile(r"(?<=[a-z])[0-9$@!*](?=[a-z])")
_SENTENCES = re.compile(r"[.!?;:\n\u2026]+|\s[-\u2013\u2014]+\s")
_WORD = re.compile(r"[a-z]+|,")
_MACRO = re.compile(r"\{([a-z_]+)\}")
_VOCATIVE = re.compile(r"^(?:(?:dear|hey|hi|oh|my) )?[a-z]+(?: [a-z]+)? , ")


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


# ---- patterns and rules -------------------------------------------------------------------


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
        benign = _alternation_cached(self.unless)
        return benign is not None and benign.search(sentence) is not None


@lru_cache(maxsize=1024)
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


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
    trivial_words: frozenset[str] = frozenset()
    hyperbole_frames: tuple[str, ...] = ()
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


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    items = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in items) + r")(?= |$)")


@lru_cache(maxsize=1024)
def _alternation_cached(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
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
    )


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

    def find(self, text: str, only: Iterable[str] | None = None) -> CrisisMatch | None:
        """The first match about the writer, else the first about someone else, else None.
        `only` keeps to patterns of those categories (a safety plan: method words only)."""
        found = self.scan(text, only)
        for match in found:
            if match.about == "self":
                return match
        return found[0] if found else None

    def scan(self, text: str, only: Iterable[str] | None = None) -> list[CrisisMatch]:
        wanted = set(only) if only is not None else None
        patterns = [p for p in self.patterns if wanted is None or p.category in wanted]
        if not patterns:
            return []
        if self.limited:
            return UserPatterns(self).scan(text, patterns)
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
            if model is not None and not matched and model.score(cleaned) >= model.threshold:
                where = model.anchor(cleaned, self.rules.danger_words or self.concepts)
                if where is not None:
                    about = judge(cleaned, where[0], where[1], rules, self.rules)
                    if about is not None:
                        out.append(CrisisMatch("model", "model", about))
                        if about == "self":
                            return out
        return out

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
        harmless = compiled.not_negation is not None and compiled.not_negation.search(window)
        if not harmless:
            return None
    returned = compiled.returned is not None and compiled.returned.search(text) is not None
    if not relapse and compiled.past is not None and compiled.past.search(text) and not returned:
        return None
    words = set(text.split())
    if compiled.frames is not None and words & rules.trivial_words and compiled.frames.search(text):
        return None  # "if I have to sit through one more meeting I'll ...": a figure of speech
    who = _who(text, start, end, rules)
    if about == "self-only" and who != "self-stated":
        return None
    if who in ("other", "nobody") and words & rules.media_words:
        return None  # a film, a book, the news: a story, not a person to reach
    if "without" in text[start:end].split() and set(text[:start].split()) & rules.group_words:
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
        if word in rules.other_words and not _object(words, i):
            return "other"
    return "nobody"


_PREPOSITIONS = frozenset(
    [
        "to",
        "for",
        "with",
        "at",
        "about",
        "from",
        "of",
        "by",
        "on",
        "in",
        "into",
        "towards",
        "than",
        "without",
        "telling",
        "tell",
        "told",
    ]
)
_DETERMINERS = frozenset(["my", "your", "our", "his", "her", "their", "the", "a"])


def _object(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is the object of a preposition or verb of telling ("a goodbye to
    my mom", "without telling her"), so it is not who the sentence is about."""
    j = i - 1
    if j >= 0 and words[j] in _DETERMINERS:
        j -= 1
    return j >= 0 and words[j] in _PREPOSITIONS


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
    note), else the first about someone else, else None."""
    kept = tuple(only) if only is not None else None
    other: CrisisMatch | None = None
    for text in texts:
        if not text:
            continue
        for detector in detectors:
            found = detector.find(text, kept)
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
    lexicon = _lexicon(
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
        trivial_words=frozenset(r.trivial_words),
        hyperbole_frames=tuple(expand(f, words) for f in r.hyperbole_frames),
        window=r.window,
    )
    concepts = frozenset(k for p in patterns for k in p.keys)
    return Detector(patterns, idioms, lexicon, rules, limited, None if limited else model, concepts)


@lru_cache(maxsize=8)
def _lexicon(
    key_words: tuple[str, ...], slang: tuple[tuple[str, str], ...], real_words: tuple[str, ...]
) -> Lexicon:
    return Lexicon.build(key_words, dict(slang), real_words)


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
