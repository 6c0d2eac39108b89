"""The sums behind `kind stats`: practice days, per-day totals, journal figures.

What counts as practice is decided once, when a session is written (`sessions.counted`,
from the rule in `kindcli.kinds`); these queries only read that column. They lean on the
session indexes so that a long history costs index reads, not table scans.
"""

from __future__ import annotations

from datetime import date

from kindcli.kinds import PRACTICE_IDS
from kindcli.store.database import Database
from kindcli.store.records import JournalTotals, PeriodTotals, RatingTotals

_KNOWN = ", ".join(f"'{p}'" for p in PRACTICE_IDS)


def _last(until: date | None) -> str:
    # ISO dates sort as text; this is after every date there is.
    return until.isoformat() if until is not None else "9999-12-31"


class Stats(Database):
    def stats_practice_days(self) -> list[date]:
        """Every local date with counted practice, oldest first, over all time."""
        # practice_days is kept exact by triggers (migration m007), one row per day.
        rows = self._tuples().execute("SELECT local_date FROM practice_days ORDER BY local_date")
        fromiso = date.fromisoformat
        return [fromiso(r[0]) for r in rows]

    def stats_period(self, since: date) -> list[PeriodTotals]:
        """Counted sessions from `since` on, summed per practice and local date."""
        # practice_totals holds one row per practice, day and content (kept exact by the
        # triggers of m008), so this reads a few rows per day of the period, however many
        # sessions each day had, in (practice, local_date) key order: no sort.
        rows = self._tuples().execute(
            "SELECT local_date, practice, sum(sessions), sum(milliseconds), sum(by_hand), "
            "sum(rated), sum(sum_before), sum(sum_after) FROM practice_totals "
            f"WHERE practice IN ({_KNOWN}) AND local_date >= ? GROUP BY practice, local_date",
            (since.isoformat(),),
        )
        fromiso = date.fromisoformat
        return [
            PeriodTotals(fromiso(r[0]), r[1], r[2], r[3] / 1000, r[4], r[5], r[6], r[7])
            for r in rows
        ]

    def stats_uses(self, since: date, until: date | None = None) -> list[tuple[str, str, int]]:
        """What counted sessions from `since` on (to `until`, inclusive) used (a break, a
        pattern), per practice: (practice, content id, sessions)."""
        rows = self._tuples().execute(
            "SELECT practice, content_id, sum(sessions) FROM practice_totals "
            f"WHERE practice IN ({_KNOWN}) AND local_date >= ? AND local_date <= ? "
            "AND content_id != '' GROUP BY practice, content_id",
            (since.isoformat(), _last(until)),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def stats_journal(self, since: date, until: date | None = None) -> list[JournalTotals]:
        """Journal entries from `since` on (to `until`, inclusive), per prompt: entries,
        words, reframes written."""
        rows = self._tuples().execute(
            "SELECT prompt_id, sum(entries), sum(words), sum(reframes) FROM journal_totals "
            "WHERE local_date >= ? AND local_date <= ? GROUP BY prompt_id",
            (since.isoformat(), _last(until)),
        )
        return [JournalTotals(r[0] or None, r[1], r[2], r[3]) for r in rows]

    def stats_journal_ratings(self, since: date, until: date | None = None) -> list[RatingTotals]:
        """The 0-10 ratings journal entries keep (`details.ratings`: how loud the critic was,
        how believable the kind reply felt), per rating, from `since` on (to `until`)."""
        # journal_rating_totals holds one row per day and rating (kept exact by the
        # triggers of m009), so a long history costs nothing here.
        rows = self._tuples().execute(
            "SELECT rating_id, max(name), sum(ratings), sum(total) FROM journal_rating_totals "
            "WHERE local_date >= ? AND local_date <= ? GROUP BY rating_id ORDER BY rating_id",
            (since.isoformat(), _last(until)),
        )
        return [RatingTotals(str(r[0]), str(r[1] or r[0]), int(r[2]), float(r[3])) for r in rows]

    def stats_practices_used(self) -> set[str]:
        """The practices with any session at all, ever (so a practice never tried needs no
        row in `kind stats`): one index lookup per practice, whatever the history's size."""
        probes = " UNION ALL ".join(
            "SELECT ? WHERE EXISTS (SELECT 1 FROM sessions WHERE practice = ?)"
            for _ in PRACTICE_IDS
        )
        args = [p for practice in PRACTICE_IDS for p in (practice, practice)]
        return {r[0] for r in self._tuples().execute(probes, args)}
