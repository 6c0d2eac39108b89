"""`kind measure` through a real pseudo-terminal: one question at a time with numbered
answers, a wrong answer asked again, and Ctrl-C saving nothing half-done (and saying so)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kindcli.store import Store
from tests.pty import finish, spawn_kind

CTRL_C = "\x03"
TIMEOUT = 30  # generous: the machine may be busy


def results(kind_home: Path) -> int:
    if not (kind_home / "kind.db").exists():
        return 0
    with Store.open(kind_home / "kind.db") as store:
        return len(store.measure_results())


@pytest.mark.parametrize("plain", [False, True])
def test_a_measure_is_taken_one_question_at_a_time(
    kind_env: dict[str, str], kind_home: Path, plain: bool
) -> None:
    args = ["measure", "kindness-toward-myself", *(["--plain"] if plain else [])]
    child = spawn_kind(args, kind_env, timeout=TIMEOUT)
    child.logfile_read = seen = io.StringIO()
    child.expect_exact("not a validated test")
    child.expect_exact("1 of 6.")
    child.expect_exact("1  Rarely")
    child.expect_exact("5  Most of the time")
    child.expect_exact("Your answer (1-5, q stops)")
    child.send("9\r")
    child.expect_exact("A whole number from 1 to 5, please")
    child.expect_exact("Your answer (1-5, q stops)")
    child.send("4\r")
    for n, answer in zip(range(2, 7), "24352", strict=True):
        child.expect_exact(f"{n} of 6.")
        child.expect_exact("Your answer (1-5, q stops)")
        child.send(answer + "\r")
    child.expect_exact("Saved. Your scores for Kindness toward myself:")
    child.expect_exact("Total: 4")
    child.expect_exact("Common humanity: 3.5")
    assert finish(child, timeout=TIMEOUT) == 0
    if plain:  # no escape codes at all: good for screen readers
        assert "\x1b" not in seen.getvalue()
    assert results(kind_home) == 1


def test_ctrl_c_part_way_saves_nothing_and_says_so(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["measure"], kind_env, timeout=TIMEOUT)
    for n, answer in ((1, "4"), (2, "2")):
        child.expect_exact(f"{n} of 6.")
        child.expect_exact("Your answer (1-5, q stops)")
        child.send(answer + "\r")
    child.expect_exact("3 of 6.")
    child.expect_exact("Your answer (1-5, q stops)")
    child.send(CTRL_C)
    child.expect_exact("Nothing from this measure was saved")
    child.expect_exact("Stopped.")
    assert finish(child, timeout=TIMEOUT) == 130
    assert results(kind_home) == 0
