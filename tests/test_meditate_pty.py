"""`kind meditate` and its timer through a real pseudo-terminal, as a person uses them:
the live view, pausing, going on, q, Ctrl-C, and the terminal given back every time."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pexpect

from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.pty import finish, spawn_kind

# Short steps, so a run takes seconds; each step's words are easy to wait for.
QUICK = """id: quick-sit
name: Quick sit
summary: A short test sitting.
minutes: 0.2
anchors: [sounds]
steps:
  - text: Settle in now, first of all.
    min_seconds: 3
  - text: Listen to the sounds around you, second.
    min_seconds: 3
  - text: Rest here for a while, third and last.
    min_seconds: 3
    weight: 5
"""


def setup(home: Path) -> None:
    folder = home / "content" / "meditations"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick-sit.yaml").write_text(QUICK)
    (home / "config.toml").write_text("mood_checkins = false\n")


def sessions(home: Path) -> list[SessionRecord]:
    with Store.open(home / "kind.db") as store:
        return store.sessions(practice="meditation")


def in_shell(args: str, env: dict[str, str]) -> pexpect.spawn:
    """Run kind from a shell that reports its exit status and the terminal settings after."""
    kind = f"{sys.executable} -m kindcli"
    return pexpect.spawn(
        "sh",
        ["-c", f"trap : INT; {kind} {args}; echo EXIT=$?; stty -a"],
        env=env,
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=30,
    )


def restored(child: pexpect.spawn, status: int) -> None:
    child.expect(f"EXIT={status}")
    child.expect(pexpect.EOF)
    stty_after = child.before
    child.close()
    assert " echo " in stty_after and "-echo " not in stty_after
    assert " icanon " in stty_after and "-icanon" not in stty_after


def test_a_meditation_fades_in_pauses_goes_on_and_stops_with_q(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    setup(kind_home)
    child = in_shell("meditate quick-sit", kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("Space pauses and resumes; q or Esc stops.")
    child.expect("Settle in now, first of all.")
    child.expect(r"step 1 of 3 · 0:\d\d left")
    child.send(" ")
    child.expect("Paused · take all the time you need")
    child.send(" ")
    child.expect(r"step 1 of 3")
    second = "Listen to the sounds around you, second."
    child.expect(re.escape(second), timeout=15)
    child.expect("step 2 of 3")
    child.expect(r"(?<!\x1b\[2m)" + re.escape(second))  # faded in: now at full brightness
    child.send("q")
    child.expect(r"You meditated for 0:0\d \(1 of 3 steps\)\. Stopping early is always fine\.")
    drawn = seen.getvalue()
    restored(child, 0)
    # The cursor was hidden while the view drew, and shown again before the closing line.
    assert "\x1b[?25l" in drawn and drawn.rindex("\x1b[?25h") > drawn.rindex("\x1b[?25l")
    # The instruction faded in: it was first drawn dim.
    first = drawn.index(second)
    assert drawn[:first].endswith("\x1b[2m")
    [record] = sessions(kind_home)
    assert record.content_id == "quick-sit" and not record.completed
    assert record.details["ended_by"] == "quit" and record.details["pauses"] == 1
    assert record.details["paused_seconds"] > 0 and record.details["mode"] == "live"


def test_ctrl_c_ends_a_meditation_with_130_and_saves_it(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    setup(kind_home)
    child = in_shell("meditate quick-sit", kind_env)
    child.expect("Settle in now, first of all.")
    child.sendintr()
    child.expect("It is always fine to stop")
    restored(child, 130)
    [record] = sessions(kind_home)
    assert record.details["ended_by"] == "interrupted" and not record.completed


def test_the_timer_rings_pauses_goes_on_and_stops_with_q(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    setup(kind_home)
    child = in_shell("meditate timer --minutes 1 --interval 0.05", kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect(r"1:00, a bell every 0:03\.")
    child.expect(r"Sitting · 1:00 · a bell every 0:03")
    child.expect("next bell in")
    child.expect("· bell ·", timeout=15)  # the first interval bell, shown as it rings
    child.send(" ")
    child.expect("Paused · take all the time you need")
    child.send(" ")
    child.expect("space to pause · q to stop")
    child.send("q")
    child.expect(r"You sat for 0:0\d of 1:00\. Stopping early is always fine\.")
    drawn = seen.getvalue()
    restored(child, 0)
    assert drawn.count("\a") >= 2  # the opening bell and at least one interval bell
    [record] = sessions(kind_home)
    assert record.content_id == "timer" and record.details["interval_bells"] >= 1
    assert record.details["pauses"] == 1 and record.details["ended_by"] == "quit"


def test_an_endless_timer_runs_until_q_and_rings_out(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    setup(kind_home)
    child = spawn_kind(["meditate", "timer", "--minutes", "0", "--no-bell"], kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("ends it, with the closing bell")
    child.expect("0:01", timeout=15)  # counting up
    child.expect("q when you are done")
    child.send("q")
    child.expect(r"You sat for 0:0\d\.")
    assert finish(child) == 0
    assert "\a" not in seen.getvalue()
    [record] = sessions(kind_home)
    assert record.details["endless"] is True and record.planned_seconds is None


def test_plain_on_a_terminal_is_plain_and_the_keys_still_work(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    setup(kind_home)
    child = spawn_kind(["meditate", "quick-sit", "--plain"], kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("Settle in now, first of all.\r\n")
    child.send(" ")
    child.expect("Paused. Press space to go on, or q to stop.\r\n")
    child.send(" ")
    child.expect(r"Going on \(0:\d\d left\)\.\r\n")
    child.expect("Listen to the sounds around you, second.\r\n", timeout=15)
    child.send("q")
    child.expect(r"\(1 of 3 steps\)")
    assert finish(child) == 0
    assert "\x1b" not in seen.getvalue()
    [record] = sessions(kind_home)
    assert record.details["mode"] == "plain" and record.details["pauses"] == 1
