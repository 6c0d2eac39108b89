"""A prompter on plain `input()`: numbered choices and typed answers.

Used in plain mode (`--plain`, `TERM=dumb`) for every question, with no escape codes at all,
and always by `kind sos`, which must come up fast and work even if questionary or
prompt_toolkit cannot load. End of input (Ctrl-D) counts as the default answer; Ctrl-C
raises KeyboardInterrupt as usual.

On a terminal that allows widgets, the 0-10 check-ins are asked here too, with a `Look`:
drawn like the arrow-key questions (the same marker and colors), on the terminal's own line
editing, so the first question of a practice appears at once instead of after
prompt_toolkit has loaded. A wrong answer is named beside the question, which is drawn
again in place, and an answered question reads as the arrow-key ones do.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

from kindcli.adapters.terminal import PROSE_COLUMNS, safe, terminal_width, wrap
from kindcli.adapters.text_input import typed
from kindcli.ports import STOP_WORDS, Stopped

# How a multi-line answer ends on a plain line prompt (a full stop alone, as in old mail).
END_OF_ANSWER = "."
MULTILINE_HINT = "(a line with only a full stop, or Ctrl-D, finishes)"
# What a typed line that could not be decoded counts as where a number is asked for.
NOT_TEXT = "\ufffd"

# The questions' marker and colors, shared with the arrow-key widgets (adapters/prompter.py).
QMARK = "\u203a"  # a small right-pointing angle: quieter than "?"
PALETTE = {
    "qmark": "#8fbcbb",
    "answer": "#a3be8c",
    "pointer": "#88c0d0",
    "instruction": "#7f8896",
    "problem": "#ebcb8b",
}


# The words for the ends of a check-in, unless a question names its own.
CHECKIN_ENDS = ("calm", "intense")


def rating_scale(low: int, high: int, ends: tuple[str, str] | None = None) -> str:
    low_words, high_words = ends or CHECKIN_ENDS
    return f"({low} {low_words} to {high} {high_words}; Enter skips)"


def rating_problem(low: int, high: int) -> str:
    return f"A whole number from {low} to {high}, or Enter to skip."


def _parse_rating(text: str, low: int, high: int, can_stop: bool) -> tuple[bool, int | None]:
    """(valid, value) for what was typed; raises Stopped for q when stopping is offered."""
    text = text.strip()
    if not text:
        return True, None
    if can_stop and text.lower() in STOP_WORDS:
        raise Stopped
    if text.isdigit() and low <= int(text) <= high:
        return True, int(text)
    return False, None


class LinePrompter:
    def __init__(
        self,
        ask: Callable[[str], str] | None = None,
        out: IO[str] | None = None,
        *,
        look: Look | None = None,
    ) -> None:
        self._ask = ask or input
        self._out = out or sys.stdout
        self._look = look

    def _read(self, prompt: str) -> str | None:
        # A long question wraps between words: every line but the last is printed, and the
        # last is the prompt the answer is typed after.
        # Questions and choices can hold words from files: made safe like all output.
        *before, last = wrap(safe(prompt).rstrip(" "), min(terminal_width(), PROSE_COLUMNS)) or [""]
        if before:
            self._out.write("\n".join(before) + "\n")
            self._out.flush()
        try:
            # Bytes that were not UTF-8 arrive as lone surrogates, which could not be saved.
            return typed(self._ask(last + " " if prompt.endswith(" ") else last))
        except EOFError:
            self._out.write("\n")
            return None

    def _say(self, text: str) -> None:
        text = "\n".join(wrap(safe(text), min(terminal_width(), PROSE_COLUMNS)))
        self._out.write(text + "\n")
        self._out.flush()

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        if not multiline:
            answer = self._read(_prompt(message))
            return default if answer is None else answer
        self._say(f"{message} {MULTILINE_HINT}")
        lines: list[str] = []
        while True:
            line = self._read("")
            if line is None or line.strip() == END_OF_ANSWER:
                break
            lines.append(line)
        return "\n".join(lines) if lines else default

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        # A line prompt has no Esc key to press; the numbers and Enter are the way.
        self._say(message)
        for n, choice in enumerate(choices, start=1):
            self._say(f"  {n}. {choice}")
        fallback = default if default is not None and default in choices else choices[0]
        hint = f"1-{len(choices)}, Enter for {choices.index(fallback) + 1}"
        while True:
            answer = self._read(f"Choose ({hint}): ")
            if answer is None or not answer.strip():
                return fallback
            text = answer.strip()
            if text.isdigit() and 1 <= int(text) <= len(choices):
                return choices[int(text) - 1]
            for choice in choices:
                if choice.lower().startswith(text.lower()):
                    return choice
            self._say(f"Type a number from 1 to {len(choices)}.")

    def confirm(self, message: str, *, default: bool = True) -> bool:
        answer = self._read(f"{message} [{'Y/n' if default else 'y/N'}] ")
        if answer is None or not answer.strip():
            return default
        return answer.strip().lower().startswith("y")

    def rating(
        self,
        message: str,
        *,
        low: int = 0,
        high: int = 10,
        can_stop: bool = False,
        ends: tuple[str, str] | None = None,
    ) -> int | None:
        if self._look is not None:
            return self._drawn_rating(message, low, high, can_stop, ends)
        while True:
            try:
                answer = self._read(f"{message} {rating_scale(low, high, ends)}: ")
            except UnicodeDecodeError:
                answer = NOT_TEXT
            if answer is None:
                return None
            valid, value = _parse_rating(answer, low, high, can_stop)
            if valid:
                return value
            self._say(rating_problem(low, high))

    def pause(self, message: str = "") -> str:
        return self._read(_prompt(message) if message else "") or ""

    # ---- the rating drawn like a widget ---------------------------------------------------

    def _drawn_rating(
        self, message: str, low: int, high: int, can_stop: bool, ends: tuple[str, str] | None
    ) -> int | None:
        look = self._look
        assert look is not None
        note, problem = rating_scale(low, high, ends), False
        while True:
            shown = look.question(message, note, problem=problem)
            self._out.write(shown.text)
            self._out.flush()
            try:
                answer = self._ask("")
            except EOFError:
                answer = ""
            except UnicodeDecodeError:
                answer = NOT_TEXT  # bytes that are not text: not a number either
            # Back over the question and what the terminal echoed, whatever its width.
            rows = shown.rows_with(answer, terminal_width())
            self._out.write(look.back(rows))
            try:
                valid, value = _parse_rating(answer, low, high, can_stop)
            except Stopped:
                self._out.write(look.answered(message, answer.strip()))
                self._out.flush()
                raise
            if valid:
                self._out.write(look.answered(message, "" if value is None else str(value)))
                self._out.flush()
                return value
            note, problem = rating_problem(low, high), True


@dataclass(frozen=True)
class Shown:
    """A question as drawn: its text (with escapes) and the width of each line without them."""

    text: str
    widths: tuple[int, ...]

    def rows_with(self, answer: str, columns: int) -> int:
        """How many terminal rows the question and the echoed answer take up."""
        *whole, last = self.widths
        used = 0
        for width in [*whole, last + echo_width(answer)]:
            used += max(1, -(-width // columns))
        return used


def echo_width(text: str) -> int:
    """The cells a terminal's echo of `text` takes: control keys echo as two (^[), wide
    characters take two."""
    cells = 0
    for char in text:
        if char == "\t":
            cells += 8 - cells % 8
        elif unicodedata.category(char) == "Cc" or unicodedata.east_asian_width(char) in "WF":
            cells += 2
        elif not unicodedata.combining(char):
            cells += 1
    return cells


@dataclass(frozen=True)
class Look:
    """How questions are drawn on a terminal that allows widgets: the marker, bold question
    and colors of the arrow-key questions (`color=False` for NO_COLOR keeps the shape)."""

    color: bool = True

    def _sgr(self, name: str, *, bold: bool = False) -> str:
        if not self.color:
            return ""
        codes = ["1"] if bold else []
        if name:
            codes.append(f"38;5;{xterm_256(PALETTE[name])}")
        return f"\x1b[{';'.join(codes)}m"

    def _reset(self) -> str:
        return "\x1b[0m" if self.color else ""

    def question(self, message: str, note: str, *, problem: bool = False) -> Shown:
        columns = min(terminal_width(), PROSE_COLUMNS)
        lines = wrap(message, columns - len(QMARK) - 2) or [""]
        plain = [f"{QMARK} {lines[0]}", *lines[1:]]
        drawn = [
            f"{self._sgr('qmark')}{QMARK}{self._reset()} {self._sgr('', bold=True)}{lines[0]}"
            f"{self._reset()}",
            *(f"{self._sgr('', bold=True)}{line}{self._reset()}" for line in lines[1:]),
        ]
        style = self._sgr("problem" if problem else "instruction")
        if len(plain[-1]) + len(note) + 3 > columns:
            plain.append(note + " ")
            drawn.append(f"{style}{note}{self._reset()} ")
        else:
            plain[-1] += f"  {note} "
            drawn[-1] += f"  {style}{note}{self._reset()} "
        return Shown("\n".join(drawn), tuple(len(line) for line in plain))

    def back(self, rows: int) -> str:
        """Move to the start of the question drawn `rows` rows above, clearing it all."""
        return "\r" + (f"\x1b[{rows}A" if rows else "") + "\x1b[J"

    def answered(self, message: str, answer: str) -> str:
        """The question once answered: marker, question, and the answer in its color."""
        width = min(terminal_width(), PROSE_COLUMNS) - len(QMARK) - 2
        lines = wrap(message, width) or [""]
        bold = self._sgr("", bold=True)
        head = [
            f"{self._sgr('qmark')}{QMARK}{self._reset()} {bold}{lines[0]}{self._reset()}",
            *(f"{bold}{line}{self._reset()}" for line in lines[1:]),
        ]
        if answer:
            head[-1] += f" {self._sgr('answer')}{answer}{self._reset()}"
        return "\n".join(head) + "\n"


def xterm_256(hex_color: str) -> int:
    """The nearest of the 256 xterm colors, picked as prompt_toolkit picks them by default
    (the 16 theme colors left out), so these questions match the arrow-key ones exactly."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    levels = (0x00, 0x5F, 0x87, 0xAF, 0xD7, 0xFF)
    table = [(levels[i // 36], levels[(i // 6) % 6], levels[i % 6]) for i in range(216)]
    table += [(8 + 10 * i,) * 3 for i in range(24)]
    best = min(
        range(len(table)),
        key=lambda i: sum((x - y) ** 2 for x, y in zip(table[i], (r, g, b), strict=True)),
    )
    return 16 + best


def _prompt(message: str) -> str:
    """A question reads as one ("Why?"), anything else gets a colon ("Your name: ")."""
    return f"{message} " if message.rstrip().endswith(("?", ":")) else f"{message}: "
