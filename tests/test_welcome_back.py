"""Welcome back: after a week or more away, a fresh start and no tally; in `kind stats`, a
welcome instead of a streak at zero; a new week or month named as a natural fresh start."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.cli.menu import NOTHING_LABEL
from kindcli.cli.welcome import WELCOME_KEY, maybe_welcome
from kindcli.config import Config
from kindcli.ports import Moment
from kindcli.practices import fresh_start
from kindcli.practices.welcome import WELCOME_TITLE
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services

PLUS_ONE = timezone(timedelta(hours=1))
UNKIND = re.compile(r"\b(broke|broken|lost|lose|failed|fail|missed|reset|behind)\b", re.I)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PLUS_ONE)


def practice(home: Path, *days: date) -> None:
    with Store.open(home / "kind.db") as store:
        for d in days:
            store.add_session(SessionRecord("break", None, Moment.of(at(d)), actual_seconds=300))
        store.set_state(WELCOME_KEY, {"version": "0"}, Moment.of(at(days[0])))


def opening(home: Path, today: date, command: str | None = "break") -> str:
    terminal = RecordingTerminal()
    svc = make_services(terminal=terminal, clock=FakeClock(at(today, 10)), welcome=True)
    maybe_welcome(svc, command, [command] if command else [])
    svc.close()
    return " ".join(terminal.stdout.split())


# ---- the opening of a practice ------------------------------------------------------------------


def test_after_a_week_away_the_next_practice_opens_with_a_welcome_back(kind_home: Path) -> None:
    practice(kind_home, date(2026, 3, 1), date(2026, 3, 2))
    said = opening(kind_home, date(2026, 3, 14))
    assert said.startswith(fresh_start.PRACTICE_WELCOME_BACK)
    assert not re.search(r"\d", said), "no tally of days"
    assert not UNKIND.search(said)
    # Once per return: not again before the next practice, whatever runs.
    assert opening(kind_home, date(2026, 3, 14), "breathe") == ""
    assert opening(kind_home, date(2026, 3, 15)) == ""


def test_a_few_days_off_is_just_life(kind_home: Path) -> None:
    practice(kind_home, date(2026, 3, 9))
    assert opening(kind_home, date(2026, 3, 14)) == ""  # five days


def test_each_return_is_welcomed(kind_home: Path) -> None:
    practice(kind_home, date(2026, 2, 1))
    assert opening(kind_home, date(2026, 2, 10)) != ""
    practice(kind_home, date(2026, 2, 10))
    assert opening(kind_home, date(2026, 2, 11)) == ""
    assert opening(kind_home, date(2026, 3, 1)) != ""  # away again, back again


def test_not_for_the_safety_plan_nor_before_the_first_welcome(kind_home: Path) -> None:
    practice(kind_home, date(2026, 3, 1))
    assert opening(kind_home, date(2026, 3, 14), "plan") == ""
    assert opening(kind_home, date(2026, 3, 14), "stats") == ""
    with Store.open(kind_home / "kind.db") as store:
        store.set_state(WELCOME_KEY, None, Moment.of(at(date(2026, 3, 1))))
    first = opening(kind_home, date(2026, 3, 14))
    assert first.startswith(WELCOME_TITLE)  # the first welcome, not a welcome back
    assert fresh_start.PRACTICE_WELCOME_BACK not in first


def test_kind_on_its_own_welcomes_you_back_too(kind_home: Path) -> None:
    practice(kind_home, date(2026, 3, 1))
    terminal = RecordingTerminal()
    svc = make_services(
        terminal=terminal,
        prompter=FakePrompter([NOTHING_LABEL]),
        clock=FakeClock(at(date(2026, 3, 14), 10)),
        welcome=True,
    )
    result = CliRunner().invoke(app, [], obj=svc)
    assert result.exit_code == 0, result.output
    assert terminal.words.startswith(fresh_start.PRACTICE_WELCOME_BACK)


# ---- kind stats ----------------------------------------------------------------------------------


def stats_text(home: Path, today: date, **config: Any) -> str:
    terminal = RecordingTerminal()
    svc = make_services(terminal=terminal, clock=FakeClock(at(today, 10)), config=Config(config))
    result = CliRunner().invoke(app, ["stats"], obj=svc)
    assert result.exit_code == 0, result.output + terminal.stderr
    return " ".join(terminal.stdout.split())


def test_stats_welcomes_a_return(kind_home: Path) -> None:
    practice(kind_home, date(2026, 2, 1), date(2026, 2, 2), date(2026, 2, 3), date(2026, 3, 13))
    text = stats_text(kind_home, date(2026, 3, 14))  # a Saturday
    assert fresh_start.STATS_RETURNED in text
    assert "Current streak: 1 day. Longest: 3 days." in text
    assert not UNKIND.search(text)
    # A week later the return is simply practice again.
    practice(kind_home, *(date(2026, 3, d) for d in range(14, 21)))
    assert fresh_start.STATS_RETURNED not in stats_text(kind_home, date(2026, 3, 21))


def test_stats_after_a_pause_names_a_new_week_or_month(kind_home: Path) -> None:
    practice(kind_home, date(2026, 2, 1), date(2026, 2, 2))
    monday = stats_text(kind_home, date(2026, 3, 16))
    assert fresh_start.NEW_WEEK in monday and "Welcome back" not in monday
    first = stats_text(kind_home, date(2026, 4, 1))
    assert fresh_start.NEW_MONTH in first
    other = stats_text(kind_home, date(2026, 3, 18))
    assert "Welcome back — every day is a fresh start." in other
    for text in (monday, first, other):
        assert "Current streak" not in text and not UNKIND.search(text)


def test_hidden_streaks_still_welcome_you_back(kind_home: Path) -> None:
    practice(kind_home, date(2026, 2, 1), date(2026, 3, 13))
    text = stats_text(kind_home, date(2026, 3, 14), hide_streaks=True)
    assert fresh_start.STATS_RETURNED in text and "streak" not in text.lower()


def test_monday_with_an_intention_is_a_week_ahead_not_a_zero(kind_home: Path) -> None:
    practice(kind_home, date(2026, 3, 12))
    text = stats_text(kind_home, date(2026, 3, 16), weekly_intention=3)
    assert "A new week begins today, with your intention of 3 days ahead of you." in text
    assert "0 of 3" not in text
    tuesday = stats_text(kind_home, date(2026, 3, 17), weekly_intention=3)
    assert "0 of 3 days this week." in tuesday


def test_returned_reads_only_the_latest_run() -> None:
    d = date(2026, 3, 14)
    days = [d - timedelta(days=n) for n in (30, 29, 2, 1)]
    assert fresh_start.returned(sorted(days), d, grace_days=1)
    assert not fresh_start.returned(sorted(days[:2]), d, grace_days=1)  # still away
    assert not fresh_start.returned([d - timedelta(days=n) for n in (9, 4, 1)], d, 1)
    assert not fresh_start.returned([d], d, 1)  # a first practice is not a return
