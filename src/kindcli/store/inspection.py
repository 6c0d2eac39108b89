"""Looking at a file before SQLite opens it: is it kind's, whole, and not from a newer kind?

The SQLite header (the first 100 bytes) and the write-ahead log's last committed copy of
page 1 are read as plain bytes, so a file kind must not open is refused byte-for-byte
untouched, -wal and -shm included (even a read-only SQLite open rewrites -shm). A database
that is a symbolic link, or not a regular file, is refused too.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from kindcli.errors import CorruptStore, NewerStore, NotAKindDatabase, StoreError
from kindcli.store.failures import open_error
from kindcli.store.migrations import APPLICATION_ID

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
        header = read_header(path)
    except OSError as e:
        raise StoreError(f"Could not read kind's database at {path}: {e.strerror}.") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotAKindDatabase(path)
    if len(header) < 100 or not _sane_header(header):
        raise CorruptStore(path, "its header is damaged")
    version, app_id = version_and_id(_logged_header(path) or header)
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


def read_header(path: Path) -> bytes:
    """A file's SQLite header: its first 100 bytes (fewer if it is shorter). An OSError
    goes to the caller, which says what it means there."""
    with open(path, "rb") as f:
        return f.read(100)


def version_and_id(header: bytes) -> tuple[int, int]:
    """The schema version (`user_version`) and the application id a header holds."""
    return int.from_bytes(header[60:64], "big"), int.from_bytes(header[68:72], "big")


def open_as_it_is(path: Path) -> sqlite3.Connection:
    """A backup opened read-only as it is (immutable): nothing is created beside it (no
    -shm, no -wal) and nothing in it changes."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)


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
