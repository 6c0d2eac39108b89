"""Opening the person's own editor ($VISUAL or $EDITOR) on a private file.

The file lives in kind's own folder (`editing/`, not the shared /tmp), is readable only by
its owner (0600), and is removed once its words are safe in the store (`EditorResult.done`),
never before: if kind is killed outright, the file stays, and the next `kind journal` puts
its words back into their draft (`leftovers`), while `kind data doctor` points it out.

If kind is asked to stop (SIGTERM, or SIGHUP when the terminal closes) while the editor is
open, the editor gets the same signal and a few seconds to save and close; then the file
is read as it was last saved (or the editor's emergency copy of it, such as nano's
`.save`, if it made one), the terminal is given back, and the words are kept as a draft.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kindcli.adapters.locks import Locks
from kindcli.errors import KindError, StopSignal
from kindcli.paths import ensure_private_dir
from kindcli.practices.journal_editor import EditorResult, Leftover

if TYPE_CHECKING:
    from kindcli.health import Check

FALLBACKS = ("nano", "vi")
# How long an editor that was sent kind's stop signal has to save and close.
EDITOR_GRACE_SECONDS = 3.0
SUFFIX = ".md"


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                raise KindError(f"Could not read ${name} ({value!r}).") from None
    for program in FALLBACKS:
        if shutil.which(program):
            return [program]
    raise KindError(
        "No text editor was found.",
        "Set one for your shell, for example: export EDITOR=nano",
    )


def _file_lock(path: Path) -> str:
    return f"file-{path.name}"


class SystemEditor:
    def __init__(
        self, folder: Path, locks: Locks, environ: Mapping[str, str] | None = None
    ) -> None:
        self.folder = folder
        self.locks = locks
        self.environ = environ

    def __call__(self, text: str, *, name: str = "journal") -> EditorResult:
        command = editor_command(self.environ)
        ensure_private_dir(self.folder)
        fd, temp = tempfile.mkstemp(prefix=f"{name}.", suffix=SUFFIX, dir=self.folder)
        path = Path(temp)
        # While this process has the file open in an editor, it is not a leftover.
        self.locks.take(_file_lock(path))
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as f:
                f.write(text)
            ok, stopped = self._run([*command, str(path)])
        except BaseException:
            # The editor never had the words (it could not start): nothing to keep.
            path.unlink(missing_ok=True)
            self.locks.release(_file_lock(path))
            raise
        copy = _emergency_copy(path) if stopped else None
        source = copy or path
        # An editor that removed its file left nothing to read back.
        edited = _read(source) if source.exists() else ""

        def done() -> None:
            for p in (path, copy):
                if p is not None:
                    p.unlink(missing_ok=True)
            self.locks.release(_file_lock(path))

        return EditorResult(edited, ok, stopped, done)

    def _run(self, argv: list[str]) -> tuple[bool, StopSignal | None]:
        try:
            process = subprocess.Popen(argv)
        except OSError as e:
            raise KindError(
                f"Could not start the editor '{argv[0]}' ({e.strerror}).",
                "Check $VISUAL or $EDITOR, for example: export EDITOR=nano",
            ) from None
        # Ctrl-C belongs to the editor while it is open (as in git): kind must neither stop
        # nor kill the editor and its unsaved words. Ignored only after the start, so the
        # editor itself does not inherit the ignored signal.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return process.wait() == 0, None
        except StopSignal as stop:
            _stop_editor(process, stop.signum)
            return False, stop
        finally:
            signal.signal(signal.SIGINT, previous)


def _stop_editor(process: subprocess.Popen[bytes], signum: int) -> None:
    """kind was asked to stop: so is its editor, which may save its work first."""
    from kindcli.adapters.signals import restore_terminal

    with contextlib.suppress(OSError):
        if process.poll() is None:
            process.send_signal(signum)
    try:
        process.wait(timeout=EDITOR_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            process.kill()
        process.wait()
    restore_terminal()  # the editor may have left it raw


def _read(path: Path) -> str:
    # newline="": the words come back exactly, carriage returns and all.
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def _emergency_copy(path: Path) -> Path | None:
    """A copy the editor wrote of its unsaved work when it was stopped (nano writes
    `<file>.save`), if there is one newer than the file itself."""
    try:
        copies = [(p.stat().st_mtime, p) for p in path.parent.glob(path.name + ".*")]
        saved = path.stat().st_mtime if path.exists() else 0.0
    except OSError:
        return None
    newest = max(copies, default=None)
    return newest[1] if newest is not None and newest[0] >= saved else None


def leftovers(folder: Path, locks: Locks) -> list[Leftover]:
    """Editor files no running kind has open: left by a kind that was killed (or by an
    editor's emergency copy). Oldest first, so a newer copy of the same words wins."""
    if not folder.is_dir():
        return []
    found: list[tuple[float, Leftover]] = []
    for path in folder.iterdir():
        if not path.is_file() or path.name.startswith("."):
            continue
        main = path.name.split(SUFFIX, 1)[0] + SUFFIX
        if locks.in_use(f"file-{main}"):
            continue
        try:
            text = _read(path)
            when = path.stat().st_mtime
        except OSError:
            continue
        found.append((when, Leftover(path.name, str(path), text, _remover(path))))
    return [leftover for _, leftover in sorted(found, key=lambda pair: pair[0])]


def _remover(path: Path) -> Callable[[], None]:
    def remove() -> None:
        path.unlink(missing_ok=True)

    return remove


def leftover_files(folder: Path, locks: Locks) -> list[Path]:
    """For `kind data doctor`: every file in `editing/` that no running kind has open (an
    editor's own recovery files, such as vim's hidden swap files, included)."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and not locks.in_use(f"file-{path.name.lstrip('.').split(SUFFIX, 1)[0]}{SUFFIX}")
    )


def editing_check(folder: Path, locks: Locks) -> list[Check]:
    """`kind data doctor`: editor files left behind by a kind that was killed."""
    from kindcli.health import Check

    left = leftover_files(folder, locks)
    if not left:
        return []
    names = ", ".join(p.name for p in left[:5])
    return [
        Check(
            "editing",
            False,
            f"{folder} holds {len(left)} file(s) from an editor session that ended early "
            f"({names}); they may hold your words: the next `kind journal` offers a "
            "draft's words again, and anything else is yours to read and delete",
        )
    ]
