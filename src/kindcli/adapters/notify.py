"""Desktop notifications: notify-send on Linux and the BSDs, osascript on macOS.

Only when there is a desktop to show one on: on Linux a DISPLAY or WAYLAND_DISPLAY, on
macOS a logged-in session (launchd runs kind's agents inside it). Without one, nothing is
shown and nothing waits. A notification that cannot be shown is not an error: the nudge is
simply not counted as sent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

APP_NAME = "kind"


class Notifier(Protocol):
    def available(self) -> str | None:
        """Why no notification can be shown here, or None when one can."""
        ...

    def notify(self, title: str, body: str) -> bool:
        """Show it; True if the system took it."""
        ...


def _run(argv: Sequence[str]) -> bool:
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=15,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


class DesktopNotifier:
    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        platform: str = sys.platform,
        which: Callable[[str], str | None] = shutil.which,
        run: Callable[[Sequence[str]], bool] = _run,
    ) -> None:
        self.environ = os.environ if environ is None else environ
        self.platform = platform
        self.which = which
        self.run = run

    def available(self) -> str | None:
        if self.platform == "darwin":
            return None if self.which("osascript") else "osascript is not on this Mac's PATH"
        if not (self.environ.get("DISPLAY") or self.environ.get("WAYLAND_DISPLAY")):
            return "there is no desktop here to show a notification on"
        if not self.which("notify-send"):
            return "notify-send is not installed (on Debian and Ubuntu: libnotify-bin)"
        return None

    def notify(self, title: str, body: str) -> bool:
        if self.available() is not None:
            return False
        if self.platform == "darwin":
            # The words go in as arguments, never into the script's own text.
            script = (
                "on run argv\n"
                "display notification (item 2 of argv) with title (item 1 of argv)\n"
                "end run"
            )
            return self.run(["osascript", "-e", script, title, body])
        return self.run(["notify-send", f"--app-name={APP_NAME}", "--", title, body])
