"""Fakes for the ports: a clock that never sleeps, a prompter with scripted answers, and a
terminal that records what was written."""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from kindcli.adapters.terminal import Terminal
from kindcli.ports import Stopped
from kindcli.services import Services

# A FakePrompter answer to a select: press Esc (the select's `escape` choice is picked).
ESC = "<esc>"


class FakeClock:
    """Starts at 2026-03-14 09:30 in UTC+01:00; sleep advances time instantly."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
        self.mono = 1000.0
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.slept.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.current += timedelta(seconds=seconds)


class FakePrompter:
    """Answers come from a queue; each question asked is recorded as (kind, message).

    An answer that is an exception instance is raised instead (e.g. KeyboardInterrupt()).
    "q" at a rating that offers stopping raises Stopped; ESC at a select picks its `escape`.
    """

    def __init__(self, answers: Sequence[Any] = ()) -> None:
        self.answers: deque[Any] = deque(answers)
        self.asked: list[tuple[str, str]] = []

    def queue(self, *answers: Any) -> None:
        self.answers.extend(answers)

    def _next(self, kind: str, message: str) -> Any:
        self.asked.append((kind, message))
        if not self.answers:
            raise AssertionError(f"the program asked an unexpected {kind}: {message!r}")
        answer = self.answers.popleft()
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        return str(self._next("text", message))

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        answer = self._next("select", message)
        if answer == ESC:
            assert escape is not None, f"Esc does nothing at {message!r}"
            return escape
        assert answer in choices, f"{answer!r} is not one of {list(choices)}"
        return str(answer)

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return bool(self._next("confirm", message))

    def rating(
        self,
        message: str,
        *,
        low: int = 0,
        high: int = 10,
        can_stop: bool = False,
        ends: tuple[str, str] | None = None,
    ) -> int | None:
        answer = self._next("rating", message)
        if answer == "q":
            assert can_stop, f"q does not stop at {message!r}"
            raise Stopped
        return None if answer is None else int(answer)

    def pause(self, message: str = "") -> str:
        return str(self._next("pause", message) or "")


class RecordingTerminal(Terminal):
    """The real Terminal in plain mode, writing into strings."""

    def __init__(self) -> None:
        super().__init__(io.StringIO(), io.StringIO(), plain=True)

    @property
    def stdout(self) -> str:
        assert isinstance(self.out, io.StringIO)
        return self.out.getvalue()

    @property
    def stderr(self) -> str:
        assert isinstance(self.err, io.StringIO)
        return self.err.getvalue()

    @property
    def words(self) -> str:
        """stdout with line breaks folded: prose wraps at 80 columns, words do not."""
        return " ".join(self.stdout.split())


def make_services(**kwargs: Any) -> Services:
    """Services for a test: interactive by default, and without the first-run welcome
    (tests of the welcome pass welcome=True)."""
    kwargs.setdefault("interactive", True)
    kwargs.setdefault("welcome", False)
    return Services(**kwargs)


class FakeKeys:
    """Key presses ("pause", "quit", "next", or "ctrl-c" to interrupt) at set times (seconds
    after the first wait) on a FakeClock; waiting advances the clock instead of sleeping.
    `FakeKeys.typed(clock, "next", "quit")` is keys pressed one after another, each the
    moment it is waited for (a person moving through a break's steps).

    `oversleep` makes every timed wait end that much late, like a busy machine, to show that
    lateness never accumulates. `opened`/`closed` record that the terminal was taken and
    given back.
    """

    def __init__(
        self, clock: FakeClock, presses: Sequence[tuple[float, str]] = (), oversleep: float = 0.0
    ) -> None:
        self.clock = clock
        self.presses: deque[tuple[float, str]] = deque(sorted(presses))
        self.oversleep = oversleep
        self.origin: float | None = None
        self.opened = self.closed = self.open_now = self.strict = False
        self.waits: list[float | None] = []

    @classmethod
    def typed(cls, clock: FakeClock, *keys: str) -> FakeKeys:
        typed = cls(clock)
        typed.presses = deque((0.0, key) for key in keys)  # in the order given
        typed.strict = True  # as the terminal's: read only between open() and close()
        return typed

    def open(self) -> None:
        self.opened = True
        self.open_now = True

    def close(self) -> None:
        self.closed = True
        self.open_now = False

    def wait(self, seconds: float | None) -> Any:
        assert self.open_now or not self.strict, "keys are read only while open"
        if self.origin is None:
            self.origin = self.clock.monotonic()
        self.waits.append(seconds)
        now = self.clock.monotonic()
        if self.presses:
            at = self.origin + self.presses[0][0]
            if seconds is None or at <= now + seconds:
                self.clock.advance(max(0.0, at - now))
                key = self.presses.popleft()[1]
                if key == "ctrl-c":
                    raise KeyboardInterrupt
                return key
        if seconds is None:
            raise AssertionError("waiting for a key that never comes")
        self.clock.sleep(seconds + self.oversleep)
        return None
