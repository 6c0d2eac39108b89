"""The key screens as a terminal shows them (pyte renders what kind wrote to a real
pseudo-terminal) at 40, 80 and 120 columns: a break step, the stats calendar, a breathing
frame and sos. Nothing is cut mid-word and nothing runs past the edge."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pexpect
import pytest
from wcwidth import wcswidth

from kindcli.ports import Moment
from kindcli.practices.break_walk import PAUSE_FIRST
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.pty import finish, spawn_kind
from tests.test_breaks import shipped
from tests.test_output_policy import screen_of, whole

WIDTHS = [40, 80, 120]
HEIGHT = 60
# Escape sequences: CSI (colors, cursor moves), OSC, and the two-byte ones.
ESCAPE = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>78]"
)


@pytest.fixture
def env(kind_env: dict[str, str], kind_home: Path) -> dict[str, str]:
    kind_home.mkdir(parents=True, exist_ok=True)
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    return {**kind_env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}


def overflowing(output: str, width: int) -> list[str]:
    """Lines of plain text (as written between newlines and carriage returns) wider than
    the terminal, which it would wrap wherever the edge falls, mid-word. One word longer
    than the whole width (a long path) has nowhere to break, so it is left out."""
    text = ESCAPE.sub("", output)
    pieces = (piece for line in text.split("\n") for piece in line.split("\r"))
    return [p for p in pieces if wcswidth(p) > width and " " in p.strip()]


def check(output: str, width: int, *texts: str) -> None:
    assert not overflowing(output, width), overflowing(output, width)
    lines = screen_of(output, width, HEIGHT)
    for text in texts:
        assert whole(text, lines), (text, "\n".join(lines))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_break_step(width: int, env: dict[str, str]) -> None:
    brk = shipped("quick")
    first = brk.steps[0]
    child = spawn_kind(["break", "quick", "--no-checkin"], env, width=width, height=HEIGHT)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact(f"(1 of {len(brk.steps)})", timeout=30)
    child.expect_exact(PAUSE_FIRST, timeout=30)
    child.send("q")
    finish(child, timeout=30)
    check(seen.getvalue(), width, first.text.split("\n\n")[0], PAUSE_FIRST)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_stats_calendar(width: int, env: dict[str, str], kind_home: Path) -> None:
    now = datetime.now().astimezone()
    with Store.open(kind_home / "kind.db") as store:
        for days_ago in (0, 1, 3, 9, 30, 31, 60, 150):
            when = now - timedelta(days=days_ago)
            store.add_session(SessionRecord("break", None, Moment.of(when), actual_seconds=300))
    child = spawn_kind(["stats"], env, width=width, height=HEIGHT)
    child.expect(pexpect.EOF, timeout=30)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "Sun" in output and "more" in output
    check(output, width, "less ░ ▒ ▓ █ more")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_breathing_frame(width: int, env: dict[str, str]) -> None:
    child = spawn_kind(["breathe", "box", "--cycles", "1"], env, width=width, height=HEIGHT)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("left", timeout=30)
    child.expect_exact("q to stop", timeout=30)
    frame = seen.getvalue()
    child.send("q")
    finish(child, timeout=30)
    check(frame, width, "Box breathing · cycle 1 of 1", "space to pause · q to stop")


@pytest.mark.parametrize("width", WIDTHS)
def test_sos(width: int, env: dict[str, str]) -> None:
    child = spawn_kind(["sos", "--region", "gb"], env, width=width, height=HEIGHT)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("Choose (1-3, Enter for 3)", timeout=30)
    child.send("\r")
    finish(child, timeout=30)
    output = seen.getvalue()
    assert "999" in output
    # The screen holds the end of it; every line kind wrote fits, and the last lines read whole.
    check(output, width, "Would you like a one-minute grounding practice, right here?")
