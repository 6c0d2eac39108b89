"""`kind break` and `kind` alone, driven through a real pseudo-terminal as a person would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from kindcli.cli import INTERRUPTED
from kindcli.practices.breaks import GREETING
from kindcli.store import Store
from tests.pty import finish, spawn_kind
from tests.test_breaks import shipped
from tests.test_imports import modules_loaded_by


@pytest.fixture
def pty_env(kind_env: dict[str, str]) -> dict[str, str]:
    # prompt_toolkit asks the terminal where the cursor is and waits for the answer; pexpect
    # never answers, so each question would stall for a while. Real terminals answer at once.
    return {**kind_env, "PROMPT_TOOLKIT_NO_CPR": "1"}


def sessions(kind_home: Path) -> list[dict[str, object]]:
    with Store.open(kind_home / "kind.db") as store:
        return [
            {
                "content_id": s.content_id,
                "completed": s.completed,
                "before": s.distress_before,
                "after": s.distress_after,
                **s.details,
            }
            for s in store.sessions()
        ]


def test_a_full_standard_break_in_a_terminal(pty_env: dict[str, str], kind_home: Path) -> None:
    brk = shipped("standard")
    total = len(brk.steps)
    child = spawn_kind(["break"], pty_env)
    child.expect_exact(GREETING)
    child.expect_exact(brk.name)
    child.expect_exact("How intense does this feel right now")
    child.sendline("6")
    child.expect_exact("What's weighing on you?")
    child.sendline("a difficult phone call")
    for index, step in enumerate(brk.steps, start=1):
        child.expect_exact(f"({index} of {total})")
        if step.choose:
            child.expect_exact("Which words fit best?")
            child.expect_exact(step.phrasings[1])
            child.send("\x1b[B")  # arrow down: the second words
            child.send("\r")
            child.expect_exact(f"    {step.phrasings[1]}")
        child.sendline("")
    child.expect_exact("And now, how intense does it feel")
    child.sendline("3")
    child.expect_exact(brk.closing.split(".")[0])
    assert finish(child) == 0
    (saved,) = sessions(kind_home)
    assert saved["content_id"] == "standard" and saved["completed"] is True
    assert (saved["before"], saved["after"]) == (6, 3)
    assert saved["note"] == "a difficult phone call"
    assert saved["steps_completed"] == total
    kindness = next(s for s in brk.steps if s.choose)
    assert saved["phrase"] == kindness.phrasings[1]


def test_ctrl_c_mid_way_is_one_calm_line_and_keeps_what_was_done(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["break", "quick"], pty_env)
    child.expect_exact("How intense does this feel right now")
    child.sendline("")
    child.expect_exact("(1 of 4)")
    child.sendline("")
    child.expect_exact("(2 of 4)")
    child.sendintr()
    child.expect_exact(INTERRUPTED)
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")
    (saved,) = sessions(kind_home)
    assert saved["completed"] is False
    assert saved["steps_completed"] == 1 and saved["ended_by"] == "ctrl-c"


def test_kind_alone_asks_what_would_help_and_runs_the_break(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind([], pty_env)
    child.expect_exact("What would help right now?")
    child.expect_exact("A short self-compassion break (kind break)")
    child.send("\r")
    child.expect_exact(GREETING)
    child.expect_exact("How intense does this feel right now")
    child.sendintr()
    child.expect_exact(INTERRUPTED)
    assert finish(child) == 130
    assert not (kind_home / "kind.db").exists() or sessions(kind_home) == []


def test_without_a_terminal_nothing_waits(kind_env: dict[str, str], kind_home: Path) -> None:
    brk = shipped("quick")
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "break", "quick"],
        input="",
        capture_output=True,
        text=True,
        env=kind_env,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout
    for step in brk.steps:
        assert step.text in done.stdout
    assert done.stdout.rstrip().endswith(brk.closing)
    (saved,) = sessions(kind_home)
    assert saved["completed"] is True and saved["interactive"] is False
    assert saved["before"] is None and saved["after"] is None


@pytest.mark.parametrize("args", [["break", "--help"], ["break", "--list"]])
def test_break_help_and_list_stay_light(args: list[str], kind_env: dict[str, str]) -> None:
    loaded = modules_loaded_by(args, kind_env)
    assert "questionary" not in loaded and "prompt_toolkit" not in loaded
    if args[-1] == "--help":
        assert "yaml" not in loaded and "kindcli.catalog.models" not in loaded


def test_a_break_without_a_terminal_never_loads_questionary(kind_env: dict[str, str]) -> None:
    loaded = modules_loaded_by(["break", "quick"], kind_env)
    assert "questionary" not in loaded and "prompt_toolkit" not in loaded
    assert "yaml" in loaded  # the probe sees what the command really loaded


def test_list_json_in_a_subprocess(kind_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "break", "--list", "--json"],
        capture_output=True,
        text=True,
        env=kind_env,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0
    assert {b["id"] for b in json.loads(done.stdout)} >= {"standard", "quick"}


def test_the_greeting_comes_before_any_content_is_loaded(kind_env: dict[str, str]) -> None:
    # The first line is written before YAML is even imported: a probe that fails the import
    # of yaml shows the greeting still reached the screen.
    probe = (
        "import sys, builtins\n"
        "real = builtins.__import__\n"
        "def guard(name, *a, **k):\n"
        "    if name == 'yaml':\n"
        "        sys.stdout.flush(); print('YAML-NOW', flush=True)\n"
        "        builtins.__import__ = real\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = guard\n"
        "sys.argv = ['kind', 'break', 'quick']\n"
        "from kindcli.__main__ import main\n"
        "main()\n"
    )
    child = pexpect.spawn(sys.executable, ["-c", probe], env=kind_env, encoding="utf-8")
    child.expect_exact(GREETING, timeout=15)
    child.expect_exact("YAML-NOW", timeout=15)
    child.sendintr()
    child.expect(pexpect.EOF, timeout=15)
