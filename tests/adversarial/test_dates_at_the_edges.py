"""Dates at the edges of the calendar and time zones no place has: a correct result or a
clear message, never "something went wrong"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.cli import app


@pytest.fixture
def one_entry(kind_home: Path) -> None:
    assert CliRunner().invoke(app, ["journal"], input="an entry\n").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["journal", "list", "--since", "0001-01-01"],
        ["journal", "list", "--until", "9999-12-31"],
        ["journal", "list", "--since", "0001-01-01", "--until", "9999-12-31"],
        ["journal", "search", "entry", "--since", "0001-01-01", "--until", "9999-12-31"],
        ["journal", "list", "--since", "9999w"],
        ["stats", "--since", "0001-01-01"],
    ],
)
def test_the_widest_date_range_finds_everything(one_entry: None, args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "went wrong" not in result.output
    if args[0] == "journal":
        # search marks the word it found (*entry* without color)
        assert "an entry" in result.output.replace("*", "")


@pytest.mark.parametrize(
    "args",
    [
        ["journal", "list", "--until", "0001-01-01"],
        ["journal", "list", "--since", "9999-12-31"],
    ],
)
def test_a_range_at_the_far_ends_finds_nothing_calmly(one_entry: None, args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "No entries match" in result.output


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999w"])
def test_logging_a_day_too_far_back_is_a_clear_message(day: str) -> None:
    result = CliRunner().invoke(app, ["log", "break", "--date", day])
    assert result.exit_code == 2
    words = " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())
    assert "further back than kind keeps practice" in words


def test_logging_the_earliest_day_works() -> None:
    result = CliRunner().invoke(app, ["log", "break", "--date", "1900-01-01"])
    assert result.exit_code == 0, result.output
    assert "January 1, 1900" in result.output


@pytest.mark.parametrize(
    "args",
    [["stats"], ["log", "break"], ["log", "break", "--date", "2026-01-01"], ["journal"]],
)
def test_a_time_zone_more_than_a_day_from_utc_falls_back_to_utc_and_says_so(
    kind_env: dict[str, str], args: list[str]
) -> None:
    env = dict(kind_env, TZ="UTC+25:00")
    result = subprocess.run(
        [sys.executable, "-m", "kindcli", *args],
        input="words\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "TZ=UTC+25:00 cannot be used" in result.stderr
    assert "went wrong" not in result.stderr
