"""Content models: what a breathing pattern, break, prompt set, meditation or resource is
(resources in `catalog.resource_models`, the shared base in `catalog.model_base`; every
model is importable from here).

Loaded from YAML by `kindcli.catalog.loader`. Unknown keys are rejected so a typo in a person's own
file is caught, not silently ignored. These models import pydantic, so only commands that
need content import this module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from kindcli.catalog.measure_models import Measure as Measure
from kindcli.catalog.model_base import Item as Item
from kindcli.catalog.model_base import Line as Line
from kindcli.catalog.model_base import Model as Model
from kindcli.catalog.model_base import Seconds as Seconds
from kindcli.catalog.model_base import Slug as Slug
from kindcli.catalog.resource_models import RESOURCE_KINDS as RESOURCE_KINDS
from kindcli.catalog.resource_models import CrisisLanguage as CrisisLanguage
from kindcli.catalog.resource_models import CrisisRules as CrisisRules
from kindcli.catalog.resource_models import Day as Day
from kindcli.catalog.resource_models import Emergency as Emergency
from kindcli.catalog.resource_models import Group as Group
from kindcli.catalog.resource_models import Guide as Guide
from kindcli.catalog.resource_models import GuideSection as GuideSection
from kindcli.catalog.resource_models import Idiom as Idiom
from kindcli.catalog.resource_models import LanguagePattern as LanguagePattern
from kindcli.catalog.resource_models import Link as Link
from kindcli.catalog.resource_models import ListName as ListName
from kindcli.catalog.resource_models import Pattern as Pattern
from kindcli.catalog.resource_models import RegionCode as RegionCode
from kindcli.catalog.resource_models import RegionResources as RegionResources
from kindcli.catalog.resource_models import Service as Service
from kindcli.catalog.resource_models import Word as Word

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
