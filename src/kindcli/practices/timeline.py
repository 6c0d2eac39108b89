"""The one deadline engine: segments laid out on a timeline and paced on the monotonic clock.

Timing rule: every segment starts on an absolute deadline, `start + shift + segment.start`,
where `start` is the first monotonic reading, `segment.start` its planned offset (computed
from the plan, never by adding up measured durations) and `shift` the time spent paused or
stalled, less any time skipped. The loop waits until the next frame or the next deadline,
whichever comes first, so a late wake-up never carries into the next segment and error
cannot accumulate over a long run.

- pause: the wait for the next key is not counted, and every later deadline moves by it;
- quit: the run ends at once, recorded as such;
- next: the current segment ends now (a person who is ready before the pause is over);
- a stall (waking more than STALL_SECONDS after a deadline: the process was stopped, a
  laptop lid was shut) shifts the timeline like a pause instead of racing to catch up.

Breathing (its lung-level planner and view), `kind break --auto`, the grounding minute of
`kind sos` and meditations all run on this engine. Pure Python on ports: the keyboard and
the view are protocols; the terminal versions live in `kindcli.adapters`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar, overload

from kindcli.ports import Clock

P = TypeVar("P")
T = TypeVar("T")

# Waking this much later than a deadline means the process was stopped: the timeline
# shifts by the gap, like a pause, instead of racing through what was missed.
STALL_SECONDS = 0.5

Key = Literal["pause", "quit", "next"]
Ending = Literal["done", "quit", "interrupted"]


class Keys(Protocol):
    """The keyboard while a timeline runs."""

    def open(self) -> None:
        """Start listening (on a terminal: no echo, no line buffering)."""
        ...

    def close(self) -> None:
        """Stop listening and give the terminal back exactly as it was."""
        ...

    def wait(self, seconds: float | None) -> Key | None:
        """Wait up to `seconds` (None: until a key) and return the key pressed, if any."""
        ...


class ClockKeys:
    """No keyboard: waiting is sleeping on the clock (output to a pipe, a script)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def wait(self, seconds: float | None) -> Key | None:
        if seconds is None:
            return "quit"  # nobody can press a key to go on
        self.clock.sleep(seconds)
        return None


@dataclass(frozen=True)
class Segment(Generic[P]):
    """One piece of a timeline: when it starts (seconds from the beginning), how long it
    lasts (math.inf for an open end, until the person stops) and what it carries."""

    start: float
    seconds: float
    payload: P

    @property
    def end(self) -> float:
        return self.start + self.seconds


class Repeating(Sequence[Segment[P]]):
    """The same length over and over, with no end in sight: segment i starts at exactly
    i * seconds (never a running sum). For an open-ended run that still marks every interval,
    like a sitting timer with a bell every five minutes until the person stops it. Its length
    is sys.maxsize segments, which no run reaches (at one second each, about 290 billion
    years); its total is math.inf."""

    def __init__(self, seconds: float, payload: Callable[[int], P]) -> None:
        if not 0 < seconds < math.inf:
            raise ValueError("a repeating segment needs a length above nothing")
        self.seconds = seconds
        self.payload = payload

    def __len__(self) -> int:
        return sys.maxsize

    @overload
    def __getitem__(self, index: int) -> Segment[P]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Segment[P]]: ...

    def __getitem__(self, index: int | slice) -> Segment[P] | Sequence[Segment[P]]:
        if isinstance(index, slice):
            raise TypeError("a repeating timeline cannot be sliced")
        if index < 0:
            index += sys.maxsize
        if not 0 <= index < sys.maxsize:
            raise IndexError(index)
        return Segment(index * self.seconds, self.seconds, self.payload(index))


@dataclass(frozen=True)
class Timeline(Generic[P]):
    segments: Sequence[Segment[P]]

    @classmethod
    def back_to_back(cls, pieces: Iterable[tuple[float, P]]) -> Timeline[P]:
        """Segments one after another: each start is the exact sum of the planned lengths
        before it (math.fsum), so a thousand short segments land where they should."""
        lengths: list[float] = []
        segments: list[Segment[P]] = []
        for seconds, payload in pieces:
            if seconds < 0:
                raise ValueError("a segment cannot be shorter than nothing")
            segments.append(Segment(math.fsum(lengths), seconds, payload))
            lengths.append(seconds)
        return cls(tuple(segments))

    @property
    def total_seconds(self) -> float:
        if isinstance(self.segments, Repeating):
            return math.inf
        return self.segments[-1].end if self.segments else 0.0


@dataclass(frozen=True)
class Tick(Generic[P]):
    """The state of the run at one instant, for the view."""

    timeline: Timeline[P]
    index: int
    elapsed: float  # seconds into the segment
    paused: bool = False

    @property
    def segment(self) -> Segment[P]:
        return self.timeline.segments[self.index]

    @property
    def left(self) -> float:
        return max(0.0, self.segment.seconds - self.elapsed)

    @property
    def timeline_left(self) -> float:
        return max(0.0, self.timeline.total_seconds - self.segment.start - self.elapsed)


