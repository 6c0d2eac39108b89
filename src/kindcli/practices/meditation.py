"""A guided meditation: its plan (each step's share of the time, never less than a sensible
minimum), run on the one timeline engine (`kindcli.practices.timeline`), and what is
recorded. Choosing one and today's suggestion are in `meditation_choice`.

Pure Python on ports: the view is a protocol defined here; the terminal versions live in
`kindcli.adapters.meditation_view`. Content models are imported only for type checking.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kindcli.ports import Clock, Moment, Prompter
from kindcli.practices import checkin, timed, timeline
from kindcli.practices.durations import format_clock
from kindcli.store.records import SessionRecord

if TYPE_CHECKING:
    from kindcli.catalog.models import Meditation, MeditationStep

# The shortest a step is ever given, unless its file says otherwise: the time to read it
# slowly (meditation pace, well below reading speed) and a few breaths to take it in.
READING_WORDS_PER_SECOND = 2.5
SETTLE_SECONDS = 4.0
# The plan says "this will take longer" only when the minimums add at least this much.
STRETCH_TOLERANCE = 0.5
# Said when a practice that turned toward pain ends early.
STOPPED_EARLY = "Stopping early is always fine."

# ---- the plan ------------------------------------------------------------------------------


def minimum_seconds(step: MeditationStep, phrases: Sequence[str] = ()) -> float:
    """The least time a step is given: its own `min_seconds`, else reading time (with the
    phrases shown under it) and a few breaths."""
    if step.min_seconds is not None:
        return float(step.min_seconds)
    words = len(step.text.split())
    if step.phrases:
        words += sum(len(p.split()) for p in phrases)
    return round(words / READING_WORDS_PER_SECOND + SETTLE_SECONDS, 1)


def share_time(target: float, weights: Sequence[float], minimums: Sequence[float]) -> list[float]:
    """Split `target` seconds between steps in proportion to their weights, giving no step
    less than its minimum: a step that would get too little is held at its minimum and the
    rest is shared again among the others (until nothing changes). The lengths add up to
    `target` exactly unless the minimums alone are longer; then every step has its minimum.
    """
    if len(weights) != len(minimums):
        raise ValueError("one weight and one minimum per step")
    held = [False] * len(weights)
    while True:
        free = math.fsum(w for w, h in zip(weights, held, strict=True) if not h)
        left = target - math.fsum(m for m, h in zip(minimums, held, strict=True) if h)
        if free <= 0:
            break
        newly = [
            i
            for i, (w, m) in enumerate(zip(weights, minimums, strict=True))
            if not held[i] and left * w / free < m
        ]
        if not newly:
            break
        for i in newly:
            held[i] = True
    if all(held):
        return list(minimums)
    return [m if h else left * w / free for w, m, h in zip(weights, minimums, held, strict=True)]


@dataclass(frozen=True)
class PlannedStep:
    number: int  # 1-based
    text: str
    phrases: tuple[str, ...]  # shown under the text (loving-kindness), else ()
    start: float  # seconds from the beginning: the exact sum of the lengths before it
    seconds: float
    minimum: float


@dataclass(frozen=True)
class Plan:
    meditation_id: str
    name: str
    steps: tuple[PlannedStep, ...]
    asked_seconds: float  # what was asked for: --minutes, or the meditation's usual length
    own_phrases: bool  # the person's own loving-kindness phrases are used
    toward_pain: bool

    @property
    def total_seconds(self) -> float:
        return self.steps[-1].start + self.steps[-1].seconds

    @property
    def minimum_seconds(self) -> float:
        return math.fsum(s.minimum for s in self.steps)

    @property
    def stretched(self) -> bool:
        """The minimums won: the practice takes longer than was asked."""
        return self.total_seconds > self.asked_seconds + STRETCH_TOLERANCE

    def timeline(self) -> timeline.Timeline[PlannedStep]:
        return timeline.Timeline([timeline.Segment(s.start, s.seconds, s) for s in self.steps])


def plan_meditation(
    meditation: Meditation, *, minutes: float | None = None, phrases: Sequence[str] = ()
) -> Plan:
    """Lay out a guided meditation to last about `minutes` (default: its usual length).
    `phrases` are the person's own loving-kindness phrases; without them a step that shows
    phrases uses the meditation's."""
    if meditation.kind != "guided":
        raise ValueError(f"{meditation.id} is a guide to read, not a timed meditation")
    if minutes is not None and minutes <= 0:
        raise ValueError("minutes must be above 0")
    own = tuple(phrases)
    shown = own or tuple(meditation.phrases)
    uses_phrases = any(s.phrases for s in meditation.steps)
    minimums = [minimum_seconds(s, shown) for s in meditation.steps]
    asked = (minutes if minutes is not None else meditation.minutes) * 60
    lengths = share_time(asked, [s.weight for s in meditation.steps], minimums)
    steps = tuple(
        PlannedStep(
            number=n,
            text=s.text,
            phrases=shown if s.phrases else (),
            start=math.fsum(lengths[: n - 1]),
            seconds=seconds,
            minimum=minimum,
        )
        for n, (s, seconds, minimum) in enumerate(
            zip(meditation.steps, lengths, minimums, strict=True), start=1
        )
    )
    return Plan(
        meditation.id,
        meditation.name,
        steps,
        asked,
        own_phrases=bool(own) and uses_phrases,
        toward_pain=meditation.toward_pain,
    )


