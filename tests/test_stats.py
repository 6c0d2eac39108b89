"""`kind stats` and `kind log`: the numbers match the definitions, and the words stay kind."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.config import Config
from kindcli.ports import Moment
from kindcli.practices import stats as stats_data
from kindcli.practices import stats_view as view
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, RecordingTerminal, make_services

runner = CliRunner()
# The fake clock's today: Saturday 14 March 2026, 09:30 at UTC+01:00.
TODAY = date(2026, 3, 14)
PLUS_ONE = timezone(timedelta(hours=1))
UNKIND = re.compile(r"\b(broke|broken|lost|lose|failed|fail|missed|reset|behind)\b", re.I)


def day(n: int) -> date:
    """n days before today (0 is today)."""
    return TODAY - timedelta(days=n)


def add(
    store: Store,
    practice: str,
    on: date,
    *,
    minutes: float | None = 5,
    content: str | None = None,
    before: int | None = None,
    after: int | None = None,
    cycles: int | None = None,
    source: str = "app",
    at: datetime | None = None,
) -> SessionRecord:
    when = at or datetime(on.year, on.month, on.day, 9, 0, tzinfo=PLUS_ONE)
    record = SessionRecord(
        practice=practice,
        content_id=content,
        moment=Moment.of(when),
        actual_seconds=None if minutes is None else minutes * 60,
        distress_before=before,
        distress_after=after,
        source=source,
        details={} if cycles is None else {"cycles_completed": cycles},
    )
    store.add_session(record)
    return record


def add_entry(
    store: Store,
    on: date,
    body: str,
    prompt_id: str | None = None,
    answers: Iterable[dict[str, str]] = (),
) -> None:
    """A journal entry saved the way `kind journal` saves it."""
    from kindcli.store.records import JournalAnswer, JournalEntry

    moment = Moment.of(datetime(on.year, on.month, on.day, 9, 0, tzinfo=PLUS_ONE))
    session = SessionRecord(practice="journal", content_id=prompt_id, moment=moment)
    store.add_journal_entry(
        JournalEntry(session, prompt_id, body, [JournalAnswer(**a) for a in answers])
    )


@pytest.fixture
def store(kind_home: Path) -> Any:
    with Store.open(kind_home / "kind.db") as s:
        yield s


def kind(*args: str, config: dict[str, Any] | None = None, clock: FakeClock | None = None):  # type: ignore[no-untyped-def]
    terminal = RecordingTerminal()
    svc = make_services(clock=clock or FakeClock(), terminal=terminal, config=Config(config or {}))
    result = runner.invoke(app, list(args), obj=svc)
    return result, terminal


def stats_json(*args: str, **kwargs: Any) -> dict[str, Any]:
    result, terminal = kind("stats", "--json", *args, **kwargs)
    assert result.exit_code == 0, result.output + terminal.stderr
    data: dict[str, Any] = json.loads(terminal.stdout)
    return data


def stats_text(*args: str, **kwargs: Any) -> str:
    result, terminal = kind("stats", *args, **kwargs)
    assert result.exit_code == 0, result.output + terminal.stderr
    return terminal.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- what counts -------------------------------------------------------------------------------


def test_no_history_yet_gives_zeros_and_creates_nothing(kind_home: Path) -> None:
    data = stats_json()
    assert data["current_streak"] == 0 and data["longest_streak"] == 0
    assert data["days_practiced_last_30"] == 0
    assert data["days"] == [] and data["last_practice"] is None
    assert data["by_practice"]["break"] == {"sessions": 0, "minutes": 0.0, "logged_by_hand": 0}
    assert data["mood"]["sessions"] == 0 and data["mood"]["average_before"] is None
    assert not (kind_home / "kind.db").exists()
    text = flat(stats_text())
    assert "Nothing recorded yet" in text
    assert not (kind_home / "kind.db").exists()


def test_what_counts_as_a_practice_day(store: Store) -> None:
    add(store, "break", day(1))
    add(store, "journal", day(2))
    add(store, "meditation", day(3))
    add(store, "breathing", day(4), cycles=1)
    add(store, "breathing", day(5), cycles=0)  # stopped before one full cycle
    add(store, "breathing", day(6))  # no cycles recorded at all
    add(store, "breathing", day(7), source="manual", minutes=None)  # logged by hand
    add(store, "breathing", day(1), cycles=0)  # does not add to day 1's count
    data = stats_json()
    assert [d["date"] for d in data["days"]] == [day(n).isoformat() for n in (7, 4, 3, 2, 1)]
    assert data["days_practiced_last_30"] == 5
    assert data["by_practice"]["breathing"]["sessions"] == 2
    assert data["by_practice"]["breathing"]["logged_by_hand"] == 1
    assert data["sessions"] == 5
    assert data["days"][-1] == {"date": day(1).isoformat(), "sessions": 1, "minutes": 5.0}


def test_the_headline_counts_the_last_30_days_including_today(store: Store) -> None:
    for n in (0, 0, 1, 5, 29, 30, 45):
        add(store, "break", day(n))
    data = stats_json()
    assert data["days_practiced_last_30"] == 4
    assert "You practiced on 4 of the last 30 days." in stats_text()


def test_streaks_come_from_the_whole_history_with_the_configured_grace(store: Store) -> None:
    for n in (1, 2, 4, 5, 20, 21, 22, 23, 24, 25, 26):
        add(store, "break", day(n))
    data = stats_json()
    assert (data["current_streak"], data["longest_streak"]) == (4, 7)
    strict = stats_json(config={"streak_grace_days": 0})
    assert (strict["current_streak"], strict["longest_streak"]) == (2, 7)
    assert strict["grace_days"] == 0


# ---- time zones and daylight saving ------------------------------------------------------------


def test_a_practice_at_half_past_eleven_counts_for_that_local_date(store: Store) -> None:
    # 23:30 in New York on the 10th is already the 11th in UTC.
    late = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    add(store, "break", date(2026, 3, 10), at=late)
    # 00:30 in Tokyo on the 12th is still the 11th in UTC.
    early = datetime(2026, 3, 12, 0, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    add(store, "break", date(2026, 3, 12), at=early)
    days = [d["date"] for d in stats_json()["days"]]
    assert days == ["2026-03-10", "2026-03-12"]


def test_daylight_saving_changes_never_move_a_practice(store: Store) -> None:
    # New York moved its clocks forward on Sunday 8 March 2026.
    ny = ZoneInfo("America/New_York")
    for d in (7, 8, 9):
        add(store, "break", date(2026, 3, d), at=datetime(2026, 3, d, 23, 30, tzinfo=ny))
    clock = FakeClock(datetime(2026, 3, 9, 23, 45, tzinfo=ny))
    data = stats_json(clock=clock)
    assert [d["date"] for d in data["days"]] == ["2026-03-07", "2026-03-08", "2026-03-09"]
    assert data["current_streak"] == 3 and data["today"] == "2026-03-09"


# ---- totals, check-ins, journal ----------------------------------------------------------------


def test_totals_check_ins_and_most_used(store: Store) -> None:
    add(store, "break", day(1), content="hand-on-heart", minutes=4, before=8, after=5)
    add(store, "break", day(2), content="hand-on-heart", minutes=6, before=6, after=4)
    add(store, "break", day(3), content="kind-phrase", minutes=5, before=7)  # no after
    add(store, "breathing", day(1), content="box", cycles=4, minutes=2, before=5, after=5)
    data = stats_json()
    assert data["by_practice"]["break"] == {"sessions": 3, "minutes": 15.0, "logged_by_hand": 0}
    assert data["by_practice"]["breathing"]["minutes"] == 2.0
    assert data["minutes"] == 17.0
    assert data["mood"]["sessions"] == 3
    assert data["mood"]["average_before"] == pytest.approx(19 / 3, abs=0.01)
    assert data["mood"]["average_after"] == pytest.approx(14 / 3, abs=0.01)
    assert data["mood"]["average_change"] == pytest.approx(-5 / 3, abs=0.01)
    assert data["mood"]["by_practice"]["break"] == {
        "sessions": 2,
        "average_before": 7.0,
        "average_after": 4.5,
        "average_change": -2.5,
    }
    assert data["mood"]["by_practice"]["meditation"]["average_before"] is None
    assert data["most_used"]["break"] == [
        {"id": "hand-on-heart", "sessions": 2},
        {"id": "kind-phrase", "sessions": 1},
    ]
    assert data["most_used"]["breathing"] == [{"id": "box", "sessions": 1}]
    text = flat(stats_text())
    assert "3 sessions with a check-in before and after" in text
    assert "only a few ratings" in text
    assert "not what caused it" in text
    assert "breaks: hand-on-heart (2), kind-phrase (1)" in text


def test_journal_entries_words_and_reframes(store: Store) -> None:
    reframe = [
        {"question_id": "situation", "question": "What happened?", "answer": "A hard call."},
        {"question_id": "reframe", "question": "A kinder way to see it?", "answer": "I tried."},
    ]
    empty_reframe = [{"question_id": "reframe", "question": "A kinder way?", "answer": "  "}]
    add_entry(store, day(1), "One two three\nfour,  five.", "reframe", reframe)
    add_entry(store, day(2), "Six seven", "reframe", empty_reframe)
    add_entry(store, day(3), "eight", "evening", [{**reframe[1]}])  # not a reframe prompt
    add_entry(store, day(4), "", None)
    data = stats_json()
    assert data["journal"] == {"entries": 4, "words": 8, "reframes": 1, "ratings": {}}
    assert data["most_used"]["journal"] == [
        {"id": "reframe", "entries": 2},
        {"id": "evening", "entries": 1},
    ]
    assert data["by_practice"]["journal"]["sessions"] == 4
    assert "Journal: 4 entries, 8 words written, 1 reframe." in flat(stats_text())


def test_since_narrows_the_totals_but_not_the_streaks_or_headline(store: Store) -> None:
    for n in range(0, 12):
        add(store, "break", day(n), minutes=10)
    data = stats_json("--since", day(2).isoformat())
    assert data["since"] == day(2).isoformat()
    assert data["by_practice"]["break"]["sessions"] == 3
    assert [d["date"] for d in data["days"]] == [day(n).isoformat() for n in (2, 1, 0)]
    assert data["current_streak"] == 12 and data["days_practiced_last_30"] == 12
    assert stats_json("--since", "1w")["by_practice"]["break"]["sessions"] == 8
    assert stats_json("--since", "all")["by_practice"]["break"]["sessions"] == 12
    assert "Since March 12, 2026" in stats_text("--since", "2d")


def test_the_default_period_is_the_calendar(store: Store) -> None:
    add(store, "break", day(0))
    add(store, "break", TODAY - timedelta(weeks=30))
    data = stats_json()
    # Saturday 14 March 2026: its week began Monday the 9th; 26 weeks began 15 September.
    assert data["since"] == "2025-09-15"
    assert data["sessions"] == 1
    assert stats_json("--weeks", "52")["sessions"] == 2
    assert "The last 26 weeks" in stats_text()


@pytest.mark.parametrize("bad", ["tomorrow-ish", "2026-03-15"])
def test_a_bad_or_future_since_is_a_usage_error(store: Store, bad: str) -> None:
    result, _ = kind("stats", "--since", bad)
    assert result.exit_code == 2
    assert "--since" in result.output
    assert "Traceback" not in result.output


def test_the_json_keys_are_the_documented_ones(store: Store) -> None:
    add(store, "meditation", day(0), content="body-scan")
    data = stats_json(config={"weekly_intention": 3})
    assert sorted(data) == sorted(
        [
            "today",
            "since",
            "grace_days",
            "streaks_hidden",
            "current_streak",
            "longest_streak",
            "last_practice",
            "days_practiced_last_30",
            "days_practiced",
            "sessions",
            "minutes",
            "by_practice",
            "most_used",
            "mood",
            "journal",
            "weekly_intention",
            "days",
            "measures",
        ]
    )
    assert sorted(data["by_practice"]) == ["break", "breathing", "journal", "meditation"]
    assert sorted(data["most_used"]) == ["break", "breathing", "journal", "meditation"]
    assert sorted(data["mood"]) == [
        "average_after",
        "average_before",
        "average_change",
        "by_practice",
        "sessions",
    ]
    assert data["weekly_intention"] == {
        "days_per_week": 3,
        "days_this_week": 1,
        "weeks_met_in_a_row": 0,
        "suggest_longer": False,
    }
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for key in data:
        assert f"`{key}`" in readme, f"README does not document the JSON key {key}"


# ---- the words ---------------------------------------------------------------------------------


def test_a_current_streak_reads_plainly(store: Store) -> None:
    for n in (1, 2, 4):
        add(store, "break", day(n))
    text = flat(stats_text())
    assert "Current streak: 3 days. Longest: 3 days." in text
    assert "Up to 1 rest day between practice days keeps a streak going." in text
    assert not UNKIND.search(text)


def test_after_a_pause_it_welcomes_a_fresh_start(store: Store) -> None:
    for n in (40, 41, 42, 43):
        add(store, "journal", day(n))
    text = flat(stats_text())
    assert "No practice in the last 30 days, and that is okay." in text
    assert "Welcome back — every day is a fresh start." in text
    assert "Your longest streak so far: 4 days." in text
    assert not UNKIND.search(text)


def test_hidden_streaks_show_no_streak_numbers_anywhere(store: Store) -> None:
    for n in (0, 1, 2):
        add(store, "break", day(n))
    data = stats_json(config={"hide_streaks": True})
    assert data["streaks_hidden"] is True
    assert data["current_streak"] is None and data["longest_streak"] is None
    assert data["days_practiced_last_30"] == 3
    text = stats_text(config={"hide_streaks": True})
    assert "streak" not in text.lower()
    assert "You practiced on 3 of the last 30 days." in text


def test_weekly_intention_progress_and_a_gentle_suggestion(store: Store) -> None:
    # Today is Saturday 14 March; the three weeks before each had two practice days.
    for d in (date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 23), date(2026, 2, 24)):
        add(store, "break", d)
    for d in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 10)):
        add(store, "break", d)
    text = flat(stats_text(config={"weekly_intention": 2}))
    assert "1 of 2 days this week." in text
    assert "met your intention 3 weeks in a row" in text
    assert "a little longer" in text
    assert not UNKIND.search(text)


def test_check_ins_are_optional_and_said_so(store: Store) -> None:
    add(store, "break", day(0))
    assert "Check-ins are optional" in flat(stats_text())


# ---- the calendar ------------------------------------------------------------------------------


def test_the_calendar_has_weekday_rows_month_labels_and_shading(store: Store) -> None:
    add(store, "break", day(0), minutes=2)  # Saturday: one short session -> light
    for _ in range(4):
        add(store, "break", day(1), minutes=15)  # Friday: four sessions -> full
    lines = stats_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Mon "))
    months, rows = lines[start - 1], lines[start : start + 7]
    assert [r[:3] for r in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    for name in ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar"):
        assert name in months
    assert rows[4].rstrip().endswith("█")  # Friday
    assert rows[5].rstrip().endswith("░")  # Saturday, today
    assert rows[6].rstrip().endswith("·")  # last Sunday; this Sunday is still to come
    assert all(len(line) <= 80 for line in lines[start - 1 : start + 8])
    assert "no practice" in lines[start + 7] and "more" in lines[start + 7]


@pytest.mark.parametrize(("weeks", "width", "cell"), [(26, 80, 2), (38, 80, 2), (60, 80, 1)])
def test_the_calendar_fits_its_width(weeks: int, width: int, cell: int) -> None:
    grid = view.calendar({}, TODAY, weeks, width)
    assert (grid.cell_width, grid.weeks, grid.trimmed) == (cell, weeks, False)
    assert all(len(line) <= width for line in view.calendar_text(grid))


def test_a_calendar_too_wide_for_the_terminal_shows_the_latest_weeks() -> None:
    grid = view.calendar({}, TODAY, 200, 50)
    assert grid.trimmed and grid.weeks == 46 and grid.cell_width == 1
    assert all(len(line) <= 50 for line in view.calendar_text(grid))


def test_month_labels_never_overlap() -> None:
    for offset in range(0, 400, 3):
        today = TODAY - timedelta(days=offset)
        for weeks, width in ((26, 80), (40, 50), (12, 80)):
            grid = view.calendar({}, today, weeks, width)
            labels = re.findall(r"[A-Z][a-z]{2}", grid.months)
            assert len(" ".join(labels)) <= len(grid.months.strip()), grid.months


@pytest.mark.parametrize(
    ("sessions", "minutes", "expected"),
    [(0, 0, 0), (1, 0, 1), (1, 9, 1), (1, 11, 2), (2, 5, 2), (3, 0, 3), (1, 35, 4), (9, 0, 4)],
)
def test_shading_levels(sessions: int, minutes: float, expected: int) -> None:
    assert view.level(stats_data.DayTotals(TODAY, sessions, minutes * 60)) == expected


# ---- kind log ----------------------------------------------------------------------------------


def test_log_records_a_practice_done_elsewhere(kind_home: Path) -> None:
    result, terminal = kind("log", "meditation", "--date", "yesterday", "--minutes", "10")
    assert result.exit_code == 0, result.output
    assert "Logged a meditation for yesterday (10 minutes)." in terminal.stdout
    with Store.open(kind_home / "kind.db") as store:
        (session,) = store.sessions()
    assert session.practice == "meditation" and session.source == "manual"
    assert session.moment.local_date == date(2026, 3, 13)
    assert session.actual_seconds == 600
    data = stats_json()
    assert data["by_practice"]["meditation"] == {
        "sessions": 1,
        "minutes": 10.0,
        "logged_by_hand": 1,
    }
    assert "You logged 1 of these by hand." in stats_text()


def test_log_today_keeps_the_time_and_breathing_counts_without_cycles(kind_home: Path) -> None:
    result, terminal = kind("log", "breathe", "--json")
    assert result.exit_code == 0, result.output
    logged = json.loads(terminal.stdout)
    assert logged["practice"] == "breathing" and logged["date"] == "2026-03-14"
    assert logged["source"] == "manual" and logged["minutes"] is None
    with Store.open(kind_home / "kind.db") as store:
        session = store.session(logged["id"])
    assert session is not None
    assert session.moment.utc == datetime(2026, 3, 14, 8, 30, tzinfo=UTC)
    assert stats_json()["days_practiced_last_30"] == 1


def test_log_backfills_a_streak(kind_home: Path) -> None:
    for when in ("2d", "2026-03-11", "today"):
        assert kind("log", "break", "--date", when)[0].exit_code == 0
    data = stats_json(config={"streak_grace_days": 0})
    assert data["current_streak"] == 1 and data["longest_streak"] == 2
    assert kind("log", "journal", "--date", "yesterday")[0].exit_code == 0
    assert stats_json(config={"streak_grace_days": 0})["current_streak"] == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "break", "--date", "2026-03-15"], "future"),
        (["log", "break", "--date", "someday"], "not a date"),
        (["log", "yoga"], "not a practice"),
        (["log", "break", "--minutes", "-5"], "--minutes"),
    ],
)
def test_log_refuses_what_it_cannot_record(kind_home: Path, args: list[str], message: str) -> None:
    result, _ = kind(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (kind_home / "kind.db").exists()


# ---- speed at scale -------------------------------------------------------------------------


def test_stats_queries_read_indexes_not_the_whole_table(store: Store) -> None:
    """A long history must never cost a table scan or a big sort (bench/stats.py times it)."""
    for n in range(40):
        add(store, "break", day(n), content="hand-on-heart", before=6, after=4)
        add(store, "breathing", day(n), content="box", cycles=n % 3)
    add_entry(store, day(1), "A few words.", "reframe")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        stats_data.gather(store, today=TODAY, grace_days=1, intention=3)
    finally:
        store._conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    # Practice days, the period's sums, what was used, the journal's, its ratings, measures.
    assert len(selects) == 6
    for sql in selects:
        plan = [row[-1] for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql)]
        for step in plan:
            if re.match(r"SCAN (sessions|s|journal_entries|e)\b", step):
                assert "COVERING INDEX" in step, f"{step} in {sql}"
        if "GROUP BY practice, local_date" in sql:
            assert not any("TEMP B-TREE" in step for step in plan), plan


def test_per_day_sums_stay_exact_through_inserts_updates_and_deletes(store: Store) -> None:
    """practice_totals (kept by triggers) must give what summing the sessions afresh gives."""
    import random

    rng = random.Random(14)
    records = []
    for _ in range(400):
        practice = rng.choice(["break", "breathing", "journal", "meditation"])
        rated = rng.random() < 0.6
        record = add(
            store,
            practice,
            day(rng.randrange(30)),
            minutes=rng.choice([None, rng.uniform(0.1, 30)]),
            content=rng.choice([None, "box", "hand-on-heart", "body-scan"]),
            before=rng.randrange(11) if rated else None,
            after=rng.randrange(11) if rated and rng.random() < 0.8 else None,
            cycles=rng.randrange(3) if practice == "breathing" else None,
            source=rng.choice(["app", "app", "manual"]),
        )
        records.append(record)
    for record in rng.sample(records, 80):  # a session saved again as it finishes
        record.actual_seconds = rng.uniform(1, 900)
        record.distress_after = rng.choice([None, rng.randrange(11)])
        record.details = {"cycles_completed": rng.randrange(3)}
        store.save_session(record)
    with store.transaction() as conn:
        for record in rng.sample(records, 90):
            conn.execute("DELETE FROM sessions WHERE id = ?", (record.id,))
    # Summed afresh from the sessions, the way the stats query did before m008.
    fresh_sums = store._conn.execute(
        "SELECT local_date, practice, count(*), total(actual_seconds), "
        "count(CASE WHEN source = 'manual' THEN 1 END), "
        "count(CASE WHEN distress_before IS NOT NULL AND distress_after IS NOT NULL THEN 1 END), "
        "total(CASE WHEN distress_after IS NOT NULL THEN distress_before END), "
        "total(CASE WHEN distress_before IS NOT NULL THEN distress_after END), "
        "group_concat(content_id, char(31)) FROM sessions WHERE counted "
        "GROUP BY practice, local_date ORDER BY practice, local_date"
    ).fetchall()
    kept = store.stats_period(day(40))
    assert len(kept) == len(fresh_sums) > 40
    for row, want in zip(kept, fresh_sums, strict=True):
        assert (row.local_date.isoformat(), row.practice, row.sessions) == tuple(want[:3])
        assert row.seconds == pytest.approx(want[3], abs=0.001 * row.sessions)
        assert (row.logged_by_hand, row.rated, row.sum_before, row.sum_after) == tuple(want[4:8])
    uses = Counter((w[1], c) for w in fresh_sums if w[8] for c in w[8].split("\x1f"))
    assert {(p, c): n for p, c, n in store.stats_uses(day(40))} == dict(uses)


def test_stats_read_the_per_day_sums_never_the_sessions(store: Store) -> None:
    for n in range(40):
        add(store, "break", day(n), content="hand-on-heart", before=6, after=4)
    add_entry(store, day(1), "A few words.", "reframe")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        stats_data.gather(store, today=TODAY, grace_days=1, intention=3)
    finally:
        store._conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    read = {t for sql in selects for t in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql)}
    # measure_results holds a row per measure taken (every few weeks), not per practice.
    assert read == {
        "practice_days",
        "practice_totals",
        "journal_totals",
        "journal_rating_totals",
        "measure_results",
    }
