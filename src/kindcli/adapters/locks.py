"""Which kind process is working on what, told by the operating system, not by process ids.

A kind process that is writing a journal draft (or has an editor file open) holds an
advisory lock (`flock`) on a small file named for it in kind's `locks` folder. The system
lets go of the lock the moment the process ends, however it ends (kill -9 included), so
"is anyone still writing this?" has an exact answer even when a process id has since been
reused by another program. Lock files are empty and private (0600).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from kindcli.paths import ensure_private_dir


class Locks:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._held: dict[str, int] = {}

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.lock"

    def take(self, name: str) -> bool:
        """Hold the lock called `name` until `release` or the end of this process. False
        when another process holds it (never waits)."""
        if name in self._held:
            return True
        ensure_private_dir(self.folder)
        path = self._path(name)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            # The file may have been released and removed between open and flock: then the
            # lock is on a file nobody can find any more, so take the one at the path.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                self._held[name] = fd
                return True
            os.close(fd)

    def in_use(self, name: str) -> bool:
        """Whether some kind process (this one included) holds the lock called `name`."""
        if name in self._held:
            return True
        try:
            fd = os.open(self._path(name), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return False  # no lock file: nobody has held it since it was last released
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing lets go of a lock this look may have taken
        return False

    def release(self, name: str) -> None:
        """Let go of `name` and remove its file (the thing it guarded is finished)."""
        fd = self._held.pop(name, None)
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self._path(name).unlink()
        os.close(fd)

    def close(self) -> None:
        """Let go of every lock this process holds (the command is over)."""
        for name in list(self._held):
            self.release(name)
