"""Putting reminders into the system's own scheduler, and taking exactly them out again.

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
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

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


# ---- systemd ---------------------------------------------------------------------------------

_SYSTEMD_NAME = re.compile(rf"^{NAME}(\d+)\.(service|timer)$")


def on_calendar(r: Reminder) -> str:
    """systemd's calendar expression: 'Mon..Fri *-*-* 08:30:00'."""
    names = [d.capitalize() for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    days = _ranges(sorted(r.days), names, "..") if len(r.days) < 7 else ""
    return f"{days + ' ' if days else ''}*-*-* {r.hour:02d}:{r.minute:02d}:00"


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


def _systemd_word(word: str) -> str:
    # Unit files expand %specifiers and $VARIABLES: double them; quote what has spaces.
    text = word.replace("%", "%%").replace("$", "$$")
    if text and not re.search(r"[\s\"'\\;]", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_service(job: Job) -> str:
    lines = [
        f"{HEADER}: {job.about}.",
        FOOTER,
        "[Unit]",
        f"Description=kind: a gentle reminder (reminder {job.reminder.id})",
        "",
        "[Service]",
        "Type=oneshot",
        *(f"Environment={_systemd_word(f'{k}={v}')}" for k, v in job.env),
        "ExecStart=" + " ".join(_systemd_word(w) for w in job.argv),
    ]
    return "\n".join(lines) + "\n"


def systemd_timer(job: Job) -> str:
    r = job.reminder
    lines = [
        f"{HEADER}: {job.about}.",
        FOOTER,
        "[Unit]",
        f"Description=kind: reminder {r.id}, {r.describe()}",
        "",
        "[Timer]",
        f"OnCalendar={on_calendar(r)}",
        f"Unit={job.name}.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
    ]
    return "\n".join(lines) + "\n"


def systemd_unit_dir(environ: Mapping[str, str]) -> Path:
    """Where systemd looks for a user's own units: $XDG_CONFIG_HOME/systemd/user."""
    config = environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config.startswith("/") else Path(environ.get("HOME", "~")) / ".config"
    return base.expanduser() / "systemd" / "user"


class SystemdScheduler:
    name = "systemd"
    label = "systemd user timers"

    def __init__(self, unit_dir: Path, run: Runner = run_command) -> None:
        self.unit_dir = unit_dir
        self.run = run

    def _ours(self) -> dict[int, list[Path]]:
        found: dict[int, list[Path]] = {}
        try:
            entries = sorted(self.unit_dir.iterdir())
        except OSError:
            return found
        for path in entries:
            m = _SYSTEMD_NAME.match(path.name)
            if m and _starts_with_header(path):
                found.setdefault(int(m.group(1)), []).append(path)
        return found

    def installed(self) -> list[int]:
        return sorted(
            i for i, files in self._ours().items() if any(f.suffix == ".timer" for f in files)
        )

    def _systemctl(self, *words: str, tolerant: bool = False) -> Step:
        argv = ("systemctl", "--user", *words)

        def do() -> str | None:
            ran = self.run(argv, None)
            if ran.code == 0:
                return None
            if tolerant:
                return f"(systemctl said: {ran.said}; carrying on)"
            raise KindError(
                f"`{' '.join(argv)}` did not work: {ran.said}.",
                "The files above are in place. `kind remind uninstall` takes them out again; "
                "`kind remind install --scheduler cron` uses cron instead.",
            )

        return Step("run", " ".join(argv), "", do)

    def install_steps(self, jobs: Sequence[Job]) -> list[Step]:
        steps: list[Step] = []
        ours = self._ours()
        wanted = {j.reminder.id for j in jobs}
        for rid, files in sorted(ours.items()):
            if rid not in wanted:
                steps.append(
                    self._systemctl("disable", "--now", f"{NAME}{rid}.timer", tolerant=True)
                )
                steps += [_remove_step(f) for f in files]
        for job in jobs:
            for suffix, text in (
                (".service", systemd_service(job)),
                (".timer", systemd_timer(job)),
            ):
                steps.append(_write_step(self.unit_dir / f"{job.name}{suffix}", text))
        steps.append(self._systemctl("daemon-reload"))
        steps += [self._systemctl("enable", "--now", f"{j.name}.timer") for j in jobs]
        return steps

    def uninstall_steps(self) -> list[Step]:
        ours = self._ours()
        if not ours:
            return []
        steps: list[Step] = []
        for rid, files in sorted(ours.items()):
            steps.append(self._systemctl("disable", "--now", f"{NAME}{rid}.timer", tolerant=True))
            steps += [_remove_step(f) for f in files]
        steps.append(self._systemctl("daemon-reload", tolerant=True))
        return steps


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


# ---- cron ------------------------------------------------------------------------------------

_CRON_COMMENT = re.compile(rf"^{NAME}(\d+)$")


def cron_schedule(r: Reminder) -> str:
    """'30 8 * * 1-5' (cron counts Sunday as 0)."""
    if len(r.days) == 7:
        days = "*"
    else:
        cron_days = sorted((d + 1) % 7 for d in r.days)
        days = _ranges(cron_days, [str(i) for i in range(7)], "-")
    return f"{r.minute} {r.hour} * * {days}"


def cron_command(job: Job, environ: Mapping[str, str] | None = None) -> str:
    """The job's command for /bin/sh, with its variables in front (python-crontab escapes
    `%`, which means a new line to cron, when it renders the line)."""
    env = dict(job.env)
    source = os.environ if environ is None else environ
    for key in DESKTOP_VARIABLES:
        value = source.get(key)
        if value and (key != "DBUS_SESSION_BUS_ADDRESS" or value.startswith("unix:path=")):
            env.setdefault(key, value)
    words = [f"{k}={shlex.quote(v)}" for k, v in env.items()] + [shlex.quote(w) for w in job.argv]
    return " ".join(words)


class CronScheduler:
    """A crontab line per reminder.

    python-crontab builds and reads kind's own lines and checks the result, but the file is
    not re-rendered by it: that would move the person's variables to the top, collapse
    their spacing and turn any line it does not understand into "# DISABLED LINE". So
    their lines stay byte for byte as written; kind removes only lines that parse, on their
    own, as a job named `kind-reminder-<id>`, adds its new ones at the end, and checks with
    python-crontab that the whole crontab still reads as the person's jobs plus kind's."""

    name = "cron"
    label = "your crontab"

    def __init__(
        self,
        tabfile: Path | None = None,
        run: Runner = run_command,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        # No tabfile: the user's own crontab, through the `crontab` command.
        self.tabfile = tabfile
        self.run = run
        self.environ = environ

    @property
    def where(self) -> str:
        return str(self.tabfile) if self.tabfile else "your crontab (`crontab -l` shows it)"

    def _read(self) -> str:
        if self.tabfile is not None:
            try:
                return self.tabfile.read_text(encoding="utf-8")
            except FileNotFoundError:
                return ""
            except (OSError, UnicodeDecodeError) as e:
                raise KindError(f"Could not read {self.tabfile}: {e}.") from None
        ran = self.run(("crontab", "-l"), None)
        if ran.code != 0:
            if "no crontab" in ran.said.lower():
                return ""
            raise KindError(f"Could not read your crontab (`crontab -l`): {ran.said}.")
        return ran.out

    def _write(self, text: str) -> None:
        if self.tabfile is not None:
            _write_file(self.tabfile, text)
            return
        ran = self.run(("crontab", "-"), text)
        if ran.code != 0:
            raise KindError(
                f"Could not save your crontab (`crontab -`): {ran.said}.",
                "Your crontab was left as it was.",
            )

    def _split(self, text: str) -> tuple[list[str], dict[int, str]]:
        """The person's lines as written, and kind's (by reminder id)."""
        theirs: list[str] = []
        ours: dict[int, str] = {}
        for line in text.splitlines():
            rid = _our_cron_line(line)
            if rid is None:
                theirs.append(line)
            else:
                ours[rid] = line
        return theirs, ours

    def installed(self) -> list[int]:
        return sorted(self._split(self._read())[1])

    def _change(self, text: str, theirs: list[str], removed: list[str], new: list[str]) -> Step:
        result = "".join(f"{line}\n" for line in [*theirs, *new])
        _check_crontab(text, result, new)
        shown = "\n".join([*(f"- {line}" for line in removed), *(f"+ {line}" for line in new)])

        def do() -> str | None:
            # Read again just before writing: refuse if it changed in the meantime.
            if self._read() != text:
                raise KindError(
                    "Your crontab changed while kind was working on it, so it was left as is.",
                    "Run the command again.",
                )
            self._write(result)
            return None

        return Step("crontab", self.where, shown, do)

    def install_steps(self, jobs: Sequence[Job]) -> list[Step]:
        text = self._read()
        theirs, ours = self._split(text)
        new = [cron_line(job, self.environ) for job in jobs]
        removed = [line for _, line in sorted(ours.items())]
        if removed == new:
            return []
        return [self._change(text, theirs, removed, new)]

    def uninstall_steps(self) -> list[Step]:
        text = self._read()
        theirs, ours = self._split(text)
        if not ours:
            return []
        return [self._change(text, theirs, [line for _, line in sorted(ours.items())], [])]


def _crontab() -> Any:  # python-crontab has no type hints
    import crontab

    # Keep '0 * * * *' as written rather than turning it into '@hourly'.
    crontab.SPECIALS_CONVERSION = None
    return crontab.CronTab


def cron_line(job: Job, environ: Mapping[str, str] | None = None) -> str:
    """The whole crontab line for a job, built and rendered by python-crontab:
    '30 8 * * 1-5 KIND_HOME=... /usr/bin/python3 -m kindcli nudge --reminder 1 # kind-reminder-1'.
    """
    tab = _crontab()(tab="")
    entry = tab.new(command=cron_command(job, environ), comment=job.name)
    entry.setall(cron_schedule(job.reminder))
    return str(entry.render())


def _our_cron_line(line: str) -> int | None:
    """The reminder id if this one line is a cron job kind wrote (named kind-reminder-N)."""
    if NAME not in line or line.lstrip().startswith("#"):
        return None
    jobs = list(_crontab()(tab=line))
    if len(jobs) != 1 or not jobs[0].is_valid():
        return None
    m = _CRON_COMMENT.match(jobs[0].comment or "")
    return int(m.group(1)) if m else None


def _check_crontab(before: str, after: str, new: list[str]) -> None:
    """The person's jobs and variables read the same as before, and kind's are exactly
    `new` (python-crontab reads both). Anything else: refuse, before writing."""

    def reading(text: str) -> tuple[object, ...]:
        tab = _crontab()(tab=text)
        jobs = tuple(
            (j.slices.render(), j.command, j.enabled, tuple(j.env.items()))
            for j in tab
            if not _CRON_COMMENT.match(j.comment or "")
        )
        return tuple(tab.env.items()), jobs

    ours = [str(j.render()) for j in _crontab()(tab=after) if _CRON_COMMENT.match(j.comment or "")]
    if reading(before) != reading(after) or ours != new:
        raise KindError(
            "kind could not change your crontab without changing something else of yours, "
            "so it left it as it was.",
            "You can add these lines yourself with `crontab -e`:\n" + "\n".join(new),
        )


# ---- launchd ---------------------------------------------------------------------------------

_LAUNCHD_NAME = re.compile(rf"^{re.escape(LAUNCHD_LABEL)}(\d+)\.plist$")


def launchd_plist(job: Job) -> bytes:
    import plistlib

    r = job.reminder
    times = [{"Hour": r.hour, "Minute": r.minute}]
    if len(r.days) < 7:  # launchd counts Sunday as 0
        times = [
            {"Weekday": (d + 1) % 7, "Hour": r.hour, "Minute": r.minute} for d in sorted(r.days)
        ]
    plist: dict[str, object] = {
        "Label": f"{LAUNCHD_LABEL}{r.id}",
        "ProgramArguments": list(job.argv),
        "StartCalendarInterval": times,
        "ProcessType": "Background",
    }
    if job.env:
        plist["EnvironmentVariables"] = dict(job.env)
    return plistlib.dumps(plist, sort_keys=True)


class LaunchdScheduler:
    name = "launchd"
    label = "launchd agents"

    def __init__(self, agent_dir: Path, run: Runner = run_command, uid: int | None = None) -> None:
        self.agent_dir = agent_dir
        self.run = run
        self.uid = os.getuid() if uid is None else uid

    def _ours(self) -> dict[int, Path]:
        found: dict[int, Path] = {}
        try:
            entries = sorted(self.agent_dir.iterdir())
        except OSError:
            return found
        for path in entries:
            m = _LAUNCHD_NAME.match(path.name)
            if m and _plist_label(path) == f"{LAUNCHD_LABEL}{m.group(1)}":
                found[int(m.group(1))] = path
        return found

    def installed(self) -> list[int]:
        return sorted(self._ours())

    def _launchctl(self, *words: str, tolerant: bool = False) -> Step:
        argv = ("launchctl", *words)

        def do() -> str | None:
            ran = self.run(argv, None)
            if ran.code == 0 or tolerant:
                return None
            raise KindError(
                f"`{' '.join(argv)}` did not work: {ran.said}.",
                "The files above are in place; `kind remind uninstall` takes them out again.",
            )

        return Step("run", " ".join(argv), "", do)

    def install_steps(self, jobs: Sequence[Job]) -> list[Step]:
        steps: list[Step] = []
        domain = f"gui/{self.uid}"
        ours = self._ours()
        wanted = {j.reminder.id for j in jobs}
        for rid, path in sorted(ours.items()):
            steps.append(
                self._launchctl("bootout", f"{domain}/{LAUNCHD_LABEL}{rid}", tolerant=True)
            )
            if rid not in wanted:
                steps.append(_remove_step(path))
        for job in jobs:
            path = self.agent_dir / f"{LAUNCHD_LABEL}{job.reminder.id}.plist"
            text = launchd_plist(job)

            def do(path: Path = path, text: bytes = text) -> str | None:
                _write_file(path, text)
                return None

            steps.append(Step("write", str(path), text.decode("utf-8"), do))
            steps.append(self._launchctl("bootstrap", domain, str(path)))
        return steps

    def uninstall_steps(self) -> list[Step]:
        steps: list[Step] = []
        for rid, path in sorted(self._ours().items()):
            steps.append(
                self._launchctl("bootout", f"gui/{self.uid}/{LAUNCHD_LABEL}{rid}", tolerant=True)
            )
            steps.append(_remove_step(path))
        return steps


def _plist_label(path: Path) -> str | None:
    import plistlib

    try:
        with path.open("rb") as f:
            data = plistlib.load(f)
    except (OSError, ValueError, plistlib.InvalidFileException):
        return None
    label = data.get("Label") if isinstance(data, dict) else None
    return label if isinstance(label, str) else None


# ---- which one -------------------------------------------------------------------------------


class Schedulers(NamedTuple):
    """The schedulers this system has, and the one to use when none is named."""

    default: str | None
    available: Mapping[str, Scheduler]


def system_schedulers(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] | None = None,
    systemd_booted: Callable[[], bool] | None = None,
) -> Schedulers:
    """launchd on macOS; elsewhere systemd user timers where systemd runs, and cron where
    there is a `crontab` command (systemd first)."""
    import shutil

    env = os.environ if environ is None else environ
    find = which or shutil.which
    booted = systemd_booted or (lambda: os.path.isdir("/run/systemd/system"))
    home = Path(env.get("HOME", "~")).expanduser()
    available: dict[str, Scheduler] = {}
    if platform == "darwin":
        available["launchd"] = LaunchdScheduler(home / "Library" / "LaunchAgents")
    else:
        unit_dir = systemd_unit_dir(env)
        if (booted() and find("systemctl")) or unit_dir.is_dir():
            available["systemd"] = SystemdScheduler(unit_dir)
        if find("crontab"):
            available["cron"] = CronScheduler()
    default = None
    if platform == "darwin":
        default = "launchd"
    elif booted() and find("systemctl"):
        default = "systemd"
    elif "cron" in available:
        default = "cron"
    return Schedulers(default, available)
