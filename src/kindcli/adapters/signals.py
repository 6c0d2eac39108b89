"""Signals: a calm Ctrl-C from kind's first instruction, and one SIGTERM/SIGHUP handler for
every command.

- `calm_from_the_start()` is the first thing `kind` does. Until a command is running (while
  Python imports Typer, while the words are parsed, while kind tidies up afterwards), Ctrl-C
  prints the calm line and exits 130 at once: nothing is being written then, and there is
  no traceback to show.
- `while_running()` wraps every command (the error boundary in `kindcli.cli`). Ctrl-C is
  KeyboardInterrupt again, so a practice can keep what was done and re-raise. SIGTERM and
  SIGHUP (the terminal window closed) give the terminal back at once (its settings as they
  were when the command began, bracketed paste off, the cursor shown) and then raise
  `StopSignal`, a KeyboardInterrupt: every practice that keeps its work on Ctrl-C keeps it on
  these too, and the boundary exits 128 + the signal's number. After a hang-up, output goes
  to /dev/null, since there is no terminal left to write to.

A signal someone chose to ignore (`nohup`, a background job's Ctrl-C) stays ignored.
"""

from __future__ import annotations

import os

from kindcli.boundary import INTERRUPTED

# Not `typing.TYPE_CHECKING`: importing typing would cost milliseconds before Ctrl-C is calm.
TYPE_CHECKING = False

# The signal module's C half: already loaded when Python starts, so arming the calm Ctrl-C
# costs nothing before it is armed (`signal` itself imports enum, a few milliseconds in
# which Ctrl-C would still print a traceback).
try:
    import _signal as _early  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - not CPython
    import signal as _early

if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextlib import AbstractContextManager
    from types import FrameType
    from typing import Any


# Written when a signal found the terminal in raw or cbreak mode: bracketed paste off, the
# cursor shown again, colours and styles reset. (Plain mode never changes the terminal, so
# it never gets these.)
GIVE_BACK = "\x1b[?2004l\x1b[?25h\x1b[0m"


def _write(fd: int, text: str) -> None:
    # os.write, not sys.stderr: a handler may run in the middle of another write.
    try:  # noqa: SIM105 (contextlib may not be loaded yet)
        os.write(fd, text.encode("utf-8", "replace"))
    except (OSError, ValueError):
        pass


# True only inside the error boundary's `try` (see `command`): a signal then becomes an
# exception the boundary catches; at any other moment kind leaves at once, calmly.
_in_command = False


def _leave_calmly(signum: int, frame: FrameType | None) -> None:
    _early.signal(_early.SIGINT, _early.SIG_IGN)  # a second Ctrl-C changes nothing now
    _write(2, "\n" + INTERRUPTED + "\n")
    raise SystemExit(130)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    if _in_command:
        raise KeyboardInterrupt
    _leave_calmly(signum, frame)


def calm_from_the_start(*, interrupted: bool = False) -> None:
    """Ctrl-C before (and after) a command runs: the calm line and exit 130, no traceback.
    `interrupted`: Ctrl-C was already pressed while this was being loaded."""
    if _early.getsignal(_early.SIGINT) is not _early.SIG_IGN:
        _early.signal(_early.SIGINT, _on_interrupt)
        if interrupted:
            _leave_calmly(_early.SIGINT, None)


class _Terminal:
    """The terminal's settings when the command began, to give back on SIGTERM/SIGHUP."""

    def __init__(self) -> None:
        self.fd: int | None = None
        self.saved: list[Any] | None = None

    def remember(self) -> None:
        import contextlib

        self.fd, self.saved = None, None
        try:
            import termios
        except ImportError:  # not a POSIX system: nothing to give back
            return
        for fd in (0, 1):
            with contextlib.suppress(OSError, termios.error):
                if os.isatty(fd):
                    self.saved = termios.tcgetattr(fd)
                    self.fd = fd
                    return

    def give_back(self) -> None:
        if self.fd is None or self.saved is None:
            return
        import contextlib
        import termios

        with contextlib.suppress(OSError, termios.error):
            if termios.tcgetattr(self.fd) == self.saved:
                return  # nobody changed it (plain prompts, no timer): nothing to undo
            termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)
            if os.isatty(1):
                _write(1, GIVE_BACK)


_terminal = _Terminal()


def restore_terminal() -> None:
    """Put the terminal back as it was when the command began, if anything changed it (a
    question widget, a timer, an editor that was stopped). Safe to call at any time."""
    _terminal.give_back()


def _detach() -> None:
    """The terminal hung up: from now on reading finds nothing and writing goes nowhere, so
    saving and saying goodbye cannot fail on a terminal that is gone."""
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in (0, 1, 2):
        try:  # noqa: SIM105
            os.dup2(devnull, fd)
        except OSError:
            pass
    os.close(devnull)


def _stop(signum: int, frame: FrameType | None) -> None:
    import signal

    from kindcli.errors import StopSignal

    # Once: a second signal must not cut short the saving of what was done.
    for other in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(other, signal.SIG_IGN)
    restore_terminal()
    if signum == signal.SIGHUP:
        _detach()
    if not _in_command:  # nothing is running that could keep anything: just leave
        raise SystemExit(128 + signum)
    raise StopSignal(signum)


def while_running() -> AbstractContextManager[None]:
    """Around the error boundary: kind's handlers for Ctrl-C, SIGTERM and SIGHUP, and the
    ones before them back afterwards. Inside `command()` Ctrl-C raises KeyboardInterrupt and
    SIGTERM/SIGHUP restore the terminal and raise StopSignal; outside it (the moments before
    the boundary's `try` and after) they end kind at once, calmly."""
    import contextlib
    import signal
    import threading

    @contextlib.contextmanager
    def running() -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield  # signals reach only the main thread (tests may run commands elsewhere)
            return
        _terminal.remember()
        before: dict[int, Any] = {}
        try:
            wanted: list[tuple[int, Any]] = [(signal.SIGINT, _on_interrupt)]
            wanted += [(s, _stop) for s in (signal.SIGTERM, signal.SIGHUP)]
            for signum, handler in wanted:
                current = signal.getsignal(signum)
                before[signum] = current
                if current is not signal.SIG_IGN:
                    signal.signal(signum, handler)
            yield
        finally:
            for signum, handler in before.items():
                with contextlib.suppress(OSError, ValueError, TypeError):
                    signal.signal(signum, handler)

    return running()


def command() -> AbstractContextManager[None]:
    """The command itself, inside the boundary's `try`: here signals become exceptions that
    the boundary catches (there is no moment where one could slip past it)."""
    import contextlib

    @contextlib.contextmanager
    def inside() -> Iterator[None]:
        global _in_command
        _in_command = True
        try:
            yield
        finally:
            _in_command = False

    return inside()


__all__ = [
    "INTERRUPTED",
    "calm_from_the_start",
    "command",
    "restore_terminal",
    "while_running",
]
