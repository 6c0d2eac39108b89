"""Forgetting for good (`kind data forget`): what is deleted leaves no copy in the file.

secure_delete (on for every connection) overwrites deleted rows with zeros; the whole file
is then rewritten (VACUUM) and the write-ahead log folded in and emptied, so neither
`kind.db` nor `kind.db-wal` holds a deleted word afterwards.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import date

from kindcli.store.database import Database

# Questions an entry no longer refers to (each distinct question is kept once, m008).
_UNUSED_QUESTIONS = (
    "DELETE FROM journal_questions WHERE id NOT IN (SELECT json_extract(a.value, '$[0]') "
    "FROM journal_entries e, json_each(e.answers) a)"
)


@dataclass(frozen=True)
class Forgotten:
    """How many of each were deleted."""

    sessions: int
    entries: int
    drafts: int
    remembered: int
    measures: int = 0  # measure results (`kind measure`), kept apart from sessions


class Forgetting(Database):
    def forgettable(self, before: date | None) -> Forgotten:
        """What `forget(before)` would delete (None: everything)."""
        where, args = ("WHERE local_date < ?", [before.isoformat()]) if before else ("", [])
        sessions = self._conn.execute(f"SELECT count(*) FROM sessions {where}", args).fetchone()
        entries = self._conn.execute(
            "SELECT count(*) FROM journal_entries j JOIN sessions s ON s.id = j.session_id "
            + where.replace("local_date", "s.local_date"),
            args,
        ).fetchone()
        drafts = self._conn.execute(f"SELECT count(*) FROM journal_drafts {where}", args)
        state = self._conn.execute("SELECT count(*) FROM state").fetchone()
        measures = self._conn.execute(f"SELECT count(*) FROM measure_results {where}", args)
        return Forgotten(
            sessions=int(sessions[0]) - int(entries[0]),
            entries=int(entries[0]),
            drafts=int(drafts.fetchone()[0]),
            remembered=0 if before else int(state[0]),
            measures=int(measures.fetchone()[0]),
        )

    def forget(self, before: date | None) -> Forgotten:
        """Delete every session, journal entry, draft and measure result from local dates
        before `before`; with None, everything the database holds (remembered values too)."""
        counted = self.forgettable(before)
        with self.transaction() as conn:
            if before is None:
                for table in ("sessions", "journal_drafts", "state", "measure_results"):
                    conn.execute(f"DELETE FROM {table}")
            else:
                day = before.isoformat()
                conn.execute("DELETE FROM sessions WHERE local_date < ?", (day,))
                conn.execute("DELETE FROM journal_drafts WHERE local_date < ?", (day,))
                conn.execute("DELETE FROM measure_results WHERE local_date < ?", (day,))
            conn.execute(_UNUSED_QUESTIONS)
        self.__dict__.pop("_question_cache", None)
        # Rewrite the file without the freed pages (best effort: another kind reading right
        # now only postpones it; secure_delete has already zeroed what was deleted).
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("VACUUM")
        self._wipe_old_copies()
        return counted
