"""Content models: what a breathing pattern, break, prompt set, meditation or resource is.

Loaded from YAML by `kindcli.catalog.loader`. Unknown keys are rejected so a typo in a person's own
file is caught, not silently ignored. These models import pydantic, so only commands that
need content import this module.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Seconds = Annotated[float, Field(gt=0, le=3600)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Model):
    """Every content item has an id (a slug) and a name."""

    id: Slug
    name: Line
    summary: Line | None = None


# ---- breathing ----------------------------------------------------------------------------


class Phase(Model):
    """One phase of a pattern: a breath in, a hold, a breath out, or `notice`: a time to rest
    the attention somewhere that is not the breath at all (the feet, the hands, sounds),
    which says what in its `label` (a word or two) and `cue`."""

    action: Literal["inhale", "hold", "exhale", "notice"]
    seconds: Seconds
    # Shown under the phase word in the live view, e.g. "Breathe in slowly through your nose."
    cue: Line | None = None
    label: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)] | None
    ) = None

    @model_validator(mode="after")
    def _says_what_to_notice(self) -> Phase:
        if self.action == "notice" and (self.label is None or self.cue is None):
            raise ValueError("a notice phase needs a label and a cue: what to notice, and how")
        return self


class BreathingPattern(Item):
    """A breathing rhythm. With neither default_cycles nor default_minutes a session lasts
    about five minutes (see kindcli.practices.breathing.DEFAULT_MINUTES)."""

    phases: list[Phase] = Field(min_length=1, max_length=32)
    default_cycles: int | None = Field(default=None, ge=1, le=1000)
    default_minutes: float | None = Field(default=None, gt=0, le=120)
    # Said once before the first phase, e.g. "Let all your air out first."
    intro: Line | None = None
    safety: Line = "If you feel light-headed or tingly, let go of the count and breathe normally."
    source: Line | None = None

    @model_validator(mode="after")
    def _one_length(self) -> BreathingPattern:
        if self.default_cycles is not None and self.default_minutes is not None:
            raise ValueError("give default_cycles or default_minutes, not both")
        return self

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)


# ---- breaks -------------------------------------------------------------------------------

Component = Literal[
    "mindfulness", "common_humanity", "kindness", "touch", "breath", "grounding", "settle", "close"
]

# The three parts of self-compassion; a break marked `three_part` must have a step of each.
THREE_PARTS: tuple[Component, ...] = ("mindfulness", "common_humanity", "kindness")


class BreakStep(Model):
    """One step of a break: what to do, words that may help, and how long to stay with it."""

    component: Component
    text: Line
    title: Line | None = None
    # Words the person might use. With `choose: true` they pick one (or write their own) and
    # kind remembers it for next time; otherwise they are shown as suggestions.
    phrasings: list[Line] = Field(default_factory=list)
    choose: bool = False
    # How long to stay with the step when the break paces itself (--auto).
    pause_seconds: Seconds | None = None

    @model_validator(mode="after")
    def _something_to_choose(self) -> BreakStep:
        if self.choose and not self.phrasings:
            raise ValueError("choose: true needs phrasings to choose from")
        return self


class NotePrompt(Model):
    """The optional private note asked before the steps ("What's weighing on you?")."""

    question: Line
    hint: Line | None = None


class Break(Item):
    minutes: float = Field(gt=0, le=60)
    three_part: bool = False
    note: NotePrompt | None = None
    steps: list[BreakStep] = Field(min_length=1)
    closing: Line = "Thank you for taking this time for yourself."
    credit: Line | None = None

    @model_validator(mode="after")
    def _has_its_parts(self) -> Break:
        if self.three_part:
            present = {s.component for s in self.steps}
            missing = [c for c in THREE_PARTS if c not in present]
            if missing:
                raise ValueError(
                    "a three_part break needs a step for each of mindfulness, common_humanity "
                    f"and kindness (missing: {', '.join(missing)})"
                )
        return self


# ---- journal prompts ----------------------------------------------------------------------


class Question(Model):
    id: Slug
    text: Line
    hint: Line | None = None
    # The id of an earlier question whose answer is shown again, paced, before this one is
    # asked (the letter is read back before "What do you notice?").
    reread: Slug | None = None


class PromptSet(Item):
    """A journal prompt set. `intro` is said before the first question, `closing` after
    the entry is saved (every set has one). Answers are stored per question id, so ids must
    stay stable once shipped (stats count reframes from the `reframe` answer of the
    `reframe` set)."""

    suits: Literal["morning", "evening", "any"] = "any"
    intro: Line | None = None
    closing: Line = "Thank you for taking this time to write."
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_questions(self) -> PromptSet:
        seen: set[str] = set()
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"question id '{q.id}' appears twice")
            if q.reread is not None and q.reread not in seen:
                raise ValueError(
                    f"question '{q.id}' rereads '{q.reread}', which is not a question before it"
                )
            seen.add(q.id)
        return self


# ---- meditations --------------------------------------------------------------------------


class Segment(Model):
    text: Line
    pause_seconds: Seconds | None = None


class Meditation(Item):
    minutes: float = Field(gt=0, le=120)
    segments: list[Segment] = Field(min_length=1)


# ---- resources ----------------------------------------------------------------------------
# The resources type holds three kinds of item, told apart by `kind` (default `region`):
#   region           crisis and support lines for one region, each with its source and the date
#                    it was last checked;
#   crisis-language  the reviewed patterns that notice words suggesting someone may be in danger;
#   guide            a plain-words guide to getting more support (`kind resources`).

# A calendar day; YAML reads 2026-11-26 as a date already, and a quoted one works too.
Day = date
RegionCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Emergency(Model):
    """The local emergency number. Like every crisis fact, it names where it came from and
    the day it was last checked. `department`: where to go in person, as people there say
    it ("the nearest A&E"); the nearest emergency department when not given."""

    number: Line
    department: Line | None = None
    source: HttpUrl
    verified: Day


# Who a line is especially for; `kind sos --for GROUP` shows that group's lines first.
Group = Literal["youth", "lgbtq", "veterans", "indigenous", "abuse", "deaf"]


class Service(Model):
    """One crisis or support line: how to call, text or chat (at least one way). `about`:
    what the line's own page says that lowers the barrier to calling (who it is for, what
    happens); `groups`: who it is especially for; `area`: the part of the region it serves
    ("Scotland"), when not all of it."""

    name: Line
    call: Line | None = None
    text: Line | None = None
    chat: HttpUrl | None = None
    url: HttpUrl | None = None
    hours: Line | None = None
    note: Line | None = None
    about: list[Line] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    area: Line | None = None
    source: HttpUrl
    verified: Day

    @model_validator(mode="after")
    def _reachable(self) -> Service:
        if not (self.call or self.text or self.chat or self.url):
            raise ValueError("give at least one way to reach the service: call, text, chat or url")
        return self


class RegionResources(Item):
    """Crisis and support lines for one region (id: a lowercase region code or 'intl')."""

    kind: Literal["region"] = "region"
    aliases: list[RegionCode] = Field(default_factory=list)
    # Codes this item serves when kind has no file of their own (the EU default).
    covers: list[RegionCode] = Field(default_factory=list)
    emergency: Emergency | None = None
    services: list[Service] = Field(min_length=1)


def _compiles(pattern: str) -> str:
    import re

    try:
        # The same flags the detector uses, so its compile is a cache hit.
        re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"is not a valid regular expression ({e})") from None
    return pattern


Pattern = Annotated[str, StringConstraints(min_length=1), AfterValidator(_compiles)]


Word = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[a-z0-9 ]+$")
]
ListName = Annotated[str, StringConstraints(pattern=r"^[a-z_]+$", max_length=32)]


class LanguagePattern(Model):
    """A reviewed regular expression, matched against each sentence in canonical words
    (lower case, no apostrophes, slang and misspellings read as the plain word; see
    `kindcli.practices.crisis_language`). `{name}` stands for the item's word list `name`.
    It runs only on sentences holding one of its `keys` (none: every sentence). `matches`
    and `ignores` are examples that the test suite checks, so the data carries its own
    proof."""

    id: Slug
    category: Line
    keys: list[Word] = Field(default_factory=list)
    regex: Pattern
    about: Literal["auto", "self-only"] = "auto"
    unless: list[Word] = Field(default_factory=list)
    matches: list[Line] = Field(min_length=1)
    ignores: list[Line] = Field(default_factory=list)


class Idiom(Model):
    """Everyday phrases removed from the text before matching ("this is killing me")."""

    id: Slug
    regex: Pattern
    examples: list[Line] = Field(min_length=1)


class CrisisRules(Model):
    """Word lists for negation, tense and who the words are about."""

    negators: list[Word] = Field(default_factory=list)
    not_negators: list[Word] = Field(default_factory=list)
    clause_breaks: list[Word] = Field(default_factory=list)
    past: list[Word] = Field(default_factory=list)
    returned: list[Word] = Field(default_factory=list)
    relapse: list[Word] = Field(default_factory=list)
    danger_words: list[Word] = Field(default_factory=list)
    self_words: list[Word] = Field(default_factory=list)
    other_words: list[Word] = Field(default_factory=list)
    group_words: list[Word] = Field(default_factory=list)
    media_words: list[Word] = Field(default_factory=list)
    # A word right after a match that makes it a topic, not a statement ("suicide
    # prevention", "self-harm awareness", "the overdose unit").
    topic_words: list[Word] = Field(default_factory=list)
    # A person named right after one of these (and "my", "the" ...) is who something is
    # given, said or done to, not who the words are about ("a goodbye to my mom").
    object_markers: list[Word] = Field(default_factory=list)
    trivial_words: list[Word] = Field(default_factory=list)
    hyperbole_frames: list[Pattern] = Field(default_factory=list)
    window: int = Field(default=7, ge=1, le=30)


class CrisisLanguage(Item):
    kind: Literal["crisis-language"]
    reviewed: Day
    words: dict[ListName, list[Word]] = Field(default_factory=dict)
    key_words: list[Word] = Field(default_factory=list)
    real_words: list[Word] = Field(default_factory=list)
    slang: dict[Word, Word] = Field(default_factory=dict)
    rules: CrisisRules = Field(default_factory=CrisisRules)
    patterns: list[LanguagePattern] = Field(min_length=1)
    idioms: list[Idiom] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lists_are_known(self) -> CrisisLanguage:
        import re

        from kindcli.practices.crisis_language import expand

        for kind, item_id, regex in [
            *(("pattern", p.id, p.regex) for p in self.patterns),
            *(("idiom", i.id, i.regex) for i in self.idioms),
        ]:
            try:
                re.compile(expand(regex, self.words))
            except (ValueError, re.error) as e:
                raise ValueError(f"{kind} '{item_id}' {e}") from None
        return self


class Link(Model):
    name: Line
    url: HttpUrl
    note: Line | None = None


class GuideSection(Model):
    title: Line
    paragraphs: list[Line] = Field(default_factory=list)
    points: list[Line] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class Guide(Item):
    kind: Literal["guide"]
    sections: list[GuideSection] = Field(min_length=1)
    sources: list[Link] = Field(min_length=1)


RESOURCE_KINDS: dict[str, type[Item]] = {
    "region": RegionResources,
    "crisis-language": CrisisLanguage,
    "guide": Guide,
}
