"""A paced breathing session: its own planner (every phase placed on the session's
timeline, with how full the lungs are), run on the one timeline engine
(`kindcli.practices.timeline`: absolute deadlines, pause, quit, stalls), and what gets
recorded.

Pure Python on ports: the view is a protocol defined here; the terminal versions live in
`kindcli.adapters.keys` and `kindcli.adapters.breathing_view`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kindcli.ports import Clock, Moment, Prompter
from kindcli.practices import checkin, timed, timeline
from kindcli.practices.breathing_words import (
    ACTION_WORDS,
    BREATHS,
    Action,
    PatternLike,
    PhaseLike,
    summary,
)
from kindcli.store.records import SessionRecord

# A pattern that names no length runs for about this long.
DEFAULT_MINUTES = 5.0


# ---- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One phase of one cycle, placed on the session's timeline (seconds from the start)."""

    index: int
    cycle: int  # 1-based
    phase_index: int  # position within the cycle
    action: Action
    seconds: float
    cue: str | None
    start: float
    level_from: float  # how full the shape is as the phase starts (0 empty, 1 full)
    level_to: float
    label: str | None = None  # what a `notice` phase rests on ("Your feet")

    @property
    def end(self) -> float:
        return self.start + self.seconds

    @property
    def breath(self) -> bool:
        """Whether this phase is about the breath (a notice phase is not)."""
        return self.action in BREATHS

    @property
    def word(self) -> str:
        """What the phase is called on screen: "Breathe in", or a notice phase's label."""
        return self.label if self.action == "notice" and self.label else ACTION_WORDS[self.action]

    def level(self, progress: float) -> float:
        """The shape's size part-way through the phase, eased like a real breath."""
        p = min(1.0, max(0.0, progress))
        eased = 0.5 - 0.5 * math.cos(math.pi * p)
        return self.level_from + (self.level_to - self.level_from) * eased


@dataclass(frozen=True)
class Plan:
    pattern_id: str
    pattern_name: str
    cycles: int
    cycle_seconds: float
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        return self.cycles * self.cycle_seconds

    @property
    def phases_per_cycle(self) -> int:
        return len(self.steps) // self.cycles


def cycles_for_minutes(minutes: float, cycle_seconds: float) -> int:
    """The whole number of cycles nearest to `minutes` (halves round up), at least one.

    A session always ends on a complete breath, so its length is rounded to whole cycles.
    """
    if minutes <= 0 or cycle_seconds <= 0:
        raise ValueError("minutes and cycle length must be positive")
    return max(1, math.floor(minutes * 60 / cycle_seconds + 0.5))


def plan_session(
    pattern: PatternLike, *, cycles: int | None = None, minutes: float | None = None
) -> Plan:
    """Lay out every phase of the session: `cycles`, else `minutes`, else the pattern's own
    default, else DEFAULT_MINUTES."""
    if cycles is not None and minutes is not None:
        raise ValueError("give cycles or minutes, not both")
    phases = list(pattern.phases)
    cycle_seconds = sum(p.seconds for p in phases)
    if cycles is None:
        if minutes is None:
            if pattern.default_cycles is not None:
                cycles = pattern.default_cycles
            else:
                minutes = pattern.default_minutes or DEFAULT_MINUTES
        if cycles is None:
            assert minutes is not None
            cycles = cycles_for_minutes(minutes, cycle_seconds)
    if cycles < 1:
        raise ValueError("a session needs at least one cycle")
    offsets = [sum(p.seconds for p in phases[:i]) for i in range(len(phases))]
    levels = _levels(phases)
    steps = tuple(
        Step(
            index=c * len(phases) + i,
            cycle=c + 1,
            phase_index=i,
            action=p.action,
            seconds=p.seconds,
            cue=p.cue,
            # Each start is computed from the plan, not summed step by step, so even a
            # thousand cycles of 5.5 s phases land where they should.
            start=c * cycle_seconds + offsets[i],
            level_from=levels[i][0],
            level_to=levels[i][1],
            label=p.label,
        )
        for c in range(cycles)
        for i, p in enumerate(phases)
    )
    return Plan(pattern.id, pattern.name, cycles, cycle_seconds, steps)


def _levels(phases: Sequence[PhaseLike]) -> list[tuple[float, float]]:
    """How full the lungs (the shape) are at the start and end of each phase.

    The breaths in share the way from empty to full by their length (so a physiological
    sigh's short top-up fills the last quarter), the breaths out share the way back, and
    holds (and notice phases) keep the level. A pattern that starts with a breath out starts
    full.
    """
    inhale = sum(p.seconds for p in phases if p.action == "inhale")
    exhale = sum(p.seconds for p in phases if p.action == "exhale")
    deltas = []
    for p in phases:
        if p.action == "inhale":
            deltas.append(p.seconds / inhale)
        elif p.action == "exhale":
            deltas.append(-p.seconds / exhale)
        else:
            deltas.append(0.0)
    running = [0.0]
    for d in deltas:
        running.append(running[-1] + d)
    # Start where the lowest point of the cycle is empty; a pattern of only holds rests
    # in the middle.
    base = 0.5 if inhale == 0 and exhale == 0 else -min(running)
    out = []
    for i in range(len(phases)):
        a = min(1.0, max(0.0, base + running[i]))
        b = min(1.0, max(0.0, base + running[i + 1]))
        out.append((a, b))
    return out


