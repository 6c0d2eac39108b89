"""Whether a reminder becomes a nudge now, and what it says.

Reminders help people keep practicing, and chasing someone who stepped away does not. So a
nudge is an invitation, never a demand and never a count of missed days, and kind holds it
back: in quiet hours; when that practice (or, for a general reminder, any practice) is
already done today; within an hour of the last one; and, once several nudges in a row went
by with no practice after them, it waits days between nudges, longer the more went by,
until the person practices again. Fewer nudges, never more.

Pure: the command hands in the moment, what the store knows and the nudges sent so far.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kindcli.kinds import PracticeKind
    from kindcli.reminders import QuietHours

STATE_KEY = "nudge.sent"  # {"version": 1, "sent": ["<utc iso>", ...]}, newest last
KEEP = 20
# Days to wait since the last nudge, by how many nudges in a row went by without practice.
BACKOFF_DAYS = (0, 0, 0, 2, 4, 7)
APART = timedelta(hours=1)

TITLE = "A minute for yourself?"
ANY_PRACTICE = "Whenever you'd like, type kind in a terminal for a few small practices."


class Nudge(NamedTuple):
    send: bool
    reason: str  # said by `kind nudge --dry-run`
    title: str
    body: str


def invitation(kind: PracticeKind | None) -> str:
    """The notification's words: the practice as the menu names it, and how to start it."""
    if kind is None or kind.cli is None:
        return ANY_PRACTICE
    return f"{kind.menu_label}, if you'd like: kind {kind.command}"


def went_by(sent: Sequence[datetime], last_practice: datetime | None) -> int:
    """Nudges in a row with no practice after them (the newest ones)."""
    return sum(1 for at in sent if last_practice is None or at > last_practice)


def wait_after(missed: int) -> timedelta:
    return timedelta(days=BACKOFF_DAYS[min(missed, len(BACKOFF_DAYS) - 1)])


def decide(
    now: datetime,
    *,
    practice: PracticeKind | None,
    practiced_today: bool,
    last_practice: datetime | None,
    sent: Sequence[datetime],
    quiet: QuietHours | None,
) -> Nudge:
    """`now` is local and timezone-aware; `sent` and `last_practice` are instants."""
    body = invitation(practice)

    def hold(reason: str) -> Nudge:
        return Nudge(False, reason, TITLE, body)

    if quiet is not None and quiet.covers(now.hour, now.minute):
        return hold(f"It is within your quiet hours ({quiet.text}), so kind stays quiet.")
    if practiced_today:
        what = f"a {practice.noun}" if practice else "some practice"
        return hold(f"You have already made time for {what} today.")
    last_sent = max(sent, default=None)
    if last_sent is not None and now - last_sent < APART:
        return hold("A reminder went out less than an hour ago.")
    missed = went_by(sent, last_practice)
    if last_sent is not None and now - last_sent < wait_after(missed):
        return hold(
            "A few reminders went by lately, so kind is giving you more room and reminds "
            "you less often for now. Any practice brings the usual rhythm back."
        )
    return Nudge(True, "Now is a good moment for a gentle reminder.", TITLE, body)


def sent_from_state(value: object) -> list[datetime]:
    """The instants in the store's `nudge.sent` value (anything unreadable is dropped)."""
    from kindcli.ports import parse_utc

    if not isinstance(value, dict) or not isinstance(value.get("sent"), list):
        return []
    found: list[datetime] = []
    for text in value["sent"]:
        try:
            found.append(parse_utc(text))
        except (TypeError, ValueError):
            continue
    return sorted(found)


def with_sent(value: object, at: datetime) -> dict[str, object]:
    """The state value with one more nudge recorded (the newest KEEP kept)."""
    from kindcli.ports import format_utc

    kept = [format_utc(t) for t in sent_from_state(value)][-(KEEP - 1) :]
    return {"version": 1, "sent": [*kept, format_utc(at)]}
