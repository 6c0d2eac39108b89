"""A small prompter on plain `input()`, for `kind sos`.

sos must come up fast and work even if questionary or prompt_toolkit cannot load, so it asks
its one or two questions with numbered choices on plain lines. End of input (Ctrl-D) counts
as the default answer; Ctrl-C raises KeyboardInterrupt as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import IO


class LinePrompter:
    def __init__(self, ask: Callable[[str], str] | None = None, out: IO[str] | None = None) -> None:
        self._ask = ask or input
        self._out = out or sys.stdout

    def _read(self, prompt: str) -> str | None:
        try:
            return self._ask(prompt)
        except EOFError:
            self._out.write("\n")
            return None

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        answer = self._read(f"{message}: ")
        return default if answer is None else answer

    def _wrapped(self, text: str) -> str:
        try:
            if not self._out.isatty():
                return text
        except (AttributeError, ValueError):
            return text
        import shutil
        import textwrap

        width = max(20, min(shutil.get_terminal_size((80, 24)).columns, 100) - 1)
        return textwrap.fill(text, width=width, break_long_words=False)

    def select(self, message: str, choices: Sequence[str], *, default: str | None = None) -> str:
        self._out.write(self._wrapped(message) + "\n")
        for n, choice in enumerate(choices, start=1):
            self._out.write(f"  {n}. {choice}\n")
        self._out.flush()
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
            self._out.write(f"Type a number from 1 to {len(choices)}.\n")

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
            self._out.write(f"A whole number from {low} to {high}, or Enter to skip.\n")

    def pause(self, message: str = "") -> str:
        return self._read(message) or ""
