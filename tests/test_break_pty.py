"""`kind break` and `kind` alone, driven through a real pseudo-terminal as a person would."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from kindcli.adapters.line_prompter import rating_problem
from kindcli.cli import INTERRUPTED
from kindcli.cli.menu import CLOSED_WORDS, NOTHING_WORDS
from kindcli.practices.break_walk import AUTO_CHOSE, PAUSE_FIRST, PAUSE_HINT, STOPPED_EARLY
from kindcli.practices.breaks import GREETING, SAVED_AS_READ
from kindcli.store import Store
from tests.pty import finish, spawn_kind
from tests.test_breaks import shipped
from tests.test_imports import modules_loaded_by
from tests.test_output_policy import screen_of


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
    child.expect_exact("How intense does this feel right now")
    child.sendline("6")
    child.expect_exact(brk.name)
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
        child.expect_exact(PAUSE_FIRST if index == 1 else PAUSE_HINT)
        child.send("\r")  # Enter alone moves on
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
    child.expect_exact(PAUSE_FIRST)
    child.send("\r")
    child.expect_exact("(2 of 4)")
    child.expect_exact(PAUSE_HINT)
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
    words = " ".join(done.stdout.split())
    for step in brk.steps:
        assert " ".join(step.text.split()) in words
    assert done.stdout.rstrip().endswith(brk.closing)
    assert SAVED_AS_READ in " ".join(done.stderr.split())
    (saved,) = sessions(kind_home)
    assert saved["completed"] is True and saved["interactive"] is False
    assert saved["before"] is None and saved["after"] is None
    # Printed to be read, not practiced: it does not count toward practice days.
    assert saved["counts_as_practice"] is False and saved["mode"] == "read"


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


def test_q_between_steps_stops_at_once_without_enter(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["break", "quick", "--no-checkin"], pty_env)
    child.expect_exact("(1 of 4)")
    child.expect_exact(PAUSE_FIRST)
    child.send("\r")
    child.expect_exact(PAUSE_HINT)
    child.send("q")  # the key alone: no Enter
    child.expect_exact(STOPPED_EARLY)
    assert finish(child) == 0
    (saved,) = sessions(kind_home)
    assert saved["ended_by"] == "q" and saved["steps_completed"] == 1


def test_auto_moves_through_a_choice_keys_unechoed_enter_early_q_stops(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    brk = shipped("standard")
    choosing = next(i for i, s in enumerate(brk.steps, start=1) if s.choose)
    child = spawn_kind(["break", "standard", "--auto", "--no-checkin"], pty_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("What's weighing on you?")
    child.sendline("")
    child.expect_exact(f"(1 of {len(brk.steps)})")
    child.send("zebra")  # typed while the steps move: not written into the text
    for index in range(2, choosing + 1):
        child.send("\r")  # Enter moves on before the pause is over
        child.expect_exact(f"({index} of {len(brk.steps)})")
    child.expect_exact(AUTO_CHOSE.split(";")[0])
    child.send("\r")
    child.expect_exact(f"({choosing + 1} of {len(brk.steps)})")
    child.send("q")
    child.expect_exact(STOPPED_EARLY)
    assert finish(child) == 0
    assert "zebra" not in seen.getvalue()
    (saved,) = sessions(kind_home)
    assert saved["ended_by"] == "q" and saved["mode"] == "paced"
    assert saved["steps_completed"] == choosing
    assert saved["phrase"] == brk.steps[choosing - 1].phrasings[0]


def test_a_wrong_rating_is_named_beside_the_question(pty_env: dict[str, str]) -> None:
    child = spawn_kind(["break", "quick"], pty_env, width=80, height=30)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("Enter skips)")
    child.sendline("12")
    child.expect_exact(rating_problem(0, 10))
    screen = screen_of(seen.getvalue(), 80, 30)
    question = next(i for i, line in enumerate(screen) if "How intense" in line)
    problem = next(i for i, line in enumerate(screen) if rating_problem(0, 10) in line)
    assert problem - question in (0, 1), screen
    assert all(not line for line in screen[problem + 1 :]), "nothing down at the bottom"
    child.sendline("q")  # q at a check-in stops the break like q anywhere else
    child.expect_exact(STOPPED_EARLY)
    assert finish(child) == 0


def test_kind_alone_offers_the_quick_break_and_runs_it(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind([], pty_env)
    child.expect_exact("A quick break, when you only have a minute (kind break quick)")
    child.expect_exact("\x1b[?7h")  # the list is drawn and waiting
    child.send("\x1b[B")  # down to the quick break
    child.send("\r")
    child.expect_exact(GREETING)
    child.expect_exact("Enter skips)")
    child.sendline("")
    child.expect_exact(shipped("quick").name)
    child.sendintr()
    assert finish(child) == 130


def test_esc_and_ctrl_c_at_the_menu(pty_env: dict[str, str]) -> None:
    child = spawn_kind([], pty_env)
    child.expect_exact("What would help right now?")
    child.expect_exact("\x1b[?7h")
    child.send("\x1b")  # Esc alone backs out
    child.expect_exact(NOTHING_WORDS)
    assert finish(child) == 0
    child = spawn_kind([], pty_env)
    child.expect_exact("What would help right now?")
    child.expect_exact("\x1b[?7h")
    child.sendintr()
    child.expect_exact(CLOSED_WORDS)
    assert finish(child) == 130
    assert INTERRUPTED not in (child.before or "")
