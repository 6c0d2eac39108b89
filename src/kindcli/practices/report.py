"""`kind report`: a page a person can bring to a therapy session.

What is on the page is gathered here once, as plain facts (a `Report`), and said here once
(`report_words`), so the Markdown and the HTML pages (`report_markdown`, `report_html`)
carry the same facts. By default the page holds numbers only: practice days, which
practices and for how long, check-ins before and after with their counts, measure scores,
and the tags and prompts used most. The person's own words (reframes, break notes, journal
entries, the safety plan) appear only when asked for, and the page says what it leaves out.

Pure Python on a `ReportSource` (the Store provides it). Nothing here claims more than the
numbers hold: averages come with how many ratings they rest on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from kindcli.kinds import PRACTICE_IDS
from kindcli.practices.journal_replies import Reply, replies
from kindcli.practices.measure_history import History, histories
from kindcli.practices.stats import (
    DayTotals,
    JournalSummary,
    Mood,
    PracticeSummary,
    all_mood,
    journal_summary,
)
from kindcli.store.records import (
    BreakNote,
    JournalEntry,
    JournalFilter,
    JournalTotals,
    MeasureResult,
    PeriodTotals,
    RatingTotals,
)

# What a person may ask to add, in the order the page shows them.
INCLUDES: dict[str, str] = {
    "reframes": "your kind replies to the inner critic",
    "notes": "the notes you wrote at breaks",
    "entries": "your journal entries",
    "plan": "your safety plan",
}
MOST = 5
DEFAULT_DAYS = 30  # the last 30 days, the last one included
# How a page says kind wrote it, so an earlier report (and only that) may be replaced.
MARKDOWN_MARKER = "<!-- made by kind report -->"
HTML_MARKER = '<meta name="generator" content="kind report">'
NOT_A_RECORD = (
    "kind is a self-help practice tool. This page is a record of practice kept on your own "
    "computer, not a clinical record or an assessment."
)


class ReportSource(Protocol):
    """What the report reads (the Store provides it)."""

    def stats_practice_days(self) -> list[date]: ...

    def stats_period(self, since: date) -> list[PeriodTotals]: ...

    def stats_uses(self, since: date, until: date | None = None) -> list[tuple[str, str, int]]: ...

    def stats_journal(self, since: date, until: date | None = None) -> list[JournalTotals]: ...

    def stats_journal_ratings(
        self, since: date, until: date | None = None
    ) -> list[RatingTotals]: ...

    def report_tags(self, since: date, until: date) -> list[tuple[str, int]]: ...

    def report_break_notes(self, since: date, until: date) -> list[BreakNote]: ...

    def measure_results(
        self,
        measure_id: str | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
    ) -> list[MeasureResult]: ...

    def journal_entries(
        self, filters: JournalFilter | None = None, limit: int | None = None
    ) -> list[JournalEntry]: ...

    def get_state(self, key: str, default: Any = None) -> Any: ...


@dataclass(frozen=True)
class PlanSection:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    since: date
    until: date
    made: datetime
    version: str
    include: frozenset[str]
    days: dict[date, DayTotals]  # practice days in the period only
    by_practice: dict[str, PracticeSummary]
    journal: JournalSummary
    tags: tuple[tuple[str, int], ...]
    measures: tuple[History, ...]
    earlier_results: dict[str, int]  # measure id -> results before `since`
    reframes: tuple[Reply, ...] = ()
    notes: tuple[BreakNote, ...] = ()
    entries: tuple[JournalEntry, ...] = ()
    plan: tuple[PlanSection, ...] = ()

    @property
    def length(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def mood(self) -> Mood:
        return all_mood(self.by_practice.values())

    @property
    def sessions(self) -> int:
        return sum(s.sessions for s in self.by_practice.values())

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.by_practice.values())


def gather(
    source: ReportSource,
    *,
    since: date,
    until: date,
    made: datetime,
    version: str,
    include: Iterable[str] = (),
) -> Report:
    """Everything the page shows for the local dates `since` to `until` (inclusive), and
    the person's own words only for what is in `include`."""
    wanted = frozenset(include)
    unknown = wanted - set(INCLUDES)
    if unknown:
        raise ValueError(f"unknown part: {', '.join(sorted(unknown))}")
    by_practice = {p: PracticeSummary() for p in PRACTICE_IDS}
    days: dict[date, DayTotals] = {}
    for row in source.stats_period(since):
        if row.local_date > until:
            continue
        day = days.get(row.local_date)
        if day is None:
            day = days[row.local_date] = DayTotals(row.local_date)
        day.sessions += row.sessions
        day.seconds += row.seconds
        summary = by_practice.get(row.practice)
        if summary is None:  # the store reads only the registry's practices
            summary = by_practice[row.practice] = PracticeSummary()
        summary.add(row)
    for practice, content_id, sessions in source.stats_uses(since, until):
        if practice in by_practice:
            by_practice[practice].uses[content_id] += sessions
    journal = journal_summary(
        source.stats_journal(since, until), source.stats_journal_ratings(since, until)
    )
    results = source.measure_results(since=since, until=until)
    found = histories(results)
    earlier: dict[str, int] = {}
    if found:
        for r in source.measure_results(until=since - timedelta(days=1)):
            earlier[r.measure_id] = earlier.get(r.measure_id, 0) + 1
    report = Report(
        since=since,
        until=until,
        made=made,
        version=version,
        include=wanted,
        days=days,
        by_practice=by_practice,
        journal=journal,
        tags=tuple(source.report_tags(since, until)[:MOST]),
        measures=tuple(found),
        earlier_results=earlier,
    )
    extra: dict[str, Any] = {}
    if "reframes" in wanted:
        written = source.journal_entries(JournalFilter(since, until, prompt_id="reframe"))
        extra["reframes"] = tuple(reversed(replies(written)))
    if "notes" in wanted:
        extra["notes"] = tuple(source.report_break_notes(since, until))
    if "entries" in wanted:
        extra["entries"] = tuple(reversed(source.journal_entries(JournalFilter(since, until))))
    if "plan" in wanted:
        extra["plan"] = plan_sections(source.get_state(_plan_key()))
    if not extra:
        return report
    from dataclasses import replace

    return replace(report, **extra)