class View(Protocol[P]):
    """Shows the run. `frame_seconds` is the time between animation frames, or None for a
    view that changes only when a segment starts (plain text)."""

    @property
    def frame_seconds(self) -> float | None: ...

    def segment(self, tick: Tick[P]) -> None:
        """A segment has just started: this must reach the person now."""
        ...

    def frame(self, tick: Tick[P]) -> None: ...

    def paused(self, tick: Tick[P]) -> None: ...

    def resumed(self, tick: Tick[P]) -> None: ...


T_contra = TypeVar("T_contra", contravariant=True)


class TickView(Protocol[T_contra]):
    """A practice's own view: it is shown the practice's ticks (its plan, its step), not
    the engine's segments. `begin` is called as each segment starts."""

    @property
    def frame_seconds(self) -> float | None: ...

    def begin(self, tick: T_contra) -> None: ...

    def frame(self, tick: T_contra) -> None: ...

    def paused(self, tick: T_contra) -> None: ...

    def resumed(self, tick: T_contra) -> None: ...


class Relay(Generic[P, T]):
    """The engine's View for a practice's own view: every tick is translated first."""

    def __init__(self, view: TickView[T], translate: Callable[[Tick[P]], T]) -> None:
        self.view = view
        self.translate = translate
        self.frame_seconds = view.frame_seconds

    def segment(self, tick: Tick[P]) -> None:
        self.view.begin(self.translate(tick))

    def frame(self, tick: Tick[P]) -> None:
        self.view.frame(self.translate(tick))

    def paused(self, tick: Tick[P]) -> None:
        self.view.paused(self.translate(tick))

    def resumed(self, tick: Tick[P]) -> None:
        self.view.resumed(self.translate(tick))


@dataclass
class Progress:
    """What has happened so far; kept up to date so an interruption can be recorded."""

    segments_done: int = 0
    paused_seconds: float = 0.0
    pauses: int = 0
    stalled_seconds: float = 0.0
    skipped_seconds: float = 0.0
    started: float | None = None
    ended: float | None = None
    paused_at: float | None = None  # set while paused
    ending: Ending | None = None
    late: list[float] = field(default_factory=list)  # how late each segment started (s)

    def active_seconds(self, now: float) -> float:
        """Time spent in the run, not counting pauses and stalls."""
        if self.started is None:
            return 0.0
        end = self.ended if self.ended is not None else now
        pausing = end - self.paused_at if self.paused_at is not None else 0.0
        stopped = self.paused_seconds + self.stalled_seconds + pausing
        return max(0.0, end - self.started - stopped)

    def interrupted(self, now: float) -> None:
        """Record an ending from outside (Ctrl-C, a closed terminal) if none was recorded."""
        if self.started is not None and self.ending is None:
            self.ending = "interrupted"
            self.ended = now


def run(
    timeline: Timeline[P],
    clock: Clock,
    keys: Keys,
    view: View[P],
    progress: Progress | None = None,
) -> Progress:
    """Run the timeline to its end, or until the person quits. `progress` is updated as it
    goes, so if this raises (Ctrl-C) the caller still knows exactly what was done."""
    progress = progress if progress is not None else Progress()
    segments = timeline.segments
    if not segments:
        progress.ending = "done"
        return progress
    start = clock.monotonic()
    progress.started = start
    shift = 0.0  # paused and stalled time (less time skipped): every later deadline moves
    index = 0
    progress.late.append(0.0)
    view.segment(Tick(timeline, 0, 0.0))
    frame = view.frame_seconds
    next_frame = start + frame if frame else math.inf
    while True:
        now = clock.monotonic()
        segment = segments[index]
        deadline = start + shift + segment.end
        if now >= deadline:
            lateness = now - deadline
            if lateness > STALL_SECONDS:
                shift += lateness
                progress.stalled_seconds += lateness
                deadline = now
                lateness = 0.0
            index += 1
            progress.segments_done = index
            if index == len(segments):
                progress.ended = deadline
                progress.ending = "done"
                return progress
            progress.late.append(lateness)
            view.segment(Tick(timeline, index, lateness))
            continue
        if now >= next_frame:
            view.frame(Tick(timeline, index, now - (start + shift + segment.start)))
            # Stay on the frame grid; after a slow frame, skip ahead instead of bunching up.
            next_frame += frame if frame else math.inf
            if next_frame <= now:
                next_frame = now + (frame or math.inf)
        wait = min(deadline, next_frame) - now
        # An open-ended segment with nothing to draw: wait for a key, however long it takes.
        key = keys.wait(None if wait == math.inf else wait)
        if key == "quit":
            progress.ended = clock.monotonic()
            progress.ending = "quit"
            return progress
        if key == "next":
            # Ready before the pause is over: this segment ends now, the rest moves earlier.
            skipped = max(0.0, deadline - clock.monotonic())
            shift -= skipped
            progress.skipped_seconds += skipped
            continue
        if key == "pause":
            paused_at = progress.paused_at = clock.monotonic()
            tick = Tick(timeline, index, paused_at - (start + shift + segment.start), paused=True)
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
            view.resumed(Tick(timeline, index, tick.elapsed))
            if frame:
                next_frame = clock.monotonic() + frame
