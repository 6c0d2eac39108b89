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
from tests.fakes import FakeClock, FakeKeys, FakePrompter, RecordingTerminal, make_services
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


def test_words_about_someone_else_bring_the_worried_friend_response(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    from kindcli.practices import care

    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "journal"],
        input="My friend told me she feels suicidal and I don't know what to do.",
        capture_output=True,
        text=True,
        env={**kind_env, "KIND_REGION": "GB"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    err = " ".join(done.stderr.split())
    assert care.WORRIED_OPENING in err
    assert '"Are you thinking about suicide?"' in err
    assert "Samaritans" in err and "999" in err
    assert ARE_YOU_SAFE not in err


def test_own_words_at_a_breaks_kindness_step_are_checked_once_remembered(
    kind_home: Path,
) -> None:
    from kindcli.catalog.catalog import Catalog
    from kindcli.catalog.models import Break
    from kindcli.paths import shipped_content_dir
    from kindcli.practices.break_walk import OWN_WORDS

    brk = Catalog(shipped_content_dir()).get(Break, "standard")
    answers: list[object] = [None]  # the rating before, skipped
    if brk.note is not None:
        answers.append("")
    # The person's own words at the kindness step; the grounding offer is left with Ctrl-C.
    answers += [OWN_WORDS, "I deserve to die for this", KeyboardInterrupt()]
    terminal = RecordingTerminal()
    clock = FakeClock()
    keys = FakeKeys.typed(clock, *["next"] * len(brk.steps))
    svc = make_services(terminal=terminal, prompter=FakePrompter(answers), clock=clock, keys=keys)
    result = CliRunner().invoke(app, ["break", "standard"], obj=svc)
    assert result.exit_code == 130
    assert ARE_YOU_SAFE in terminal.stdout
    with Store.open(kind_home / "kind.db") as store:
        remembered = store.get_state("break.standard.choice.1")
    assert remembered == {"text": "I deserve to die for this", "own": True}


def test_a_safety_plan_is_checked_for_method_words_only(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    def edit(section: str, text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kindcli", "plan", "edit", "--add", section],
            input=text,
            capture_output=True,
            text=True,
            env=kind_env,
            check=False,
        )

    quiet = edit("warning-signs", "When I start to feel like a burden to everyone\n")
    assert quiet.returncode == 0 and ARE_YOU_SAFE not in quiet.stderr
    safer = edit("safer-surroundings", "Give my pills to Sam to keep\n")
    assert ARE_YOU_SAFE not in safer.stderr
    method = edit("safer-surroundings", "I have been stockpiling my pills in the drawer\n")
    assert method.returncode == 0
    assert ARE_YOU_SAFE in method.stderr
    again = edit("reasons", "My cat\n")
    assert ARE_YOU_SAFE not in again.stderr, "lines checked once are not checked again"