def _plan_key() -> str:
    from kindcli.practices.safety_plan import STATE_KEY

    return STATE_KEY


def plan_sections(state: object) -> tuple[PlanSection, ...]:
    from kindcli.practices.safety_plan import SECTIONS, SafetyPlan

    plan = SafetyPlan.from_state(state)
    return tuple(PlanSection(s.title, tuple(plan.items(s.id))) for s in SECTIONS)


class EmptySource:
    """The history of someone who has saved nothing yet: a report of empty days."""

    def stats_practice_days(self) -> list[date]:
        return []

    def stats_period(self, since: date) -> list[PeriodTotals]:
        return []

    def stats_uses(self, since: date, until: date | None = None) -> list[tuple[str, str, int]]:
        return []

    def stats_journal(self, since: date, until: date | None = None) -> list[JournalTotals]:
        return []

    def stats_journal_ratings(self, since: date, until: date | None = None) -> list[RatingTotals]:
        return []

    def report_tags(self, since: date, until: date) -> list[tuple[str, int]]:
        return []

    def report_break_notes(self, since: date, until: date) -> list[BreakNote]:
        return []

    def measure_results(
        self,
        measure_id: str | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
    ) -> list[MeasureResult]:
        return []

    def journal_entries(
        self, filters: JournalFilter | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        return []

    def get_state(self, key: str, default: Any = None) -> Any:
        return default


def first_day(source: ReportSource) -> date | None:
    """The first day with anything to report (`--since all`): practice or a measure."""
    days = source.stats_practice_days()
    # Only a measure taken before the first practice day can start the report earlier.
    earlier = source.measure_results(until=days[0] - timedelta(days=1)) if days else []
    if not days:
        earlier = source.measure_results()
    found = [*days[:1], *(r.moment.local_date for r in earlier)]
    return min(found) if found else None


def written_by_report(head: str) -> bool:
    """Whether a file starting with `head` is a page kind report wrote."""
    return head.startswith(MARKDOWN_MARKER) or HTML_MARKER in head
