"""What went wrong with the database, said for a person: only real damage is called
damage; a lock says busy, a read-only file or folder says read-only, with the path."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kindcli.errors import CorruptStore, StoreError


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
