"""The services a command uses, built once per run and passed through Typer's context.

Everything is created lazily so that a command pays only for what it touches: `kind --help`
opens no database and imports no YAML or questionary. Tests build a `Services` with fakes
and pass it as `obj=` to `CliRunner.invoke`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from kindcli.paths import Paths, resolve_paths

if TYPE_CHECKING:
    from kindcli.adapters.terminal import Terminal
    from kindcli.catalog import Catalog
    from kindcli.config import Config
    from kindcli.ports import Clock, Prompter
    from kindcli.storage import Store


class Services:
    def __init__(
        self,
        *,
        paths: Paths | None = None,
        config: Config | None = None,
        clock: Clock | None = None,
        prompter: Prompter | None = None,
        terminal: Terminal | None = None,
        catalog: Catalog | None = None,
        store: Store | None = None,
        interactive: bool | None = None,
        plain: bool = False,
        welcome: bool = True,
    ) -> None:
        self._paths = paths
        self._config = config
        self._clock = clock
        self._prompter = prompter
        self._prompter_given = prompter is not None
        self._terminal = terminal
        self._terminal_given = terminal is not None
        self._catalog = catalog
        self._store = store
        self._owns_store = False
        self._interactive = interactive
        self.plain = plain
        # Whether the first-run welcome may be shown (tests of other things turn it off).
        self.welcome = welcome

    @property
    def paths(self) -> Paths:
        if self._paths is None:
            self._paths = resolve_paths()
        return self._paths

    @property
    def config(self) -> Config:
        """The person's settings. A value kind cannot use is named in one line and left at
        its default, so a typo in the file never blocks a practice (`kind config` and
        `kind data doctor` report it in full)."""
        if self._config is None:
            from kindcli.config import read_config

            self._config, problems = read_config(self.paths.config_file)
            for problem in problems:
                self.terminal.note(
                    f"{problem.message} Using the default for now (`kind config show`)."
                )
        return self._config

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from kindcli.adapters.clock import SystemClock

            self._clock = SystemClock()
        return self._clock

    @property
    def prompter(self) -> Prompter:
        """The questionary prompter, built on the first question (see LazyPrompter)."""
        if self._prompter is None:
            from kindcli.adapters.lazy_prompter import LazyPrompter

            self._prompter = LazyPrompter(_questionary_prompter)
        return self._prompter

    @property
    def line_prompter(self) -> Prompter:
        """A prompter on plain input() that needs no questionary, for `kind sos`. A prompter
        handed in (tests) is used instead."""
        if self._prompter_given and self._prompter is not None:
            return self._prompter
        from kindcli.adapters.line_prompter import LinePrompter

        return LinePrompter()

    def use_plain(self) -> None:
        """Plain output from here on (a command's --plain, after the root already ran)."""
        self.plain = True
        if not self._terminal_given:
            self._terminal = None

    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            from kindcli.adapters.terminal import Terminal

            self._terminal = Terminal(plain=self.plain)
        return self._terminal

    @property
    def interactive(self) -> bool:
        """True when a person can answer: stdin and stdout are both terminals."""
        if self._interactive is None:
            self._interactive = _isatty(sys.stdin) and _isatty(sys.stdout)
        return self._interactive

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from kindcli.catalog import Catalog

            self._catalog = Catalog(
                self.paths.shipped_content, self.paths.user_content, warn=self.terminal.note
            )
        return self._catalog

    @property
    def store(self) -> Store:
        if self._store is None:
            from kindcli.storage import Store

            self._store = Store.open(self.paths.database)
            self._owns_store = True
        return self._store

    def close(self) -> None:
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None


def _questionary_prompter() -> Prompter:
    from kindcli.adapters.prompter import QuestionaryPrompter

    return QuestionaryPrompter()


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
