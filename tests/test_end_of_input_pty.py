"""Ctrl-D on an empty one-line answer is an end of input, as it is for the 0-10 questions:
the question is skipped (or the section moved past), never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcli.practices.break_walk import PAUSE_FIRST
from tests.pty import finish, spawn_kind

CTRL_D = "\x04"


@pytest.fixture
def pty_env(kind_env: dict[str, str]) -> dict[str, str]:
    return {**kind_env, "PROMPT_TOOLKIT_NO_CPR": "1"}


def test_ctrl_d_at_a_breaks_first_words_skips_them(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["break", "standard"], pty_env)
    child.expect_exact("How intense does this feel right now")
    child.sendline("")
    child.expect_exact("What's weighing on you?")
    child.send(CTRL_D)
    child.expect_exact("(1 of")
    child.expect_exact(PAUSE_FIRST)
    child.send("q")
    assert finish(child) == 0
    assert "went wrong" not in (child.before or "")


def test_ctrl_d_in_the_safety_plan_moves_to_the_next_section(
    pty_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["plan"], pty_env)
    child.expect_exact("Warning signs")
    child.expect_exact("Add one")
    child.send(CTRL_D)
    child.expect_exact("Things I can do on my own")
    child.expect_exact("Add one")
    child.sendintr()
    assert finish(child) == 130
