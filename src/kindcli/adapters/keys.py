"""Single key presses while a timer runs, and always giving the terminal back.

While a breathing session runs, the terminal is put in "cbreak" mode: keys arrive one at a
time and are not echoed, but Ctrl-C still interrupts and output is still processed normally
(so plain text lines keep their line endings). `close()` restores the exact settings saved
by `open()`; the practice calls it in a `finally`. SIGTERM and SIGHUP reach that `finally`
too: the shared handler in `kindcli.adapters.signals` turns them into an exception for every
command.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import time
from collections import deque
from types import FrameType
from typing import Any

from kindcli.practices.timeline import Key

ESC = 0x1B
# After a lone Esc, wait this long for the rest of an escape sequence (arrow keys and the
# like arrive as Esc + more bytes) before taking it as "stop".
ESC_GRACE_SECONDS = 0.03


def parse_keys(data: bytes, *, enter: bool = False) -> tuple[list[Key], bool]:
    """Turn bytes read from the terminal into keys. Returns (keys, ends_with_lone_esc).
    With `enter`, Enter is "next" (move on now); otherwise it is ignored."""
    keys: list[Key] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ESC:
            if i + 1 == len(data):
                return keys, True
            if data[i + 1] in b"[O":
                # A CSI/SS3 sequence (arrow keys, function keys): skip to its final byte.
                i += 2
                while i < len(data) and not 0x40 <= data[i] <= 0x7E:
                    i += 1
                i += 1
                continue
            keys.append("quit")  # Esc followed by something else: still a plain Esc
        elif byte in b" pP":
            keys.append("pause")
        elif byte in b"qQ":
            keys.append("quit")
        elif enter and byte in b"\r\n":
            keys.append("next")
        elif byte == 0x03:  # Ctrl-C arriving as a byte (if signals were off)
            raise KeyboardInterrupt
        i += 1
    return keys, False


class TerminalKeys:
    """Keys from a terminal on `fd` (stdin by default)."""

    def __init__(self, fd: int | None = None, *, enter_moves_on: bool = False) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.enter = enter_moves_on
        self._saved: list[Any] | None = None
        self._pending: deque[Key] = deque()
        self._eof = False
        self._old_continue: Any = None

    def open(self) -> None:
        self._saved = termios.tcgetattr(self.fd)
        self._old_continue = signal.signal(signal.SIGCONT, self._on_continue)
        self._cbreak()

    def _cbreak(self) -> None:
        assert self._saved is not None
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ECHO | termios.ICANON)  # lflag: no echo, no line buffering
        mode[6] = list(mode[6])
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    def _on_continue(self, signum: int, frame: FrameType | None) -> None:
        # After Ctrl-Z and `fg` the shell may have put its own settings back.
        with contextlib.suppress(termios.error):
            self._cbreak()

    def close(self) -> None:
        if self._saved is not None:
            # If the terminal is gone (hung up) there is nothing left to restore.
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None
        if self._old_continue is not None:
            signal.signal(signal.SIGCONT, self._old_continue)
            self._old_continue = None

    def wait(self, seconds: float | None) -> Key | None:
        if self._pending:
            return self._pending.popleft()
        if self._eof:
            if seconds is None:
                return "quit"  # nobody can press a key any more
            time.sleep(max(0.0, seconds))
            return None
        ready, _, _ = select.select([self.fd], [], [], _early(seconds))
        if not ready:
            return None
        data = os.read(self.fd, 64)
        if not data:
            self._eof = True
            return None
        keys, lone_esc = parse_keys(data, enter=self.enter)
        if lone_esc:
            more, _, _ = select.select([self.fd], [], [], ESC_GRACE_SECONDS)
            if more:
                rest = os.read(self.fd, 64)
                if rest[:1] in (b"[", b"O"):
                    keys += parse_keys(b"\x1b" + rest, enter=self.enter)[0]
                else:
                    keys.append("quit")
                    keys += parse_keys(rest, enter=self.enter)[0]
            else:
                keys.append("quit")
        self._pending.extend(keys)
        return self._pending.popleft() if self._pending else None


def _early(seconds: float | None) -> float | None:
    """A select() timeout that does not overshoot `seconds`.

    Linux lets select() wake up to 0.1% of its timeout late (its timer slack), which is 8 ms
    on an 8-second breath out. Waking that much early instead costs one more short wait,
    which ends within microseconds of the deadline.
    """
    if seconds is None:
        return None
    if seconds <= 0.002:
        return max(0.0, seconds)
    return seconds - min(seconds * 0.001 + 0.0002, 0.1)
