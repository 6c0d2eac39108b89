"""The ports between practices and the outside world.

Practices take these protocols and never import typer, rich, questionary or sqlite3; the
real implementations live in `kindcli.adapters`, and tests hand in fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current local time, timezone-aware."""
        ...

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


# What a person types to stop, wherever stopping is offered (a check-in, a pause, a note).
STOP_WORDS = ("q", "quit")


class Stopped(Exception):
    """The person asked to stop (typed q) where stopping is offered: end gently, which is
    not an interruption and not an error."""


class Questions(Protocol):
    """The questions a prompter asks in words and choices. Every method may raise
    KeyboardInterrupt (Ctrl-C)."""

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str: ...

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        """One of `choices`. With `escape` (one of them), Esc picks it: a way to back out."""
        ...

    def confirm(self, message: str, *, default: bool = True) -> bool: ...

    def pause(self, message: str = "") -> str:
        """Wait for Enter; returns what was typed (for example 'q' to stop)."""
        ...


class Prompter(Questions, Protocol):
    """Asks the person things: the questions, and the 0-10 check-ins. Every method may raise
    KeyboardInterrupt (Ctrl-C)."""

    def rating(
        self,
        message: str,
        *,
        low: int = 0,
        high: int = 10,
        can_stop: bool = False,
        ends: tuple[str, str] | None = None,
    ) -> int | None:
        """A whole number from low to high, or None when the person skips. With `can_stop`,
        typing q raises Stopped. A wrong answer is named beside the question, which is
        asked again. `ends` are the words for low and high (by default calm and intense)."""
        ...


class Renderer(Protocol):
    """Writes human output. Plain text in; styling, wrapping and making outside text safe
    to print are the adapter's (`kindcli.adapters.terminal.Terminal`)."""

    def line(self, text: str = "", *, style: str | None = None, indent: str = "") -> None:
        """A paragraph, wrapped between words on a terminal; `indent` starts every line."""
        ...

    def heading(self, text: str) -> None: ...

    def note(self, text: str) -> None:
        """A quiet line on stderr (hints, warnings), never mixed into data output."""
        ...


@dataclass(frozen=True)
class Moment:
    """When something happened: the UTC instant, the UTC offset, and the local date.

    Streaks and calendars use `local_date`, so travel and daylight-saving changes never
    move a practice to another day.
    """

    utc: datetime
    offset_minutes: int
    local_date: date

    @classmethod
    def of(cls, local: datetime) -> Moment:
        if local.tzinfo is None or local.utcoffset() is None:
            raise ValueError("a Moment needs a timezone-aware datetime")
        offset = local.utcoffset() or timedelta(0)
        return cls(
            utc=local.astimezone(UTC),
            offset_minutes=int(offset.total_seconds() // 60),
            local_date=local.date(),
        )

    @property
    def utc_text(self) -> str:
        return format_utc(self.utc)


def format_utc(instant: datetime) -> str:
    """ISO 8601 with microseconds and a Z, so stored instants sort as text."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    """An instant as `format_utc` writes it (fromisoformat reads the Z since Python 3.11,
    and is many times faster than strptime: exports and imports read thousands)."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None or not text.endswith("Z"):
        raise ValueError(f"{text!r} is not a UTC instant")
    return parsed
