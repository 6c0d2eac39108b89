"""Words that suggest someone may be in danger, written in a journal entry or a break note,
are saved as usual and then met with the support block."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.store import Store
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

ARE_YOU_SAFE = "Are you safe?"
DANGER = "Some days I just don't want to be here anymore."


def test_a_piped_journal_entry_is_saved_and_support_goes_to_stderr(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "journal"],
        input=DANGER,
        capture_output=True,
        text=True,
        env={**kind_env, "KIND_REGION": "GB"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ARE_YOU_SAFE in done.stderr
    assert "116 123" in done.stderr  # Samaritans, for the region
    assert ARE_YOU_SAFE not in done.stdout
    with Store.open(kind_home / "kind.db") as store:
        bodies = [e.body for e in store.journal_entries()]
    assert bodies == [DANGER]


def test_an_everyday_idiom_brings_no_support_block(kind_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "journal"],
        input="This deadline is killing me, but I'd kill for a coffee.",
        capture_output=True,
        text=True,
        env=kind_env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ARE_YOU_SAFE not in done.stderr + done.stdout


def test_a_journal_entry_in_a_terminal_shows_support_after_saving(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(
        ["journal", "--prompt", "free"],
        {**kind_env, "KIND_REGION": "US", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("when done")  # the question itself: its prompt is ready for keys
    child.send(DANGER + "\x04")
    child.expect(ARE_YOU_SAFE)
    child.expect("988")
    child.sendcontrol("c")  # leave the grounding offer; the entry is already saved
    finish(child)
    with Store.open(kind_home / "kind.db") as store:
        assert store.counts().get("journal") == 1


def test_a_break_note_with_danger_words_offers_support_and_is_saved(kind_home: Path) -> None:
    terminal = RecordingTerminal()
    # Before rating skipped, then the note; then the grounding offer is declined with Ctrl-C.
    prompter = FakePrompter([None, "I feel like a burden to everyone", KeyboardInterrupt()])
    svc = make_services(terminal=terminal, prompter=prompter, clock=FakeClock())
    result = CliRunner().invoke(app, ["break", "standard"], obj=svc)
    assert result.exit_code == 130
    assert ARE_YOU_SAFE in terminal.stdout
    with Store.open(kind_home / "kind.db") as store:
        (session,) = store.sessions(practice="break")
    assert session.details["note"] == "I feel like a burden to everyone"
    assert session.details["ended_early"] is True
