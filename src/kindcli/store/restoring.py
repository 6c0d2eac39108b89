"""Putting a backup back (`kind data restore`): check it first, then swap it in whole.

A backup is checked before anything changes: it must be an SQLite file with kind's
application id, a schema this kind knows (not newer), and pass SQLite's integrity and
foreign-key checks. It is then copied into the live database with SQLite's backup API in
one write transaction, so any other kind that has the database open sees either what was
there or the backup, never a mix, and a crash part way leaves the old data in place.
Encrypted backups are decrypted into memory and read from there: no plaintext copy is
written anywhere.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kindcli.errors import KindError
from kindcli.store.database import Database, integrity_problems
from kindcli.store.inspection import (
    SQLITE_HEADER,
    _sane_header,
    open_as_it_is,
    read_header,
    version_and_id,
)
from kindcli.store.migrations import APPLICATION_ID, MIGRATIONS


@dataclass
class Backup:
    """A backup that passed its checks, open for reading; close() when done."""

    label: str
    conn: sqlite3.Connection
    schema_version: int
    counts: dict[str, int]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Backup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class BadBackup(KindError):
    def __init__(self, label: str, problem: str, hint: str | None = None) -> None:
        super().__init__(f"{label} {problem}; nothing was changed.", hint)


def open_backup(path: Path, data: bytes | None = None) -> Backup:
    """Check a backup (the file at `path`, or its decrypted bytes `data`) and open it.
    Raises BadBackup naming what is wrong."""
    label = f"The backup {path}"
    if data is None:
        try:
            header = read_header(path)
        except OSError as e:
            raise KindError(f"Could not read {path} ({e.strerror}).") from None
    else:
        header = data[:100]
    if not header.startswith(SQLITE_HEADER):
        raise BadBackup(label, "is not a kind backup (it is not an SQLite database)")
    if len(header) < 100 or not _sane_header(header):
        raise BadBackup(label, "is damaged (its header is not whole)")
    version, app_id = version_and_id(header)
    if app_id != APPLICATION_ID:
        raise BadBackup(label, "is an SQLite database of another program, not of kind")
    if version > len(MIGRATIONS):
        raise BadBackup(
            label,
            f"was written by a newer kind (schema {version}; this kind knows up to "
            f"{len(MIGRATIONS)})",
            "Upgrade kind (pip install --upgrade kindcli) to restore it.",
        )
    try:
        if data is None:
            conn = open_as_it_is(path)
        else:
            conn = sqlite3.connect(":memory:")
            conn.deserialize(data)
        problems = integrity_problems(conn, "a foreign key problem in")
        counts = {
            r[0]: int(r[1])
            for r in conn.execute("SELECT practice, count(*) FROM sessions GROUP BY practice")
        }
    except (sqlite3.Error, UnicodeDecodeError, ValueError) as e:
        # A damaged page can also hold text that is no longer UTF-8.
        raise BadBackup(label, f"is damaged ({type(e).__name__}: {e})"[:300]) from None
    if problems:
        conn.close()
        raise BadBackup(label, f"is damaged (the integrity check found: {problems[0]})")
    return Backup(label, conn, version, counts)


class Restoring(Database):
    def restore_from(self, backup: Backup) -> None:
        """Replace everything in this database with the backup's contents, in one write
        transaction, then bring its schema up to date and empty the write-ahead log."""
        try:
            backup.conn.backup(self._conn)
        except sqlite3.Error as e:
            raise KindError(
                f"Could not restore {backup.label.removeprefix('The backup ')} ({e}).",
                "Nothing was half-restored: your data is as it was.",
            ) from None
        self.migrate()
        self._wipe_old_copies()


def replace_file(database: Path, backup: Backup) -> None:
    """Put the backup in place of a database kind cannot open (damaged) or that is not
    there yet: written whole beside it, then renamed over it."""
    fd, name = tempfile.mkstemp(dir=database.parent, prefix=".restore-", suffix=".db")
    os.close(fd)
    tmp = Path(name)
    try:
        target = sqlite3.connect(tmp)
        try:
            backup.conn.backup(target)
        finally:
            target.close()
        os.chmod(tmp, 0o600)
        for stale in ("-wal", "-shm"):
            # A log left by the damaged file must not be replayed onto the backup.
            with contextlib.suppress(FileNotFoundError):
                database.with_name(database.name + stale).unlink()
        os.replace(tmp, database)
    except (OSError, sqlite3.Error) as e:
        raise KindError(
            f"Could not restore into {database} ({e}); it was left as it was."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
