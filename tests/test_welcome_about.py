"""The first-run welcome (once), `kind about` and `kind resources`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kindcli import __version__
from kindcli.adapters.terminal import wrap
from kindcli.catalog.models import Guide
from kindcli.cli import app
from kindcli.cli.welcome import WELCOME_KEY, should_welcome
from kindcli.practices.welcome import WELCOME_TITLE
from kindcli.store import Store
from tests.fakes import FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

runner = CliRunner()


def run(args: list[str], interactive: bool = True) -> RecordingTerminal:
    terminal = RecordingTerminal()
    svc = make_services(
        terminal=terminal, prompter=FakePrompter(), interactive=interactive, welcome=True
    )
    result = runner.invoke(app, args, obj=svc)
    assert result.exit_code == 0, result.output
    return terminal


def test_the_welcome_is_shown_once(kind_home: Path) -> None:
    first = run(["plan", "show"])
    assert first.stdout.startswith(WELCOME_TITLE)
    assert "not therapy, not a crisis service and not a medical device" in first.words
    assert str(kind_home) in first.stdout
    assert "`kind sos`" in first.words
    assert "stopping is always fine" in first.words
    second = run(["plan", "show"])
    assert WELCOME_TITLE not in second.stdout
    with Store.open(kind_home / "kind.db") as store:
        assert store.get_state(WELCOME_KEY) == {"version": __version__}


def test_the_welcome_never_shows_for_scripts_help_json_or_sos(kind_home: Path) -> None:
    assert WELCOME_TITLE not in run(["plan", "show"], interactive=False).stdout
    assert WELCOME_TITLE not in run(["resources"]).stdout  # reading, not practicing
    assert WELCOME_TITLE not in run(["journal", "list"]).stdout
    assert WELCOME_TITLE not in run(["break", "--list"]).stdout
    assert WELCOME_TITLE not in run(["resources", "--json"]).stdout
    assert WELCOME_TITLE not in run(["plan", "show", "--json"]).stdout
    assert WELCOME_TITLE not in run(["sos", "--list-regions"]).stdout
    assert WELCOME_TITLE not in run(["data", "path"]).stdout
    terminal = RecordingTerminal()
    result = runner.invoke(
        app, ["plan", "--help"], obj=make_services(terminal=terminal, welcome=True)
    )
    assert result.exit_code == 0 and "Usage" in result.stdout
    assert WELCOME_TITLE not in terminal.stdout + result.stdout
    with Store.open(kind_home / "kind.db") as store:
        assert store.get_state(WELCOME_KEY) is None, "still waiting for a real first run"


def test_which_commands_welcome() -> None:
    assert should_welcome("journal", ["journal"], True)
    assert should_welcome(None, [], True)
    assert not should_welcome("journal", ["journal", "list", "--json"], True)
    assert not should_welcome("journal", ["journal"], False)
    assert not should_welcome("sos", ["sos"], True)
    assert not should_welcome("about", ["about"], True)


def test_a_broken_store_skips_the_welcome_and_lets_the_command_explain(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "kind.db").write_text("not a database")
    terminal = RecordingTerminal()
    svc = make_services(terminal=terminal, prompter=FakePrompter(), welcome=True)
    result = runner.invoke(app, ["plan", "show"], obj=svc)
    assert result.exit_code == 1
    assert "not a kind database" in result.output
    assert WELCOME_TITLE not in terminal.stdout


def test_about_shows_the_welcome_version_and_the_research(kind_home: Path) -> None:
    out = run(["about"]).stdout
    assert out.startswith(f"kind {__version__}")
    assert WELCOME_TITLE in out
    assert "27 randomized trials" in out and "0.75" in out
    assert "less clear" in out
    assert "`kind resources`" in out
    assert out.count(WELCOME_TITLE) == 1, "about is not a first run"


def test_resources_in_plain_words_with_links_and_sources() -> None:
    out = run(["resources"], interactive=False).stdout
    for words in ("CBT", "MBCT", "Compassion-focused therapy", "Mindful Self-Compassion"):
        assert words in out
    assert "Support groups" in out
    assert "Finding a therapist" in out
    assert "When to look for more than self-help" in out
    assert "https://self-compassion.org/" in out
    assert "Sources" in out
    assert "`kind sos`" in out


def test_resources_json_is_the_guide() -> None:
    result = runner.invoke(app, ["resources", "--json"])
    assert result.exit_code == 0
    (guide,) = json.loads(result.stdout)
    assert Guide.model_validate(guide).id == "getting-support"


def test_wrapping_keeps_words_and_indents() -> None:
    assert wrap("short", 40) == ["short"]
    assert wrap("x " * 30, 100) == ["x " * 30]
    lines = wrap("  - " + "word " * 20, 30)
    assert all(len(line) <= 30 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])


def test_the_welcome_in_a_real_terminal_once(kind_env: dict[str, str]) -> None:
    child = spawn_kind(["plan", "show"], kind_env)
    child.expect(WELCOME_TITLE)
    child.expect("not written a safety plan yet")
    assert finish(child) == 0
    again = spawn_kind(["plan", "show"], kind_env)
    again.expect("not written a safety plan yet")
    assert finish(again) == 0
    assert WELCOME_TITLE not in (again.before or "")
