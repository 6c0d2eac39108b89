"""The local store: one SQLite file, and all of kind's SQL.

Opening is careful: a file that is not a kind database, is damaged, or was written by a
newer kind is inspected read-only and refused with a clear error, byte-for-byte untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kindcli.errors import (
    CorruptStore,
    KindError,
    MigrationError,
    NewerStore,
    NotAKindDatabase,
    StoreError,
)
from kindcli.migrations import APPLICATION_ID, MIGRATIONS, Migration, word_count
from kindcli.paths import ensure_private_dir
from kindcli.ports import Moment, format_utc, parse_utc
from kindcli.records import (
    PRACTICE_TYPES,
    JournalAnswer,
    JournalDraft,
    JournalEntry,
    JournalTotals,
    PeriodTotals,
    SessionRecord,
)

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
    """Look at `path` without changing it; raise if kind must not open it.

    The SQLite header (the first 100 bytes) says most of it: kind's application id and the
    schema version live there. Only a file with no application id is opened (read-only) to
    see whether it holds another program's tables.
    """
    if path.is_dir():
        raise StoreError(
            f"kind's database path {path} is a folder, not a file; kind left it untouched.",
            "Move it aside, or set KIND_HOME to a different folder.",
        )
    try:
        if not path.exists() or path.stat().st_size == 0:
            return Inspection(False, 0, 0, ())
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError(f"Could not read kind's database at {path}: {e.strerror}.") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotAKindDatabase(path)
    if len(header) < 100 or not _sane_header(header):
        raise CorruptStore(path, "its header is damaged")
    version = int.from_bytes(header[60:64], "big")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise NotAKindDatabase(path)
    if app_id == APPLICATION_ID:
        if version > known_version:
            raise NewerStore(path, version, known_version)
        return Inspection(True, version, app_id, ())
    # No id in the header. The write-ahead log may be ahead of it (another kind creating the
    # database right now), so ask SQLite for the live view before deciding.
    version, app_id, tables = _live_view_read_only(path)
    if app_id == APPLICATION_ID and version > known_version:
        raise NewerStore(path, version, known_version)
    if app_id != APPLICATION_ID and (app_id != 0 or tables or version):
        raise NotAKindDatabase(path)
    return Inspection(True, version, app_id, tables)


def _sane_header(header: bytes) -> bool:
    page_size = int.from_bytes(header[16:18], "big")
    power_of_two = page_size == 1 or (
        512 <= page_size <= 32768 and page_size & (page_size - 1) == 0
    )
    # Bytes 21-23 are fixed by the file format (payload fractions 64, 32, 32).
    return power_of_two and header[21:24] == bytes([64, 32, 32])


def _live_view_read_only(path: Path) -> tuple[int, int, tuple[str, ...]]:
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            )
            return version, app_id, tables
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise CorruptStore(path, str(e)) from None


class Store:
    """kind's database. Open with `Store.open(path)`; use as a context manager to close."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> Store:
        inspect_file(path, len(migrations))
        try:
            if not path.exists():
                ensure_private_dir(path.parent)
                # Create the file ourselves so it is private from its first byte; SQLite
                # gives the -wal and -shm files the same permissions as the database.
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            elif path.stat().st_size == 0:
                os.chmod(path, 0o600)
        except OSError as e:
            raise StoreError(f"Could not create kind's database at {path}: {e.strerror}.") from None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"Could not open kind's database at {path}: {e}.") from None
        store = cls(conn, path)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # The header can lag behind the write-ahead log: check the live version too.
            if store.schema_version > len(migrations):
                raise NewerStore(path, store.schema_version, len(migrations))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            store.migrate(migrations)
        except sqlite3.DatabaseError as e:
            conn.close()
            raise CorruptStore(path, str(e)) from None
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
        processes queue behind the busy timeout instead of failing with 'locked'.

        A database that cannot be written (still locked after the timeout, a full disk, a
        read-only file) becomes a StoreError naming the file and the cause."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise _write_error(self.path, e) from None
        try:
            yield self._conn
        except BaseException as e:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.OperationalError) and _cannot_write(e):
                raise _write_error(self.path, e) from None
            raise
        else:
            try:
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as e:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise _write_error(self.path, e) from None

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

    def save_session(self, record: SessionRecord) -> None:
        """Insert the session, or bring a saved one with the same id up to date (a practice
        that keeps what was done so far, then finishes)."""
        with self.transaction() as conn:
            self._insert_session(conn, record, replace=True)

    def _insert_session(
        self, conn: sqlite3.Connection, r: SessionRecord, *, replace: bool = False
    ) -> None:
        upsert = (
            " ON CONFLICT (id) DO UPDATE SET actual_seconds = excluded.actual_seconds, "
            "completed = excluded.completed, distress_before = excluded.distress_before, "
            "distress_after = excluded.distress_after, details = excluded.details"
            if replace
            else ""
        )
        conn.execute(
            """
            INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes,
                local_date, planned_seconds, actual_seconds, completed, distress_before,
                distress_after, source, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
            + upsert,
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

    # ---- journal ---------------------------------------------------------------------------

    def add_journal_entry(self, entry: JournalEntry, *, draft_id: str | None = None) -> None:
        """Save an entry (its session, text and tags) and drop its draft, all at once."""
        with self.transaction() as conn:
            self._insert_session(conn, entry.session)
            now = entry.updated_utc or entry.session.moment.utc_text
            conn.execute(
                "INSERT INTO journal_entries (session_id, prompt_id, body, answers, "
                "created_utc, updated_utc, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    entry.prompt_id,
                    entry.body,
                    _answers_json(entry.answers),
                    entry.session.moment.utc_text,
                    now,
                    word_count(entry.body),
                ),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO journal_tags (session_id, tag) VALUES (?, ?)",
                [(entry.id, tag) for tag in entry.tags],
            )
            if draft_id is not None:
                conn.execute("DELETE FROM journal_drafts WHERE id = ?", (draft_id,))

    def update_journal_entry(
        self, entry_id: str, body: str, answers: Sequence[JournalAnswer], updated_utc: str
    ) -> bool:
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE journal_entries SET body = ?, answers = ?, updated_utc = ?, words = ? "
                "WHERE session_id = ?",
                (body, _answers_json(answers), updated_utc, word_count(body), entry_id),
            )
            return done.rowcount == 1

    def delete_journal_entry(self, entry_id: str) -> bool:
        """Delete an entry; its text, tags and session go with it (ON DELETE CASCADE)."""
        with self.transaction() as conn:
            done = conn.execute(
                "DELETE FROM sessions WHERE id = ? AND practice = 'journal'", (entry_id,)
            )
            return done.rowcount == 1

    def journal_ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Entry ids that start with `prefix` (ids are lowercase hex and dashes)."""
        if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
            return []
        # GLOB is case-sensitive, so SQLite can answer it from the primary key index.
        rows = self._conn.execute(
            "SELECT session_id FROM journal_entries WHERE session_id GLOB ? "
            "ORDER BY session_id LIMIT ?",
            (prefix + "*", limit),
        )
        return [r[0] for r in rows]

    def get_journal_entry(self, entry_id: str) -> JournalEntry | None:
        found = self._journal_query("s.id = ?", [entry_id], limit=1)
        return found[0] if found else None

    def journal_entries(
        self, filters: JournalFilter | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        """Entries newest first, narrowed by `filters`."""
        where, args = _journal_where(filters or JournalFilter())
        return self._journal_query(where, args, limit)

    def count_journal_entries(self, filters: JournalFilter | None = None) -> int:
        where, args = _journal_where(filters or JournalFilter())
        row = self._conn.execute(
            "SELECT count(*) FROM sessions s JOIN journal_entries j ON j.session_id = s.id "
            f"WHERE {where}",
            args,
        ).fetchone()
        return int(row[0])

    @property
    def journal_search_kind(self) -> str:
        """'fts5' when the full-text index exists, else 'scan' (SQLite without FTS5)."""
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_fts'"
        ).fetchone()
        return "fts5" if row else "scan"

    def search_journal(
        self,
        words: Sequence[str],
        filters: JournalFilter | None = None,
        limit: int | None = None,
        *,
        use_index: bool = True,
    ) -> list[JournalEntry]:
        """Entries whose text holds every word (as a word prefix with FTS5, as a substring
        without it), newest first."""
        where, args = _journal_where(filters or JournalFilter())
        if not words:
            return []
        if use_index and self.journal_search_kind == "fts5":
            query = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
            where += " AND s.id IN (SELECT session_id FROM journal_fts WHERE journal_fts MATCH ?)"
            args.append(query)
        else:
            for w in words:
                where += " AND j.body LIKE ? ESCAPE '\\'"
                escaped = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                args.append(f"%{escaped}%")
        return self._journal_query(where, args, limit)

    def journal_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many entries carry it, most used first."""
        rows = self._conn.execute(
            "SELECT tag, count(*) AS n FROM journal_tags GROUP BY tag ORDER BY n DESC, tag"
        )
        return [(r[0], int(r[1])) for r in rows]

    def _journal_query(
        self, where: str, args: Sequence[Any], limit: int | None
    ) -> list[JournalEntry]:
        sql = (
            "SELECT s.*, j.prompt_id, j.body, j.answers, j.updated_utc AS entry_updated "
            "FROM sessions s JOIN journal_entries j ON j.session_id = s.id "
            f"WHERE {where} ORDER BY s.started_utc DESC, s.id DESC"
        )
        params = list(args)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        tags: dict[str, list[str]] = {r["id"]: [] for r in rows}
        ids = list(tags)
        # Fetch the tags of all listed entries at once, in chunks below SQLite's variable limit.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for t in self._conn.execute(
                f"SELECT session_id, tag FROM journal_tags WHERE session_id IN ({marks}) "
                "ORDER BY tag",
                chunk,
            ):
                tags[t[0]].append(t[1])
        return [
            JournalEntry(
                session=_session_from_row(r),
                prompt_id=r["prompt_id"],
                body=r["body"],
                answers=[JournalAnswer(**a) for a in json.loads(r["answers"])],
                tags=tags[r["id"]],
                updated_utc=r["entry_updated"],
            )
            for r in rows
        ]

    def save_journal_draft(self, draft: JournalDraft) -> None:
        with self.transaction() as conn:
            conn.execute(
                """
                INSERT INTO journal_drafts (id, prompt_id, answers, tags, started_utc,
                    utc_offset_minutes, local_date, updated_utc, owner_pid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET answers = excluded.answers,
                    tags = excluded.tags, updated_utc = excluded.updated_utc,
                    owner_pid = excluded.owner_pid
                """,
                (
                    draft.id,
                    draft.prompt_id,
                    _answers_json(draft.answers),
                    json.dumps(draft.tags, ensure_ascii=False),
                    draft.moment.utc_text,
                    draft.moment.offset_minutes,
                    draft.moment.local_date.isoformat(),
                    draft.updated_utc or draft.moment.utc_text,
                    draft.owner_pid,
                ),
            )

    def journal_drafts(self) -> list[JournalDraft]:
        """Drafts, most recently touched first."""
        rows = self._conn.execute(
            "SELECT * FROM journal_drafts ORDER BY updated_utc DESC, rowid DESC"
        )
        return [
            JournalDraft(
                id=r["id"],
                prompt_id=r["prompt_id"],
                moment=_moment_from_row(r),
                answers=[JournalAnswer(**a) for a in json.loads(r["answers"])],
                tags=json.loads(r["tags"]),
                updated_utc=r["updated_utc"],
                owner_pid=r["owner_pid"],
            )
            for r in rows
        ]

    def claim_journal_draft(self, draft_id: str, expected_pid: int | None, pid: int) -> bool:
        """Take over a draft for process `pid`, only if nobody else took it first."""
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE journal_drafts SET owner_pid = ? WHERE id = ? AND owner_pid IS ?",
                (pid, draft_id, expected_pid),
            )
            return done.rowcount == 1

    def delete_journal_draft(self, draft_id: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM journal_drafts WHERE id = ?", (draft_id,))

    # ---- stats ----------------------------------------------------------------------------
    # What counts as practice, in one place: a break, a journal entry, a meditation, and a
    # breathing session with at least one full cycle (or one logged by hand). Queries lean on
    # the two session indexes so that a long history costs index reads, not table scans.

    _BREATH_COUNTED = "(source = 'manual' OR json_extract(details, '$.cycles_completed') >= 1)"

    def stats_practice_days(self) -> list[date]:
        """Every local date with counted practice, oldest first, over all time."""
        # practice_days is kept exact by triggers (migration m006), one row per day.
        cursor = self._conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute("SELECT local_date FROM practice_days ORDER BY local_date")
        fromiso = date.fromisoformat
        return [fromiso(r[0]) for r in rows]

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
        rows = self._conn.execute(
            "SELECT e.prompt_id, count(*), total(e.words), "
            "count(CASE WHEN e.prompt_id = 'reframe' AND EXISTS ("
            "SELECT 1 FROM json_each(e.answers) a "
            "WHERE json_extract(a.value, '$.question_id') = 'reframe' "
            "AND trim(coalesce(json_extract(a.value, '$.answer'), '')) != '') THEN 1 END) "
            "FROM sessions s JOIN journal_entries e ON e.session_id = s.id "
            "WHERE s.practice = 'journal' AND s.local_date >= ? GROUP BY e.prompt_id",
            (since.isoformat(),),
        )
        return [JournalTotals(r[0], r[1], int(r[2]), r[3]) for r in rows]

    def update_state(self, key: str, change: Callable[[Any], Any], moment: Moment) -> Any:
        """Read, change and write one remembered value inside one write transaction, so two
        kind windows changing it at once never lose each other's change."""
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
            value = change(json.loads(row[0]) if row else None)
            conn.execute(
                "INSERT INTO state (key, value, updated_utc) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_utc = excluded.updated_utc",
                (key, json.dumps(value, ensure_ascii=False), moment.utc_text),
            )
        return value

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
        """Write a consistent copy to `destination` (which must not exist), mode 0600.

        Works on a read-only store, so a backup never changes the database it copies.
        """
        old_umask = os.umask(0o077)
        try:
            self._conn.execute("VACUUM INTO ?", (str(destination),))
        except sqlite3.Error as e:
            destination.unlink(missing_ok=True)
            if isinstance(e, sqlite3.DatabaseError) and "malformed" in str(e):
                raise CorruptStore(self.path, str(e)) from None
            raise KindError(f"Could not write a backup to {destination}: {e}.") from None
        finally:
            os.umask(old_umask)
        os.chmod(destination, 0o600)


@dataclass(frozen=True)
class JournalFilter:
    """Which journal entries to list: local dates inclusive, a tag, a prompt set."""

    since: date | None = None
    until: date | None = None
    tag: str | None = None
    prompt_id: str | None = None


def _journal_where(f: JournalFilter) -> tuple[str, list[Any]]:
    clauses = ["s.practice = 'journal'"]
    args: list[Any] = []
    # Days are local calendar days. A coarse bound on the UTC instant (a local day lies
    # within a day or so of the same UTC day, whatever the offset) lets SQLite walk the
    # (practice, started_utc) index newest first and stop early; the unary + keeps it from
    # choosing the local_date index and then sorting every match.
    if f.since is not None:
        clauses.append("s.started_utc >= ? AND +s.local_date >= ?")
        args += [f"{f.since - timedelta(days=1)}T00:00", f.since.isoformat()]
    if f.until is not None:
        clauses.append("s.started_utc < ? AND +s.local_date <= ?")
        args += [f"{f.until + timedelta(days=2)}T00:00", f.until.isoformat()]
    if f.prompt_id is not None:
        clauses.append("j.prompt_id = ?")
        args.append(f.prompt_id)
    if f.tag is not None:
        clauses.append("s.id IN (SELECT session_id FROM journal_tags WHERE tag = ?)")
        args.append(f.tag)
    return " AND ".join(clauses), args


def _answers_json(answers: Sequence[JournalAnswer]) -> str:
    return json.dumps(
        [
            {"question_id": a.question_id, "question": a.question, "answer": a.answer}
            for a in answers
        ],
        ensure_ascii=False,
    )


def _cannot_write(error: sqlite3.OperationalError) -> bool:
    """Errors about the file, not the statement: locked, full, read-only, I/O."""
    cause = str(error).lower()
    return any(w in cause for w in ("locked", "busy", "full", "readonly", "read-only", "i/o"))


def _write_error(path: Path, error: sqlite3.OperationalError) -> StoreError:
    cause = str(error)
    if "locked" in cause or "busy" in cause:
        cause = "another kind is still using it"
    return StoreError(
        f"Could not save to kind's database at {path} ({cause}).",
        "Nothing was half-written; please try again in a moment.",
    )


def _moment_from_row(row: sqlite3.Row) -> Moment:
    """A row's started_utc, utc_offset_minutes and local_date, as one Moment."""
    return Moment(
        utc=parse_utc(row["started_utc"]),
        offset_minutes=row["utc_offset_minutes"],
        local_date=date.fromisoformat(row["local_date"]),
    )


def _session_from_row(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        practice=row["practice"],
        content_id=row["content_id"],
        moment=_moment_from_row(row),
        planned_seconds=row["planned_seconds"],
        actual_seconds=row["actual_seconds"],
        completed=bool(row["completed"]),
        distress_before=row["distress_before"],
        distress_after=row["distress_after"],
        source=row["source"],
        details=json.loads(row["details"]),
    )


def open_readonly(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
    """Open an existing kind database for reading only: no migration, no writes.
    `kind sos` passes a short busy timeout: it must never wait long on another kind."""
    inspect_file(path, len(MIGRATIONS))
    try:
        conn = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except sqlite3.DatabaseError as e:
        raise CorruptStore(path, str(e)) from None
    return Store(conn, path)
