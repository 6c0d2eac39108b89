"""How a breathing session looks: a calm animated view on a terminal, or plain lines.

The live view redraws at most FPS times a second and only when something visible changed,
through rich's Live with its refresh thread off (the session loop decides when to draw), so
it stays smooth while using very little CPU. Plain mode writes one line per phase, flushed
the moment the phase starts, with no escape codes at all.
"""

from __future__ import annotations

import math
import os
from typing import IO, TYPE_CHECKING, ClassVar

from kindcli.adapters.terminal import wrap
from kindcli.practices.breathing import Plan, Tick
from kindcli.practices.durations import format_clock, format_seconds

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.live import Live
    from rich.style import Style

FPS = 15
MAX_SHAPE_WIDTH = 40
# Row widths of the shape relative to its middle row: a soft oval (terminal cells are about
# twice as tall as they are wide).
ROW_FACTORS = tuple(math.sqrt(1 - (y / 1.2) ** 2) for y in (-1.0, -0.5, 0.0, 0.5, 1.0))
COLORS = {"inhale": "#88c0d0", "hold": "#b48ead", "exhale": "#8fbcbb", "notice": "#a3be8c"}
BELL = "\a"
CLEAR_SCREEN = "\x1b[H\x1b[2J"


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


class LiveBreathingView:
    """The animated view for a terminal."""

    frame_seconds: float | None = 1 / FPS

    def __init__(self, out: IO[str], *, bell: bool = False) -> None:
        self.out = out
        self.bell = bell
        self._console: Console | None = None
        self._live: Live | None = None
        self._last: tuple[object, ...] | None = None
        self.frames_drawn = 0

    def open(self, plan: Plan) -> None:
        from rich.console import Console
        from rich.live import Live

        # Only built when stdout is a color-capable terminal, so forcing it is safe, and it
        # spares rich from asking the OS about the terminal again on every frame.
        width, height = _terminal_size(self.out)
        self._console = Console(
            file=self.out, highlight=False, force_terminal=True, width=width, height=height
        )
        self._live = Live(
            console=self._console,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._live.start()

    def phase(self, tick: Tick) -> None:
        if self.bell:
            self.out.write(BELL)
        self._draw(tick, force=True)

    def frame(self, tick: Tick) -> None:
        self._draw(tick)

    def paused(self, tick: Tick) -> None:
        self._draw(tick, force=True)

    def resumed(self, tick: Tick) -> None:
        self._draw(tick, force=True)

    def close(self) -> None:
        if self._live is not None:
            self._live.stop()  # shows the cursor again and clears the view
            self._live = None
        self.out.flush()

    def _draw(self, tick: Tick, force: bool = False) -> None:
        if self._live is None or self._console is None:
            return
        size = _terminal_size(self.out)
        step = tick.step
        state = (
            size,
            step.index,
            tick.paused,
            math.ceil(tick.phase_left - 1e-9),
            format_clock(tick.session_left),
            shape_rows(tick.level, size[0])[2],
        )
        if state == self._last and not force:
            return
        if self._last is not None and self._last[0] != size:
            # The terminal was resized and has re-wrapped what we drew, so moving back up
            # over the old frame would leave pieces of it behind: start from a clean screen.
            self.out.write(CLEAR_SCREEN)
        self._last = state
        self._console.size = size
        self._live.update(_Frame(frame_lines(tick, size[0])), refresh=True)
        self.frames_drawn += 1


Line = tuple[str, str]  # (text, rich style)


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
        # A cue wider than the terminal wraps between words instead of being cut off.
        *[(line, "italic") for line in (wrap(step.cue, max(10, width - 4)) if step.cue else [""])],
        ("", ""),
        (status, "dim"),
        (keys, "dim"),
    ]


class _Frame:
    """A rich renderable of pre-built lines, centered by hand.

    Going straight to segments skips rich's text wrapping and justification, which were
    most of the cost of a frame; styles are parsed once and cached.
    """

    _styles: ClassVar[dict[str, Style]] = {}

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len, set_cell_size
        from rich.segment import Segment
        from rich.style import Style

        width = options.max_width
        for text, style_name in self.lines:
            cells = cell_len(text)
            if cells > width:
                text = set_cell_size(text, max(0, width - 1)) + "\u2026"
                cells = width
            pad = (width - cells) // 2
            style = self._styles.get(style_name)
            if style is None:
                style = self._styles[style_name] = Style.parse(style_name)
            yield Segment(" " * pad)
            yield Segment(text, style)
            yield Segment.line()


def _terminal_size(stream: IO[str]) -> tuple[int, int]:
    try:
        size = os.get_terminal_size(stream.fileno())
        return max(20, size.columns), max(5, size.lines)
    except (OSError, ValueError, AttributeError):
        return 80, 24


class PlainBreathingView:
    """Plain text: one line per phase, e.g. `inhale 4s` (or `notice 20s: Feet. Feel ...`),
    written when the phase starts."""

    frame_seconds: float | None = None

    def __init__(self, out: IO[str], *, bell: bool = False) -> None:
        self.out = out
        # A bell is a control character, not styling; still, never put one into a pipe.
        self.bell = bell and _isatty(out)

    def open(self, plan: Plan) -> None:
        pass

    def phase(self, tick: Tick) -> None:
        bell = BELL if self.bell else ""
        step = tick.step
        # A breath's word says it all; a notice phase also says what to notice.
        what = "" if step.breath else f": {step.word}. {step.cue or ''}".rstrip()
        self.out.write(f"{bell}{step.action} {format_seconds(step.seconds)}s{what}\n")
        self.out.flush()

    def frame(self, tick: Tick) -> None:
        pass

    def paused(self, tick: Tick) -> None:
        self.out.write("paused\n")
        self.out.flush()

    def resumed(self, tick: Tick) -> None:
        left = format_seconds(round(tick.phase_left, 1))
        self.out.write(f"resumed: {tick.step.action} {left}s left\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