# ---- running it on the timeline engine -------------------------------------------------------

# The keyboard is the timeline's (space pauses, q or Esc stops).
Keys = timeline.Keys


@dataclass(frozen=True)
class Tick:
    """The state of the session at one instant, for the view."""

    plan: Plan
    step: Step
    phase_elapsed: float
    paused: bool = False

    @property
    def phase_left(self) -> float:
        return max(0.0, self.step.seconds - self.phase_elapsed)

    @property
    def session_left(self) -> float:
        return max(0.0, self.plan.total_seconds - self.step.start - self.phase_elapsed)

    @property
    def level(self) -> float:
        return self.step.level(self.phase_elapsed / self.step.seconds)


class BreathingView(Protocol):
    """Shows the session. `frame_seconds` is the time between animation frames, or None for
    a view that only changes when a phase starts (plain text)."""

    frame_seconds: float | None

    def open(self, plan: Plan) -> None: ...

    def begin(self, tick: Tick) -> None:
        """A phase has just started: this must reach the person now."""
        ...

    def frame(self, tick: Tick) -> None: ...

    def paused(self, tick: Tick) -> None: ...

    def resumed(self, tick: Tick) -> None: ...

    def close(self) -> None:
        """Put the screen back in order. Always called, whatever happened."""
        ...


@dataclass
class Progress(timeline.Progress):
    """The timeline's progress, counted in phases and whole cycles."""

    phases_per_cycle: int = 1

    @property
    def phases_done(self) -> int:
        return self.segments_done

    @property
    def cycles_done(self) -> int:
        return self.segments_done // self.phases_per_cycle


def _tick(plan: Plan) -> Callable[[timeline.Tick[Step]], Tick]:
    """The engine's tick as the breathing view sees it: each segment is one phase."""
    return lambda t: Tick(plan, t.segment.payload, t.elapsed, t.paused)


def _timeline(plan: Plan) -> timeline.Timeline[Step]:
    return timeline.Timeline([timeline.Segment(s.start, s.seconds, s) for s in plan.steps])


def run_schedule(
    plan: Plan, clock: Clock, keys: Keys, view: BreathingView, progress: Progress
) -> Progress:
    """Run the session to its end, or until the person quits. Updates `progress` as it goes,
    so if this raises (Ctrl-C) the caller still knows exactly what was done."""
    progress.phases_per_cycle = plan.phases_per_cycle
    timeline.run(_timeline(plan), clock, keys, timeline.Relay(view, _tick(plan)), progress)
    return progress


# ---- the whole practice -------------------------------------------------------------------


@dataclass(frozen=True)
class BreathingResult:
    plan: Plan
    record: SessionRecord
    checkin: checkin.CheckIn


def breathe(
    plan: Plan,
    *,
    clock: Clock,
    keys: Keys,
    view: BreathingView,
    prompter: Prompter,
    checkins: bool,
    save: Callable[[SessionRecord], None],
    say: Callable[[str], None],
    mode: str = "live",
) -> BreathingResult:
    """Check in (if asked), run the session, say how it went, check in again, and save it.

    Ctrl-C during the session: the terminal is restored, the session is saved, honestly
    marked as ended early, and KeyboardInterrupt goes on up to the error boundary.
    """
    ran = timed.run(
        _timeline(plan),
        timeline.Relay(view, _tick(plan)),
        timed.Around(clock, keys, prompter, checkins, save, say),
        view=view,
        show=lambda: view.open(plan),
        progress=Progress(phases_per_cycle=plan.phases_per_cycle),
        record=lambda progress, moment, before: _record(plan, progress, moment, before, mode),
        ending=lambda record: [summary(plan.pattern_name, plan.cycles, record)],
    )
    return BreathingResult(plan, ran.record, ran.checkin)


def _record(
    plan: Plan, progress: Progress, moment: Moment, before: int | None, mode: str
) -> SessionRecord:
    done = progress.ending == "done"
    return timed.session(
        "breathing",
        plan.pattern_id,
        moment,
        progress,
        before,
        planned_seconds=round(plan.total_seconds, 3),
        details={
            "cycles_planned": plan.cycles,
            "cycles_completed": progress.cycles_done,
            "phases_completed": progress.phases_done,
            # A session counts as practice once one full cycle is done.
            "counts_as_practice": progress.cycles_done >= 1,
            "ended_early": not done,
            **timed.timing(progress),
            "mode": mode,
        },
    )
