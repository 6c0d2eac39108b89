"""The real questionary prompter, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kindcli.adapters.prompter import QuestionaryPrompter


def ask_multiline(keys: str) -> str:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
        return prompter.text("What is on your mind?", multiline=True)


def test_enter_starts_a_new_line_and_ctrl_d_finishes() -> None:
    assert ask_multiline("first line\rsecond line\x04") == "first line\nsecond line"


def test_esc_enter_also_finishes_and_nothing_written_is_a_skip() -> None:
    assert ask_multiline("words\x1b\r") == "words"
    assert ask_multiline("\x04") == ""
