"""A prompter on plain `input()`: numbered choices and typed answers, no escape codes.

Used in plain mode (`--plain`, `TERM=dumb`) for every question, and always by `kind sos`,
which must come up fast and work even if questionary or prompt_toolkit cannot load. End of
input (Ctrl-D) counts as the default answer; Ctrl-C raises KeyboardInterrupt as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import IO

from kindcli.adapters.terminal import PROSE_COLUMNS, safe, terminal_width, wrap
from kindcli.adapters.text_input import typed

# How a multi-line answer ends on a plain line prompt (a full stop alone, as in old mail).
END_OF_ANSWER = "."
MULTILINE_HINT = "(a line with only a full stop, or Ctrl-D, finishes)"


class LinePrompter:
    def __init__(self, ask: Callable[[str], str] | None = None, out: IO[str] | None = None) -> None:
        self._ask = ask or input
        self._out = out or sys.stdout

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

    def select(self, message: str, choices: Sequence[str], *, default: str | None = None) -> str:
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

    def rating(self, message: str, *, low: int = 0, high: int = 10) -> int | None:
        while True:
            answer = self._read(f"{message} ({low} calm to {high} intense; Enter skips): ")
            if answer is None or not answer.strip():
                return None
            if answer.strip().isdigit() and low <= int(answer.strip()) <= high:
                return int(answer.strip())
            self._say(f"A whole number from {low} to {high}, or Enter to skip.")

    def pause(self, message: str = "") -> str:
        return self._read(_prompt(message) if message else "") or ""


def _prompt(message: str) -> str:
    """A question reads as one ("Why?"), anything else gets a colon ("Your name: ")."""
    return f"{message} " if message.rstrip().endswith(("?", ":")) else f"{message}: "
