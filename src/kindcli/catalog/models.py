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


class QuestionRating(Model):
    """An optional 0-10 rating asked right after a question is answered (how loud the critic
    is, how believable the kind reply feels). Kept with the entry under its `id`, with its
    `name` (how stats and the report say it); `low` and `high` are the words for 0 and 10."""

    id: Slug
    text: Line
    name: Line
    low: Line = "not at all"
    high: Line = "completely"


class Question(Model):
    id: Slug
    text: Line
    hint: Line | None = None
    # The id of an earlier question whose answer is shown again, paced, before this one is
    # asked (the letter is read back before "What do you notice?").
    reread: Slug | None = None
    rating: QuestionRating | None = None


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


# What a meditation is for, as the chooser groups them.
Purpose = Literal["hard-moment", "winding-down", "kindness"]
# What attention rests on. The breath and touch are hard for some people (after trauma, with
# asthma or panic, with pain), so a meditation anchored on either offers another anchor.
Anchor = Literal["breath", "touch", "body", "feet", "sounds", "imagery", "words"]
NEEDS_ALTERNATIVE: tuple[Anchor, ...] = ("breath", "touch")
# `kind meditate timer` and `kind meditate phrases` are commands, so no meditation may be
# called that.
RESERVED_MEDITATION_IDS = ("timer", "phrases")


class MeditationStep(Model):
    """One instruction and the quiet after it. `weight` is the step's share of the time (a
    step of weight 2 lasts twice as long as one of weight 1), so one file gives a 10- and a
    20-minute version; `min_seconds` is the least it is ever given (by default, time to
    read it and a few breaths: kindcli.practices.meditation.minimum_seconds)."""

    text: Line
    weight: float = Field(default=1.0, gt=0, le=100)
    min_seconds: Seconds | None = None
    # Show the person's loving-kindness phrases (or the meditation's own) under the text.
    phrases: bool = False


class Meditation(Item):
    """A guided meditation (paced, one step at a time) or an informal practice (a short
    guide for away from the keyboard, shown all at once)."""

    summary: Line
    kind: Literal["guided", "informal"] = "guided"
    minutes: float = Field(gt=0, le=120)  # its usual length
    suits: list[Purpose] = Field(default_factory=list)
    anchors: list[Anchor] = Field(default_factory=list)
    # Another place for attention, for anyone for whom the breath or touch is hard.
    alternative_anchor: Line | None = None
    # It turns toward something painful: it carries a note on backdraft and a way out.
    toward_pain: bool = False
    backdraft: Line | None = None
    intro: Line | None = None
    steps: list[MeditationStep] = Field(min_length=1, max_length=200)
    # Words offered when a step shows phrases and the person has none of their own yet.
    phrases: list[Line] = Field(default_factory=list, max_length=8)
    closing: Line = "Thank you for giving yourself this time."
    credit: Line | None = None

    @model_validator(mode="after")
    def _cares_for_everyone(self) -> Meditation:
        if self.id in RESERVED_MEDITATION_IDS:
            raise ValueError(
                f"'{self.id}' is the name of a command (kind meditate {self.id}); choose another id"
            )
        hard = [a for a in self.anchors if a in NEEDS_ALTERNATIVE]
        if hard and self.alternative_anchor is None:
            raise ValueError(
                f"a meditation anchored on {' and '.join(hard)} needs an alternative_anchor "
                "for anyone for whom that is hard"
            )
        if self.toward_pain and self.backdraft is None:
            raise ValueError(
                "a meditation that turns toward pain (toward_pain: true) needs a backdraft "
                "note with a way out"
            )
        if any(s.phrases for s in self.steps) and not self.phrases:
            raise ValueError("a step with phrases: true needs the meditation's own phrases")
        return self


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
    the day it was last checked."""

    number: Line
    source: HttpUrl
    verified: Day


class Service(Model):
    """One crisis or support line: how to call, text or chat (at least one way)."""

    name: Line
    call: Line | None = None
    text: Line | None = None
    chat: HttpUrl | None = None
    url: HttpUrl | None = None
    hours: Line | None = None
    note: Line | None = None
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


class LanguagePattern(Model):
    """A reviewed regular expression, matched case-insensitively against normalized text
    (lowercase, straight apostrophes, single spaces). `matches` and `ignores` are examples
    that the test suite checks, so the data carries its own proof."""

    id: Slug
    category: Line
    regex: Pattern
    matches: list[Line] = Field(min_length=1)
    ignores: list[Line] = Field(default_factory=list)


class Idiom(Model):
    """Everyday phrases removed from the text before matching ("this is killing me")."""

    id: Slug
    regex: Pattern
    examples: list[Line] = Field(min_length=1)


class CrisisLanguage(Item):
    kind: Literal["crisis-language"]
    reviewed: Day
    patterns: list[LanguagePattern] = Field(min_length=1)
    idioms: list[Idiom] = Field(default_factory=list)


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
