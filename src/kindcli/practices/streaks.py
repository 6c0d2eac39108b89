"""Forgiving streaks and the weekly intention, as pure functions on local calendar dates.

A practice day is a local date with at least one counted practice. A streak is a run of
practice days in which no gap between two of them holds more rest days than the grace
allows; its length counts practice days only (rest days bridge, they do not add). Today not
practiced yet never ends a streak: the streak is current while the days missed since the
last practice day, not counting today, are within the grace. Grace 0 is the strict rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple


class Streaks(NamedTuple):
    current: int
    longest: int
    last_practice: date | None

    @property
    def fresh_start(self) -> bool:
        """There was practice before, and the last streak has come to a rest."""
        return self.last_practice is not None and self.current == 0


def streaks(days: Iterable[date], today: date, grace_days: int) -> Streaks:
    """Current and longest streak over practice `days` (any order, duplicates allowed)."""
    if grace_days < 0:
        raise ValueError("grace_days cannot be negative")
    ordered = sorted(set(days))
    if not ordered:
        return Streaks(0, 0, None)
    longest = run = 1
    for earlier, later in pairwise(ordered):
        rest_days = (later - earlier).days - 1
        run = run + 1 if rest_days <= grace_days else 1
        longest = max(longest, run)
    last = ordered[-1]
    # Days missed since the last practice day, not counting today (and never negative, for a
    # practice dated after today by a trip across time zones).
    missed = max(0, (today - last).days - 1)
    current = run if missed <= grace_days else 0
    return Streaks(current=current, longest=longest, last_practice=last)


def days_practiced(days: Iterable[date], first: date, last: date) -> int:
    """How many distinct practice days fall between `first` and `last`, inclusive."""
    return len({d for d in days if first <= d <= last})


def week_start(day: date) -> date:
    """The Monday of the week holding `day` (weeks run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


# How many recent weeks must have met the intention before kind suggests a little more.
WEEKS_BEFORE_SUGGESTING = 3


class WeeklyIntention(NamedTuple):
    days_per_week: int
    days_this_week: int
    weeks_met_in_a_row: int

    @property
    def met_this_week(self) -> bool:
        return self.days_this_week >= self.days_per_week

    @property
    def suggest_longer(self) -> bool:
        return self.weeks_met_in_a_row >= WEEKS_BEFORE_SUGGESTING


def weekly_intention(days: Iterable[date], today: date, days_per_week: int) -> WeeklyIntention:
    """Progress this week, and how many whole weeks just before it met the intention."""
    if not 1 <= days_per_week <= 7:
        raise ValueError("days_per_week must be 1-7")
    this_week = _week_number(today)
    per_week: dict[int, int] = {}
    for d in set(days):
        if d <= today:
            week = _week_number(d)
            per_week[week] = per_week.get(week, 0) + 1
    met = 0
    while per_week.get(this_week - 1 - met, 0) >= days_per_week:
        met += 1
    return WeeklyIntention(days_per_week, per_week.get(this_week, 0), met)


def _week_number(day: date) -> int:
    # Day 1 of the proleptic calendar (0001-01-01) was a Monday, so this counts whole
    # Monday-to-Sunday weeks.
    return (day.toordinal() - 1) // 7
