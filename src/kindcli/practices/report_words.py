"""How `kind report` says what it found: every sentence, table row and calendar cell, once,
so the Markdown and the HTML pages carry the same facts (`report` gathers them).

Pure Python. Nothing here claims more than the numbers hold: averages come with how many
ratings they rest on, and change is described, never graded.
"""

from __future__ import annotations

import calendar as calendar_module
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kindcli.kinds import BY_ID
from kindcli.practices.measure_history import History
from kindcli.practices.report import INCLUDES, MOST, Report
from kindcli.practices.stats import FEW_RATINGS, Mood
from kindcli.practices.stats_view import level
from kindcli.store.records import JournalEntry

CHECKIN_CAUTION = (
    "These are your own 0-10 ratings of how intense things felt, before and after a "
    "practice. They show how you felt around practice, not what caused it."
)
FEW = "That is only a few ratings, so hold these numbers lightly."


# ---- what is said, the same on every page ----------------------------------------------------


def long_date(day: date) -> str:
    """'March 2, 2026' (`kindcli.dates.long_date`, without the weekday)."""
    from kindcli.dates import long_date as written

    return written(day, weekday=False)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def period_words(report: Report) -> str:
    if report.since == report.until:
        return long_date(report.since)
    return f"{long_date(report.since)} to {long_date(report.until)}"


def made_words(report: Report) -> str:
    day = long_date(report.made.date())
    return f"Made on {day} at {report.made:%H:%M} with kind {report.version}."


def included_words(report: Report) -> list[str]:
    """What the page holds of the person's own words, and what it leaves out."""
    shown = [INCLUDES[k] for k in INCLUDES if k in report.include]
    left = [f"{INCLUDES[k]} (--include {k})" for k in INCLUDES if k not in report.include]
    lines = [
        "This page holds numbers about your practice from "
        f"{period_words(report)}: practice days, which practices and for how long, check-ins, "
        "measure scores, and the tags and prompts you used most."
    ]
    if shown:
        lines.append(f"You asked for it to include {_joined(shown)}.")
    if left:
        lines.append(f"It leaves out {_joined(left)}.")
    lines.append(
        "It always leaves out practice outside these dates, the single answers you gave to a "
        "measure (only the scores are here), and what you chose at each step of a break."
    )
    return lines


