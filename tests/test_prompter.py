"""The real questionary prompter, driven through prompt_toolkit's pipe input; and the 0-10
check-in drawn like it on the terminal's own line editing, read back from a rendered screen."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyte
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from kindcli.adapters.line_prompter import LinePrompter, Look, rating_problem, xterm_256
from kindcli.adapters.prompter import QuestionaryPrompter
from kindcli.ports import Stopped


@pytest.fixture
def pipe() -> Iterator[object]:
    with create_pipe_input() as inp:
        yield inp


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


def test_esc_picks_the_way_out_of_a_select(pipe) -> None:  # type: ignore[no-untyped-def]
    prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
    pipe.send_text("\x1b[B\x1b")  # down once, then Esc alone
    assert prompter.select("Which?", ["one", "two", "none"], escape="none") == "none"
    pipe.send_text("\x1b[B\r")  # an arrow key is still an arrow key
    assert prompter.select("Which?", ["one", "two", "none"], escape="none") == "two"


class Echoing:
    """A person at a terminal: each answer typed is echoed onto the screen, then Enter."""

    def __init__(self, screen: io.StringIO, answers: list[str]) -> None:
        self.screen = screen
        self.answers = answers
        self.asked = 0

    def __call__(self, prompt: str) -> str:
        assert prompt == "", "the question is drawn by the prompter, not by input()"
        self.asked += 1
        answer = self.answers.pop(0)
        self.screen.write(answer + "\r\n")
        return answer


def drawn(answers: list[str], width: int = 80, **kw: object) -> tuple[object, list[str], int]:
    out = io.StringIO()
    out.write("Let's take a moment, just for you.\r\n")
    person = Echoing(out, answers)
    prompter = LinePrompter(ask=person, out=out, look=Look(color=True))
    try:
        value: object = prompter.rating("How intense does this feel right now?", **kw)  # type: ignore[arg-type]
    except Stopped as e:
        value = e
    screen = pyte.Screen(width, 12)
    pyte.Stream(screen).feed(out.getvalue().replace("\n", "\r\n").replace("\r\r", "\r"))
    return value, [line.rstrip() for line in screen.display], person.asked


@pytest.mark.parametrize("width", [40, 80])
def test_a_wrong_rating_is_named_beside_the_question_and_asked_again(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    value, lines, asked = drawn(["12", "4"], width)
    assert (value, asked) == (4, 2)
    # The greeting stays, the question is drawn once, answered, and nothing else is left.
    assert lines[0] == "Let's take a moment, just for you."
    text = " ".join(" ".join(lines).split())
    assert "How intense does this feel right now? 4" in text
    assert text.count("How intense") == 1
    assert rating_problem(0, 10) not in text and "12" not in text


def test_while_wrong_the_problem_is_on_screen_under_the_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    screens: list[list[str]] = []

    def person(prompt: str) -> str:
        screen = pyte.Screen(80, 8)
        pyte.Stream(screen).feed(out.getvalue().replace("\n", "\r\n"))
        screens.append([line.rstrip() for line in screen.display])
        answer = "12" if len(screens) == 1 else ""
        out.write(answer + "\n")
        return answer

    prompter = LinePrompter(ask=person, out=out, look=Look(color=False))
    assert prompter.rating("How intense does this feel right now?") is None
    first, second = screens
    assert "(0 calm to 10 intense; Enter skips)" in " ".join(first)
    # Asked again right where it was: the problem beside the question, not at the bottom.
    assert second[0].startswith("\u203a How intense does this feel right now?")
    assert second[1].startswith(rating_problem(0, 10))
    assert all(line == "" for line in second[2:])


def test_q_stops_only_where_stopping_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    value, _, _ = drawn(["q"], can_stop=True)
    assert isinstance(value, Stopped)
    value, _, asked = drawn(["q", "3"])
    assert (value, asked) == (3, 2)


def test_plain_ratings_have_no_escape_codes_and_say_what_was_wrong() -> None:
    out = io.StringIO()
    answers = ["eleven", "q", ""]
    prompter = LinePrompter(ask=lambda prompt: answers.pop(0), out=out)
    assert prompter.rating("How intense?") is None
    assert "\x1b" not in out.getvalue()
    assert out.getvalue().count(rating_problem(0, 10)) == 2
    with pytest.raises(Stopped):
        LinePrompter(ask=lambda prompt: "quit", out=io.StringIO()).rating("Now?", can_stop=True)


def test_the_check_in_colors_are_the_widgets_colors() -> None:
    from prompt_toolkit.output.vt100 import _256_colors

    from kindcli.adapters.line_prompter import PALETTE

    for hex_color in PALETTE.values():
        rgb = tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
        assert xterm_256(hex_color) == _256_colors[rgb]


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


def test_bytes_that_are_not_text_are_a_wrong_rating_not_a_crash() -> None:
    answers: list[object] = [UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid"), "7"]

    def ask(prompt: str) -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    out = io.StringIO()
    assert LinePrompter(ask=ask, out=out).rating("How intense?") == 7
    assert rating_problem(0, 10) in out.getvalue()
    answers[:] = [UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid"), "2"]
    assert LinePrompter(ask=ask, out=io.StringIO(), look=Look()).rating("How intense?") == 2
