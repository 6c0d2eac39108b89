"""What `kind stats` counts: practice days, forgiving streaks, totals and check-ins.

Pure Python: the store hands over sums (SQL does the counting over the local-date column),
this module shapes them into a `Stats` result and its JSON form. `stats_view` turns a
result into the calendar and the sentences a person reads. Nothing here talks to a
terminal or a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple, Protocol

from kindcli.kinds import PRACTICE_IDS
from kindcli.practices.streaks import (
    Streaks,
    WeeklyIntention,
    days_practiced,
    streaks,
    week_start,
    weekly_intention,
)
from kindcli.store.records import JournalTotals, MeasureResult, PeriodTotals, RatingTotals

# A measure's first result, its latest, and how many there are.
MeasureSpan = tuple[MeasureResult, MeasureResult, int]

DEFAULT_WEEKS = 26
HEADLINE_DAYS = 30
MOST_USED = 3
# Below this many rated sessions, the check-in averages come with a plain caution.
FEW_RATINGS = 10


class StatsSource(Protocol):
    """What the stats need from the store (the Store class provides these)."""

    def stats_practice_days(self) -> list[date]: ...

    def stats_period(self, since: date) -> list[PeriodTotals]: ...

    def stats_journal(self, since: date) -> list[JournalTotals]: ...

    def stats_uses(self, since: date) -> list[tuple[str, str, int]]: ...

    def stats_practices_used(self) -> set[str]: ...

    def stats_journal_ratings(self, since: date) -> list[RatingTotals]: ...

    def measure_firsts_and_lasts(self) -> list[MeasureSpan]: ...


class NoHistory:
    """The history of someone who has not saved any practice yet."""

    def stats_practice_days(self) -> list[date]:
        return []

    def stats_period(self, since: date) -> list[PeriodTotals]:
        return []

    def stats_journal(self, since: date) -> list[JournalTotals]:
        return []

    def stats_uses(self, since: date) -> list[tuple[str, str, int]]:
        return []

    def stats_practices_used(self) -> set[str]:
        return set()

    def stats_journal_ratings(self, since: date) -> list[RatingTotals]:
        return []

    def measure_firsts_and_lasts(self) -> list[MeasureSpan]:
        return []


# Results are NamedTuples and small slotted classes rather than dataclasses: building a
# dataclass costs a few hundred microseconds at import, and `kind stats --json` is timed
# against a bare Typer app (bench/stats.py).


class Mood(NamedTuple):
    """Check-ins of sessions rated both before and after (0-10: higher is more intense)."""

    sessions: int = 0
    sum_before: float = 0.0
    sum_after: float = 0.0

    def plus(self, sessions: int, sum_before: float, sum_after: float) -> Mood:
        return Mood(
            self.sessions + sessions, self.sum_before + sum_before, self.sum_after + sum_after
        )

    @property
    def average_before(self) -> float | None:
        return self.sum_before / self.sessions if self.sessions else None

    @property
    def average_after(self) -> float | None:
        return self.sum_after / self.sessions if self.sessions else None

    @property
    def average_change(self) -> float | None:
        """After minus before: negative means things felt less intense afterwards."""
        if not self.sessions:
            return None
        return (self.sum_after - self.sum_before) / self.sessions

    def as_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "average_before": _round(self.average_before),
            "average_after": _round(self.average_after),
            "average_change": _round(self.average_change),
        }


class PracticeSummary:
    """Running sums for one practice type over the period."""

    __slots__ = (
        "logged_by_hand",
        "rated",
        "seconds",
        "sessions",
        "sum_after",
        "sum_before",
        "uses",
    )

    def __init__(self) -> None:
        self.sessions = 0
        self.seconds = 0.0
        self.logged_by_hand = 0
        self.rated = 0
        self.sum_before = 0.0
        self.sum_after = 0.0
        self.uses: Counter[str] = Counter()

    def add(self, row: PeriodTotals) -> None:
        self.sessions += row.sessions
        self.seconds += row.seconds
        self.logged_by_hand += row.logged_by_hand
        self.rated += row.rated
        self.sum_before += row.sum_before
        self.sum_after += row.sum_after

    @property
    def mood(self) -> Mood:
        return Mood(self.rated, self.sum_before, self.sum_after)

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    def most_used(self, limit: int = MOST_USED) -> list[tuple[str, int]]:
        return sorted(self.uses.items(), key=lambda u: (-u[1], u[0]))[:limit]


class DayTotals:
    """Counted sessions and seconds on one local date."""

    __slots__ = ("day", "seconds", "sessions")

    def __init__(self, day: date, sessions: int = 0, seconds: float = 0.0) -> None:
        self.day = day
        self.sessions = sessions
        self.seconds = seconds

    @property
    def minutes(self) -> float:
        return self.seconds / 60


class JournalSummary(NamedTuple):
    entries: int = 0
    words: int = 0
    reframes: int = 0
    prompts: tuple[tuple[str, int], ...] = ()
    # The optional 0-10 ratings entries keep (how loud the critic was, ...).
    ratings: tuple[RatingTotals, ...] = ()


class Stats(NamedTuple):
    today: date
    since: date
    calendar_start: date
    grace_days: int
    hide_streaks: bool
    streaks: Streaks
    days_last_30: int
    practice_days: list[date]
    days: dict[date, DayTotals]
    by_practice: dict[str, PracticeSummary]
    journal: JournalSummary
    intention: WeeklyIntention | None
    # Each measure ever taken: its first and latest result (all time, whatever `since`).
    measures: tuple[MeasureSpan, ...] = ()

    @property
    def period_days(self) -> list[DayTotals]:
        return [t for d, t in sorted(self.days.items()) if d >= self.since]

    @property
    def mood(self) -> Mood:
        return all_mood(self.by_practice.values())

    @property
    def sessions(self) -> int:
        return sum(s.sessions for s in self.by_practice.values())

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.by_practice.values())


def all_mood(summaries: Iterable[PracticeSummary]) -> Mood:
    """The check-ins of every practice together (`kind stats`, `kind report`)."""
    total = Mood()
    for summary in summaries:
        m = summary.mood
        total = total.plus(m.sessions, m.sum_before, m.sum_after)
    return total


def calendar_start(today: date, weeks: int) -> date:
    """The Monday that starts a calendar of `weeks` weeks ending with this week."""
    return week_start(today) - timedelta(weeks=weeks - 1)


def gather(
    source: StatsSource,
    *,
    today: date,
    grace_days: int,
    hide_streaks: bool = False,
    intention: int | None = None,
    since: date | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> Stats:
    """Collect everything `kind stats` shows. Totals cover `since` onwards (default: the
    calendar's first day); streaks and the 30-day headline always look at all practice."""
    start = calendar_start(today, weeks)
    since = start if since is None else since
    practice_days = source.stats_practice_days()
    by_practice = {p: PracticeSummary() for p in PRACTICE_IDS}
    days: dict[date, DayTotals] = {}
    for row in source.stats_period(min(since, start)):
        day = days.get(row.local_date)
        if day is None:
            day = days[row.local_date] = DayTotals(row.local_date)
        day.sessions += row.sessions
        day.seconds += row.seconds
        if row.local_date >= since:
            by_practice.setdefault(row.practice, PracticeSummary()).add(row)
    for practice, content_id, sessions in source.stats_uses(since):
        by_practice.setdefault(practice, PracticeSummary()).uses[content_id] += sessions
    journal_rows = source.stats_journal(since)
    journal = journal_summary(journal_rows, source.stats_journal_ratings(since))
    return Stats(
        today=today,
        since=since,
        calendar_start=start,
        grace_days=grace_days,
        hide_streaks=hide_streaks,
        streaks=streaks(practice_days, today, grace_days),
        days_last_30=days_practiced(
            practice_days, today - timedelta(days=HEADLINE_DAYS - 1), today
        ),
        practice_days=practice_days,
        days=days,
        by_practice=by_practice,
        journal=journal,
        intention=weekly_intention(practice_days, today, intention) if intention else None,
        measures=tuple(source.measure_firsts_and_lasts()),
    )


def journal_summary(
    journal_rows: list[JournalTotals], ratings: list[RatingTotals]
) -> JournalSummary:
    """Entries, words and reframes over the period, the prompts used most, and ratings."""
    return JournalSummary(
        entries=sum(r.entries for r in journal_rows),
        words=sum(r.words for r in journal_rows),
        reframes=sum(r.reframes for r in journal_rows),
        prompts=tuple(
            sorted(
                ((r.prompt_id, r.entries) for r in journal_rows if r.prompt_id),
                key=lambda u: (-u[1], u[0]),
            )[:MOST_USED]
        ),
        ratings=tuple(ratings),
    )


# ---- JSON ------------------------------------------------------------------------------------


def to_json(stats: Stats) -> dict[str, Any]:
    """The stable, documented JSON form (README: "kind stats --json")."""
    hidden = stats.hide_streaks
    period = stats.period_days
    mood = stats.mood
    intention = stats.intention
    last = stats.streaks.last_practice
    return {
        "today": stats.today.isoformat(),
        "since": stats.since.isoformat(),
        "grace_days": stats.grace_days,
        "streaks_hidden": hidden,
        "current_streak": None if hidden else stats.streaks.current,
        "longest_streak": None if hidden else stats.streaks.longest,
        "last_practice": last.isoformat() if last else None,
        "days_practiced_last_30": stats.days_last_30,
        "days_practiced": len(period),
        "sessions": stats.sessions,
        "minutes": _round(stats.minutes, 1),
        "by_practice": {
            p: {
                "sessions": s.sessions,
                "minutes": _round(s.minutes, 1),
                "logged_by_hand": s.logged_by_hand,
            }
            for p, s in stats.by_practice.items()
        },
        "most_used": {
            **{
                p: [{"id": i, "sessions": n} for i, n in s.most_used()]
                for p, s in stats.by_practice.items()
                if p != "journal"
            },
            "journal": [{"id": i, "entries": n} for i, n in stats.journal.prompts],
        },
        "mood": {
            **mood.as_json(),
            "by_practice": {p: s.mood.as_json() for p, s in stats.by_practice.items()},
        },
        "journal": {
            "entries": stats.journal.entries,
            "words": stats.journal.words,
            "reframes": stats.journal.reframes,
            "ratings": {
                r.id: {"name": r.name, "ratings": r.ratings, "average": _round(r.average)}
                for r in stats.journal.ratings
            },
        },
        "weekly_intention": None
        if intention is None
        else {
            "days_per_week": intention.days_per_week,
            "days_this_week": intention.days_this_week,
            "weeks_met_in_a_row": intention.weeks_met_in_a_row,
            "suggest_longer": intention.suggest_longer,
        },
        "days": [
            {"date": t.day.isoformat(), "sessions": t.sessions, "minutes": _round(t.minutes, 1)}
            for t in period
        ],
        "measures": _measures_json(stats.measures),
    }


def _measures_json(spans: tuple[MeasureSpan, ...]) -> list[dict[str, Any]]:
    if not spans:
        return []
    from kindcli.practices.measure_history import latest_json

    return [latest_json(first, latest, count) for first, latest, count in spans]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
