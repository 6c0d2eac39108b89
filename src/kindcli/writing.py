"""Writing a file a person asked for (an export, an encrypted backup) safely.

The text goes into a temporary file with a name of its own in the same folder, readable
only by its owner (0600), is flushed to disk, and only then appears under its name: linked
into place, which never replaces a file that is already there, or (with `replace`) renamed
over it. An interrupted write leaves no half-written file behind, only what was there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kindcli.errors import KindError


class FileExists(KindError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists; kind will not overwrite it.",
            "Choose another name, or add --force to replace it.",
        )
        self.path = path


def check_target(path: Path, *, replace: bool = False) -> Path:
    """`path` as a place to write to: its folder exists, and it is not already a file
    (unless `replace`). Called before any work, so a mistake costs nothing."""
    path = path.expanduser()
    if path.is_dir():
        raise KindError(f"{path} is a folder; name a file to write to.")
    if path.exists() and not replace:
        raise FileExists(path)
    if not path.parent.is_dir():
        what = "is not a folder" if path.parent.exists() else "does not exist"
        raise KindError(f"{path.parent} {what}, so nothing can be written there.")
    return path


@contextlib.contextmanager
def private_file(path: Path, *, replace: bool = False) -> Iterator[IO[bytes]]:
    """A binary file to write `path` through: it appears, whole and 0600, only when the
    block ends without an error; otherwise nothing changes."""
    path = check_target(path, replace=replace)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as e:
        raise KindError(f"Could not write to {path.parent} ({e.strerror}).") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        _put_in_place(tmp, path, replace)
    except OSError as e:
        raise KindError(f"Could not write {path} ({e.strerror}); nothing was written.") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_private(path: Path, data: bytes, *, replace: bool = False) -> None:
    with private_file(path, replace=replace) as out:
        out.write(data)


def _put_in_place(tmp: Path, path: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, path)
        return
    try:
        # A hard link fails if the name is taken, so nothing is ever replaced, even by a
        # file that appeared while this one was being written.
        os.link(tmp, path)
    except FileExistsError:
        raise FileExists(path) from None
    except OSError:
        # A file system without hard links: take the name first (O_EXCL), then move the
        # finished file over that empty placeholder (as backups do, `store/upkeep.py`).
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise FileExists(path) from None
        os.replace(tmp, path)
