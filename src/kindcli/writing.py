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
        link_new(tmp, path)
    except FileExistsError:
        raise FileExists(path) from None


def link_new(finished: Path, name: Path) -> None:
    """Give the `finished` file its `name`, never replacing a file: a hard link fails if the
    name is taken, even by a file that appeared while this one was being written. On a file
    system without hard links the name is taken first (O_EXCL), then the finished file is
    moved over that empty placeholder. A taken name raises FileExistsError; any other
    OSError goes to the caller as it is. Exports and backups alike are put in place so."""
    try:
        os.link(finished, name)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(finished, name)
