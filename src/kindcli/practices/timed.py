"""A timed practice from start to finish, kept however it ends: the check-in before, the run
on the timeline with the keyboard and the view open, the closing words, the check-in after,
and the save. Breathing, meditations and the sitting timer are run through it.

If anything stops the run from outside (Ctrl-C, SIGTERM, a closed terminal), the keyboard
and the view are given back, what was done is saved (honestly marked as interrupted), and
the exception goes on to the error boundary.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from kindcli.ports import Clock, Moment, Prompter
from kindcli.practices import checkin, timeline
from kindcli.store.records import SessionRecord

P = TypeVar("P")
G = TypeVar("G", bound=timeline.Progress)


class Shown(Protocol):
    """What the practice needs of any view beyond the engine's ticks."""

    def close(self) -> None:
        """Put the screen back in order. Always called, whatever happened."""
        ...


@dataclass(frozen=True)
class Around:
    """What a timed practice runs with: the clock and the keys, the check-in questions (if
    asked), and where the session is saved and the closing words said."""

    clock: Clock
    keys: timeline.Keys
    prompter: Prompter
    checkins: bool
    save: Callable[[SessionRecord], None]
    say: Callable[[str], None]


def _reached_the_end(progress: timeline.Progress) -> bool:
    return progress.ending == "done"


def session(
    practice: str,
    content_id: str,
    moment: Moment,
    progress: timeline.Progress,
    before: int | None,
    *,
    planned_seconds: float | None,
    details: dict[str, object],
) -> SessionRecord:
    """A timed session as it is saved: the time spent in the run (pauses and stalls not
    counted), completed when it reached its end, and the check-in before."""
    now = progress.ended if progress.ended is not None else 0.0
    return SessionRecord(
        practice=practice,
        content_id=content_id,
        moment=moment,
        planned_seconds=planned_seconds,
        actual_seconds=round(progress.active_seconds(now), 3),
        completed=progress.ending == "done",
        distress_before=before,
        details=details,
    )


def timing(progress: timeline.Progress) -> dict[str, object]:
    """How the run went, in every timed session's details: what ended it, and the time
    spent paused and stalled."""
    return {
        "ended_by": progress.ending,
        "paused_seconds": round(progress.paused_seconds, 3),
        "pauses": progress.pauses,
        "stalled_seconds": round(progress.stalled_seconds, 3),
    }


@dataclass(frozen=True)
class Ran:
    record: SessionRecord
    checkin: checkin.CheckIn
    lines: tuple[str, ...]  # what was said as it ended


def run(
    line: timeline.Timeline[P],
    relay: timeline.View[P],
    around: Around,
    *,
    view: Shown,
    show: Callable[[], None],
    progress: G,
    record: Callable[[G, Moment, int | None], SessionRecord],
    ending: Callable[[SessionRecord], list[str]],
    finish: Callable[[], None] | None = None,
    rings_out: Callable[[G], bool] = _reached_the_end,
) -> Ran:
    """Check in (if asked), `show` the view, run `line` through `relay` (counting in
    `progress`), say the `ending`, check in again and save the `record` (built from the
    progress, the moment it began and the check-in before). `finish` (a closing bell) comes
    when `rings_out` says the run reached its end; the view and the keys are always
    closed."""
    clock, keys, prompter, checkins = around.clock, around.keys, around.prompter, around.checkins
    save, say = around.save, around.say
    before = checkin.ask(prompter, checkin.BEFORE, checkins)
    moment = Moment.of(clock.now())
    try:
        keys.open()
        try:
            show()
            timeline.run(line, clock, keys, relay, progress)
            if finish is not None and rings_out(progress):
                finish()
        finally:
            try:
                view.close()
            finally:
                keys.close()
    except BaseException:
        if progress.started is not None:
            progress.interrupted(clock.monotonic())
            # If even saving fails, the first problem (often Ctrl-C) is the one to report.
            with contextlib.suppress(Exception):
                save(record(progress, moment, before))
        raise
    done = record(progress, moment, before)
    lines = ending(done)
    try:
        # The closing words come the moment it ends, before anything slower.
        for text in lines:
            say(text)
        after = checkin.ask(prompter, checkin.AFTER, checkins)
    except BaseException:
        with contextlib.suppress(Exception):
            save(done)
        raise
    done.distress_after = after
    save(done)
    return Ran(done, checkin.CheckIn(before, after), tuple(lines))
