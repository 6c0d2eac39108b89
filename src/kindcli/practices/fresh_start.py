"""Fresh starts: welcoming someone back, and a new week or month as a natural new beginning.

People return more readily when a pause is met with a welcome rather than a tally, and a new
week or month is a moment many people choose to begin again. So after a week or more away,
kind says "welcome back" and never how many days were missed; on a Monday or the first of a
month it may name the fresh start. The words for the shell greeting (`kind hello`), the
opening of a practice and `kind stats` live here, in one place.

Pure and light: only `datetime` (the shell greeting imports this in every new shell).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# A gap of this many days or more since the last practice is "being away".
WELCOME_BACK_DAYS = 7

# The opening of the first practice after a while away (`cli.welcome`).
PRACTICE_WELCOME_BACK = "Welcome back. Today is a fresh start, and a few minutes are plenty."
# `kind stats`, once someone has come back.
STATS_RETURNED = "Welcome back. It is good to see you practicing again."
NEW_WEEK = "A new week begins today: a natural fresh start."
NEW_MONTH = "A new month begins today: a natural fresh start."

# `kind hello`, one line at most once a day, only when nothing was practiced yet today.
HELLO_BACK = "Welcome back. Whenever you'd like a moment for yourself, `kind break` is here."
HELLO_FIRST = "A minute for yourself today? `kind break` is a gentle place to begin."
HELLO_NEW_WEEK = "A new week, a fresh start. A minute for yourself? `kind break`"
HELLO_NEW_MONTH = "A new month, a fresh start. A minute for yourself? `kind break`"
HELLO_DAYS = (
    "A minute for yourself today? `kind break` is here whenever you'd like.",
    "A few slow breaths, if they would help: `kind breathe`.",
    "Some kind words to yourself, today or any time: `kind journal`.",
)


def away(last_practice: date | None, today: date) -> bool:
    """Whether it has been a week or more since the last practice day."""
    return last_practice is not None and (today - last_practice).days >= WELCOME_BACK_DAYS


def new_period(today: date) -> str | None:
    """The fresh-start line for the first of a month or a Monday, else None."""
    if today.day == 1:
        return NEW_MONTH
    if today.weekday() == 0:
        return NEW_WEEK
    return None


def hello_line(today: date, last_practice: date | None) -> str:
    """The shell greeting for a day with no practice yet."""
    if last_practice is None:
        return HELLO_FIRST
    if away(last_practice, today):
        return HELLO_BACK
    if today.day == 1:
        return HELLO_NEW_MONTH
    if today.weekday() == 0:
        return HELLO_NEW_WEEK
    return HELLO_DAYS[today.toordinal() % len(HELLO_DAYS)]


def returned(days: Sequence[date], today: date, grace_days: int) -> bool:
    """Whether the current run of practice began in the last week, after a week or more
    away: the moment `kind stats` says welcome back. `days` sorted, oldest first."""
    if len(days) < 2 or days[-1] > today:
        return False
    start = len(days) - 1
    while start > 0 and (days[start] - days[start - 1]).days - 1 <= grace_days:
        start -= 1
    if start == 0 or (today - days[start]).days >= WELCOME_BACK_DAYS:
        return False
    return (days[start] - days[start - 1]).days >= WELCOME_BACK_DAYS
