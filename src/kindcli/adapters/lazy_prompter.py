"""A prompter that builds the arrow-key widgets on the first question that needs them.

questionary and prompt_toolkit then load while the person reads, not before the first line
appears, and never at all when nothing is asked (no terminal, check-ins off, plain scripts).
The 0-10 check-ins never need them: they are asked by `ratings` (a `LinePrompter` with a
`Look`), so a practice's first check-in is on screen at once. `prepare()` builds the widgets
ahead of time (from `Services.load_ahead`, on a helper thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from kindcli.ports import Prompter, Questions


class LazyPrompter:
    def __init__(self, build: Callable[[], Questions], *, ratings: Prompter) -> None:
        self._build = build
        self._ratings = ratings
        self._prompter: Questions | None = None
        self._lock = threading.Lock()

    @property
    def _real(self) -> Questions:
        with self._lock:
            if self._prompter is None:
                self._prompter = self._build()
            return self._prompter

    def prepare(self) -> None:
        """Build the widgets now (imports only: nothing is drawn or read), for a helper
        thread while the person answers something else; a question asked meanwhile waits
        for it."""
        self._real  # noqa: B018 (built for its side effect)

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        return self._real.text(message, default=default, multiline=multiline)

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        return self._real.select(message, choices, default=default, escape=escape)

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return self._real.confirm(message, default=default)

    def rating(
        self,
        message: str,
        *,
        low: int = 0,
        high: int = 10,
        can_stop: bool = False,
        ends: tuple[str, str] | None = None,
    ) -> int | None:
        return self._ratings.rating(message, low=low, high=high, can_stop=can_stop, ends=ends)

    def pause(self, message: str = "") -> str:
        return self._real.pause(message)
