"""One output policy, in a real terminal: plain mode is plain everywhere, prompts included;
NO_COLOR is about color only; prose and choices wrap between words at any width."""

from __future__ import annotations

import io
from pathlib import Path

import pexpect
import pyte
import pytest

from kindcli.adapters.terminal import output_mode
from kindcli.practices.break_walk import PAUSE_FIRST, PAUSE_HINT
from tests.pty import finish, spawn_kind
from tests.test_breaks import shipped

ESCAPE = "\x1b"


def walk_plain_break(child: pexpect.spawn, words: int) -> None:
    """Answer a quick break as a person would at plain line prompts."""
    child.expect_exact("How intense does this feel right now?")
    child.expect_exact("Enter skips):")
    child.sendline("4")
    brk = shipped("quick")
    for index, step in enumerate(brk.steps, start=1):
        child.expect_exact(f"({index} of {len(brk.steps)})")
        if step.choose:
            # Numbered choices and a typed answer, not an arrow-key widget.
            child.expect_exact(f"  {words}. {step.phrasings[words - 1]}")
            child.expect_exact("Choose (1-")
            child.sendline(str(words))
            child.expect_exact(f"    {step.phrasings[words - 1]}")
        child.expect_exact(PAUSE_FIRST if index == 1 else PAUSE_HINT)
        child.send("\r")  # Enter alone moves on: a key, not a typed line
    child.expect_exact("And now, how intense does it feel?")
    child.sendline("2")


@pytest.mark.parametrize("how", ["--plain", "TERM=dumb"])
def test_plain_mode_prompts_are_plain_lines_with_no_escape_codes(
    how: str, kind_env: dict[str, str], kind_home: Path
) -> None:
    env = dict(kind_env)
    args = ["break", "quick"]
    if how == "--plain":
        args = ["--plain", *args]
    else:
        env["TERM"] = "dumb"
    child = spawn_kind(args, env, width=80)
    seen = io.StringIO()
    child.logfile_read = seen
    walk_plain_break(child, words=2)
    assert finish(child) == 0
    shown = seen.getvalue()
    # No color, no cursor movement, no cursor-position query, no bracketed paste.
    assert ESCAPE not in shown, repr(shown[shown.index(ESCAPE) - 40 : shown.index(ESCAPE) + 20])
    assert "(Use arrow keys)" not in shown and "arrow keys" not in shown


def test_a_plain_flag_after_the_command_is_the_same_as_before_it(
    kind_env: dict[str, str],
) -> None:
    child = spawn_kind(["break", "quick", "--plain"], kind_env, width=80)
    seen = io.StringIO()
    child.logfile_read = seen
    walk_plain_break(child, words=1)
    assert finish(child) == 0
    assert ESCAPE not in seen.getvalue()


def test_plain_journal_answers_are_typed_lines(kind_env: dict[str, str], kind_home: Path) -> None:
    child = spawn_kind(["--plain", "journal", "--prompt", "gratitude"], kind_env, width=80)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect(r"Ctrl-D,\s+finishes\)")
    child.sendline("The tea was warm.")
    child.sendline("And the sun came out.")
    child.sendline(".")
    for _ in range(5):
        index = child.expect([r"Ctrl-D,\s+finishes\)", "Saved your journal entry"])
        if index == 1:
            break
        child.sendline(".")  # finishing with nothing written skips the question
    assert finish(child) == 0
    assert ESCAPE not in seen.getvalue()
    from kindcli.store import Store

    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
    assert entry.answers[0].answer == "The tea was warm.\nAnd the sun came out."


def test_no_color_keeps_the_widgets_and_only_drops_colour() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    streams = {"stdin": Tty(), "stdout": Tty(), "stderr": Tty()}
    mode = output_mode(environ={"NO_COLOR": "1", "TERM": "xterm"}, **streams)
    assert (mode.color, mode.animate, mode.widgets) == (False, True, True)
    dumb = output_mode(environ={"TERM": "dumb"}, **streams)
    assert (dumb.plain, dumb.color, dumb.animate, dumb.widgets) == (True, False, False, False)
    still = output_mode(environ={"TERM": "xterm"}, animations=False, **streams)
    assert (still.color, still.animate, still.widgets) == (True, False, True)
    piped = output_mode(environ={"TERM": "xterm"}, stdin=Tty(), stdout=io.StringIO())
    assert (piped.color, piped.animate, piped.widgets) == (False, False, False)


def screen_of(output: str, width: int, height: int = 40) -> list[str]:
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    stream.feed(output)
    return [line.rstrip() for line in screen.display]


def whole(text: str, lines: list[str]) -> bool:
    """Whether `text` stands on the screen with every word whole: a word cut at the edge
    ("righ" / "t") or cut off ("righ") would not read back as the same words."""
    flat = " ".join(" ".join(lines).split())
    return " ".join(text.split()) in flat


@pytest.mark.parametrize("width", [40, 50])
def test_the_check_in_and_the_kind_words_wrap_between_words(
    width: int, kind_env: dict[str, str]
) -> None:
    brk = shipped("quick")
    choosing = next(s for s in brk.steps if s.choose)
    env = {**kind_env, "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = spawn_kind(["break", "quick"], env, width=width, height=40)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("intense")
    child.expect_exact("Enter skips)")
    question = screen_of(seen.getvalue(), width)
    child.sendline("3")
    for index, step in enumerate(brk.steps, start=1):
        child.expect_exact(f"({index} of {len(brk.steps)})")
        if step.choose:
            break
        child.expect_exact(PAUSE_FIRST if index == 1 else PAUSE_HINT)
        child.send("\r")
    child.expect_exact("Write my own words")
    child.expect_exact("\x1b[?7h")  # the list is drawn
    choices = screen_of(seen.getvalue(), width)
    child.sendcontrol("c")
    assert finish(child) == 130
    assert all(len(line) <= width for line in question + choices)
    assert whole("How intense does this feel right now?", question)
    assert whole("(0 calm to 10 intense; Enter skips)", question)
    for words in choosing.phrasings:
        assert whole(words, choices), f"{words!r} is not whole on a {width}-column screen"
