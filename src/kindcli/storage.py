"""The local store: one SQLite file, and all of kind's SQL.

Opening is careful: a file that is not a kind database, is damaged, or was written by a
newer kind is inspected read-only and refused with a clear error, byte-for-byte untouched.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kindcli.errors import CorruptStore, MigrationError, NewerStore, NotAKindDatabase
from kindcli.migrations import APPLICATION_ID, MIGRATIONS, Migration
from kindcli.paths import ensure_private_dir
from kindcli.ports import Moment, format_utc, parse_utc
from kindcli.records import PRACTICE_TYPES, JournalTotals, PeriodTotals, SessionRecord

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Inspection:
    """What a read-only look at an existing file found."""

    exists: bool
    schema_version: int
    application_id: int
    tables: tuple[str, ...]


def inspect_file(path: Path, known_version: int) -> Inspection:
    """Look at `path` without changing it; raise if kind must not open it."""
    if not path.exists() or path.stat().st_size == 0:
        return Inspection(False, 0, 0, ())
    with open(path, "rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotAKindDatabase(path)
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise CorruptStore(path, str(e)) from None
    if app_id != APPLICATION_ID and (app_id != 0 or tables or version):
        raise NotAKindDatabase(path)
    if version > known_version:
        raise NewerStore(path, version, known_version)
    return Inspection(True, version, app_id, tables)


class Store:
    """kind's database. Open with `Store.open(path)`; use as a context manager to close."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> Store:
        inspect_file(path, len(migrations))
        if not path.exists():
            ensure_private_dir(path.parent)
            # Create the file ourselves so it is private from its first byte; SQLite gives
            # the -wal and -shm files the same permissions as the database.
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as e:
            raise CorruptStore(path, str(e)) from None
        store = cls(conn, path)
        try:
            store.migrate(migrations)
        except BaseException:
            conn.close()
            raise
        return store

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        for number, step in enumerate(migrations, start=1):
            if self.schema_version >= number:
                continue
            try:
                with self.transaction():
                    # Another kind may have migrated while we waited for the write lock.
                    if self.schema_version >= number:
                        continue
                    step.apply(self._conn)
                    self._conn.execute(f"PRAGMA user_version = {number}")
                    if number == 1:
                        self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            except sqlite3.Error as e:
                raise MigrationError(self.path, step.name, str(e)) from None

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction. IMMEDIATE takes the write lock up front, so two kind
        processes queue behind the busy timeout instead of failing with 'locked'."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- sessions ------------------------------------------------------------------------

    def add_session(self, record: SessionRecord) -> None:
        with self.transaction() as conn:
            self._insert_session(conn, record)

    def _insert_session(self, conn: sqlite3.Connection, r: SessionRecord) -> None:
        conn.execute(
            """
            INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes,
                local_date, planned_seconds, actual_seconds, completed, distress_before,
                distress_after, source, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
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
            ),
        )

    def get_session(self, session_id: str) -> SessionRecord | None:
        row = self._conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return _session_from_row(row) if row else None

    def recent_sessions(self, limit: int = 20, practice: str | None = None) -> list[SessionRecord]:
        sql = "SELECT * FROM sessions"
        args: list[Any] = []
        if practice:
            sql += " WHERE practice = ?"
            args.append(practice)
        sql += " ORDER BY started_utc DESC LIMIT ?"
        args.append(limit)
        return [_session_from_row(r) for r in self._conn.execute(sql, args)]

    # ---- small remembered values ------------------------------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_state(self, key: str, value: Any, moment: Moment) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO state (key, value, updated_utc) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_utc = excluded.updated_utc",
                (key, json.dumps(value, ensure_ascii=False), moment.utc_text),
            )

    # ---- stats ----------------------------------------------------------------------------
    # What counts as practice, in one place: a break, a journal entry, a meditation, and a
    # breathing session with at least one full cycle (or one logged by hand). Queries lean on
    # the two session indexes so that a long history costs index reads, not table scans.

    _BREATH_COUNTED = "(source = 'manual' OR json_extract(details, '$.cycles_completed') >= 1)"

    def stats_practice_days(self) -> list[date]:
        """Every local date with counted practice, oldest first, over all time."""
        # Each distinct date comes from the local-date index; one index seek then finds a
        # break, journal entry or meditation that day. Only days with nothing but breathing
        # read rows, to look for a full cycle.
        cursor = self._conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            "SELECT day FROM (SELECT DISTINCT local_date AS day FROM sessions) "
            "WHERE EXISTS (SELECT 1 FROM sessions WHERE local_date = day "
            "AND practice IN ('break', 'journal', 'meditation')) "
            "OR EXISTS (SELECT 1 FROM sessions WHERE local_date = day "
            f"AND practice = 'breathing' AND {self._BREATH_COUNTED})"
        )
        fromiso = date.fromisoformat
        return [fromiso(day) for day in sorted(r[0] for r in rows)]

    def stats_period(self, since: date) -> list[PeriodTotals]:
        """Counted sessions from `since` on, summed per practice and local date."""
        types = ", ".join(f"'{p}'" for p in PRACTICE_TYPES)
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples: hundreds of rows on a long history
        # Grouping in (practice, local_date) index order needs no sort; content ids come
        # along as one joined string per group (unit separator) to be counted by the caller.
        rows = cursor.execute(
            "SELECT local_date, practice, count(*), total(actual_seconds), "
            "count(CASE WHEN source = 'manual' THEN 1 END), "
            "count(CASE WHEN distress_before IS NOT NULL AND distress_after IS NOT NULL "
            "THEN 1 END), "
            "total(CASE WHEN distress_after IS NOT NULL THEN distress_before END), "
            "total(CASE WHEN distress_before IS NOT NULL THEN distress_after END), "
            "group_concat(content_id, char(31)) "
            f"FROM sessions WHERE practice IN ({types}) AND local_date >= ? "
            f"AND (practice != 'breathing' OR {self._BREATH_COUNTED}) "
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

    def stats_journal(self, since: date) -> list[JournalTotals]:
        """Journal entries from `since` on, per prompt: entries, words, reframes written."""
        self._conn.create_function("kind_words", 1, _count_words, deterministic=True)
        rows = self._conn.execute(
            "SELECT e.prompt_id, count(*), total(kind_words(e.body)), "
            "count(CASE WHEN e.prompt_id = 'reframe' AND EXISTS ("
            "SELECT 1 FROM json_each(e.answers) a "
            "WHERE json_extract(a.value, '$.question_id') = 'reframe' "
            "AND trim(coalesce(json_extract(a.value, '$.answer'), '')) != '') THEN 1 END) "
            "FROM sessions s JOIN journal_entries e ON e.session_id = s.id "
            "WHERE s.practice = 'journal' AND s.local_date >= ? GROUP BY e.prompt_id",
            (since.isoformat(),),
        )
        return [JournalTotals(r[0], r[1], int(r[2]), r[3]) for r in rows]

    # ---- looking after the data --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        rows = self._conn.execute(
            "SELECT practice, count(*) FROM sessions GROUP BY practice ORDER BY practice"
        )
        return {r[0]: int(r[1]) for r in rows}

    def integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        problems += [
            f"foreign key problem in {r[0]}" for r in self._conn.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def backup_to(self, destination: Path) -> None:
        """Write a consistent copy to `destination` (which must not exist), mode 0600."""
        old_umask = os.umask(0o077)
        try:
            self._conn.execute("VACUUM INTO ?", (str(destination),))
        finally:
            os.umask(old_umask)
        os.chmod(destination, 0o600)


def _count_words(body: str | None) -> int:
    return len(body.split()) if body else 0


def _session_from_row(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        practice=row["practice"],
        content_id=row["content_id"],
        moment=Moment(
            utc=parse_utc(row["started_utc"]),
            offset_minutes=row["utc_offset_minutes"],
            local_date=date.fromisoformat(row["local_date"]),
        ),
        planned_seconds=row["planned_seconds"],
        actual_seconds=row["actual_seconds"],
        completed=bool(row["completed"]),
        distress_before=row["distress_before"],
        distress_after=row["distress_after"],
        source=row["source"],
        details=json.loads(row["details"]),
    )


def open_readonly(path: Path) -> Store:
    """Open an existing kind database for reading only: no migration, no writes."""
    inspect_file(path, len(MIGRATIONS))
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as e:
        raise CorruptStore(path, str(e)) from None
    return Store(conn, path)
