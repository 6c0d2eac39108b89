"""Taking everything out (`kind export`) and bringing it back in (`kind import`).

Export reads one consistent snapshot, oldest first, a batch at a time, so a long history
never has to fit in memory at once. Import is one write transaction: every record whose id
is new is added, one that is already there unchanged is skipped, and one whose id is there
with different content is a conflict, kept exactly as it was. Drafts are never exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from kindcli.store.journal import _COLUMNS, _FROM, Journal, _insert_entry, _where
from kindcli.store.measures import Measures, insert_measure_result
from kindcli.store.records import (
    Archive,
    Found,
    JournalEntry,
    JournalFilter,
    MergeReport,
    SessionRecord,
    StateItem,
)
from kindcli.store.sessions import insert_session, session_from_row

BATCH = 500
T = TypeVar("T")
_NOT_AN_ENTRY = "NOT EXISTS (SELECT 1 FROM journal_entries j WHERE j.session_id = s.id)"


class Transfer(Journal, Measures):
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: everything read inside it comes from the same moment,
        even while another kind saves a session."""
        self._conn.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def export_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[SessionRecord]:
        """Sessions that are not journal entries (breaks, breathing, meditations, practice
        logged by hand), oldest first, within local dates `since`..`until`."""
        where, args = [_NOT_AN_ENTRY], []
        if since is not None:
            where.append("s.local_date >= ?")
            args.append(since.isoformat())
        if until is not None:
            where.append("s.local_date <= ?")
            args.append(until.isoformat())
        cursor = self._conn.execute(
            f"SELECT s.* FROM sessions s WHERE {' AND '.join(where)} ORDER BY s.started_utc, s.id",
            args,
        )
        while rows := cursor.fetchmany(BATCH):
            yield from (session_from_row(r) for r in rows)

    def export_journal(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[JournalEntry]:
        """Journal entries oldest first (key order), within local dates `since`..`until`."""
        where, args = _where(JournalFilter(since, until), tag=False)
        cursor = self._conn.execute(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE {where} ORDER BY j.n", args
        )
        while rows := cursor.fetchmany(BATCH):
            yield from self._entries(rows)

    def state_items(self) -> list[StateItem]:
        rows = self._conn.execute("SELECT key, value, updated_utc FROM state ORDER BY key")
        return [StateItem(r[0], json.loads(r[1]), r[2]) for r in rows]

    # ---- import ---------------------------------------------------------------------------

    def compare_archive(self, archive: Archive) -> MergeReport:
        """What importing `archive` would do, changing nothing (`kind import --dry-run`)."""
        return _Comparison(self, archive).report

    def import_archive(self, archive: Archive) -> MergeReport:
        """Add every record of `archive` that is new, in one transaction (all or none)."""
        with self.transaction() as conn:
            comparison = _Comparison(self, archive)
            added = {(f.kind, f.id) for f in comparison.report.added}
            for record in archive.sessions:
                if ("session", record.id) in added:
                    insert_session(conn, record)
            for entry in archive.entries:
                if ("entry", entry.id) in added:
                    _insert_entry(conn, entry)
            for result in archive.measures:
                if ("measure", result.id) in added:
                    insert_measure_result(conn, result)
            conn.executemany(
                "INSERT INTO state (key, value, updated_utc) VALUES (?, ?, ?)",
                [
                    (item.key, json.dumps(item.value, ensure_ascii=False), item.updated_utc)
                    for item in archive.state
                    if ("state", item.key) in added
                ],
            )
        return comparison.report

    def _sessions_by_id(self, ids: Sequence[str]) -> dict[str, SessionRecord]:
        found: dict[str, SessionRecord] = {}
        for chunk in _chunks(ids):
            rows = self._conn.execute(
                f"SELECT * FROM sessions WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((r["id"], session_from_row(r)) for r in rows)
        return found

    def journal_entries_by_id(self, ids: Sequence[str]) -> dict[str, JournalEntry]:
        found: dict[str, JournalEntry] = {}
        for chunk in _chunks(ids):
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM {_FROM} WHERE j.session_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            found.update((e.id, e) for e in self._entries(rows))
        return found

    def _state_by_key(self, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for chunk in _chunks(keys):
            rows = self._conn.execute(
                f"SELECT key, value FROM state WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((r[0], json.loads(r[1])) for r in rows)
        return found


class _Comparison:
    """Each record of an archive set beside what the store holds under its id, a batch
    at a time (so a long archive never needs every stored record in memory at once)."""

    def __init__(self, store: Transfer, archive: Archive) -> None:
        self.report = MergeReport()
        for batch in _chunks(archive.sessions):
            ids = [r.id for r in batch]
            sessions, entries = store._sessions_by_id(ids), store.journal_entries_by_id(ids)
            for record in batch:
                taken = record.id in entries or record.id in sessions
                there = None if record.id in entries else sessions.get(record.id)
                self._place(_found("session", record), taken, there == record)
        for entry_batch in _chunks(archive.entries):
            ids = [e.id for e in entry_batch]
            sessions, entries = store._sessions_by_id(ids), store.journal_entries_by_id(ids)
            for entry in entry_batch:
                taken = entry.id in sessions or entry.id in entries
                same = entries.get(entry.id) == entry
                self._place(_found("entry", entry.session), taken, same)
        for measure_batch in _chunks(archive.measures):
            found = store.measure_results_by_id([m.id for m in measure_batch])
            for m in measure_batch:
                stored = found.get(m.id)
                where = Found("measure", m.id, None, m.moment.local_date)
                self._place(where, stored is not None, stored == m)
        state = store._state_by_key([item.key for item in archive.state])
        for item in archive.state:
            same = item.key in state and state[item.key] == item.value
            self._place(Found("state", item.key), item.key in state, same)

    def _place(self, found: Found, taken: bool, same: bool) -> None:
        if not taken:
            self.report.added.append(found)
        elif same:
            self.report.skipped.append(found)
        else:
            self.report.conflicts.append(found)


def _found(kind: str, record: SessionRecord) -> Found:
    return Found(kind, record.id, record.practice, record.moment.local_date)


def _chunks(items: Sequence[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), BATCH):
        yield list(items[start : start + BATCH])
