"""A one-minute grounding practice offered with support: the feet on the floor, or slow
breathing, each step said and stayed with on the one timeline engine. Pure Python on
ports; Ctrl-C stops it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kindcli.ports import Clock, Prompter
    from kindcli.practices import timeline


GROUNDING_OFFER = "Would you like a one-minute grounding practice, right here?"
FEET = "Feel your feet on the floor"
BREATH = "Slow breathing"
NOT_NOW = "Not now"
GROUNDING_CHOICES = (FEET, BREATH, NOT_NOW)

# (text, seconds to stay with it). About a minute each, in our own words.
FEET_STEPS: tuple[tuple[str, float], ...] = (
    ("Let your feet rest flat on the floor, wherever you are.", 8),
    ("Notice the soles of your feet: the floor under them, pressure, warmth or coolness.", 12),
    ("If it helps, rock gently forward and back, and side to side.", 12),
    ("Each time your mind wanders, that is fine. Come back to the feet.", 12),
    ("Let the ground hold you. It is holding you right now.", 10),
    ("When you are ready, look around and notice three things you can see.", 6),
)
BREATH_IN, BREATH_OUT, BREATH_CYCLES = 4.0, 6.0, 6
BREATH_SAFETY = "Breathe gently. If you feel light-headed, let the count go and breathe normally."


@dataclass(frozen=True)
class GroundingResult:
    practice: str  # "feet", "breath" or "" when declined
    seconds: float = 0.0


Say = Callable[[str], None]


class _SayEach:
    """A timeline view that says each step's words as the step begins."""

    frame_seconds: float | None = None

    def __init__(self, say: Say) -> None:
        self.say = say

    def segment(self, tick: timeline.Tick[str]) -> None:
        self.say(tick.segment.payload)

    def frame(self, tick: timeline.Tick[str]) -> None:
        pass

    def paused(self, tick: timeline.Tick[str]) -> None:
        self.say("Paused. Press space to go on, or q to stop.")

    def resumed(self, tick: timeline.Tick[str]) -> None:
        pass


def run_steps(
    clock: Clock, keys: timeline.Keys, say: Say, steps: Sequence[tuple[str, float]]
) -> float:
    """Say each step and stay with it until its deadline (the timeline engine, so the
    minute never drifts); returns the seconds spent."""
    from kindcli.practices import timeline

    line = timeline.Timeline.back_to_back((seconds, text) for text, seconds in steps)
    keys.open()
    try:
        progress = timeline.run(line, clock, keys, _SayEach(say))
    finally:
        keys.close()
    return progress.active_seconds(clock.monotonic())


def breathing_steps() -> list[tuple[str, float]]:
    steps: list[tuple[str, float]] = []
    for n in range(BREATH_CYCLES):
        steps.append((f"Breathe in, slowly ... ({n + 1} of {BREATH_CYCLES})", BREATH_IN))
        steps.append(("and out, long and slow ...", BREATH_OUT))
    return steps


def offer_grounding(
    prompter: Prompter, clock: Clock, keys: timeline.Keys, say: Say
) -> GroundingResult:
    """Offer the minute; run the one chosen. Ctrl-C stops it (KeyboardInterrupt propagates)."""
    answer = prompter.select(GROUNDING_OFFER, list(GROUNDING_CHOICES), default=NOT_NOW)
    if answer == FEET:
        say("")
        seconds = run_steps(clock, keys, say, FEET_STEPS)
        practice = "feet"
    elif answer == BREATH:
        say("")
        say(BREATH_SAFETY)
        seconds = run_steps(clock, keys, say, breathing_steps())
        practice = "breath"
    else:
        return GroundingResult("")
    say("")
    say("Thank you for staying with that. The people above are there whenever you need them.")
    return GroundingResult(practice, seconds)
