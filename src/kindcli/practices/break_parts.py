"""What a break session is made of: its options, the choices made, the result, and where
it is kept (the `BreakLog` protocol the Store satisfies). Shared by the flow
(`practices/breaks.py`) and the steps (`practices/break_walk.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kindcli.ports import Moment, Stopped
from kindcli.store.records import SessionRecord

# Asked when support was shown for the note, before any step.
GO_ON_QUESTION = "Would you like to go on with the break, or stop here for now?"
GO_ON = "Go on with the break"
STOP_HERE = "Stop here for now"


class BreakLog(Protocol):
    """Where a break keeps its sessions and remembered choices (the Store fits this)."""

    def get_state(self, key: str, default: Any = None) -> Any: ...

    def set_state(self, key: str, value: Any, moment: Moment) -> None: ...

    def save_session(self, record: SessionRecord) -> None:
        """Insert, or update the saved session with the same id."""
        ...


@dataclass(frozen=True)
class BreakOptions:
    interactive: bool
    auto: bool = False
    checkins: bool = True
    # Called with the private note as soon as it is saved: the command uses it to notice
    # words that suggest the person may be in danger and offer support, and returns True
    # when it did (the person is then asked whether to go on). The note is kept with the
    # session whatever it finds (at the end, on `q`, or on Ctrl-C).
    on_note: Callable[[str], bool] | None = None
    # Called with the words a person writes at a choosing step (the kindness step's "write
    # my own"), once they are remembered: checked as the note is, with the same answer.
    on_own_words: Callable[[str], bool] | None = None

    @property
    def mode(self) -> str:
        """How the steps were met: "guided" (each waited for the person), "paced" (--auto)
        or "read" (printed with nobody to wait for, which is not practice)."""
        if self.auto:
            return "paced"
        return "guided" if self.interactive else "read"


@dataclass(frozen=True)
class Choice:
    """Words (or a gesture) the person picked at a step, and whether they wrote them."""

    step: int
    component: str
    text: str
    own: bool


@dataclass
class BreakResult:
    break_id: str
    steps_total: int
    steps_shown: int = 0
    steps_completed: int = 0
    distress_before: int | None = None
    distress_after: int | None = None
    note: str | None = None
    choices: list[Choice] = field(default_factory=list)
    # None when the break ran to its end; "q" when the person chose to stop; "ctrl-c";
    # "hangup" or "terminated" (the terminal closed, or kind was told to stop); or
    # "error" when something went wrong around it.
    ended_by: str | None = None
    record: SessionRecord | None = None

    @property
    def completed(self) -> bool:
        return self.steps_completed == self.steps_total

    @property
    def phrase(self) -> Choice | None:
        """The kind words chosen at the (first) kindness step, if any."""
        return next((c for c in self.choices if c.component == "kindness"), None)

    @property
    def anything_done(self) -> bool:
        return bool(
            self.steps_shown
            or self.note
            or self.distress_before is not None
            or self.distress_after is not None
        )


# The person typed q: end gently, which is not an interruption.
Stop = Stopped


def choice_key(break_id: str, number: int) -> str:
    """The state key for the n-th choosing step of a break ("your phrase")."""
    return f"break.{break_id}.choice.{number}"
