"""Docs cannot drift: every command has help text and is in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.main import get_command
from typer.testing import CliRunner

from kindcli.cli import app

REPO = Path(__file__).resolve().parent.parent

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def all_commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []

    def walk(prefix: str, command: Any) -> None:
        if hasattr(command, "list_commands"):
            ctx = command.make_context("kind", [], resilient_parsing=True)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if getattr(sub, "hidden", False):
                    continue
                full = f"{prefix} {name}".strip()
                found.append((full, sub))
                walk(full, sub)

    walk("", get_command(app))
    return found


def test_there_are_commands_to_check() -> None:
    names = [name for name, _ in all_commands()]
    assert "data path" in names and "content add" in names and "config set" in names


def test_every_command_has_help_text() -> None:
    for name, command in all_commands():
        text = (
            getattr(command, "help", None) or getattr(command, "short_help", None) or ""
        ).strip()
        assert text, f"`kind {name}` has no help text"


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name, _ in all_commands() if f"kind {name}" not in README]
    assert missing == [], f"README does not mention: {missing}"


def test_every_command_answers_help() -> None:
    runner = CliRunner()
    for name, _ in all_commands():
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, f"kind {name} --help failed: {result.output}"
        assert "Usage:" in result.output
        assert "--install-completion" not in result.output, f"kind {name}"


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in README.splitlines()
        if line.strip().startswith("python3 -m venv .venv &&")
    ]
    assert len(commands) == 2, "the README has the set-up command and the test command"
    assert "pytest" in commands[1]
    assert commands[1] in ci.splitlines()


def test_the_help_listing_matches_each_commands_own_help() -> None:
    # `kind --help` reads each summary from the command's docstring without building it.
    from kindcli.cli import COMMANDS, build_command, summary

    for name in COMMANDS:
        own = (build_command(name).help or "").strip().splitlines()[0]
        assert summary(name) == own, f"kind {name}: listed as {summary(name)!r}, its help {own!r}"


def _readme_settings() -> dict[str, str]:
    """The README's settings table: key -> its default, as written there."""
    rows: dict[str, str] = {}
    start = README.index("| key | default | meaning |")
    for line in README[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        key, default = (cell.strip() for cell in line.strip("|").split("|")[:2])
        rows[key.strip("`")] = default
    return rows


def test_every_setting_is_in_the_readme_with_its_default() -> None:
    from kindcli.config import SETTINGS

    documented = _readme_settings()
    assert set(documented) == set(SETTINGS), "the README's settings table and SETTINGS differ"
    for key, setting in SETTINGS.items():
        default = setting.default
        shown = (
            "not set"
            if default is None
            else str(default).lower()
            if isinstance(default, bool)
            else str(default)
        )
        assert documented[key] == shown, f"{key}: README says {documented[key]!r}, kind {shown!r}"


def test_the_typed_settings_read_their_defaults_from_the_table() -> None:
    from kindcli.config import SETTINGS, Config

    config = Config()
    for key, setting in SETTINGS.items():
        assert getattr(config, key) == setting.default


def test_the_command_reference_is_up_to_date() -> None:
    # If this fails, a command, option or help text changed: python tools/commands_doc.py
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "commands_doc.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
