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
  `Stopped`, a KeyboardInterrupt: every practice that keeps its work on Ctrl-C keeps it on
  these too, and the boundary exits 128 + the signal's number. After a hang-up, output goes
  to /dev/null, since there is no terminal left to write to.

A signal someone chose to ignore (`nohup`, a background job's Ctrl-C) stays ignored.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

from kindcli.errors import Stopped

INTERRUPTED = "Stopped. It is always fine to stop. Be gentle with yourself."

# Written when a signal found the terminal in raw or cbreak mode: bracketed paste off, the
# cursor shown again, colours and styles reset. (Plain mode never changes the terminal, so
# it never gets these.)
GIVE_BACK = "\x1b[?2004l\x1b[?25h\x1b[0m"

_ENDING = (signal.SIGTERM, signal.SIGHUP)


def _write(fd: int, text: str) -> None:
    # os.write, not sys.stderr: a handler may run in the middle of another write.
    with contextlib.suppress(OSError, ValueError):
        os.write(fd, text.encode("utf-8", "replace"))


def _leave_calmly(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C changes nothing now
    _write(2, "\n" + INTERRUPTED + "\n")
    raise SystemExit(130)


def calm_from_the_start() -> None:
    """Ctrl-C before (and after) a command runs: the calm line and exit 130, no traceback."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _leave_calmly)


class _Terminal:
    """The terminal's settings when the command began, to give back on SIGTERM/SIGHUP."""

    def __init__(self) -> None:
        self.fd: int | None = None
        self.saved: list[Any] | None = None

    def remember(self) -> None:
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
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)


def _stop(signum: int, frame: FrameType | None) -> None:
    # Once: a second signal must not cut short the saving of what was done.
    for other in _ENDING:
        with contextlib.suppress(OSError, ValueError):
            signal.signal(other, signal.SIG_IGN)
    restore_terminal()
    if signum == signal.SIGHUP:
        _detach()
    raise Stopped(signum)


@contextlib.contextmanager
def while_running() -> Iterator[None]:
    """For the length of a command: Ctrl-C raises KeyboardInterrupt, SIGTERM and SIGHUP
    restore the terminal and raise Stopped. The handlers before it come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread (tests may run commands elsewhere)
        return
    _terminal.remember()
    before: dict[int, Any] = {}
    try:
        wanted: list[tuple[int, Any]] = [(signal.SIGINT, signal.default_int_handler)]
        wanted += [(s, _stop) for s in _ENDING]
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


def leaving() -> None:
    """The command is over and kind is saying its last line: a further Ctrl-C changes
    nothing (it would only interrupt that line)."""
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(OSError, ValueError):
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_message(stop: Stopped) -> str:
    """What the error boundary says when a signal ended the command."""
    return f"kind was asked to stop ({stop.name}), so it stopped."


__all__ = [
    "INTERRUPTED",
    "Stopped",
    "calm_from_the_start",
    "leaving",
    "restore_terminal",
    "stop_message",
    "while_running",
]
