"""A self-compassion break, walked one step at a time, on ports.

The flow: an optional 0-10 check-in (asked first: it needs no content, so it is on screen at
once while the break loads); the break's heading and how to go on; an optional private note;
the steps (each waits for Enter, or `auto` paces them by their pauses); a check-in after,
care if it felt worse, and one warm closing line. Without a terminal nothing waits: the
steps are printed in order and the session is saved as read, not as practice.

Typing q ends the break gently wherever it is offered (a check-in, the note, your own words,
and between steps, where the key alone is enough): saved as ended early, exit 0. Ctrl-C
anywhere saves what was done and re-raises KeyboardInterrupt for the error boundary (130).

This module stays light: the content models are only needed for type checking, so the
command can import it (and greet the person) before any YAML or pydantic is loaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from kindcli.ports import Clock, Moment, Prompter, Renderer
from kindcli.practices import checkin, timeline
from kindcli.practices.break_parts import (
    BreakLog,
    BreakOptions,
    BreakResult,
    Stop,
)
from kindcli.store.records import SessionRecord

if TYPE_CHECKING:
    from kindcli.catalog.models import Break

GREETING = "Let's take a moment, just for you."
SAVED_AS_READ = (
    "Saved as read rather than practiced: a break counts as practice when it waits for you, "
    "in a terminal or with --auto."
)


def greet(out: Renderer) -> None:
    """The first line on screen, written before any content is loaded."""
    out.line(GREETING)


def run_break(
    brk: Break | Callable[[], Break],
    *,
    clock: Clock,
    prompter: Prompter,
    out: Renderer,
    log: BreakLog,
    options: BreakOptions,
    keys: timeline.Keys | None = None,
) -> BreakResult:
    """Walk through one break and save it; on Ctrl-C save what was done and re-raise.

    `brk` may be a function that loads it: the first check-in needs no content, so it is
    asked before the break is loaded. `keys` is the keyboard, needed whenever a person is
    there: each step waits for Enter (or q), and with `options.auto` the steps run on the
    timeline engine (Enter moves on sooner, q stops; without a keyboard, pass keys that
    only sleep on the clock)."""
    if (options.interactive or options.auto) and keys is None:
        raise ValueError("a break with a person or a pace to keep needs keys")
    started = Moment.of(clock.now())
    start = clock.monotonic()
    asks = options.interactive and options.checkins
    before: int | None = None
    stopped = False
    if asks:
        try:
            before = checkin.ask(prompter, checkin.BEFORE, enabled=True, can_stop=True)
        except Stop:
            stopped = True
    if callable(brk):
        brk = brk()
    result = BreakResult(brk.id, len(brk.steps), distress_before=before)
    from kindcli.practices.break_walk import Walk

    # After an answered check-in the screen does not end in an empty line.
    walk = Walk(brk, clock, prompter, out, log, options, result, keys, at_gap=not asks)
    try:
        if stopped:
            raise Stop
        walk.intro()
        if options.interactive and brk.note is not None:
            result.note = walk.take_note(brk.note)
            if result.note and options.on_note is not None:
                # Keep the note before anything looks at it; the same session is brought
                # up to date when the break ends.
                _save(brk, result, log, started, clock.monotonic() - start, options)
                if options.on_note(result.note):
                    walk.go_on_or_stop()
        walk.steps()
        if asks:
            result.distress_after = walk.rating(checkin.AFTER)
    except Stop:
        result.ended_by = "q"
    except KeyboardInterrupt as e:
        # Ctrl-C, or SIGTERM/SIGHUP (the terminal closed), which arrive as Stopped.
        result.ended_by = getattr(e, "how", "ctrl-c")
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
    if options.mode == "read" and result.record is not None:
        out.note(SAVED_AS_READ)
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
            "mode": options.mode,
            # Printed with nobody to wait for, a break was read, not practiced (kinds.py).
            "counts_as_practice": options.mode != "read",
        },
    )
    if earlier is not None:
        record.id = earlier.id
    log.save_session(record)
    result.record = record
