"""`kind meditate timer`: a silent sitting timer with an opening bell, optional interval
bells and a closing bell, on the one timeline engine. Endless (until q) with no length.

Each interval is one segment of the timeline, so every bell rings on its own absolute
deadline and pauses move the bells later instead of cutting an interval short. An endless
timer with interval bells is a `timeline.Repeating` timeline; without bells it is one
open-ended segment.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kindcli.ports import Clock, Moment, Prompter
from kindcli.practices import checkin, timed, timeline
from kindcli.practices.durations import format_clock
from kindcli.practices.meditation import STOPPED_EARLY
from kindcli.store.records import SessionRecord

CONTENT_ID = "timer"  # what the store keeps as the session's content id
# An interval this close to the end would ring a moment before the closing bell: leave it out.
LAST_BELL_GAP = 1.0


@dataclass(frozen=True)
class TimerPlan:
    seconds: float | None  # None: endless, until the person stops
    interval: float | None  # seconds between interval bells, or None for none

    @property
    def endless(self) -> bool:
        return self.seconds is None

    def timeline(self) -> timeline.Timeline[int]:
        """One segment per interval (its payload: which interval, from 0)."""
        if self.seconds is None:
            if self.interval is None:
                return timeline.Timeline([timeline.Segment(0.0, math.inf, 0)])
            return timeline.Timeline(timeline.Repeating(self.interval, lambda k: k))
        if self.interval is None:
            return timeline.Timeline([timeline.Segment(0.0, self.seconds, 0)])
        starts = [0.0]
        while (k := len(starts)) * self.interval < self.seconds - LAST_BELL_GAP:
            starts.append(k * self.interval)
        ends = [*starts[1:], self.seconds]
        return timeline.Timeline(
            [
                timeline.Segment(s, e - s, k)
                for k, (s, e) in enumerate(zip(starts, ends, strict=True))
            ]
        )

    @property
    def interval_bells(self) -> int | None:
        """How many interval bells a timer of set length rings (None when endless)."""
        if self.seconds is None:
            return None
        return len(self.timeline().segments) - 1


def plan_timer(minutes: float, interval_minutes: float | None = None) -> TimerPlan:
    """`minutes` 0 means endless; an interval as long as the sitting rings no interval bell."""
    if minutes < 0 or (interval_minutes is not None and interval_minutes <= 0):
        raise ValueError("minutes cannot be below 0, and an interval must be above 0")
    seconds = minutes * 60 if minutes > 0 else None
    interval = interval_minutes * 60 if interval_minutes is not None else None
    if interval is not None and seconds is not None and interval >= seconds:
        interval = None
    return TimerPlan(seconds, interval)


def describe(plan: TimerPlan) -> str:
    """The plan in words: '20:00, a bell every 5:00.'"""
    length = "Until you press q" if plan.seconds is None else format_clock(plan.seconds)
    if plan.interval is None:
        return f"{length}, with no bells in between."
    return f"{length}, a bell every {format_clock(plan.interval)}."


@dataclass(frozen=True)
class TimerTick:
    plan: TimerPlan
    interval: int  # which interval (0 is the first)
    start: float  # when this interval began, in seconds of sitting
    seconds: float  # its length (math.inf when open-ended)
    elapsed: float  # seconds into it
    paused: bool = False

    @property
    def sat(self) -> float:
        """Seconds of sitting so far (pauses not counted)."""
        return self.start + self.elapsed

    @property
    def left(self) -> float | None:
        return None if self.plan.seconds is None else max(0.0, self.plan.seconds - self.sat)

    @property
    def next_bell(self) -> float | None:
        """Seconds to the next interval bell, if another comes before the end."""
        if self.plan.interval is None:
            return None
        end = self.start + self.seconds
        if self.plan.seconds is not None and end >= self.plan.seconds:
            return None
        return max(0.0, self.seconds - self.elapsed)


class TimerView(timeline.TickView[TimerTick], Protocol):
    """Shows the sitting: `begin` as each interval begins (interval 0 with the opening
    bell, each later one with an interval bell)."""

    def open(self, plan: TimerPlan) -> None: ...

    def finish(self) -> None:
        """The closing bell."""
        ...

    def close(self) -> None: ...


def _tick(plan: TimerPlan) -> Callable[[timeline.Tick[int]], TimerTick]:
    def translate(tick: timeline.Tick[int]) -> TimerTick:
        s = tick.segment
        return TimerTick(plan, s.payload, s.start, s.seconds, tick.elapsed, tick.paused)

    return translate


@dataclass(frozen=True)
class TimerResult:
    plan: TimerPlan
    record: SessionRecord
    checkin: checkin.CheckIn


def sit(
    plan: TimerPlan,
    *,
    clock: Clock,
    keys: timeline.Keys,
    view: TimerView,
    prompter: Prompter,
    checkins: bool,
    save: Callable[[SessionRecord], None],
    say: Callable[[str], None],
    mode: str = "live",
) -> TimerResult:
    """Check in (if asked), sit, say how long, check in again, and save. q ends an endless
    timer (with the closing bell) and ends a timed one early; Ctrl-C ends either, saved as
    it was, and goes on to the error boundary."""
    ran = timed.run(
        plan.timeline(),
        timeline.Relay(view, _tick(plan)),
        timed.Around(clock, keys, prompter, checkins, save, say),
        view=view,
        show=lambda: view.open(plan),
        progress=timeline.Progress(),
        record=lambda progress, moment, before: _record(plan, progress, moment, before, mode),
        ending=lambda record: [summary(plan, record)],
        finish=view.finish,
        rings_out=lambda p: p.ending == "done" or (plan.endless and p.ending == "quit"),
    )
    return TimerResult(plan, ran.record, ran.checkin)


def _bells_rung(plan: TimerPlan, progress: timeline.Progress) -> int:
    # Each interval that ended was followed by a bell, except the last one of a timed sitting
    # (that was the closing bell).
    done = progress.segments_done
    if progress.ending == "done":
        done -= 1
    return max(0, done)


def _record(
    plan: TimerPlan, progress: timeline.Progress, moment: Moment, before: int | None, mode: str
) -> SessionRecord:
    done = progress.ending == "done"
    # An endless sitting has no end to reach; it counts by its length (a minute or more).
    return timed.session(
        "meditation",
        CONTENT_ID,
        moment,
        progress,
        before,
        planned_seconds=None if plan.seconds is None else round(plan.seconds, 3),
        details={
            "timer": True,
            "endless": plan.endless,
            "interval_seconds": plan.interval,
            "interval_bells": _bells_rung(plan, progress),
            "ended_early": not done and not plan.endless,
            **timed.timing(progress),
            "mode": mode,
        },
    )


def summary(plan: TimerPlan, record: SessionRecord) -> str:
    took = format_clock(record.actual_seconds or 0.0)
    bells = record.details["interval_bells"]
    rang = f", with {bells} interval bell{'s' if bells != 1 else ''}" if bells else ""
    if record.completed:
        return f"Done: {took} of sitting{rang}."
    if plan.seconds is None:
        return f"You sat for {took}{rang}."
    return f"You sat for {took} of {format_clock(plan.seconds)}. {STOPPED_EARLY}"
