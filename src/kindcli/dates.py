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


def parse_past_day(text: str, today: date, earliest: date | None = None) -> date:
    """Like `parse_day`, but a date after today (or before `earliest`) is refused."""
    day = parse_day(text, today)
    if day > today:
        raise ValueError(f"{day.isoformat()} is in the future; you can log only today or earlier.")
    if earliest is not None and day < earliest:
        raise ValueError(
            f"{day.isoformat()} is further back than kind keeps practice (from "
            f"{earliest.isoformat()} on)."
        )
    return day


def friendly(day: date, today: date) -> str:
    """'today', 'yesterday', or 'Friday 13 March' (with the year when it is not this year)."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    text = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    return text if day.year == today.year else f"{text} {day.year}"
