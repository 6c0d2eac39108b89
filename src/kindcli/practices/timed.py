"""A timed practice from start to finish, kept however it ends: the check-in before, the run
on the timeline with the keyboard and the view open, the closing words, the check-in after,
and the save. Meditations and the sitting timer are run through it.

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


class Shown(Protocol):
    """What the practice needs of any view beyond the engine's ticks."""

    def finish(self) -> None:
        """The run reached its end (a closing bell, if there is one)."""
        ...

    def close(self) -> None:
        """Put the screen back in order. Always called, whatever happened."""
        ...


def _reached_the_end(progress: timeline.Progress) -> bool:
    return progress.ending == "done"


@dataclass(frozen=True)
class Ran:
    record: SessionRecord
    checkin: checkin.CheckIn
    lines: tuple[str, ...]  # what was said as it ended


def run(
    line: timeline.Timeline[P],
    relay: timeline.View[P],
    *,
    view: Shown,
    show: Callable[[], None],
    clock: Clock,
    keys: timeline.Keys,
    prompter: Prompter,
    checkins: bool,
    save: Callable[[SessionRecord], None],
    say: Callable[[str], None],
    record: Callable[[timeline.Progress, Moment, int | None], SessionRecord],
    ending: Callable[[SessionRecord], list[str]],
    rings_out: Callable[[timeline.Progress], bool] = _reached_the_end,
) -> Ran:
    """Check in (if asked), `show` the view, run `line` through `relay`, say the `ending`,
    check in again and save the `record` (built from the progress, the moment it began and
    the check-in before). `view.finish()` comes when `rings_out` says the run reached its
    end; the view and the keys are always closed."""
    before = checkin.ask(prompter, checkin.BEFORE, checkins)
    progress = timeline.Progress()
    moment = Moment.of(clock.now())
    try:
        keys.open()
        try:
            show()
            timeline.run(line, clock, keys, relay, progress)
            if rings_out(progress):
                view.finish()
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
