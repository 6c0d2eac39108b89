"""What `kind report` reads besides the sums `kind stats` reads: tags used over a period,
and break notes (only when the person asks for them)."""

from __future__ import annotations

from datetime import date

from kindcli.store.database import Database
from kindcli.store.records import BreakNote
from kindcli.store.sessions import moment_from_row


class Reports(Database):
    def report_tags(self, since: date, until: date) -> list[tuple[str, int]]:
        """Tags on journal entries written between two local dates, most used first."""
        rows = self._conn.execute(
            "SELECT t.tag, count(*) AS n FROM journal_tags t "
            "JOIN journal_entries e ON e.n = t.entry JOIN sessions s ON s.id = e.session_id "
            "WHERE s.practice = 'journal' AND s.local_date BETWEEN ? AND ? "
            "GROUP BY t.tag ORDER BY n DESC, t.tag",
            (since.isoformat(), until.isoformat()),
        )
        return [(r[0], int(r[1])) for r in rows]

    def report_break_notes(self, since: date, until: date) -> list[BreakNote]:
        """The private notes written at breaks between two local dates, oldest first."""
        rows = self._conn.execute(
            "SELECT started_utc, utc_offset_minutes, local_date, content_id, "
            "json_extract(details, '$.note') AS note FROM sessions "
            "WHERE practice = 'break' AND local_date BETWEEN ? AND ? "
            "AND trim(coalesce(json_extract(details, '$.note'), '')) != '' "
            "ORDER BY started_utc, id",
            (since.isoformat(), until.isoformat()),
        )
        return [BreakNote(moment_from_row(r), r["content_id"], str(r["note"])) for r in rows]
