"""How a meditation and the sitting timer look: a quiet live view on a terminal, or plain
lines.

The live views draw on the shared live screen (`kindcli.adapters.live`), at most FPS times a
second and only when something visible changed: one instruction at a time, fading in (dim
for a moment, then full), with a quiet progress line. The plain views write each
instruction (or bell) the moment it is due, flushed, through the Terminal (wrapped, no
escape codes); a bell is only ever written to a terminal, never into a pipe.
"""

from __future__ import annotations

from typing import IO

from kindcli.adapters.live import Line, LiveView, PlainView
from kindcli.adapters.terminal import wrap
from kindcli.ports import Renderer
from kindcli.practices.durations import format_clock
from kindcli.practices.meditation import Tick
from kindcli.practices.meditation_timer import TimerTick

FPS = 10
# An instruction appears dim and comes up to full brightness after this long.
FADE_SECONDS = 0.6
# The instruction's lines are at most this wide, however wide the terminal.
TEXT_COLUMNS = 64
# After an interval bell the timer shows that it rang, for this long.
BELL_SHOWN_SECONDS = 4.0
PAUSED_WORDS = "Paused · take all the time you need"
KEYS_RUNNING = "space to pause · q to stop"
KEYS_PAUSED = "space to go on · q to stop"


def _block(texts: list[str], width: int, style: str, indent: str = "") -> list[Line]:
    """Prose wrapped between words and padded to one width, so that centering each line
    centers the block while its lines stay aligned on the left."""
    lines = [
        line
        for text in texts
        for line in wrap(text, max(10, min(width - 4, TEXT_COLUMNS)), indent=indent)
    ]
    widest = max((len(line) for line in lines), default=0)
    return [(line.ljust(widest), style) for line in lines]


def meditation_lines(tick: Tick, width: int) -> list[Line]:
    """What the live meditation view shows at one instant, before centering."""
    step = tick.step
    fading = not tick.paused and tick.elapsed < FADE_SECONDS
    text_style = "dim" if fading or tick.paused else ""
    lines: list[Line] = [("", ""), (tick.plan.name, "dim"), ("", "")]
    lines += _block([step.text], width, text_style)
    if step.phrases:
        lines.append(("", ""))
        lines += _block(list(step.phrases), width, f"italic {text_style}".strip(), indent="  ")
    lines.append(("", ""))
    if tick.paused:
        lines += [(PAUSED_WORDS, "bold"), (KEYS_PAUSED, "dim")]
    else:
        n = len(tick.plan.steps)
        progress = f"step {step.number} of {n} · {format_clock(tick.left)} left"
        lines += [(progress, "dim"), (KEYS_RUNNING, "dim")]
    return lines


class LiveMeditationView(LiveView[Tick]):
    """The live view for a terminal."""

    frame_seconds: float | None = 1 / FPS

    def begin(self, tick: Tick) -> None:
        if tick.step.number == 1:
            self.ring()
        self.draw(tick, force=True)

    def state(self, tick: Tick, width: int) -> tuple[object, ...]:
        fading = tick.elapsed < FADE_SECONDS
        return (tick.step.number, tick.paused, fading, format_clock(tick.left))

    def lines(self, tick: Tick, width: int) -> list[Line]:
        return meditation_lines(tick, width)


class _PlainSaid(PlainView):
    """A plain view whose lines go through the Terminal (wrapped, made safe)."""

    def __init__(self, renderer: Renderer, out: IO[str], *, bell: bool = False) -> None:
        super().__init__(out, bell=bell)
        self.say = renderer

    def paused(self, tick: object) -> None:
        self.say.line("Paused. Press space to go on, or q to stop.")


class PlainMeditationView(_PlainSaid):
    """Plain text: each instruction (and its phrases) written the moment its step begins."""

    def begin(self, tick: Tick) -> None:
        if tick.step.number == 1:
            self.ring()
        if tick.step.number > 1:
            self.say.line()
        self.say.line(tick.step.text)
        for phrase in tick.step.phrases:
            self.say.line(phrase, indent="    ")

    def resumed(self, tick: Tick) -> None:
        self.say.line(f"Going on ({format_clock(tick.left)} left).")


# ---- the sitting timer ----------------------------------------------------------------------


def timer_lines(tick: TimerTick, width: int, bell_rang: bool) -> list[Line]:
    """What the live timer shows at one instant, before centering."""
    plan = tick.plan
    length = "as long as you like" if plan.seconds is None else format_clock(plan.seconds)
    every = "" if plan.interval is None else f" · a bell every {format_clock(plan.interval)}"
    title = f"Sitting · {length}{every}"
    if tick.left is None:
        big, under = format_clock(tick.sat), "so far"
    else:
        big, under = format_clock(tick.left), "left"
    next_bell = tick.next_bell
    if bell_rang:
        note = "· bell ·"
    elif next_bell is not None:
        note = f"next bell in {format_clock(next_bell)}"
    else:
        note = ""
    lines: list[Line] = [("", ""), (title, "dim"), ("", ""), (big, "bold"), (under, "dim")]
    lines += [("", ""), (note, "dim"), ("", "")]
    if tick.paused:
        lines += [(PAUSED_WORDS, "bold"), (KEYS_PAUSED, "dim")]
    else:
        lines += [("", ""), (KEYS_RUNNING if plan.seconds else "q when you are done", "dim")]
    return lines


class LiveTimerView(LiveView[TimerTick]):
    frame_seconds: float | None = 1 / FPS

    def __init__(self, out: IO[str], *, bell: bool = True) -> None:
        super().__init__(out, bell=bell)

    def begin(self, tick: TimerTick) -> None:
        self.ring()
        self.draw(tick, force=True)

    def state(self, tick: TimerTick, width: int) -> tuple[object, ...]:
        left, next_bell = tick.left, tick.next_bell
        return (
            tick.interval,
            tick.paused,
            _rang(tick),
            format_clock(tick.sat if left is None else left),
            None if next_bell is None else format_clock(next_bell),
        )

    def lines(self, tick: TimerTick, width: int) -> list[Line]:
        return timer_lines(tick, width, _rang(tick))


def _rang(tick: TimerTick) -> bool:
    """An interval bell rang a moment ago."""
    return tick.interval > 0 and tick.elapsed < BELL_SHOWN_SECONDS


class PlainTimerView(_PlainSaid):
    """Plain text: a line at each interval bell, and when pausing and going on."""

    def __init__(self, renderer: Renderer, out: IO[str], *, bell: bool = True) -> None:
        super().__init__(renderer, out, bell=bell)

    def begin(self, tick: TimerTick) -> None:
        self.ring()
        if tick.interval == 0:
            self.say.line("Sitting now.")
        else:
            self.say.line(f"Bell: {format_clock(tick.sat)}.")

    def resumed(self, tick: TimerTick) -> None:
        left = tick.left
        self.say.line("Going on." if left is None else f"Going on ({format_clock(left)} left).")
