"""Content models: what a breathing pattern, break, prompt set, meditation or resource is.

Loaded from YAML by `kindcli.catalog`. Unknown keys are rejected so a typo in a person's own
file is caught, not silently ignored. These models import pydantic, so only commands that
need content import this module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

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
    action: Literal["inhale", "hold", "exhale"]
    seconds: Seconds
    cue: Line | None = None


class BreathingPattern(Item):
    phases: list[Phase] = Field(min_length=1)
    default_cycles: int | None = Field(default=None, ge=1, le=1000)
    default_minutes: float | None = Field(default=None, gt=0, le=120)
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


class PromptSet(Item):
    """A journal prompt set. `intro` is said before the first question, `closing` after
    the entry is saved. Answers are stored per question id, so ids must stay stable once
    shipped (stats count reframes from the `reframe` answer of the `reframe` set)."""

    suits: Literal["morning", "evening", "any"] = "any"
    intro: Line | None = None
    closing: Line | None = None
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_questions(self) -> PromptSet:
        seen: set[str] = set()
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"question id '{q.id}' appears twice")
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


class Service(Model):
    name: Line
    how: Line
    url: HttpUrl | None = None
    source: HttpUrl
    verified: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class RegionResources(Item):
    """Crisis and support lines for one region (id: a lowercase region code or 'intl')."""

    emergency: Line | None = None
    services: list[Service] = Field(min_length=1)


CONTENT_MODELS: dict[str, type[Item]] = {
    "breathing": BreathingPattern,
    "breaks": Break,
    "prompts": PromptSet,
    "meditations": Meditation,
    "resources": RegionResources,
}

# How each type is named to a person, singular.
TYPE_NOUNS = {
    "breathing": "breathing pattern",
    "breaks": "break",
    "prompts": "prompt set",
    "meditations": "meditation",
    "resources": "resource list",
}
