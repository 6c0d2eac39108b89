"""How breathing is said: the words for each phase, a pattern's rhythm in short, and the
other anchors offered wherever the breath is one. Light (no planner, no engine), so
listings and the command's introduction need nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from kindcli.practices.durations import format_clock, format_seconds

if TYPE_CHECKING:
    from kindcli.store.records import SessionRecord

# A breath in, a hold, a breath out, or a time to notice something that is not the breath
# (the feet, the hands, sounds): for grounding without pacing the breath at all.
Action = Literal["inhale", "hold", "exhale", "notice"]

# What a person sees for each action, in the live view and the summary (a `notice` phase
# shows its own label instead).
ACTION_WORDS: dict[str, str] = {
    "inhale": "Breathe in",
    "hold": "Hold",
    "exhale": "Breathe out",
    "notice": "Notice",
}
BREATHS = ("inhale", "hold", "exhale")


class PhaseLike(Protocol):
    @property
    def action(self) -> Action: ...
    @property
    def seconds(self) -> float: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...


class PatternLike(Protocol):
    """What a session needs from a pattern (kindcli.catalog.models.BreathingPattern fits)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def phases(self) -> Sequence[PhaseLike]: ...
    @property
    def default_cycles(self) -> int | None: ...
    @property
    def default_minutes(self) -> float | None: ...


# Said before a pattern that paces the breath: the breath is never the only anchor.
OTHER_ANCHORS = (
    "If following the breath feels uncomfortable, let it be and rest your attention on your "
    "feet on the floor or the sounds around you instead; `kind breathe grounding` does not "
    "pace the breath at all."
)


def rhythm(pattern: PatternLike) -> str:
    """A short description of a pattern's rhythm, e.g. 'in 4 · hold 7 · out 8', or for a
    grounding pattern 'feet 20 · hands 20 · sounds 20'."""
    short = {"inhale": "in", "hold": "hold", "exhale": "out"}

    def word(p: PhaseLike) -> str:
        if p.action == "notice":
            return (p.label or "notice").lower()
        return short[p.action]

    return " · ".join(f"{word(p)} {format_seconds(p.seconds)}" for p in pattern.phases)


def paces_the_breath(pattern: PatternLike) -> bool:
    return any(p.action in ("inhale", "exhale") for p in pattern.phases)


def summary(pattern_name: str, cycles: int, record: SessionRecord) -> str:
    """One closing line, the same in every mode."""
    took = format_clock(record.actual_seconds or 0.0)
    noun = "cycle" if cycles == 1 else "cycles"
    if record.completed:
        return f"Done: {pattern_name}, {cycles} {noun} in {took}."
    done = record.details["cycles_completed"]
    return f"You breathed for {took} ({done} of {cycles} {noun}). Stopping early is always fine."
