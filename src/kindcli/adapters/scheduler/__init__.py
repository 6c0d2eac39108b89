"""Putting reminders into the system's own scheduler, and taking exactly them out again.

Three schedulers, one shape (`common.Scheduler`): systemd user timers (`systemd.py`), a
crontab line per reminder (`cron.py`, through python-crontab, never by string surgery) and
launchd agents on macOS (`launchd.py`). Everything kind writes carries the name
`kind-reminder-<id>` (launchd: `kindcli.reminder.<id>`) and a marker; uninstalling removes
those and nothing else. Every place a scheduler touches is given to it, so tests point them
at a temporary home and never at the real ones.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from kindcli.adapters.scheduler.common import Ran, Scheduler, Step, jobs_for
from kindcli.adapters.scheduler.cron import CronScheduler, cron_line, cron_schedule
from kindcli.adapters.scheduler.launchd import LaunchdScheduler, launchd_plist
from kindcli.adapters.scheduler.systemd import (
    SystemdScheduler,
    on_calendar,
    systemd_service,
    systemd_timer,
    systemd_unit_dir,
)

__all__ = [
    "CronScheduler",
    "LaunchdScheduler",
    "Ran",
    "Scheduler",
    "Schedulers",
    "Step",
    "SystemdScheduler",
    "cron_line",
    "cron_schedule",
    "jobs_for",
    "launchd_plist",
    "on_calendar",
    "system_schedulers",
    "systemd_service",
    "systemd_timer",
]


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
