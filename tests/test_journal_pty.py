"""`kind journal` through a real pseudo-terminal, typed as a person would."""

from __future__ import annotations

from pathlib import Path

import pexpect

from kindcli.store import Store
from tests.pty import finish, spawn_kind

CTRL_C = "\x03"
CTRL_D = "\x04"


def answer(child: pexpect.spawn, question: str, *lines: str) -> None:
    child.expect_exact(question)
    child.expect_exact("(Ctrl-D")
    for i, line in enumerate(lines):
        if i:
            child.send("\r")  # Enter: a new line within the same answer
        child.send(line)
    child.send(CTRL_D)


def test_a_full_evening_entry_in_a_terminal(kind_env: dict[str, str], kind_home: Path) -> None:
    child = spawn_kind(["journal", "--prompt", "evening", "--tag", "work"], kind_env)
    child.expect_exact("Think of one moment today")
    answer(child, "What happened, and how did it feel?", "I froze in the meeting.", "Felt small.")
    answer(child, "How is this part of being human?", "Everyone freezes sometimes ✨.")
    answer(child, "What kind words would you like to hear right now?", "You are doing fine.")
    child.expect_exact("Saved your journal entry")
    child.expect_exact("Thank you for taking this time")
    assert finish(child) == 0
    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
    assert [a.answer for a in entry.answers] == [
        "I froze in the meeting.\nFelt small.",
        "Everyone freezes sometimes ✨.",
        "You are doing fine.",
    ]
    assert entry.tags == ["work"]


def test_ctrl_c_leaves_a_draft_that_the_next_run_resumes(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["journal", "--prompt", "reframe"], kind_env)
    answer(child, "What is your inner critic saying?", "You never finish anything.")
    child.expect_exact("How loud is the critic right now?")
    child.expect_exact("(0 quiet to 10 very loud; Enter skips)")
    child.send("7\r")
    child.expect_exact("What would a caring friend")
    child.send("half a thou")
    child.send(CTRL_C)
    child.expect_exact("Your draft is kept")
    child.expect_exact("Stopped.")
    assert finish(child) == 130
    with Store.open(kind_home / "kind.db") as store:
        assert store.journal_entries() == []
        assert len(store.journal_drafts()) == 1

    child = spawn_kind(["journal"], kind_env)
    child.expect_exact("You have an unfinished entry")
    # Prose wraps between words at 80 columns, so the words may span two lines.
    child.expect(r"Answering\s+the\s+inner\s+critic,\s+1\s+answer")
    child.expect_exact("Carry on writing it")
    child.send("\r")  # the first choice: carry on
    answer(child, "What would a caring friend", "You finish plenty; this one is hard.")
    child.expect_exact("how believable does the kind reply feel?")
    child.send("\r")  # Enter skips a rating
    answer(child, "What is one small, kind step", "")  # finishing empty skips it
    child.expect_exact("Saved your journal entry")
    assert finish(child) == 0
    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
        assert store.journal_drafts() == []
    assert [(a.question_id, a.answer) for a in entry.answers] == [
        ("critic", "You never finish anything."),
        ("reframe", "You finish plenty; this one is hard."),
    ]
    # The rating given before Ctrl-C was kept with the draft, and then with the entry.
    assert [(r["id"], r["value"]) for r in entry.session.details["ratings"]] == [
        ("critic_loudness", 7)
    ]


def test_closing_the_terminal_keeps_the_answers_given(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["journal", "--prompt", "friend"], kind_env)
    answer(child, "Picture a friend", "I would tell them to rest.")
    child.expect_exact("And what do you usually say")
    child.send("something I will lose")
    child.close(force=True)  # the window closes: SIGHUP, then SIGKILL if needed
    with Store.open(kind_home / "kind.db") as store:
        [draft] = store.journal_drafts()
    assert [a.answer for a in draft.answers] == ["I would tell them to rest."]

    child = spawn_kind(["journal"], kind_env)
    child.expect_exact("You have an unfinished entry")
    child.expect_exact("Carry on writing it")
    child.send("\x1b[B\r")  # Down, Enter: save it as it is
    child.expect_exact("Saved your journal entry")
    assert finish(child) == 0
    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
    assert entry.body == "I would tell them to rest."


def test_the_letter_is_shown_again_then_the_closing(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    child = spawn_kind(["journal", "--prompt", "letter"], kind_env)
    answer(child, "Write a letter to yourself", "Dear you,", "You have carried a lot.", "Love")
    child.expect_exact("Here is your letter again")
    child.expect_exact("    Dear you,")
    child.send("\r")  # Enter: the next piece now
    child.expect_exact("    You have carried a lot.")
    child.send("q")  # the rest at once
    child.expect_exact("    Love")
    answer(child, "What do you notice, reading it again?", "That it is true.")
    child.expect_exact("Saved your journal entry")
    child.expect_exact("kind journal list --prompt letter")
    assert finish(child) == 0
    done = spawn_kind(["journal", "list", "--prompt", "Letter"], kind_env)
    done.expect_exact("Dear you")
    assert finish(done) == 0
