"""systemd user timers: one .timer and .service per reminder."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from kindcli.adapters.scheduler.common import (
    FOOTER,
    HEADER,
    NAME,
    Job,
    Runner,
    Step,
    _ranges,
    _remove_step,
    _starts_with_header,
    _write_step,
    run_command,
)
from kindcli.errors import KindError
from kindcli.reminders import Reminder

_SYSTEMD_NAME = re.compile(rf"^{NAME}(\d+)\.(service|timer)$")


def on_calendar(r: Reminder) -> str:
    """systemd's calendar expression: 'Mon..Fri *-*-* 08:30:00'."""
    names = [d.capitalize() for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    days = _ranges(sorted(r.days), names, "..") if len(r.days) < 7 else ""
    return f"{days + ' ' if days else ''}*-*-* {r.hour:02d}:{r.minute:02d}:00"


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
