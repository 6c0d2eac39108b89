"""The streak rules, table-driven: the issue's examples first, then the edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kindcli.practices.streaks import days_practiced, streaks, week_start, weekly_intention


def nov(*days: int) -> list[date]:
    return [date(2026, 11, d) for d in days]


# (practiced on these November days, today, grace, current, longest)
CASES = [
    # The examples, grace 1, today the 24th unless said otherwise.
    (nov(20, 21, 23, 24), 24, 1, 4, 4),
    (nov(20, 21, 24), 24, 1, 1, 2),
    (nov(20, 21, 22), 23, 1, 3, 3),
    (nov(20, 21, 22), 24, 1, 3, 3),
    (nov(20, 21, 22), 25, 1, 0, 3),
    # Today not practiced never ends a streak, even with no grace at all.
    (nov(22, 23), 24, 0, 2, 2),
    (nov(22, 23), 25, 0, 0, 2),
    (nov(22, 23, 24), 24, 0, 3, 3),
    # Grace 0 is the strict rule: one rest day splits a streak.
    (nov(20, 21, 23, 24), 24, 0, 2, 2),
    (nov(1, 2, 3, 4, 6), 6, 0, 1, 4),
    # Grace 2 bridges two rest days in a row, but not three.
    (nov(10, 13, 16), 16, 2, 3, 3),
    (nov(10, 14), 14, 2, 1, 1),
    (nov(10, 13), 16, 2, 2, 2),
    (nov(10, 13), 17, 2, 0, 2),
    # Rest days bridge, they never add: two practice days a day apart are a streak of 2.
    (nov(1, 3), 3, 1, 2, 2),
    # A long run in the past and a short one now.
    (nov(1, 2, 3, 4, 5, 6, 7, 20, 21), 22, 1, 2, 7),
    # Nothing at all.
    ([], 24, 1, 0, 0),
    # One day only: today, yesterday, long ago.
    (nov(24), 24, 1, 1, 1),
    (nov(23), 24, 1, 1, 1),
    (nov(1), 24, 1, 0, 1),
    # Duplicates and any order are fine.
    (nov(24, 20, 21, 21, 23, 20), 24, 1, 4, 4),
]


@pytest.mark.parametrize(("practiced", "today", "grace", "current", "longest"), CASES)
def test_streaks(practiced: list[date], today: int, grace: int, current: int, longest: int) -> None:
    result = streaks(practiced, date(2026, 11, today), grace)
    assert (result.current, result.longest) == (current, longest)


def test_a_streak_that_came_to_rest_is_a_fresh_start() -> None:
    assert streaks(nov(20, 21, 22), date(2026, 11, 25), 1).fresh_start
    assert not streaks(nov(20, 21, 22), date(2026, 11, 24), 1).fresh_start
    assert not streaks([], date(2026, 11, 24), 1).fresh_start


def test_a_day_dated_after_today_counts_and_keeps_the_streak() -> None:
    # Flying west can leave a practice on a local date that is "tomorrow" back home.
    result = streaks(nov(23, 24, 25), date(2026, 11, 24), 0)
    assert (result.current, result.longest) == (3, 3)


def test_streaks_across_a_month_and_a_year_end() -> None:
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 3)]
    result = streaks(days, date(2026, 1, 4), 1)
    assert (result.current, result.longest) == (4, 4)


def test_ten_years_with_a_rest_day_every_ninth_day_is_one_streak() -> None:
    start = date(2016, 1, 1)
    days = [start + timedelta(days=i) for i in range(3650) if i % 9 != 0]
    result = streaks(days, start + timedelta(days=3650), 1)
    assert (result.current, result.longest) == (len(days), len(days))
    strict = streaks(days, start + timedelta(days=3650), 0)
    assert (strict.current, strict.longest) == (3649 - 3645, 8)


def test_negative_grace_is_refused() -> None:
    with pytest.raises(ValueError):
        streaks(nov(1), date(2026, 11, 1), -1)


def test_days_practiced_counts_distinct_days_in_the_window() -> None:
    days = nov(1, 1, 5, 10, 30)
    assert days_practiced(days, date(2026, 11, 1), date(2026, 11, 10)) == 3
    assert days_practiced(days, date(2026, 11, 2), date(2026, 11, 29)) == 2


def test_weeks_run_monday_to_sunday() -> None:
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # a Monday


# Thursday 26 November 2026; its week began Monday the 23rd.
TODAY = date(2026, 11, 26)


def test_weekly_intention_counts_this_week_so_far() -> None:
    result = weekly_intention(nov(22, 23, 23, 25), TODAY, 4)
    assert (result.days_this_week, result.met_this_week) == (2, False)
    assert result.weeks_met_in_a_row == 0


def test_weekly_intention_counts_whole_weeks_met_in_a_row_before_this_one() -> None:
    met_weeks = nov(2, 3, 9, 10, 16, 17)  # two days in each of the three weeks before
    result = weekly_intention(met_weeks, TODAY, 2)
    assert result.weeks_met_in_a_row == 3
    assert result.suggest_longer
    short = weekly_intention(nov(9, 10, 16, 17), TODAY, 2)
    assert (short.weeks_met_in_a_row, short.suggest_longer) == (2, False)


def test_a_week_below_the_intention_ends_the_run_without_blame() -> None:
    result = weekly_intention(nov(2, 3, 9, 16, 17), TODAY, 2)
    assert result.weeks_met_in_a_row == 1
    assert not result.suggest_longer


@pytest.mark.parametrize("bad", [0, 8])
def test_weekly_intention_must_be_one_to_seven(bad: int) -> None:
    with pytest.raises(ValueError):
        weekly_intention([], TODAY, bad)
