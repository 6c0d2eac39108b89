"""How a breathing session looks: a calm animated view on a terminal, or plain lines.

The live view redraws at most FPS times a second and only when something visible changed,
on the shared live screen (`kindcli.adapters.live`: the session loop decides when to draw),
so it stays smooth while using very little CPU. Plain mode writes one line per phase, flushed
the moment the phase starts, with no escape codes at all.
"""

from __future__ import annotations

import math

from kindcli.adapters.live import Line, LiveView, PlainView
from kindcli.adapters.terminal import safe, wrap
from kindcli.practices.breathing import Tick
from kindcli.practices.durations import format_clock, format_seconds

FPS = 15
MAX_SHAPE_WIDTH = 40
# Row widths of the shape relative to its middle row: a soft oval (terminal cells are about
# twice as tall as they are wide).
ROW_FACTORS = tuple(math.sqrt(1 - (y / 1.2) ** 2) for y in (-1.0, -0.5, 0.0, 0.5, 1.0))
COLORS = {"inhale": "#88c0d0", "hold": "#b48ead", "exhale": "#8fbcbb", "notice": "#a3be8c"}


def shape_rows(level: float, width: int, max_width: int = MAX_SHAPE_WIDTH) -> list[str]:
    """The rows of the breathing shape at `level` (0 empty .. 1 full), to be centered in
    `width` columns.

    Every row has the same parity as `width`, so it centers exactly: a row that would not
    gets half blocks at both ends, which also makes the growth smooth to the half cell.
    """
    biggest = max(4, min(max_width, width - 4))
    smallest = 2
    middle = smallest + (biggest - smallest) * min(1.0, max(0.0, level))
    rows = []
    for factor in ROW_FACTORS:
        cells = max(1, round(middle * factor))
        # When the width left over is odd, "▐███▌" centers the row: half blocks at both ends.
        odd = (width - cells) % 2
        body = "\u2590" + "\u2588" * (cells - 1) + "\u258c" if odd else "\u2588" * cells
        rows.append(body)
    return rows


class LiveBreathingView(LiveView[Tick]):
    """The animated view for a terminal."""

    frame_seconds: float | None = 1 / FPS

    def begin(self, tick: Tick) -> None:
        self.ring()
        self.draw(tick, force=True)

    def state(self, tick: Tick, width: int) -> tuple[object, ...]:
        return (
            tick.step.index,
            tick.paused,
            math.ceil(tick.phase_left - 1e-9),
            format_clock(tick.session_left),
            shape_rows(tick.level, width)[2],
        )

    def lines(self, tick: Tick, width: int) -> list[Line]:
        return frame_lines(tick, width)


def frame_lines(tick: Tick, width: int) -> list[Line]:
    """What the live view shows at one instant, as (text, style) lines, before centring."""
    step = tick.step
    color = COLORS[step.action]
    if tick.paused:
        top = [("Paused", "bold"), ("take all the time you need", "dim")]
    else:
        seconds = str(math.ceil(tick.phase_left - 1e-9))
        top = [(step.word, f"bold {color}"), (seconds, color)]
    shape_style = f"dim {color}" if tick.paused else color
    plan = tick.plan
    status = (
        f"{plan.pattern_name} · cycle {step.cycle} of {plan.cycles} · "
        f"{format_clock(tick.session_left)} left"
    )
    keys = "space to go on · q to stop" if tick.paused else "space to pause · q to stop"
    return [
        ("", ""),
        *top,
        ("", ""),
        # A notice phase is not about the breath: no breathing shape, the same height.
        *[(row if step.breath else "", shape_style) for row in shape_rows(tick.level, width)],
        ("", ""),
        # A cue wider than the terminal wraps between words instead of being cut off; it
        # comes from a file, so it is made safe for the terminal first.
        *[
            (line, "italic")
            for line in (wrap(safe(step.cue), max(10, width - 4)) if step.cue else [""])
        ],
        ("", ""),
        (status, "dim"),
        (keys, "dim"),
    ]


class PlainBreathingView(PlainView):
    """Plain text: one line per phase, e.g. `inhale 4s` (or `notice 20s: Feet. Feel ...`),
    written when the phase starts."""

    def begin(self, tick: Tick) -> None:
        self.ring()
        step = tick.step
        # A breath's word says it all; a notice phase also says what to notice.
        what = "" if step.breath else f": {step.word}. {step.cue or ''}".rstrip()
        # The words and the cue come from a file: made safe for the terminal.
        self.out.write(f"{step.action} {format_seconds(step.seconds)}s{safe(what)}\n")
        self.out.flush()

    def paused(self, tick: Tick) -> None:
        self.out.write("paused\n")
        self.out.flush()

    def resumed(self, tick: Tick) -> None:
        left = format_seconds(round(tick.phase_left, 1))
        self.out.write(f"resumed: {tick.step.action} {left}s left\n")
        self.out.flush()
