"""Opening kind's database carefully, migrating it, and write transactions.

Opening is careful: a file that is not a kind database, is damaged, or was written by a
newer kind is inspected read-only and refused with a clear error, byte-for-byte untouched.
Every other part of the store builds on `Database` (see `kindcli.store.Store`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kindcli.errors import CorruptStore, MigrationError, NewerStore, NotAKindDatabase, StoreError
from kindcli.paths import ensure_private_dir
from kindcli.store.migrations import APPLICATION_ID, MIGRATIONS, Migration
from kindcli.store.words import terms_json

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000

D = TypeVar("D", bound="Database")


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


class Database:
    """One open connection to kind's database: opening, migrating, transactions."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # The journal's triggers cut text into search terms with this (kindcli.store.words).
        conn.create_function("kind_terms", 2, terms_json, deterministic=True)

    @classmethod
    def open(cls: type[D], path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> D:
        """Open (creating it if need be, privately) and bring the schema up to date."""
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
            # Deleted content is overwritten with zeros, never left in free space.
            conn.execute("PRAGMA secure_delete = ON")
            store.migrate(migrations)
        except sqlite3.DatabaseError as e:
            conn.close()
            raise CorruptStore(path, str(e)) from None
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def open_readonly(cls: type[D], path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> D:
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
        return cls(conn, path)

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
            if step.vacuum_after:
                # Best effort: another kind reading right now only postpones the tidy-up.
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("VACUUM")
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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

    def _tuples(self) -> sqlite3.Cursor:
        """A cursor that returns plain tuples: faster than rows for long result sets."""
        cursor = self._conn.cursor()
        cursor.row_factory = None
        return cursor

    def close(self) -> None:
        self._conn.close()

    def __enter__(self: D) -> D:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
