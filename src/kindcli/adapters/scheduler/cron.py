"""A crontab line per reminder, recognized and checked with python-crontab."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kindcli.adapters.scheduler.common import (
    DESKTOP_VARIABLES,
    NAME,
    Job,
    Runner,
    Step,
    _ranges,
    _write_file,
    run_command,
)
from kindcli.errors import KindError
from kindcli.reminders import Reminder

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
