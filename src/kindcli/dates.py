"""Calendar dates as people type them: 2026-03-14, today, yesterday, 3d, 2w.

Shared by every command that takes a date (`kind log --date`, `kind stats --since`, ...).
Relative forms count back from the local `today` the caller passes in, so tests and
travelers get the same answer as the clock says.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DATE_FORMS = (
    "a date like 2026-03-14, 'today', 'yesterday', or a number of days or weeks ago like 3d or 2w"
)

_AGO = re.compile(r"^(\d{1,4})\s*([dw])$")


def parse_day(text: str, today: date) -> date:
    """The local calendar date `text` names; ValueError with a readable message if none."""
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    ago = _AGO.match(cleaned)
    if ago:
        amount = int(ago.group(1))
        return today - (timedelta(weeks=amount) if ago.group(2) == "w" else timedelta(days=amount))
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"'{text}' is not a date kind understands: use {DATE_FORMS}.") from None


# The earliest day practice can be logged for: before it, local time itself is guesswork
# (time zones were not yet standard), and the calendar's own first days leave no room for a
# time zone's offset.
EARLIEST = date(1900, 1, 1)


# What a date after today is refused with, by what the command does with it ({} the date).
FUTURE_LOG = "{} is in the future; you can log only today or earlier."
FUTURE_SINCE = "{} is in the future; stats can start from today at the latest."


def parse_past_day(
    text: str, today: date, earliest: date | None = None, future: str = FUTURE_LOG
) -> date:
    """Like `parse_day`, but a date after today (or before `earliest`) is refused; `future`
    says why in the command's own words."""
    day = parse_day(text, today)
    if day > today:
        raise ValueError(future.format(day.isoformat()))
    if earliest is not None and day < earliest:
        raise ValueError(
            f"{day.isoformat()} is further back than kind keeps practice (from "
            f"{earliest.isoformat()} on)."
        )
    return day


def long_date(day: date, *, weekday: bool = True, year: bool = True) -> str:
    """A date written out as people in the US write it: 'Friday, March 13, 2026'."""
    text = f"{day:%B} {day.day}"
    if year:
        text += f", {day.year}"
    return f"{day:%A}, {text}" if weekday else text


def friendly(day: date, today: date) -> str:
    """'today', 'yesterday', or 'Friday, March 13' (with the year when it is not this year)."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return long_date(day, year=day.year != today.year)
