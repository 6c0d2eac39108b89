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
    # Shown under the phase word in the live view, e.g. "Breathe in slowly through your nose."
    cue: Line | None = None


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


class BreakStep(Model):
    component: Component
    text: Line
    phrasings: list[Line] = Field(default_factory=list)
    pause_seconds: Seconds | None = None


class Break(Item):
    minutes: float = Field(gt=0, le=60)
    steps: list[BreakStep] = Field(min_length=1)


# ---- journal prompts ----------------------------------------------------------------------


class Question(Model):
    id: Slug
    text: Line
    hint: Line | None = None


class PromptSet(Item):
    suits: Literal["morning", "evening", "any"] = "any"
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
