"""Writing a file for the person (a report): whole or not at all, readable only by them.

The text goes to a temporary file in the same folder (0600 from its first byte), is
flushed to disk, and then renamed over the target, so a reader never sees half a file and a
crash leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kindcli.errors import KindError


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, mode 0600; a KindError names what went wrong."""
    folder = path.parent
    if not folder.is_dir():
        raise KindError(f"Could not write {path}: the folder {folder} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}-", suffix=".tmp")
    except OSError as e:
        raise KindError(f"Could not write {path} ({e.strerror}).") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException as e:
        try:  # noqa: SIM105 - keep the original error in view
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise KindError(f"Could not write {path} ({e.strerror}).") from None
        raise


def head(path: Path, size: int = 4096) -> str:
    """The start of a file as text (bytes that are not UTF-8 replaced), or "" if unreadable."""
    try:
        with open(path, "rb") as f:
            return f.read(size).decode("utf-8", "replace")
    except OSError:
        return ""
