"""Words written in the editor are never lost, and never left lying around unseen: a kind
that is stopped with the editor open keeps them as a draft; one killed outright leaves its
file, which doctor points out and the next `kind journal` offers. A draft's owner is the
process that holds its lock, never a process id the system may have reused."""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.ports import Moment
from kindcli.practices import journal as practice
from kindcli.store import Store
from kindcli.store.records import JournalAnswer, JournalDraft
from tests.fakes import FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

# Writes words under the question, saves, says so, then waits to be stopped.
SLOW_EDITOR = """\
import os, sys, time
path = sys.argv[-1]
with open(path, encoding="utf-8") as f:
    text = f.read()
heading = "## What is on your mind?\\n"
text = text.replace(heading, heading + "# my own heading\\nwords I saved\\n")
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
with open(os.environ["EDITOR_PID_FILE"], "w") as f:
    f.write(str(os.getpid()))
print("EDITOR IS OPEN", flush=True)
time.sleep(120)
"""


@pytest.fixture
def slow_editor(tmp_path: Path, kind_env: dict[str, str]) -> dict[str, str]:
    script = tmp_path / "slow_editor.py"
    script.write_text(SLOW_EDITOR)
    env = dict(kind_env, EDITOR=f"{sys.executable} {script}", EDITOR_PID_FILE=str(tmp_path / "pid"))
    env.pop("VISUAL", None)
    return env


def _drafts(kind_home: Path) -> list[JournalDraft]:
    with Store.open(kind_home / "kind.db") as store:
        return store.journal_drafts()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_with_the_editor_open_keeps_the_words_as_a_draft(
    slow_editor: dict[str, str], kind_home: Path, signum: int
) -> None:
    child = spawn_kind(["journal", "--editor", "-p", "free"], slow_editor)
    child.expect_exact("EDITOR IS OPEN")
    os.kill(child.pid, signum)
    if signum == signal.SIGTERM:  # after a hang-up there is no terminal left to say it on
        child.expect_exact("Your draft is kept")
    assert finish(child, timeout=30) == 128 + signum
    [draft] = _drafts(kind_home)
    assert [a.answer for a in draft.answers] == ["# my own heading\nwords I saved"]
    assert os.listdir(kind_home / "editing") == []


def test_a_kill_with_the_editor_open_leaves_a_file_the_next_journal_offers(
    slow_editor: dict[str, str], kind_home: Path, tmp_path: Path
) -> None:
    child = spawn_kind(["journal", "--editor", "-p", "free"], slow_editor)
    child.expect_exact("EDITOR IS OPEN")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    os.kill(int((tmp_path / "pid").read_text()), signal.SIGKILL)  # the orphaned editor
    [left] = os.listdir(kind_home / "editing")
    assert "words I saved" in (kind_home / "editing" / left).read_text()

    doctor = CliRunner().invoke(app, ["data", "doctor"])
    assert doctor.exit_code == 1
    assert "editing" in doctor.output and left in doctor.output

    prompter = FakePrompter([practice.SAVE_AS_IS])
    svc = make_services(prompter=prompter, terminal=RecordingTerminal())
    result = CliRunner().invoke(app, ["journal"], obj=svc)
    assert result.exit_code == 0, result.output
    assert any("unfinished" in message for _, message in prompter.asked) or prompter.asked
    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
        assert store.journal_drafts() == []
    assert entry.body == "# my own heading\nwords I saved"
    assert os.listdir(kind_home / "editing") == []
    assert CliRunner().invoke(app, ["data", "doctor"]).exit_code == 0


def test_a_draft_whose_process_id_was_reused_is_still_offered(kind_home: Path) -> None:
    draft = JournalDraft(
        prompt_id="free",
        moment=Moment.of(datetime(2026, 3, 14, 20, 0, tzinfo=timezone(timedelta(hours=1)))),
        answers=[JournalAnswer("text", "What is on your mind?", "words from before")],
        # The kind that wrote it is gone and the system has given its id to another
        # program that is running now: this very test process, or init.
        owner_pid=os.getpid(),
    )
    with Store.open(kind_home / "kind.db") as store:
        store.save_journal_draft(draft)
    for pid in (os.getpid(), 1):
        with Store.open(kind_home / "kind.db") as store:
            store.claim_journal_draft(draft.id, None, pid)
        prompter = FakePrompter([practice.LATER, "Just write (free)", ""])
        svc = make_services(prompter=prompter, terminal=RecordingTerminal())
        assert CliRunner().invoke(app, ["journal"], obj=svc).exit_code == 0
        assert prompter.asked[0] == ("select", "What would you like to do with it?")


def test_a_draft_being_written_in_another_window_is_not_offered(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["journal", "-p", "evening"], kind_env)
    child.expect_exact("What happened, and how did it feel?")
    child.expect_exact("(Ctrl-D")
    child.send("first words")
    child.send("\x04")
    child.expect_exact("How is this part of being human?")
    deadline = time.monotonic() + 30
    while not (kind_home / "kind.db").exists() or not _drafts(kind_home):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    prompter = FakePrompter(["Just write (free)", "elsewhere"])
    svc = make_services(prompter=prompter, terminal=RecordingTerminal())
    assert CliRunner().invoke(app, ["journal"], obj=svc).exit_code == 0
    assert all("unfinished" not in m for _, m in prompter.asked)
    child.sendcontrol("c")
    assert finish(child) == 130
