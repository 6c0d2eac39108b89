"""Practice sessions: one row per break, breathing session, meditation or journal entry."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kindcli.kinds import PRACTICE_IDS, counts_as_practice
from kindcli.ports import Moment, format_utc, parse_utc
from kindcli.store.database import Database
from kindcli.store.records import SessionRecord

if TYPE_CHECKING:
    from datetime import datetime

_COLUMNS = (
    "id, practice, content_id, started_utc, utc_offset_minutes, local_date, planned_seconds, "
    "actual_seconds, completed, distress_before, distress_after, source, details, counted"
)
# A session saved again (a break that kept its note, then finished) keeps its id, its
# start and its kind; what happened since is brought up to date.
_UPSERT = (
    " ON CONFLICT (id) DO UPDATE SET actual_seconds = excluded.actual_seconds, "
    "completed = excluded.completed, distress_before = excluded.distress_before, "
    "distress_after = excluded.distress_after, details = excluded.details, "
    "counted = excluded.counted"
)


class Sessions(Database):
    def add_session(self, record: SessionRecord) -> None:
        with self.transaction() as conn:
            insert_session(conn, record)

    def add_sessions(self, records: Iterable[SessionRecord]) -> int:
        """Save many sessions in one transaction (all or none); returns how many."""
        return self.insert_all(records, insert_session)

    def save_session(self, record: SessionRecord) -> None:
        """Insert the session, or bring a saved one with the same id up to date (a practice
        that keeps what was done so far, then finishes)."""
        with self.transaction() as conn:
            insert_session(conn, record, replace=True)

    def sessions(self, limit: int = 20, practice: str | None = None) -> list[SessionRecord]:
        """Sessions newest first, of one practice or all."""
        sql = "SELECT * FROM sessions"
        args: list[Any] = []
        if practice:
            sql += " WHERE practice = ?"
            args.append(practice)
        sql += " ORDER BY started_utc DESC, id DESC LIMIT ?"
        args.append(limit)
        return [session_from_row(r) for r in self._conn.execute(sql, args)]

    def last_practice_day(self, practice: str | None = None) -> date | None:
        """The latest local date with counted practice (of one practice, or any)."""
        if practice is None:
            row = self._conn.execute("SELECT max(local_date) FROM practice_days").fetchone()
        else:
            # (practice, local_date) is indexed: the newest counted row is found from the end.
            row = self._conn.execute(
                "SELECT max(local_date) FROM sessions WHERE practice = ? AND counted",
                (practice,),
            ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def last_practice_utc(self) -> datetime | None:
        """When the latest counted practice began (any practice), as a UTC instant."""
        row = self._conn.execute("SELECT max(started_utc) FROM sessions WHERE counted").fetchone()
        return parse_utc(row[0]) if row and row[0] else None

    def history(
        self,
        limit: int,
        practice: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[SessionRecord]:
        """Sessions of every practice (or one) newest first, within local dates
        `since`..`until`: read newest first from each practice's (practice, started_utc)
        index and merged by SQLite, so the newest few cost the same in any length of
        history."""
        practices = [practice] if practice else list(PRACTICE_IDS)
        bounds, args = "", []
        # A local date lies within a day of the same UTC date, whatever the offset: a
        # coarse bound on the instant reads only that part of the index, and the local
        # date is then checked exactly.
        if since is not None:
            bounds += " AND started_utc >= ? AND local_date >= ?"
            args += [(since - timedelta(days=1)).isoformat(), since.isoformat()]
        if until is not None:
            bounds += " AND started_utc < ? AND local_date <= ?"
            args += [(until + timedelta(days=2)).isoformat(), until.isoformat()]
        arms = " UNION ALL ".join(
            "SELECT * FROM (SELECT * FROM sessions INDEXED BY sessions_by_practice_time "
            f"WHERE practice = ?{bounds} ORDER BY started_utc DESC LIMIT ?)"
            for _ in practices
        )
        params = [a for p in practices for a in (p, *args, limit)]
        rows = self._conn.execute(
            f"{arms} ORDER BY started_utc DESC, id DESC LIMIT ?", [*params, limit]
        )
        return [session_from_row(r) for r in rows]

    def session_ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Session ids (of any practice) that start with `prefix`."""
        if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
            return []
        rows = self._conn.execute(
            "SELECT id FROM sessions WHERE id GLOB ? ORDER BY id LIMIT ?", (prefix + "*", limit)
        )
        return [r[0] for r in rows]

    def delete_session(self, session_id: str) -> bool:
        """Delete one session of any practice (a journal entry's words, tags and index rows
        go with it); no copy of what it held is left in the file or its write-ahead log."""
        with self.transaction() as conn:
            done = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._wipe_old_copies()
        return done.rowcount == 1

    def session(self, session_id: str) -> SessionRecord | None:
        row = self._conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return session_from_row(row) if row else None


def insert_session(conn: sqlite3.Connection, r: SessionRecord, *, replace: bool = False) -> None:
    """Write one session inside the caller's transaction. Whether it counts as practice is
    decided here, by the one rule in `kindcli.kinds`, so every query can trust `counted`."""
    counted = counts_as_practice(r.practice, r.source, r.completed, r.actual_seconds, r.details)
    conn.execute(
        f"INSERT INTO sessions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + (_UPSERT if replace else ""),
        (
            r.id,
            r.practice,
            r.content_id,
            format_utc(r.moment.utc),
            r.moment.offset_minutes,
            r.moment.local_date.isoformat(),
            r.planned_seconds,
            r.actual_seconds,
            int(r.completed),
            r.distress_before,
            r.distress_after,
            r.source,
            json.dumps(r.details, ensure_ascii=False),
            int(counted),
        ),
    )


def moment_from_row(row: sqlite3.Row) -> Moment:
    """A row's started_utc, utc_offset_minutes and local_date, as one Moment."""
    return Moment(
        utc=parse_utc(row["started_utc"]),
        offset_minutes=row["utc_offset_minutes"],
        local_date=date.fromisoformat(row["local_date"]),
    )


def session_from_row(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        practice=row["practice"],
        content_id=row["content_id"],
        moment=moment_from_row(row),
        planned_seconds=row["planned_seconds"],
        actual_seconds=row["actual_seconds"],
        completed=bool(row["completed"]),
        distress_before=row["distress_before"],
        distress_after=row["distress_after"],
        source=row["source"],
        details=json.loads(row["details"]),
    )
