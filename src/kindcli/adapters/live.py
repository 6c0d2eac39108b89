"""The calm full-screen view that timed practices draw on (breathing, meditations, the
sitting timer), and what their plain-text views share.

rich's Live with its refresh thread off: the timeline loop decides when to draw, and each
view draws only when something visible changed. A frame is a list of prepared (text, style)
lines, centered by hand; going straight to rich's segments skips its wrapping and
justification, which were most of the cost of a frame. Transient: when the practice ends
the view is cleared and the cursor shown again.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.live import Live
    from rich.style import Style

BELL = "\a"
CLEAR_SCREEN = "\x1b[H\x1b[2J"

Line = tuple[str, str]  # (text, rich style)
T = TypeVar("T")


def terminal_size(stream: IO[str]) -> tuple[int, int]:
    """Columns and lines of the terminal `stream` writes to (80x24 when it cannot say)."""
    try:
        size = os.get_terminal_size(stream.fileno())
        return max(20, size.columns), max(5, size.lines)
    except (OSError, ValueError, AttributeError):
        return 80, 24


class LiveScreen:
    """One practice's live view on a terminal: start, show frames, stop."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._console: Console | None = None
        self._live: Live | None = None
        self._size: tuple[int, int] | None = None
        self.frames_drawn = 0

    def start(self) -> None:
        from rich.console import Console
        from rich.live import Live

        # Only built when stdout is a colour-capable terminal, so forcing it is safe, and it
        # spares rich from asking the OS about the terminal again on every frame.
        width, height = terminal_size(self.out)
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

    @property
    def started(self) -> bool:
        return self._live is not None

    def size(self) -> tuple[int, int]:
        return terminal_size(self.out)

    def show(self, lines: list[Line], size: tuple[int, int]) -> None:
        """Draw one frame of lines at this terminal size."""
        if self._live is None or self._console is None:
            return
        if self._size is not None and self._size != size:
            # The terminal was resized and has re-wrapped what we drew, so moving back up
            # over the old frame would leave pieces of it behind: start from a clean screen.
            self.out.write(CLEAR_SCREEN)
        self._size = size
        self._console.size = size
        self._live.update(CenteredLines(lines), refresh=True)
        self.frames_drawn += 1

    def bell(self) -> None:
        self.out.write(BELL)
        self.out.flush()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()  # shows the cursor again and clears the view
            self._live = None
        self.out.flush()


class LiveView(Generic[T]):
    """What every live practice view shares: its screen, and drawing only when something
    visible changed (`state`), or when told to (a new segment, a pause, going on). A view
    says what is visible (`state`) and what to draw (`lines`) for a tick at a width."""

    frame_seconds: float | None

    def __init__(self, out: IO[str], *, bell: bool = False) -> None:
        self.out = out
        self.bell = bell
        self._screen = LiveScreen(out)
        self._last: tuple[object, ...] | None = None

    @property
    def frames_drawn(self) -> int:
        return self._screen.frames_drawn

    def open(self, plan: object) -> None:
        self._screen.start()

    def ring(self) -> None:
        """The bell, if this view has one."""
        if self.bell:
            self._screen.bell()

    def finish(self) -> None:
        """The practice reached its end: the closing bell."""
        self.ring()

    def frame(self, tick: T) -> None:
        self.draw(tick)

    def paused(self, tick: T) -> None:
        self.draw(tick, force=True)

    def resumed(self, tick: T) -> None:
        self.draw(tick, force=True)

    def close(self) -> None:
        self._screen.stop()

    def state(self, tick: T, width: int) -> tuple[object, ...]:
        raise NotImplementedError

    def lines(self, tick: T, width: int) -> list[Line]:
        raise NotImplementedError

    def draw(self, tick: T, force: bool = False) -> None:
        if not self._screen.started:
            return
        size = self._screen.size()
        visible = (size, *self.state(tick, size[0]))
        if visible == self._last and not force:
            return
        self._last = visible
        self._screen.show(self.lines(tick, size[0]), size)


class PlainView:
    """What every plain-text practice view shares: lines that say what changed, written as
    it happens and flushed, with no animation frames; a bell only on a terminal (a bell is
    a control character, not styling: never put one into a pipe)."""

    frame_seconds: float | None = None

    def __init__(self, out: IO[str], *, bell: bool = False) -> None:
        from kindcli.adapters.terminal import isatty

        self.out = out
        self.bell = bell and isatty(out)

    def open(self, plan: object) -> None:
        pass

    def frame(self, tick: object) -> None:
        pass

    def ring(self) -> None:
        if self.bell:
            self.out.write(BELL)
            self.out.flush()

    def finish(self) -> None:
        """The practice reached its end: the closing bell."""
        self.ring()

    def close(self) -> None:
        self.out.flush()


class CenteredLines:
    """A rich renderable of prepared lines, each centered; a line too wide is cut with an
    ellipsis. Styles are parsed once and cached."""

    _styles: ClassVar[dict[str, Style]] = {}

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len, set_cell_size
        from rich.segment import Segment
        from rich.style import Style

        from kindcli.adapters.terminal import safe

        width = options.max_width
        for line, style_name in self.lines:
            # Names, cues and instructions come from files: made safe for the terminal.
            text = safe(line)
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
