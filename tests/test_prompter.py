"""The real questionary prompter, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kindcli.adapters.prompter import QuestionaryPrompter


@pytest.fixture
def pipe() -> Iterator[object]:
    with create_pipe_input() as inp:
        yield inp


def test_rating_accepts_a_number_and_enter_skips(pipe) -> None:  # type: ignore[no-untyped-def]
    prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
    pipe.send_text("7\r")
    assert prompter.rating("How intense?") == 7
    pipe.send_text("\r")
    assert prompter.rating("How intense?") is None


def test_rating_refuses_out_of_range_until_fixed(pipe) -> None:  # type: ignore[no-untyped-def]
    prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
    pipe.send_text("11\r\x7f\x7f4\r")
    assert prompter.rating("How intense?") == 4


def test_ctrl_c_raises_keyboard_interrupt(pipe) -> None:  # type: ignore[no-untyped-def]
    prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
    pipe.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        prompter.text("Anything on your mind?")


def test_select_and_confirm(pipe) -> None:  # type: ignore[no-untyped-def]
    prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
    pipe.send_text("\x1b[B\r")
    assert prompter.select("Which?", ["one", "two", "three"]) == "two"
    pipe.send_text("n")
    assert prompter.confirm("Sure?") is False


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