def _joined(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def days_words(report: Report) -> str:
    practiced = len(report.days)
    if not practiced:
        return f"No practice was recorded in these {plural(report.length, 'day')}."
    return (
        f"You practiced on {practiced} of the {plural(report.length, 'day')}: "
        f"{plural(report.sessions, 'session')}, {duration_words(report.minutes)} in all."
    )


def duration_words(minutes: float) -> str:
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if not hours:
        return plural(rest, "minute")
    if not rest:
        return plural(hours, "hour")
    return f"{plural(hours, 'hour')} {plural(rest, 'minute')}"


def practice_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """practice, sessions, minutes, logged by hand: the practices used in the period."""
    rows = []
    for practice, s in report.by_practice.items():
        if not s.sessions:
            continue
        name = BY_ID[practice].table_name if practice in BY_ID else practice
        rows.append((name, f"{s.sessions:,}", f"{s.minutes:,.0f}", f"{s.logged_by_hand:,}"))
    return rows


def most_used(report: Report) -> list[tuple[str, str]]:
    """(what, the ids used most with their counts) for each practice with any."""
    out = []
    for practice, s in report.by_practice.items():
        uses = s.most_used(MOST) if practice != "journal" else []
        if uses:
            name = BY_ID[practice].used_name if practice in BY_ID else practice
            out.append((name, ", ".join(f"{i} ({n:,})" for i, n in uses)))
    if report.journal.prompts:
        listed = ", ".join(f"{i} ({n:,})" for i, n in report.journal.prompts)
        out.append(("journal prompts", listed))
    if report.tags:
        out.append(("journal tags", ", ".join(f"{t} ({n:,})" for t, n in report.tags)))
    return out


def mood_rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """practice, sessions rated, average before, average after, change (after - before)."""
    rows = []
    for practice, s in report.by_practice.items():
        m = s.mood
        if m.sessions:
            name = BY_ID[practice].table_name if practice in BY_ID else practice
            rows.append((name, *_mood_cells(m)))
    total = report.mood
    if total.sessions and len(rows) > 1:
        rows.append(("all practices", *_mood_cells(total)))
    return rows


def _mood_cells(m: Mood) -> tuple[str, str, str, str]:
    change = m.average_change or 0.0
    moved = "about the same" if abs(change) < 0.05 else f"{change:+.1f}"
    return (f"{m.sessions:,}", f"{m.average_before or 0:.1f}", f"{m.average_after or 0:.1f}", moved)


def mood_words(report: Report) -> list[str]:
    m = report.mood
    if not m.sessions:
        return [
            "No sessions in this period have both a before and an after check-in. Check-ins "
            "are optional."
        ]
    change = m.average_change or 0.0
    how = (
        "about the same after as before"
        if abs(change) < 0.05
        else f"{abs(change):.1f} {'lower' if change < 0 else 'higher'} after than before"
    )
    lines = [
        f"{plural(m.sessions, 'session')} had a check-in before and after. On average, "
        f"intensity was {how} ({m.average_before or 0:.1f} before, "
        f"{m.average_after or 0:.1f} after, on a scale from 0 calm to 10 intense)."
    ]
    if m.sessions < FEW_RATINGS:
        lines.append(FEW)
    lines.append(CHECKIN_CAUTION)
    return lines


def journal_words(report: Report) -> list[str]:
    j = report.journal
    if not j.entries:
        return ["No journal entries were written in this period."]
    lines = [
        f"{plural(j.entries, 'journal entry', 'journal entries')}, {plural(j.words, 'word')}, "
        f"{plural(j.reframes, 'kind reply', 'kind replies')} to the inner critic."
    ]
    for r in j.ratings:
        if r.ratings:
            lines.append(
                f"{r.name}: {r.total / r.ratings:.1f} on average, from 0 to 10 "
                f"({plural(r.ratings, 'rating')})."
            )
    if any(r.ratings and r.ratings < FEW_RATINGS for r in j.ratings):
        lines.append(FEW)
    return lines


def measure_words(report: Report, history: History) -> list[str]:
    from kindcli.practices.measure import number, range_words, scoring_words, since_first

    latest = history.latest
    lines = [
        f"Scores are {scoring_words(latest)}, each {range_words(latest.headline)}. "
        f"Taken {_times(len(history.results))} in this period."
    ]
    if len(history.results) > 1:
        moved = since_first(history.first, latest, "the first in this period")
        lines.append(f"Latest: {moved}.")
    else:
        lines.append(f"Score: {number(latest.headline.value)}.")
    earlier = report.earlier_results.get(history.measure_id, 0)
    if earlier:
        lines.append(
            f"{plural(earlier, 'earlier result')} from before {long_date(report.since)} "
            "are not shown (`kind measure --history` shows every one)."
        )
    return lines


# ---- the calendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """One month of the period: weeks (Monday first) of days, None outside the month."""

    year: int
    month: int
    weeks: tuple[tuple[date | None, ...], ...]

    @property
    def title(self) -> str:
        return f"{calendar_module.month_name[self.month]} {self.year}"


def months(since: date, until: date) -> list[Month]:
    found = []
    year, month = since.year, since.month
    cal = calendar_module.Calendar(firstweekday=0)
    while (year, month) <= (until.year, until.month):
        weeks = tuple(
            tuple(d if d.month == month else None for d in week)
            for week in cal.monthdatescalendar(year, month)
        )
        found.append(Month(year, month, weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def day_level(report: Report, day: date) -> int | None:
    """0-4 as in `kind stats`, or None for a day outside the period."""
    if not report.since <= day <= report.until:
        return None
    return level(report.days.get(day))


def day_words(report: Report, day: date) -> str:
    totals = report.days.get(day)
    if totals is None:
        return "no practice"
    return f"{plural(totals.sessions, 'session')}, {duration_words(totals.minutes)}"


def weeks(report: Report) -> list[tuple[date, int, float]]:
    """(the week's first day in the period, sessions, minutes) for every week the period
    touches (a week starts on Monday)."""
    first = report.since - timedelta(days=report.since.weekday())
    out = []
    monday = first
    while monday <= report.until:
        days = [report.days.get(monday + timedelta(days=i)) for i in range(7)]
        out.append(
            (
                max(monday, report.since),
                sum(d.sessions for d in days if d),
                sum(d.minutes for d in days if d),
            )
        )
        monday += timedelta(days=7)
    return out


# What a page cannot hold: C0 controls but tab and newline, DEL and C1 (escape sequences
# among them), and lone surrogates (bytes that were not text, which UTF-8 cannot write).
_UNFIT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Outside text made fit for a page: control characters removed (an escape sequence
    loses its ESC and shows as text), a byte that was not text shown as `\\xNN`."""
    if _UNFIT.search(text) is None:
        return text
    return _UNFIT.sub(_fit, text.replace("\r\n", "\n"))


def _fit(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else ""


LEGEND = (
    "In the calendar, · is a day without practice, and ░ ▒ ▓ █ a day with one, two, three, "
    "or four or more sessions (or ten minutes for each step, if that is more)."
)


def entry_heading(entry: JournalEntry) -> str:
    tags = f" · tags: {', '.join(entry.tags)}" if entry.tags else ""
    return f"{long_date(entry.session.moment.local_date)} · {entry.prompt_id or 'journal'}{tags}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n:,} times")


# Up to this many weeks the practice is counted week by week; longer, month by month.
MOST_WEEKS = 26


def buckets(report: Report) -> tuple[str, list[tuple[str, str, int, float]]]:
    """('week'|'month', [(label, short label, sessions, minutes)]) over the period."""
    found = weeks(report)
    if len(found) <= MOST_WEEKS:
        return "week", [(long_date(m), f"{m:%b} {m.day}", s, mi) for m, s, mi in found]
    by_month: dict[tuple[int, int], list[float]] = {}
    for day, totals in sorted(report.days.items()):
        sums = by_month.setdefault((day.year, day.month), [0, 0.0])
        sums[0] += totals.sessions
        sums[1] += totals.minutes
    out = []
    for month in months(report.since, report.until):
        sessions, minutes = by_month.get((month.year, month.month), [0, 0.0])
        short = f"{calendar_module.month_abbr[month.month]} {month.year % 100:02d}"
        out.append((month.title, short, int(sessions), float(minutes)))
    return "month", out
