"""A self-compassion break, walked one step at a time, on ports.

The flow: a heading and how to stop; an optional 0-10 check-in; an optional private note;
the steps (Enter moves on, or `auto` paces them by their pauses); a check-in after, care if
it felt worse, and one warm closing line. Without a terminal nothing waits: the steps are
printed in order and the session is still saved.

Typing q between steps (or as the note, or as your own words) ends the break gently: saved
as ended early, exit 0. Ctrl-C anywhere saves what was done and re-raises KeyboardInterrupt
for the error boundary (exit 130).

This module stays light: the content models are only needed for type checking, so the
command can import it (and greet the person) before any YAML or pydantic is loaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kindcli.ports import Clock, Moment, Prompter, Renderer
from kindcli.practices import checkin, timeline
from kindcli.store.records import SessionRecord

if TYPE_CHECKING:
    from kindcli.catalog.models import Break

GREETING = "Let's take a moment, just for you."


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
    # Called with the private note as soon as it is written: the command uses it to notice
    # words that suggest the person may be in danger and offer support. The note is saved
    # with the session whatever it finds (at the end, on `q`, or on Ctrl-C).
    on_note: Callable[[str], object] | None = None
    # Called with the person's own words at a choosing step (the kindness step's "write my
    # own"), once they are remembered: the command checks them the same way as a note.
    on_own_words: Callable[[str], object] | None = None


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
    # None when the break ran to its end; "q" when the person chose to stop; "ctrl-c"; or
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


class Stop(Exception):
    """The person typed q: end gently, which is not an interruption."""


def greet(out: Renderer) -> None:
    """The first line on screen, written before any content is loaded."""
    out.line(GREETING)


def choice_key(break_id: str, number: int) -> str:
    """The state key for the n-th choosing step of a break ("your phrase")."""
    return f"break.{break_id}.choice.{number}"


def run_break(
    brk: Break,
    *,
    clock: Clock,
    prompter: Prompter,
    out: Renderer,
    log: BreakLog,
    options: BreakOptions,
    keys: timeline.Keys | None = None,
) -> BreakResult:
    """Walk through one break and save it; on Ctrl-C save what was done and re-raise.
    With `options.auto` the steps run on the timeline engine, on `keys` (Enter moves on
    sooner, q stops; without a keyboard, pass keys that only sleep on the clock)."""
    started = Moment.of(clock.now())
    start = clock.monotonic()
    result = BreakResult(brk.id, len(brk.steps))
    from kindcli.practices.break_walk import Walk

    walk = Walk(brk, clock, prompter, out, log, options, result, keys)
    asks = options.interactive and options.checkins
    try:
        walk.intro()
        if asks:
            result.distress_before = walk.rating(checkin.BEFORE)
        if options.interactive and brk.note is not None:
            result.note = walk.take_note(brk.note)
            if result.note and options.on_note is not None:
                # Keep the note before anything looks at it; the same session is brought
                # up to date when the break ends.
                _save(brk, result, log, started, clock.monotonic() - start, options)
                options.on_note(result.note)
        walk.steps()
        if asks:
            result.distress_after = walk.rating(checkin.AFTER)
    except Stop:
        result.ended_by = "q"
    except KeyboardInterrupt:
        result.ended_by = "ctrl-c"
        _save(brk, result, log, started, clock.monotonic() - start, options)
        raise
    except Exception:
        # Something outside the person's control (a closed pipe, a full disk): keep what
        # was done if the store still can, and let the error boundary speak.
        result.ended_by = "error"
        with contextlib.suppress(Exception):
            _save(brk, result, log, started, clock.monotonic() - start, options)
        raise
    _save(brk, result, log, started, clock.monotonic() - start, options)
    walk.ending()
    return result


def _save(
    brk: Break,
    result: BreakResult,
    log: BreakLog,
    started: Moment,
    elapsed: float,
    options: BreakOptions,
) -> None:
    # Stopping at the very first question, before any step, leaves nothing to keep; once a
    # rating, a note or a step is there the session is saved, and an early end as one.
    if not result.anything_done:
        return
    phrase = result.phrase
    earlier = result.record
    record = SessionRecord(
        practice="break",
        content_id=brk.id,
        moment=started,
        planned_seconds=brk.minutes * 60,
        actual_seconds=round(max(0.0, elapsed), 3),
        completed=result.completed,
        distress_before=result.distress_before,
        distress_after=result.distress_after,
        details={
            "steps_total": result.steps_total,
            "steps_completed": result.steps_completed,
            "ended_early": not result.completed,
            "ended_by": result.ended_by,
            "note": result.note,
            "phrase": phrase.text if phrase else None,
            "phrase_own": phrase.own if phrase else None,
            "choices": [
                {"step": c.step, "component": c.component, "text": c.text, "own": c.own}
                for c in result.choices
            ],
            "auto": options.auto,
            "interactive": options.interactive,
        },
    )
    if earlier is not None:
        record.id = earlier.id
    log.save_session(record)
    result.record = record
