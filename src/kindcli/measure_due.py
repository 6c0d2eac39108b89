"""Whether a measure is ready to take again, and saying so at most once.

A measure that has been taken says how often it is meant to be taken (every 2-4 weeks, say);
once that long has passed since the last time, `kind hello` or `kind` on its own may say,
once, that it is ready. It is said once for each time it becomes due, in one place or the
other, never again until it has been taken and is due once more. A measure never taken is
never brought up: taking one is the person's own choice.

It is remembered as an empty file in kind's data folder, `measure-said-<id>-<date last
taken>` (created O_EXCL, so two shells say it once), as `kind hello` remembers the day: it
never writes to the database.
Imports nothing but the standard library's os, so every new shell can afford it.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing's own is an import every shell would pay for
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from kindcli.store.glance import MeasureTaken

MARKER_PREFIX = "measure-said-"  # measure-said-<id>-<date last taken>: said for that time


def due(taken: Iterable[MeasureTaken], today: str) -> list[MeasureTaken]:
    """The measures due again on `today` (ISO dates compared as days)."""
    from datetime import date

    day = date.fromisoformat(today)
    found = []
    for row in taken:
        every = row[3]
        if isinstance(every, int) and every > 0:
            try:
                last = date.fromisoformat(row[2])
            except ValueError:
                continue
            if (day - last).days >= every:
                found.append(row)
    return found


def line(ready: Sequence[MeasureTaken]) -> str:
    if len(ready) == 1:
        measure_id, name = ready[0][0], ready[0][1]
        return f"“{name}” is ready to take again, whenever you like: kind measure {measure_id}"
    return (
        f"{len(ready)} of your measures are ready to take again, whenever you like: "
        "kind measure --list"
    )


def _marker(data_dir: str, row: MeasureTaken) -> str:
    # The same measure is due again only after it has been taken again, so its last date
    # names this time it is due. Ids are slugs and dates ISO: safe in a file name.
    return os.path.join(data_dir, f"{MARKER_PREFIX}{row[0]}-{row[2]}")


def mention(data_dir: str, taken: Iterable[MeasureTaken], today: str) -> str | None:
    """The line saying a measure is ready, if one is and it has not been said for this
    time yet; it is then remembered as said. None otherwise (and on any problem)."""
    ready = due(taken, today)
    if not ready:
        return None
    claimed = False
    for row in ready:
        # Created O_EXCL: of two shells (or a shell and the menu) at once, one says it.
        try:
            os.close(os.open(_marker(data_dir, row), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        except OSError:
            return None  # better silent than said again and again
        claimed = True
        _tidy(data_dir, row)
    return line(ready) if claimed else None


def _tidy(data_dir: str, row: MeasureTaken) -> None:
    """Remove this measure's markers from earlier times it was due."""
    own = f"{MARKER_PREFIX}{row[0]}-"
    keep = os.path.basename(_marker(data_dir, row))
    try:
        names = os.listdir(data_dir)
    except OSError:
        return
    for name in names:
        # An id may itself end in a date-like part: only this id followed by a date matches.
        rest = name[len(own) :]
        if name.startswith(own) and name != keep and len(rest) == 10 and rest[4] == "-":
            try:  # noqa: SIM105 - contextlib would be one more import for every shell
                os.unlink(os.path.join(data_dir, name))
            except OSError:
                pass
