"""Opening kind's database carefully, migrating it, and write transactions.

Opening is careful: a file that is not a kind database, is damaged, or was written by a
newer kind is inspected without SQLite (its header, and its write-ahead log read as plain
bytes) and refused with a clear error, byte-for-byte untouched, -wal and -shm included. A
database that is a symbolic link (or not a regular file) is refused. Only real damage is
called damage: a lock says busy, a read-only file or folder says read-only, with the path.
Every other part of the store builds on `Database` (see `kindcli.store.Store`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from kindcli.errors import CorruptStore, MigrationError, NewerStore, StoreError
from kindcli.paths import ensure_private_dir
from kindcli.store.failures import _cannot_write, _read_only_folder, _write_error, open_error
from kindcli.store.inspection import BUSY_TIMEOUT_MS, _side_file, inspect_file
from kindcli.store.migrations import APPLICATION_ID, MIGRATIONS, Migration
from kindcli.store.words import terms_json

D = TypeVar("D", bound="Database")
T = TypeVar("T")


def _create_whole(path: Path, migrations: Sequence[Migration]) -> None:
    """Make a new database that appears whole or not at all. Built (every migration, WAL
    mode) under a unique temporary name beside it, then linked to its name without
    replacing anything: many kinds starting at once on a fresh home never see each other's
    half-made file (which would look like another program's, or be locked mid-change). The
    first link wins and the others use it. Without hard links the file is made in place."""
    import secrets

    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.new")
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            Database(conn, temporary).migrate(migrations)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):  # another kind made it first: use theirs
            os.link(temporary, path)
    except sqlite3.Error as e:
        raise open_error(path, e) from None
    except OSError as e:
        if path.exists() or e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            _side_file(temporary, suffix).unlink(missing_ok=True)


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
        found = inspect_file(path, len(migrations))
        try:
            if not found.exists:
                ensure_private_dir(path.parent)
                if not path.exists():
                    _create_whole(path, migrations)
            # Create the file ourselves so it is private from its first byte (SQLite gives
            # the -wal and -shm files the same permissions), never through a link, and
            # make an empty one private: only ever a regular file in kind's folder.
            fd = os.open(path, os.O_CREAT | os.O_RDONLY | os.O_NOFOLLOW, 0o600)
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode) and info.st_size == 0:
                    os.fchmod(fd, 0o600)
            finally:
                os.close(fd)
        except OSError as e:
            where = _read_only_folder(path)
            if where:
                raise StoreError(where, "Nothing was changed.") from None
            raise StoreError(f"Could not create kind's database at {path}: {e.strerror}.") from None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as e:
            raise open_error(path, e) from None
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
            raise open_error(path, e) from None
        except UnicodeDecodeError as e:
            # A damaged page can hold text that is no longer UTF-8 (the schema, say).
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
            raise open_error(path, e) from None
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

    def insert_all(
        self, items: Iterable[T], insert: Callable[[sqlite3.Connection, T], None]
    ) -> int:
        """Save many in one transaction (all or none); returns how many."""
        count = 0
        with self.transaction() as conn:
            for item in items:
                insert(conn, item)
                count += 1
        return count

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

    def _wipe_old_copies(self) -> None:
        """After a delete or an edit: fold the write-ahead log into the file and empty it.

        secure_delete has overwritten the deleted rows; the write-ahead log still holds
        earlier copies of their pages until it is folded into the file and emptied.
        TRUNCATE waits (up to the busy timeout) for other readers to finish first.
        If another kind still holds the log after that, SQLite folds it in when the last
        connection closes; the change itself has already been saved."""
        with contextlib.suppress(sqlite3.OperationalError):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

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


def integrity_problems(conn: sqlite3.Connection, foreign_key: str) -> list[str]:
    """What SQLite's integrity and foreign-key checks found (nothing when all is well); a
    foreign-key problem is said as `foreign_key` followed by its table."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    problems = [] if rows == ["ok"] else rows
    problems += [f"{foreign_key} {r[0]}" for r in conn.execute("PRAGMA foreign_key_check")]
    return problems
