"""A prompter that builds the real one on the first question.

questionary and prompt_toolkit then load while the person reads, not before the first line
appears, and never at all when nothing is asked (no terminal, check-ins off, plain scripts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kindcli.ports import Prompter


class LazyPrompter:
    def __init__(self, build: Callable[[], Prompter]) -> None:
        self._build = build
        self._prompter: Prompter | None = None

    @property
    def _real(self) -> Prompter:
        if self._prompter is None:
            self._prompter = self._build()
        return self._prompter

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        return self._real.text(message, default=default, multiline=multiline)

    def select(self, message: str, choices: Sequence[str], *, default: str | None = None) -> str:
        return self._real.select(message, choices, default=default)

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return self._real.confirm(message, default=default)

    def rating(self, message: str, *, low: int = 0, high: int = 10) -> int | None:
        return self._real.rating(message, low=low, high=high)

    def pause(self, message: str = "") -> str:
        return self._real.pause(message)
