"""launchd agents on macOS: one plist per reminder."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from kindcli.adapters.scheduler.common import (
    LAUNCHD_LABEL,
    Job,
    Runner,
    Step,
    _remove_step,
    _write_file,
    run_command,
)
from kindcli.errors import KindError

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
