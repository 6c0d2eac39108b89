"""Opening the person's own editor ($VISUAL or $EDITOR) on a private temporary file.

The file lives in kind's own folder (not the shared /tmp), is readable only by its owner
(0600) and is removed as soon as the editor closes, whatever happened.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kindcli.errors import KindError
from kindcli.paths import ensure_private_dir
from kindcli.practices.journal_editor import EditorResult

FALLBACKS = ("nano", "vi")


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


class SystemEditor:
    def __init__(self, folder: Path, environ: Mapping[str, str] | None = None) -> None:
        self.folder = folder
        self.environ = environ

    def __call__(self, text: str) -> EditorResult:
        command = editor_command(self.environ)
        ensure_private_dir(self.folder)
        fd, name = tempfile.mkstemp(prefix="journal-", suffix=".md", dir=self.folder)
        path = Path(name)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            ok = self._run([*command, str(path)])
            edited = path.read_text(encoding="utf-8", errors="replace")
            return EditorResult(edited, ok)
        finally:
            path.unlink(missing_ok=True)

    def _run(self, argv: list[str]) -> bool:
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
            return process.wait() == 0
        finally:
            signal.signal(signal.SIGINT, previous)
