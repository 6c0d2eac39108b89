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
import struct
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
    schema version live there. The write-ahead log can be ahead of the header (a kind that
    wrote and then stopped before the log was folded in), so its latest committed copy of
    the header is read too, as plain bytes: opening it with SQLite, even read-only, could
    change -shm, and closing the last connection folds the log into the file. Only a file
    with no application id is opened (read-only) to see whether it holds another program's
    tables.
    """
    _refuse_links(path)
    try:
        info = path.stat() if path.exists() else None
        if info is not None and not stat.S_ISREG(info.st_mode):
            what = "a folder, not a file" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise StoreError(
                f"kind's database path {path} is {what}; kind left it untouched.",
                "Move it aside, or set KIND_HOME to a different folder.",
            )
        if info is None or info.st_size == 0:
            return Inspection(False, 0, 0, ())
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError(f"Could not read kind's database at {path}: {e.strerror}.") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotAKindDatabase(path)
    if len(header) < 100 or not _sane_header(header):
        raise CorruptStore(path, "its header is damaged")
    live = _logged_header(path) or header
    version = int.from_bytes(live[60:64], "big")
    app_id = int.from_bytes(live[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise NotAKindDatabase(path)
    if app_id == APPLICATION_ID:
        if version > known_version:
            raise NewerStore(path, version, known_version)
        return Inspection(True, version, app_id, ())
    # No id yet. Another kind may be creating the database right now: ask SQLite for the
    # live view (read-only) before deciding whether it is someone else's.
    version, app_id, tables = _live_view_read_only(path)
    if app_id == APPLICATION_ID and version > known_version:
        raise NewerStore(path, version, known_version)
    if app_id != APPLICATION_ID and (app_id != 0 or tables or version):
        raise NotAKindDatabase(path)
    return Inspection(True, version, app_id, tables)


def _refuse_links(path: Path) -> None:
    """kind never follows a symbolic link for its database or its -wal and -shm files:
    SQLite would make those beside the link's target, and kind would change the target's
    permissions, outside kind's folder."""
    for candidate in (path, _side_file(path, "-wal"), _side_file(path, "-shm")):
        if candidate.is_symlink():
            raise StoreError(
                f"kind's database file {candidate} is a symbolic link (to "
                f"{os.readlink(candidate)}); kind does not follow links for its database, "
                "so it left both untouched.",
                "Move the real file to that place instead, or set KIND_HOME to the folder "
                "that holds it.",
            )


def _side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little-endian or big-endian words
WAL_HEADER = 32
FRAME_HEADER = 24


def _logged_header(path: Path) -> bytes | None:
    """The database header as of the last commit in the write-ahead log, if the log holds a
    newer page 1; read as SQLite would recover it (salts and checksums checked), and
    without opening it through SQLite. None when there is no log or no page 1 in it."""
    try:
        with open(_side_file(path, "-wal"), "rb") as f:
            head = f.read(WAL_HEADER)
            if len(head) < WAL_HEADER:
                return None
            magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", head)
            if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
                return None
            order = ">" if magic & 1 else "<"
            sums = _wal_checksum(order, head[:24], 0, 0)
            if sums != (c1, c2):
                return None
            latest: bytes | None = None
            pending: bytes | None = None
            while True:
                frame = f.read(FRAME_HEADER)
                page = f.read(page_size)
                if len(frame) < FRAME_HEADER or len(page) < page_size:
                    break
                number, commit, s1, s2, f1, f2 = struct.unpack(">6I", frame)
                if (s1, s2) != (salt1, salt2):
                    break
                sums = _wal_checksum(order, frame[:8], *sums)
                sums = _wal_checksum(order, page, *sums)
                if sums != (f1, f2):
                    break
                if number == 1:
                    pending = page[:100]
                if commit:
                    latest = pending if pending is not None else latest
    except OSError:
        return None
    return latest


def _wal_checksum(order: str, data: bytes, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's write-ahead log checksum, continued from (s0, s1)."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


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
        raise open_error(path, e) from None


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


# SQLite's primary result codes that say something about the file rather than a statement.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def open_error(path: Path, error: sqlite3.Error) -> StoreError:
    """What went wrong opening or reading kind's database, in words that fit: only real
    damage is called damage (moving a busy or read-only file aside would be bad advice)."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    cause = str(error)
    if code in (_CORRUPT, _NOTADB) or "malformed" in cause or "not a database" in cause:
        return CorruptStore(path, cause)
    if code in (_BUSY, _LOCKED) or "locked" in cause:
        return StoreError(
            f"kind's database at {path} is busy: another program is holding it locked.",
            "Nothing was changed. Please try again in a moment (or close the other program).",
        )
    if code in (_READONLY, _CANTOPEN) or "readonly" in cause or "read-only" in cause:
        where = _read_only_folder(path) or (
            f"kind's database at {path} is read-only, so kind cannot use it."
            if path.exists() and not os.access(path, os.W_OK)
            else None
        )
        if where:
            return StoreError(where, "Nothing was changed.")
    if code == _FULL:
        return StoreError(f"The disk holding kind's database at {path} is full.")
    if code == _IOERR:
        return StoreError(
            f"kind could not read or write its database at {path} (a disk or file system "
            f"error: {cause}).",
            "Nothing was changed. If it keeps happening, `kind data doctor` can look at it.",
        )
    return StoreError(f"Could not open kind's database at {path} ({cause}).")


def _read_only_folder(path: Path) -> str | None:
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"kind's data folder {folder} is read-only, so kind cannot write its "
            f"database ({path.name}) there."
        )
    return None


def _write_error(path: Path, error: sqlite3.OperationalError) -> StoreError:
    cause = str(error)
    if "locked" in cause or "busy" in cause:
        cause = "another kind is still using it"
    return StoreError(
        f"Could not save to kind's database at {path} ({cause}).",
        "Nothing was half-written; please try again in a moment.",
    )
