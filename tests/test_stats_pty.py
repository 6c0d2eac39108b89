"""`kind stats` through a real pseudo-terminal, with color, with NO_COLOR, and piped."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pexpect

from kindcli.ports import Moment
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.pty import spawn_kind

ANSI = "\x1b["
ANSI_CODE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _seed(kind_home: Path, env: dict[str, str]) -> None:
    """Three short breaks: today, yesterday and three days ago (by the real clock)."""
    now = datetime.now().astimezone()
    with Store.open(kind_home / "kind.db") as store:
        for days_ago in (0, 1, 3):
            when = now - timedelta(days=days_ago)
            store.add_session(SessionRecord("break", None, Moment.of(when), actual_seconds=300))


def _screen(args: list[str], env: dict[str, str], width: int) -> tuple[int, str]:
    """Everything the program wrote to its terminal, and its exit status."""
    child = spawn_kind(args, env, width=width)
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus
    return int(status), output


def test_stats_in_a_terminal_is_coloured_and_fits(
    kind_home: Path, kind_env: dict[str, str]
) -> None:
    _seed(kind_home, kind_env)
    status, output = _screen(["stats"], kind_env, 80)
    assert status == 0
    assert re.search(r"\x1b\[[0-9;]*m░", output), "a practice day is shaded and colored"
    text = ANSI_CODE.sub("", output)
    for expected in ("You practiced on 3 of the last 30 days.", "The last 26 weeks", "Check-ins"):
        assert expected in text
    rows = [line for line in text.splitlines() if line[:3] in ("Mon", "Tue", "Sun")]
    assert len(rows) == 3
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80


def test_stats_in_a_narrow_terminal_closes_up_the_calendar(
    kind_home: Path, kind_env: dict[str, str]
) -> None:
    _seed(kind_home, kind_env)
    status, output = _screen(["stats"], kind_env, 40)
    assert status == 0
    text = ANSI_CODE.sub("", output)
    # The first-run welcome names the data folder; a path is never broken, so skip it.
    lines = [line for line in text.splitlines() if str(kind_home) not in line]
    assert max(len(line.rstrip()) for line in lines) <= 40
    monday = next(line for line in text.splitlines() if line.startswith("Mon"))
    assert len(monday.rstrip()) == 4 + 26  # one column per week, no gaps


def test_stats_with_no_color_in_a_terminal_has_no_escape_codes(
    kind_home: Path, kind_env: dict[str, str]
) -> None:
    _seed(kind_home, kind_env)
    status, output = _screen(["stats"], {**kind_env, "NO_COLOR": "1"}, 80)
    assert status == 0
    assert ANSI not in output
    assert "░" in output and "no practice" in output


def test_stats_piped_is_plain_and_narrow_enough(kind_home: Path, kind_env: dict[str, str]) -> None:
    _seed(kind_home, kind_env)
    logged = subprocess.run(
        [sys.executable, "-m", "kindcli", "log", "meditation", "--date", "2d", "--minutes", "5"],
        env=kind_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert logged.returncode == 0, logged.stderr
    assert "Logged a meditation" in logged.stdout
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "stats"],
        env={**kind_env, "COLUMNS": "80"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ANSI not in done.stdout
    assert "You practiced on 4 of the last 30 days." in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 80
    assert "░" in done.stdout


def test_stats_json_and_log_stay_light(kind_home: Path, kind_env: dict[str, str]) -> None:
    from tests.test_imports import HEAVY, modules_loaded_by

    _seed(kind_home, kind_env)
    for args in (["stats", "--json"], ["log", "break"]):
        loaded = modules_loaded_by(args, kind_env)
        heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY)
        assert heavy == [], f"kind {' '.join(args)} imported {heavy}"
        assert "kindcli.store" in loaded  # the probe really ran the command
        assert "rich" not in loaded
    loaded = modules_loaded_by(["stats", "--json"], kind_env)
    assert "kindcli.practices.stats_view" not in loaded  # the words are only for people
