"""What every scheduler shares: jobs, steps, the scheduler protocol and careful file writes.

Putting reminders into the system's own scheduler, and taking exactly them out again.

Three schedulers, one shape: systemd user timers (Linux with systemd), a crontab line per
reminder (edited through python-crontab, never by string surgery), and launchd agents
(macOS). Each reminder becomes one entry named `kind-reminder-<id>` (launchd:
`kindcli.reminder.<id>`) that runs `kind nudge --reminder <id>`; everything kind writes
carries that name and a marker, and uninstalling removes those and nothing else.

A scheduler returns `Step`s: what it will write, remove or run, with the exact text, and a
function that does it. The command prints each step as it is done (or, with `--dry-run`,
only prints them). Every place a scheduler touches is given to it (a folder, a crontab file,
a command runner), so tests point them at a temporary home and never at the real ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from kindcli.errors import KindError
from kindcli.reminders import Reminder

NAME = "kind-reminder-"
HEADER = "# Written by `kind remind install`"
FOOTER = "# `kind remind uninstall` removes it."
LAUNCHD_LABEL = "kindcli.reminder."
# What a job needs from the environment it was installed from: where kind keeps things.
HOME_VARIABLES = ("KIND_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")
# cron starts jobs with almost no environment, so it is also told where the desktop is
# (as it was when the person installed; a bus address with a random name is left out).
DESKTOP_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS")


class Ran(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        return (self.err or self.out).strip() or f"exit {self.code}"


# Runs a command (with text on its stdin, if given). Tests hand in a fake.
Runner = Callable[[Sequence[str], "str | None"], Ran]


def run_command(argv: Sequence[str], stdin: str | None = None) -> Ran:
    try:
        done = subprocess.run(
            list(argv), input=stdin, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as e:
        return Ran(127, "", str(e))
    return Ran(done.returncode, done.stdout, done.stderr)


class Job(NamedTuple):
    """One reminder as the scheduler runs it."""

    reminder: Reminder
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        return f"{NAME}{self.reminder.id}"

    @property
    def about(self) -> str:
        return f"reminder {self.reminder.id} ({self.reminder.describe()})"


def jobs_for(
    reminders: Sequence[Reminder],
    environ: Mapping[str, str] | None = None,
    program: Sequence[str] | None = None,
) -> list[Job]:
    """The jobs for these reminders, each running this very kind (this Python, `-m
    kindcli`), with the variables that say where its settings and database are."""
    env = os.environ if environ is None else environ
    base = tuple(program or (sys.executable, "-m", "kindcli"))
    pinned = tuple((k, env[k]) for k in HOME_VARIABLES if env.get(k))
    return [
        Job(r, (*base, "nudge", "--reminder", str(r.id)), pinned)
        for r in sorted(reminders, key=lambda r: r.id)
    ]


class Step(NamedTuple):
    verb: str  # "write", "remove", "run", "crontab"
    where: str  # a path, a command line, "your crontab"
    text: str  # the exact content written, or the lines changed
    do: Callable[[], str | None]  # returns a note to show, if any

    def said(self, dry_run: bool) -> str:
        done, would = {
            "write": ("Wrote", "Would write"),
            "remove": ("Removed", "Would remove"),
            "run": ("Ran", "Would run"),
            "crontab": ("Changed", "Would change"),
        }[self.verb]
        return f"{would if dry_run else done} {self.where}" + (":" if self.text else "")


class Scheduler(Protocol):
    name: str
    label: str  # "systemd user timers"

    def installed(self) -> list[int]:
        """The reminder ids kind has put here."""
        ...

    def install_steps(self, jobs: Sequence[Job]) -> list[Step]:
        """Make this scheduler hold exactly `jobs` (kind's entries only)."""
        ...

    def uninstall_steps(self) -> list[Step]:
        """Remove every entry kind put here, and nothing else."""
        ...


def _ranges(days: list[int], names: Sequence[str], dash: str) -> str:
    parts: list[str] = []
    i = 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and days[j + 1] == days[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{names[days[i]]}{dash}{names[days[j]]}")
        else:
            parts.extend(names[d] for d in days[i : j + 1])
        i = j + 1
    return ",".join(parts)


def _starts_with_header(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return f.readline().startswith(HEADER)
    except OSError:
        return False


def _write_step(path: Path, text: str) -> Step:
    def do() -> str | None:
        _write_file(path, text)
        return None

    return Step("write", str(path), text, do)


def _remove_step(path: Path) -> Step:
    def do() -> str | None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise KindError(f"Could not remove {path}: {e.strerror}.") from None
        return None

    return Step("remove", str(path), "", do)


def _write_file(path: Path, text: str | bytes) -> None:
    """Atomically, readable only by the owner (the scheduler reads it as the same user)."""
    import tempfile

    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError as e:
        raise KindError(f"Could not write {path}: {e.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise KindError(f"Could not write {path}: {e.strerror}.") from None