def stretched_words(plan: Plan) -> str | None:
    """When the minimums won, the real length and why; otherwise nothing to say."""
    if not plan.stretched:
        return None
    return (
        f"Each step needs a little time to read and take in, so this takes "
        f"{format_clock(plan.total_seconds)} rather than {format_clock(plan.asked_seconds)}."
    )


# ---- running it on the timeline engine ------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """The meditation at one instant, for the view."""

    plan: Plan
    step: PlannedStep
    elapsed: float  # seconds into the step
    paused: bool = False

    @property
    def left(self) -> float:
        """Seconds left in the whole meditation."""
        return max(0.0, self.plan.total_seconds - self.step.start - self.elapsed)


class MeditationView(timeline.TickView[Tick], Protocol):
    """Shows a meditation: `begin` as each step starts (its words must reach the person
    now); `frame_seconds` is the time between animation frames, or None for a view that
    only changes when a step starts (plain text)."""

    def open(self, plan: Plan) -> None: ...

    def finish(self) -> None:
        """The meditation reached its end (a closing bell, if there is one)."""
        ...

    def close(self) -> None:
        """Put the screen back in order. Always called, whatever happened."""
        ...


def _tick(plan: Plan) -> Callable[[timeline.Tick[PlannedStep]], Tick]:
    return lambda t: Tick(plan, t.segment.payload, t.elapsed, t.paused)


@dataclass(frozen=True)
class MeditationResult:
    plan: Plan
    record: SessionRecord
    checkin: checkin.CheckIn
    lines: tuple[str, ...]  # what was said at the end


def meditate(
    plan: Plan,
    *,
    clock: Clock,
    keys: timeline.Keys,
    view: MeditationView,
    prompter: Prompter,
    checkins: bool,
    save: Callable[[SessionRecord], None],
    say: Callable[[str], None],
    closing: str,
    mode: str = "live",
) -> MeditationResult:
    """Check in (if asked), run the meditation, say how it went, check in again, and save.

    q or Esc ends it gently (saved as ended early, exit 0); Ctrl-C ends it too, saved the
    same way, and KeyboardInterrupt goes on to the error boundary (exit 130).
    """
    ran = timed.run(
        plan.timeline(),
        timeline.Relay(view, _tick(plan)),
        timed.Around(clock, keys, prompter, checkins, save, say),
        view=view,
        show=lambda: view.open(plan),
        progress=timeline.Progress(),
        record=lambda progress, moment, before: _record(plan, progress, moment, before, mode),
        ending=lambda record: ending_lines(plan, record, closing),
        finish=view.finish,
    )
    return MeditationResult(plan, ran.record, ran.checkin, ran.lines)


def _record(
    plan: Plan, progress: timeline.Progress, moment: Moment, before: int | None, mode: str
) -> SessionRecord:
    done = progress.ending == "done"
    return timed.session(
        "meditation",
        plan.meditation_id,
        moment,
        progress,
        before,
        planned_seconds=round(plan.total_seconds, 3),
        details={
            "steps_planned": len(plan.steps),
            "steps_completed": progress.segments_done,
            "asked_seconds": round(plan.asked_seconds, 3),
            "ended_early": not done,
            **timed.timing(progress),
            "own_phrases": plan.own_phrases,
            "mode": mode,
        },
    )


def ending_lines(plan: Plan, record: SessionRecord, closing: str) -> list[str]:
    """What is said when it ends, the same in every mode."""
    took = format_clock(record.actual_seconds or 0.0)
    if record.completed:
        return [f"Done: {plan.name}, {took}.", closing]
    done = record.details["steps_completed"]
    lines = [f"You meditated for {took} ({done} of {len(plan.steps)} steps). {STOPPED_EARLY}"]
    if plan.toward_pain:
        lines.append(checkin.GROUNDING)
    return lines


def guide_lines(meditation: Meditation) -> list[str]:
    """An informal practice, to read and take away from the keyboard: its steps as a list."""
    return [f"- {s.text}" for s in meditation.steps]
