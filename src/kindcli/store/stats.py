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
        # Grouping in (practice, local_date) index order needs no sort; content ids come
        # along as one joined string per group (unit separator) to be counted by the caller.
        rows = self._tuples().execute(
            "SELECT local_date, practice, count(*), total(actual_seconds), "
            "count(CASE WHEN source = 'manual' THEN 1 END), "
            "count(CASE WHEN distress_before IS NOT NULL AND distress_after IS NOT NULL "
            "THEN 1 END), "
            "total(CASE WHEN distress_after IS NOT NULL THEN distress_before END), "
            "total(CASE WHEN distress_before IS NOT NULL THEN distress_after END), "
            "group_concat(content_id, char(31)) "
            f"FROM sessions WHERE practice IN ({_KNOWN}) AND local_date >= ? AND counted "
            "GROUP BY practice, local_date",
            (since.isoformat(),),
        )
        fromiso = date.fromisoformat
        return [
            PeriodTotals(
                fromiso(r[0]),
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                tuple(r[8].split("\x1f")) if r[8] else (),
            )
            for r in rows
        ]

    def stats_journal(self, since: date, until: date | None = None) -> list[JournalTotals]:
        """Journal entries from `since` on (to `until`, inclusive), per prompt: entries,
        words, reframes written."""
        rows = self._conn.execute(
            "SELECT e.prompt_id, count(*), total(e.words), "
            "count(CASE WHEN e.prompt_id = 'reframe' AND EXISTS ("
            "SELECT 1 FROM json_each(e.answers) a "
            "WHERE json_extract(a.value, '$.question_id') = 'reframe' "
            "AND trim(coalesce(json_extract(a.value, '$.answer'), '')) != '') THEN 1 END) "
            "FROM sessions s JOIN journal_entries e ON e.session_id = s.id "
            "WHERE s.practice = 'journal' AND s.local_date >= ? AND s.local_date <= ? "
            "GROUP BY e.prompt_id",
            (since.isoformat(), _last(until)),
        )
        return [JournalTotals(r[0], r[1], int(r[2]), r[3]) for r in rows]

    def stats_journal_ratings(self, since: date, until: date | None = None) -> list[RatingTotals]:
        """The 0-10 ratings journal entries keep (`details.ratings`: how loud the critic was,
        how believable the kind reply felt), per rating, from `since` on (to `until`)."""
        rows = self._tuples().execute(
            "SELECT json_extract(r.value, '$.id') AS rid, max(json_extract(r.value, '$.name')), "
            "count(*), total(json_extract(r.value, '$.value')) "
            "FROM sessions s, json_each(s.details, '$.ratings') r "
            "WHERE s.practice = 'journal' AND s.local_date >= ? AND s.local_date <= ? "
            "AND json_type(r.value, '$.value') IN ('integer', 'real') "
            "GROUP BY rid ORDER BY rid",
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
