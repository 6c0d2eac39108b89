"""kind behaves like a well-made CLI: help without type labels, usage lines in the common
convention, refused values said for a person, a closed pipe quiet and exit 0."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindcli.cli import COMMANDS, app, build_command
from tests.pty import finish, spawn_kind

runner = CliRunner()


def every_command_path() -> list[list[str]]:
    paths: list[list[str]] = [[]]

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            if not sub.hidden:
                walk(sub, [*path, name])

    for name in COMMANDS:
        walk(build_command(name), [name])
    return paths


TYPE_LABEL = re.compile(r"<(bool|str|int|float|path|list|int range|float range)[^>]*>|\w<=x")


@pytest.mark.parametrize("path", every_command_path(), ids=" ".join)
def test_help_shows_no_type_labels_and_conventional_usage(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not TYPE_LABEL.search(result.output), result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    assert "{" not in usage and "[[" not in usage and "]]" not in usage, usage
    assert "...]..." not in usage and "......" not in usage, usage
    # Argument names are capitals: no `[destination]` or `{text}`.
    after = usage.split("Usage: " + " ".join(["kind", *path]), 1)[-1]
    for word in re.findall(r"\[?([A-Za-z][\w-]*)(?:\.\.\.)?\]?", after):
        if word not in ("OPTIONS", "COMMAND", "ARGS", "timer", "phrases"):
            assert word.isupper(), usage


def test_a_range_is_said_in_words_and_still_checked() -> None:
    result = runner.invoke(app, ["breathe", "--help"], env={"COLUMNS": "200"})
    assert "(1 to 1000)" in result.output
    refused = runner.invoke(app, ["breathe", "--cycles", "0"])
    assert refused.exit_code == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["breathe", "--cycles", "0"], "use a whole number from 1 to 1000 (not '0')"),
        (["breathe", "--minutes", "abc"], "use a number, like 2 or 2.5 (not 'abc')"),
        (["stats", "--weeks", "many"], "use a whole number from 1 to 520 (not 'many')"),
        (["journal", "list", "-n", "0"], "use 1 or more (not '0')"),
        (["history", "-n", "1.5"], "use a whole number of 1 or more (not '1.5')"),
    ],
)
def test_a_refused_value_is_said_for_a_person(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())
    assert expected in flat, flat
    assert "Input should" not in flat and "unable to parse" not in flat
    assert f"'{args[-2]}'" in flat  # the option is named


def test_a_content_file_says_what_is_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "breathing"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "id: p\nname: P\nphases:\n  - action: breathe\n    seconds: 4\n"
        "  - action: hold\n    seconds: lots\n"
    )
    result = runner.invoke(app, ["content", "validate", str(folder / "p.yaml")])
    flat = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "p.yaml:4: phases.0.action: use one of 'inhale', 'hold', 'exhale' or" in flat
    assert "(not 'breathe')" in flat
    assert "p.yaml:7: phases.1.seconds: use a number, like 2 or 2.5 (not 'lots')" in flat
    assert "Input should" not in flat


@pytest.mark.parametrize(
    "args", [["--help"], ["resources"], ["journal", "--help"], ["about"], [], ["stats"]]
)
def test_a_closed_pipe_is_quiet_and_exit_0(args: list[str], kind_env: dict[str, str]) -> None:
    # The reader is gone before kind writes a byte, so every write meets a closed pipe.
    proc = subprocess.Popen(
        [sys.executable, "-m", "kindcli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=kind_env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == b""


@pytest.mark.parametrize("args", [["--plain", "--help"], ["journal", "--plain", "--help"]])
def test_plain_help_has_no_bold_or_color(args: list[str], kind_env: dict[str, str]) -> None:
    kind_env["TERM"] = "xterm-256color"
    child = spawn_kind(args, kind_env)
    child.expect("Usage:")
    child.expect("Show this message")
    text = child.before + child.after + child.read()
    assert finish(child) == 0
    assert "\x1b[" not in text


def test_help_on_a_terminal_is_still_styled_without_plain(kind_env: dict[str, str]) -> None:
    kind_env["TERM"] = "xterm-256color"
    child = spawn_kind(["--help"], kind_env)
    child.expect("Show this message")
    assert "\x1b[" in child.before
    assert finish(child) == 0


def test_stats_since_a_future_day_is_said_in_stats_own_words() -> None:
    result = runner.invoke(app, ["stats", "--since", "2999-01-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "stats can start from today at the latest" in result.output
    assert "log" not in result.output.replace("kind stats", "")


def test_doctor_says_what_its_count_counts() -> None:
    runner.invoke(app, ["log", "journal", "--minutes", "5"])
    result = runner.invoke(app, ["data", "doctor"], env={"COLUMNS": "200"})
    flat = " ".join(result.output.split())
    assert "Sessions saved, finished or not: journal 1." in flat
    assert "journal entry" not in flat  # a day logged by hand is not an entry
