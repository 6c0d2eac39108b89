"""Practice done away from kind, logged by hand (`kind log`)."""

from __future__ import annotations

from datetime import date, datetime, time

from kindcli.kinds import PracticeKind
from kindcli.ports import Moment, format_utc
from kindcli.store.records import SessionRecord


def logged_session(
    kind: PracticeKind, day: date, now: datetime, minutes: float | None = None
) -> SessionRecord:
    """A session logged by hand for `day`. Today keeps the time it was logged; a day in the
    past has no known time of day, so it is placed at midday, safely inside that date, with
    that day's own UTC offset (not today's, across a clock change)."""
    at = now if day == now.date() else _midday(day, now)
    return SessionRecord(
        practice=kind.id,
        content_id=None,
        moment=Moment.of(at),
        actual_seconds=None if minutes is None else minutes * 60,
        source="manual",
        details={"logged_utc": format_utc(now)},
    )


def _midday(day: date, now: datetime) -> datetime:
    """Midday on `day` with that day's own UTC offset, or today's when the system cannot
    say (a time zone setting it cannot read, a day its rules do not reach)."""
    try:
        return datetime.combine(day, time(12)).astimezone()
    except (ValueError, OverflowError, OSError):
        return datetime.combine(day, time(12), tzinfo=now.tzinfo)
