"""The terminal is always given back: SIGTERM or SIGHUP in the middle of any interactive
command leaves it as it was (echo and line editing on, bracketed paste off, the cursor
shown), and what was done is saved. Ctrl-C at any moment, even before Typer has loaded,
is one calm line and exit 130, never a traceback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from kindcli.store import Store

# (command, what is on screen once it is waiting in raw or cbreak mode); a break's first
# check-in is a plain line prompt, so it is answered first (below).
INTERACTIVE = {
    "journal": (["journal", "-p", "evening"], "(Ctrl-D"),
    "break": (["break"], "What's weighing on you?"),
    "plan": (["plan"], "Add one (or press Enter"),
    "menu": ([], "What would help right now?"),
    "breathe": (["breathe", "slow"], "Breathe in"),
    "meditate": (["meditate", "sit"], "Rest here, just as you are."),
}
SIT = (
    "id: sit\nname: Sit\nsummary: A quiet sit.\nminutes: 5\n"
    "steps:\n  - text: Rest here, just as you are.\n"
)
SLOW = (
    "id: slow\nname: Slow\nphases:\n"
    "  - {action: inhale, seconds: 30}\n  - {action: exhale, seconds: 30}\n"
)


def _kind_pid(shell: pexpect.spawn) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-P", str(shell.pid)], capture_output=True, text=True)
        if found.stdout.split():
            return int(found.stdout.split()[0])
        time.sleep(0.05)
    raise AssertionError("kind did not start")


def _tty_settings(pid: int) -> str:
    tty = os.readlink(f"/proc/{pid}/fd/0")
    return subprocess.run(["stty", "-a", "-F", tty], capture_output=True, text=True).stdout


@pytest.fixture
def env(kind_env: dict[str, str], kind_home: Path) -> dict[str, str]:
    (kind_home / "content" / "breathing").mkdir(parents=True)
    (kind_home / "content" / "breathing" / "slow.yaml").write_text(SLOW)
    (kind_home / "content" / "meditations").mkdir(parents=True)
    (kind_home / "content" / "meditations" / "sit.yaml").write_text(SIT)
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    # prompt_toolkit would wait for an answer to its cursor-position question; pexpect gives none.
    return {**kind_env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}


RESTORED: list[str] = []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("name", list(INTERACTIVE))
def test_a_stop_signal_gives_the_terminal_back(
    env: dict[str, str], kind_home: Path, name: str, signum: int
) -> None:
    args, waiting = INTERACTIVE[name]
    if name == "break":
        (kind_home / "config.toml").write_text("mood_checkins = true\n")
    command = " ".join([sys.executable, "-m", "kindcli", *args])
    shell = pexpect.spawn(
        "sh",
        ["-c", f"{command}; echo EXIT=$?; stty -a"],
        env=env,
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=30,
    )
    screen = pyte.Screen(100, 30)
    stream = pyte.Stream(screen)
    shell.logfile_read = _Feed(stream)
    if name == "break":
        shell.expect_exact("How intense does this feel right now")
        shell.send("5\r")
    shell.expect_exact(waiting)
    pid = _kind_pid(shell)
    deadline = time.monotonic() + 30
    while " -icanon " not in _tty_settings(pid):  # the widget or timer has the terminal
        assert time.monotonic() < deadline, "the terminal was never put in raw mode"
        time.sleep(0.05)
    os.kill(pid, signum)
    shell.expect(r"EXIT=(\d+)")
    assert int(shell.match.group(1)) == 128 + signum
    shell.expect(pexpect.EOF)
    settings = shell.before
    shell.close()
    assert " echo " in settings and " icanon " in settings, settings
    assert not screen.cursor.hidden
    assert (2004 << 5) not in screen.mode  # bracketed paste is off again
    assert "Traceback" not in "\n".join(screen.display)
    if name in ("breathe", "meditate", "break"):  # what was done is kept too
        with Store.open(kind_home / "kind.db") as store:
            [session] = store.sessions()
        assert session.completed is False
    RESTORED.append(f"{name}:{signal.Signals(signum).name}")
    print(f"terminals restored so far: {len(RESTORED)} ({', '.join(RESTORED)})")


class _Feed:
    """pexpect's logfile: everything kind writes goes to the pyte screen too."""

    def __init__(self, stream: pyte.Stream) -> None:
        self.stream = stream

    def write(self, data: str) -> None:
        self.stream.feed(data)

    def flush(self) -> None:
        pass


def test_closing_the_terminal_mid_break_saves_the_break_as_it_was(
    env: dict[str, str], kind_home: Path
) -> None:
    (kind_home / "config.toml").write_text("mood_checkins = true\n")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kindcli", "break", "quick"],
        env=env,
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=30,
    )
    child.expect_exact("How intense does this feel right now")
    child.sendline("7")
    child.expect(r"\(1 of \d+\)")
    os.kill(child.pid, signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + signal.SIGHUP
    with Store.open(kind_home / "kind.db") as store:
        [session] = store.sessions()
    assert session.practice == "break" and session.distress_before == 7
    assert session.details["ended_by"] == "hangup" and session.completed is False


# ---- Ctrl-C from the very first instruction --------------------------------------------------


@pytest.mark.parametrize("delay", [i * 0.01 for i in range(30)])
def test_ctrl_c_at_any_moment_of_start_up_is_calm(kind_env: dict[str, str], delay: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "kindcli", "stats"],
        env=kind_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    # Python's own start-up (site, runpy importing the package) comes before kind's first
    # instruction and may still print its traceback; from main() on, none may appear.
    frames = re.findall(r'File "([^"]*kindcli[/\\][^"]*)", line \d+, in (\S+)', err)
    assert [f for f in frames if not f[0].endswith("__init__.py")] == [], err
    assert "Aborted" not in err
    if child.returncode == 130:
        assert "It is always fine to stop" in err
    elif "Traceback" not in err:
        assert child.returncode in (0, -signal.SIGINT), (child.returncode, err)
