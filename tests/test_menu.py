"""`kind` on its own: a menu on a terminal, built from the commands that exist; help otherwise."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.main import get_command
from typer.testing import CliRunner

from kindcli.cli import INTERRUPTED, app
from kindcli.cli.menu import (
    CLOSED_WORDS,
    HELP_LABEL,
    NOTHING_LABEL,
    NOTHING_WORDS,
    QUESTION,
    menu_entries,
)
from kindcli.practices.breaks import GREETING
from kindcli.store import Store
from tests.fakes import ESC, FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.test_breaks import enters, script, shipped

runner = CliRunner()


def labels_of(typer_app: typer.Typer) -> list[str]:
    group = get_command(typer_app)
    ctx = typer.Context(group)
    return [e.label for e in menu_entries(group, ctx)]  # type: ignore[arg-type]


def test_the_menu_offers_a_break_first_then_help_and_nothing() -> None:
    labels = labels_of(app)
    assert labels[0] == "A short self-compassion break (kind break)"
    assert labels[1] == "A quick break, when you only have a minute (kind break quick)"
    assert labels[-2:] == [HELP_LABEL, NOTHING_LABEL]
    assert not any("kind data" in label or "kind config" in label for label in labels)
    assert not any("kind content" in label for label in labels)


def test_commands_added_later_appear_in_the_menu_by_themselves() -> None:
    other = typer.Typer()

    @other.command("stats")
    def stats() -> None:
        """Show your practice."""

    @other.command("gratitude")
    def gratitude() -> None:
        """Write three things that went okay today."""

    @other.command("breathe")
    def breathe() -> None:
        """Run a box-breathing timer."""

    @other.command("data")
    def data() -> None:
        """Housekeeping."""

    @other.command("secret", hidden=True)
    def secret() -> None:
        """Not for the menu."""

    labels = labels_of(other)
    assert labels == [
        "Slow, paced breathing (kind breathe)",
        "See your practice so far (kind stats)",
        "Write three things that went okay today (kind gratitude)",
        HELP_LABEL,
        NOTHING_LABEL,
    ]


def test_without_a_terminal_kind_alone_prints_the_help() -> None:
    result = runner.invoke(app, [], obj=make_services(interactive=False))
    assert result.exit_code == 2
    assert "Usage:" in result.output
    assert "break" in result.output


def test_on_a_terminal_kind_alone_asks_what_would_help() -> None:
    prompter = FakePrompter([NOTHING_LABEL])
    terminal = RecordingTerminal()
    result = runner.invoke(app, [], obj=make_services(prompter=prompter, terminal=terminal))
    assert result.exit_code == 0, result.output
    assert prompter.asked == [("select", QUESTION)]
    assert terminal.stdout.strip() == NOTHING_WORDS


def test_the_menu_can_show_all_commands() -> None:
    prompter = FakePrompter([HELP_LABEL])
    result = runner.invoke(app, [], obj=make_services(prompter=prompter))
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and "config" in result.output


def test_picking_a_break_runs_it_and_saves_it(kind_home: Path) -> None:
    brk = shipped("standard")
    prompter = FakePrompter([labels_of(app)[0], *script(brk)])
    terminal = RecordingTerminal()
    clock = FakeClock()
    svc = make_services(prompter=prompter, terminal=terminal, clock=clock, keys=enters(clock, brk))
    result = runner.invoke(app, [], obj=svc)
    assert result.exit_code == 0, result.output
    assert terminal.stdout.startswith(GREETING)
    with Store.open(kind_home / "kind.db") as store:
        (session,) = store.sessions()
    assert session.practice == "break" and session.completed
    assert session.content_id == "standard"


def test_the_quick_break_is_one_choice_away(kind_home: Path) -> None:
    brk = shipped("quick")
    prompter = FakePrompter([labels_of(app)[1], *script(brk)])
    terminal = RecordingTerminal()
    clock = FakeClock()
    svc = make_services(prompter=prompter, terminal=terminal, clock=clock, keys=enters(clock, brk))
    result = runner.invoke(app, [], obj=svc)
    assert result.exit_code == 0, result.output
    assert brk.name in terminal.stdout
    with Store.open(kind_home / "kind.db") as store:
        (session,) = store.sessions()
    assert session.content_id == "quick" and session.completed


def test_esc_at_the_menu_backs_out_gently() -> None:
    prompter = FakePrompter([ESC])
    terminal = RecordingTerminal()
    result = runner.invoke(app, [], obj=make_services(prompter=prompter, terminal=terminal))
    assert result.exit_code == 0, result.output
    assert terminal.stdout.strip() == NOTHING_WORDS


def test_ctrl_c_at_the_menu_says_the_menu_closed() -> None:
    prompter = FakePrompter([KeyboardInterrupt()])
    terminal = RecordingTerminal()
    result = runner.invoke(app, [], obj=make_services(prompter=prompter, terminal=terminal))
    assert result.exit_code == 130
    assert CLOSED_WORDS in terminal.stderr
    assert INTERRUPTED not in terminal.stderr + result.output  # nothing had started
