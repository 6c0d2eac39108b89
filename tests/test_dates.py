from __future__ import annotations

from datetime import date

import pytest

from kindcli.dates import friendly, parse_day, parse_past_day

TODAY = date(2026, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        (" 2026-03-14 ", TODAY),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 3, 13)),
        ("0d", TODAY),
        ("3d", date(2026, 3, 11)),
        ("2w", date(2026, 2, 28)),
        ("14 d", date(2026, 2, 28)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "last tuesday", "2026-13-01", "14/03/2026", "-3d", "3y"])
def test_anything_else_is_refused_with_the_forms_that_work(text: str) -> None:
    with pytest.raises(ValueError, match="yesterday"):
        parse_day(text, TODAY)


def test_a_future_date_is_refused_for_the_past() -> None:
    assert parse_past_day("today", TODAY) == TODAY
    with pytest.raises(ValueError, match="future"):
        parse_past_day("2026-03-15", TODAY)


def test_friendly_names() -> None:
    assert friendly(TODAY, TODAY) == "today"
    assert friendly(date(2026, 3, 13), TODAY) == "yesterday"
    assert friendly(date(2026, 3, 6), TODAY) == "Friday, March 6"
    assert friendly(date(2025, 3, 6), TODAY) == "Thursday, March 6, 2025"
