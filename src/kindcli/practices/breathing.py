"""A paced breathing session: the plan, the drift-free timing loop, and what gets recorded.

Timing rule: every phase boundary is an absolute deadline, `start + shift + offset`, where
`start` is the session's first monotonic reading, `offset` is the phase's planned start
(computed from the pattern, never by adding up measured durations) and `shift` is the time
spent paused. The loop waits until the next frame or the next deadline, whichever is first,
so a late wake-up never carries into the next phase and error cannot accumulate.

Pure Python on ports: the keyboard and the view are protocols defined here; the terminal
versions live in `kindcli.adapters.keys` and `kindcli.adapters.breathing_view`.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from kindcli.ports import Clock, Moment, Prompter
from kindcli.practices import checkin
from kindcli.records import SessionRecord

# A pattern that names no length runs for about this long.
DEFAULT_MINUTES = 5.0
# Waking this much later than a deadline means the process was stopped (Ctrl-Z, a laptop
# lid): the schedule shifts by the gap, like a pause, instead of racing through the missed
# phases to catch up.
STALL_SECONDS = 0.5

Action = Literal["inhale", "hold", "exhale"]
Ending = Literal["done", "quit", "interrupted"]

# What a person sees for each action, in the live view and the summary.
ACTION_WORDS: dict[str, str] = {"inhale": "Breathe in", "hold": "Hold", "exhale": "Breathe out"}


class PhaseLike(Protocol):
    @property
    def action(self) -> Action: ...
    @property
    def seconds(self) -> float: ...
    @property
    def cue(self) -> str | None: ...


class PatternLike(Protocol):
    """What a session needs from a pattern (kindcli.models.BreathingPattern fits)."""

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

    @property
    def end(self) -> float:
        return self.start + self.seconds

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
        )
        for c in range(cycles)
        for i, p in enumerate(phases)
    )
    return Plan(pattern.id, pattern.name, cycles, cycle_seconds, steps)


def _levels(phases: Sequence[PhaseLike]) -> list[tuple[float, float]]:
    """How full the lungs (the shape) are at the start and end of each phase.

    The breaths in share the way from empty to full by their length (so a physiological
    sigh's short top-up fills the last quarter), the breaths out share the way back, and
    holds keep the level. A pattern that starts with a breath out starts full.
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


def rhythm(pattern: PatternLike) -> str:
    """A short description of a pattern's rhythm, e.g. 'in 4 · hold 7 · out 8'."""
    short = {"inhale": "in", "hold": "hold", "exhale": "out"}
    return " · ".join(f"{short[p.action]} {format_seconds(p.seconds)}" for p in pattern.phases)


def format_seconds(seconds: float) -> str:
    """4 -> '4', 5.5 -> '5.5', 0.25 -> '0.25'."""
    return f"{seconds:.2f}".rstrip("0").rstrip(".")


def format_clock(seconds: float) -> str:
    """Minutes and seconds, rounded up so a countdown never shows 0:00 early: 64.2 -> '1:05'."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


# ---- the ports a session runs on ----------------------------------------------------------

Key = Literal["pause", "quit"]


class Keys(Protocol):
    """The keyboard while a session runs."""

    def open(self) -> None:
        """Start listening (on a terminal: no echo, no line buffering)."""
        ...

    def close(self) -> None:
        """Stop listening and give the terminal back exactly as it was."""
        ...

    def wait(self, seconds: float | None) -> Key | None:
        """Wait up to `seconds` (None: until a key) and return the key pressed, if any."""
        ...


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

    def phase(self, tick: Tick) -> None:
        """A phase has just started: this must reach the person now."""
        ...

    def frame(self, tick: Tick) -> None: ...

    def paused(self, tick: Tick) -> None: ...

    def resumed(self, tick: Tick) -> None: ...

    def close(self) -> None:
        """Put the screen back in order. Always called, whatever happened."""
        ...


# ---- the timing loop ------------------------------------------------------------------------


@dataclass
class Progress:
    """What has happened so far; kept up to date so an interruption can be recorded."""

    phases_done: int = 0
    cycles_done: int = 0
    paused_seconds: float = 0.0
    pauses: int = 0
    stalled_seconds: float = 0.0
    started: float | None = None
    ended: float | None = None
    paused_at: float | None = None  # set while paused
    ending: Ending | None = None
    late: list[float] = field(default_factory=list)  # how late each phase started (seconds)

    def active_seconds(self, now: float) -> float:
        if self.started is None:
            return 0.0
        end = self.ended if self.ended is not None else now
        pausing = end - self.paused_at if self.paused_at is not None else 0.0
        stopped = self.paused_seconds + self.stalled_seconds + pausing
        return max(0.0, end - self.started - stopped)


def run_schedule(
    plan: Plan, clock: Clock, keys: Keys, view: BreathingView, progress: Progress
) -> Progress:
    """Run the session to its end, or until the person quits. Updates `progress` as it goes,
    so if this raises (Ctrl-C) the caller still knows exactly what was done."""
    steps = plan.steps
    per_cycle = len(steps) // plan.cycles
    start = clock.monotonic()
    progress.started = start
    shift = 0.0  # paused and stalled time, by which every later deadline moves
    index = 0
    progress.late.append(0.0)
    view.phase(Tick(plan, steps[0], 0.0))
    frame = view.frame_seconds
    next_frame = start + frame if frame else math.inf
    while True:
        now = clock.monotonic()
        step = steps[index]
        deadline = start + shift + step.end
        if now >= deadline:
            lateness = now - deadline
            if lateness > STALL_SECONDS:
                shift += lateness
                progress.stalled_seconds += lateness
                deadline = now
                lateness = 0.0
            index += 1
            progress.phases_done = index
            progress.cycles_done = index // per_cycle
            if index == len(steps):
                progress.ended = deadline
                progress.ending = "done"
                return progress
            progress.late.append(lateness)
            view.phase(Tick(plan, steps[index], lateness))
            continue
        if now >= next_frame:
            view.frame(Tick(plan, step, now - (start + shift + step.start)))
            # Stay on the frame grid; after a slow frame, skip ahead instead of bunching up.
            next_frame += frame if frame else math.inf
            if next_frame <= now:
                next_frame = now + (frame or math.inf)
        key = keys.wait(min(deadline, next_frame) - now)
        if key == "quit":
            progress.ended = clock.monotonic()
            progress.ending = "quit"
            return progress
        if key == "pause":
            paused_at = progress.paused_at = clock.monotonic()
            tick = Tick(plan, step, paused_at - (start + shift + step.start), paused=True)
            view.paused(tick)
            progress.pauses += 1
            while True:
                key = keys.wait(None)
                if key is not None:
                    break
            gap = clock.monotonic() - paused_at
            shift += gap
            progress.paused_seconds += gap
            progress.paused_at = None
            if key == "quit":
                progress.ended = clock.monotonic()
                progress.ending = "quit"
                return progress
            view.resumed(Tick(plan, step, tick.phase_elapsed))
            if frame:
                next_frame = clock.monotonic() + frame


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
    before = checkin.ask(prompter, checkin.BEFORE, checkins)
    progress = Progress()
    moment = Moment.of(clock.now())
    try:
        keys.open()
        try:
            view.open(plan)
            try:
                run_schedule(plan, clock, keys, view, progress)
            finally:
                view.close()
        finally:
            keys.close()
    except BaseException:
        if progress.started is not None:  # the session had begun: keep what was done
            if progress.ending is None:
                progress.ending = "interrupted"
                progress.ended = clock.monotonic()
            # If even saving fails, the first problem (often Ctrl-C) is the one to report.
            with contextlib.suppress(Exception):
                save(_record(plan, progress, moment, before, None, mode))
        raise
    record = _record(plan, progress, moment, before, None, mode)
    try:
        # The closing line comes the moment the session ends, before anything slower.
        say(summary(plan, record))
        after = checkin.ask(prompter, checkin.AFTER, checkins)
    except BaseException:
        with contextlib.suppress(Exception):
            save(record)
        raise
    record.distress_after = after
    save(record)
    return BreathingResult(plan, record, checkin.CheckIn(before, after))


def _record(
    plan: Plan,
    progress: Progress,
    moment: Moment,
    before: int | None,
    after: int | None,
    mode: str,
) -> SessionRecord:
    now = progress.ended if progress.ended is not None else 0.0
    active = progress.active_seconds(now)
    done = progress.ending == "done"
    return SessionRecord(
        practice="breathing",
        content_id=plan.pattern_id,
        moment=moment,
        planned_seconds=round(plan.total_seconds, 3),
        actual_seconds=round(active, 3),
        completed=done,
        distress_before=before,
        distress_after=after,
        details={
            "cycles_planned": plan.cycles,
            "cycles_completed": progress.cycles_done,
            "phases_completed": progress.phases_done,
            # A session counts as practice once one full cycle is done.
            "counts_as_practice": progress.cycles_done >= 1,
            "ended_early": not done,
            "ended_by": progress.ending,
            "paused_seconds": round(progress.paused_seconds, 3),
            "pauses": progress.pauses,
            "stalled_seconds": round(progress.stalled_seconds, 3),
            "mode": mode,
        },
    )


def summary(plan: Plan, record: SessionRecord) -> str:
    """One closing line, the same in every mode."""
    took = format_clock(record.actual_seconds or 0.0)
    noun = "cycle" if plan.cycles == 1 else "cycles"
    if record.completed:
        return f"Done: {plan.pattern_name}, {plan.cycles} {noun} in {took}."
    done = record.details["cycles_completed"]
    return (
        f"You breathed for {took} ({done} of {plan.cycles} {noun}). Stopping early is always fine."
    )
