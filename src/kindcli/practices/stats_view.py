"""How `kind stats` reads: the calendar grid and every sentence, from a `Stats` result.

Pure Python like the rest of practices/: the command renders these lines (with color on
a terminal, the same glyphs without). Only the human view loads this module; `--json`
never needs it.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from kindcli.dates import long_date
from kindcli.kinds import KINDS
from kindcli.practices import fresh_start
from kindcli.practices.stats import (
    FEW_RATINGS,
    HEADLINE_DAYS,
    DayTotals,
    Mood,
    Stats,
    calendar_start,
)
from kindcli.practices.streaks import week_start

# ---- the calendar ------------------------------------------------------------------------------

# Shading that reads without color: none, then light to full.
GLYPHS = ("·", "░", "▒", "▓", "█")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4


def level(day: DayTotals | None) -> int:
    """0 for no practice, else 1-4 by sessions or by ten-minute blocks, whichever is more."""
    if day is None or day.sessions == 0:
        return 0
    effort = max(day.sessions, math.ceil(day.minutes / 10))
    return min(4, max(1, effort))


@dataclass(frozen=True)
class Calendar:
    """A grid of weeks (columns) by weekdays (rows). A cell is a level 0-4, or None for a
    day after today. `cell_width` is 2 (glyph and space) or 1 on a narrow terminal."""

    months: str
    rows: list[tuple[str, list[int | None]]]
    cell_width: int
    weeks: int
    trimmed: bool


def calendar(days: dict[date, DayTotals], today: date, weeks: int, width: int = 80) -> Calendar:
    """The last `weeks` weeks, fitted to `width` columns (narrower cells, then fewer weeks)."""
    room = max(1, width - LABEL_WIDTH)
    if weeks * 2 - 1 <= room:
        cell_width, shown = 2, weeks
    else:
        cell_width, shown = 1, min(weeks, room)
    start = calendar_start(today, shown)
    rows: list[tuple[str, list[int | None]]] = []
    for weekday, name in enumerate(WEEKDAYS):
        cells: list[int | None] = []
        for week in range(shown):
            day = start + timedelta(weeks=week, days=weekday)
            cells.append(None if day > today else level(days.get(day)))
        rows.append((name, cells))
    return Calendar(_month_labels(start, shown, cell_width), rows, cell_width, shown, shown < weeks)


def _month_labels(start: date, weeks: int, cell_width: int) -> str:
    """Month names above the week that holds the 1st; the opening week gets its month too
    when the next label leaves room for it."""
    labels: list[tuple[int, str, bool]] = []
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7:
            name, opening = sunday.strftime("%b"), False
        elif week == 0:
            name, opening = monday.strftime("%b"), True
        else:
            continue
        x = LABEL_WIDTH + week * cell_width
        if labels and x < labels[-1][0] + len(labels[-1][1]) + 1:
            if not labels[-1][2]:
                continue
            labels.pop()
        labels.append((x, name, opening))
    line = ""
    for x, name, _ in labels:
        line = line.ljust(x) + name
    return line


def calendar_text(grid: Calendar) -> list[str]:
    """The calendar as plain lines (the color view styles the same glyphs)."""
    lines = [grid.months]
    for name, cells in grid.rows:
        text = "".join(cell_glyph(c).ljust(grid.cell_width) for c in cells)
        lines.append((name.ljust(LABEL_WIDTH) + text).rstrip())
    return lines


def cell_glyph(cell: int | None) -> str:
    return " " if cell is None else GLYPHS[cell]


def legend() -> str:
    return f"{' ' * LABEL_WIDTH}{GLYPHS[0]} no practice   less {' '.join(GLYPHS[1:])} more"


# ---- words -------------------------------------------------------------------------------------

# Each practice's row in the totals table and its "most used" line, from the registry.
# (The totals count sessions, so journaling logged by hand fits beside written entries.)
TABLE_NAMES = {k.id: k.table_name for k in KINDS}
MOST_USED_NAMES = {k.id: k.used_name for k in KINDS}
FRESH_START = "Welcome back — every day is a fresh start."
NOTHING_YET = (
    "Nothing recorded yet. Whenever you are ready, a short `kind break` or `kind breathe` "
    "is a gentle place to begin, and `kind log` records practice done away from the keyboard."
)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def headline(stats: Stats) -> str:
    if not stats.practice_days:
        return NOTHING_YET
    if stats.days_last_30 == 0:
        return f"No practice in the last {HEADLINE_DAYS} days, and that is okay."
    return f"You practiced on {stats.days_last_30} of the last {HEADLINE_DAYS} days."


def streak_lines(stats: Stats) -> list[str]:
    """A current streak plainly, or a welcome back: never a streak counted down to zero."""
    s = stats.streaks
    if s.last_practice is None:
        return []
    # A Monday or the first of a month is a natural fresh start, and can say so.
    welcome = fresh_start.new_period(stats.today) or FRESH_START
    back = fresh_start.returned(stats.practice_days, stats.today, stats.grace_days)
    if stats.hide_streaks:
        if s.fresh_start and stats.days_last_30 == 0:
            return [welcome]
        return [fresh_start.STATS_RETURNED] if back else []
    if s.fresh_start:
        return [welcome, f"Your longest streak so far: {plural(s.longest, 'day')}."]
    grace = (
        "Each practice day counts; there are no rest days in your streaks."
        if stats.grace_days == 0
        else f"Up to {plural(stats.grace_days, 'rest day')} between practice days "
        "keeps a streak going."
    )
    return [
        *([fresh_start.STATS_RETURNED] if back else []),
        f"Current streak: {plural(s.current, 'day')}. Longest: {plural(s.longest, 'day')}.",
        grace,
    ]


def intention_lines(stats: Stats) -> list[str]:
    i = stats.intention
    if i is None:
        return []
    if i.days_this_week == 0 and stats.today.weekday() == 0:
        # Monday, nothing yet: a new week to begin, not a count of nothing.
        days = plural(i.days_per_week, "day")
        lines = [f"A new week begins today, with your intention of {days} ahead of you."]
    else:
        lines = [f"{i.days_this_week} of {i.days_per_week} days this week."]
    if i.suggest_longer:
        lines.append(
            f"You have met your intention {i.weeks_met_in_a_row} weeks in a row. If it feels "
            "right, you might let a practice run a little longer: a few more breaths, or a "
            "minute more."
        )
    return lines


def period_title(stats: Stats) -> str:
    if stats.since == stats.calendar_start:
        weeks = (week_start(stats.today) - stats.since).days // 7 + 1
        return f"The last {plural(weeks, 'week')}"
    if stats.since <= date(1, 1, 2):
        return "All your practice"
    return f"Since {long_date(stats.since, weekday=False)}"


def practice_rows(stats: Stats, used: Collection[str] | None = None) -> list[tuple[str, str, str]]:
    """One row per practice; with `used` (the practices ever used), a practice never used
    has no row rather than a row of zeros."""
    rows = []
    for practice, s in stats.by_practice.items():
        if used is not None and practice not in used and not s.sessions:
            continue
        name = TABLE_NAMES.get(practice, practice)
        minutes = f"{s.minutes:,.0f}"
        rows.append((name, f"{s.sessions:,}", minutes))
    return rows


def logged_line(stats: Stats) -> str | None:
    logged = sum(s.logged_by_hand for s in stats.by_practice.values())
    if not logged:
        return None
    return f"You logged {logged:,} of these by hand."


def most_used_lines(stats: Stats, names: dict[str, dict[str, str]]) -> list[str]:
    """`names` maps a practice type to {content id: display name}, when kind knows them."""
    lines = []
    for practice, summary in stats.by_practice.items():
        uses = stats.journal.prompts if practice == "journal" else tuple(summary.most_used())
        if not uses:
            continue
        known = names.get(practice, {})
        listed = ", ".join(f"{known.get(i, i)} ({n:,})" for i, n in uses)
        lines.append(f"{MOST_USED_NAMES.get(practice, practice)}: {listed}")
    return lines


def mood_lines(stats: Stats) -> list[str]:
    mood = stats.mood
    if not mood.sessions:
        return [
            "No sessions with both a before and an after check-in here yet. Check-ins are "
            "optional; if you use them, this is where they add up."
        ]
    lines = [
        f"{plural(mood.sessions, 'session')} with a check-in before and after: "
        f"{_mood_numbers(mood)}."
    ]
    for practice, summary in stats.by_practice.items():
        m = summary.mood
        if m.sessions and m.sessions != mood.sessions:
            name = TABLE_NAMES.get(practice, practice)
            lines.append(f"  {name}: {plural(m.sessions, 'session')}, {_mood_numbers(m)}")
    if mood.sessions < FEW_RATINGS:
        lines.append("That is only a few ratings, so hold these numbers lightly.")
    lines.append(
        "These are your own 0-10 ratings of how intense things felt. They show how you felt "
        "around practice, not what caused it."
    )
    return lines


def _mood_numbers(m: Mood) -> str:
    before, after, change = m.average_before or 0.0, m.average_after or 0.0, m.average_change
    if change is None or abs(change) < 0.05:
        how = "about the same"
    elif change < 0:
        how = f"{-change:.1f} lower"
    else:
        how = f"{change:.1f} higher"
    return f"{before:.1f} before and {after:.1f} after on average ({how})"


def journal_line(stats: Stats) -> str | None:
    j = stats.journal
    if not j.entries:
        return None
    return (
        f"Journal: {plural(j.entries, 'entry', 'entries')}, {plural(j.words, 'word')} written, "
        f"{plural(j.reframes, 'reframe')}."
    )


def ratings_line(stats: Stats) -> str | None:
    """The journal's optional 0-10 ratings (how loud the critic was, ...), with counts."""
    rated = [r for r in stats.journal.ratings if r.ratings]
    if not rated:
        return None
    parts = [
        f"{r.name.lower()}, {r.total / r.ratings:.1f} on average ({plural(r.ratings, 'rating')})"
        for r in rated
    ]
    return f"Your 0-10 ratings in the journal: {'; '.join(parts)}."


def measure_lines(stats: Stats) -> list[str]:
    """Each measure's latest score and how it moved since the first (described, not graded)."""
    if not stats.measures:
        return []
    from kindcli.practices.measure import since_first

    return [f"{b.measure_name}: {since_first(a, b)}." for a, b, _ in stats.measures]
