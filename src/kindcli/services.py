"""The services a command uses, built once per run and passed through Typer's context.

Everything is created lazily so that a command pays only for what it touches: `kind --help`
opens no database and imports no YAML or questionary. The output mode is decided once, on
first use, after every option (a command's own `--plain` too) has been read. Tests build a
`Services` with fakes and pass it as `obj=` to `CliRunner.invoke`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from kindcli.paths import Paths, resolve_paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from kindcli.adapters.ahead import Ahead
    from kindcli.adapters.locks import Locks
    from kindcli.adapters.notify import Notifier
    from kindcli.adapters.scheduler import Schedulers
    from kindcli.adapters.terminal import OutputMode, Terminal
    from kindcli.catalog.catalog import Catalog
    from kindcli.config import Config
    from kindcli.errors import ConfigError
    from kindcli.ports import Clock, Prompter, Questions
    from kindcli.practices.timeline import Keys
    from kindcli.store import Store


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
        keys: Keys | None = None,
        schedulers: Callable[[], Schedulers] | None = None,
        notifier: Notifier | None = None,
    ) -> None:
        self._paths = paths
        self._config = config
        self._clock = clock
        self._prompter = prompter
        self._prompter_given = prompter is not None
        self._terminal = terminal
        self._catalog = catalog
        self._store = store
        self._owns_store = False
        self._interactive = interactive
        self._schedulers = schedulers
        self._notifier = notifier
        self._plain = plain
        self._output: OutputMode | None = terminal.mode if terminal is not None else None
        self._config_problems: list[ConfigError] = []
        self._keys = keys
        self._locks: Locks | None = None
        # Whether the first-run welcome may be shown (tests of other things turn it off).
        self.welcome = welcome

    # ---- the output policy, decided once -----------------------------------------------------

    def ask_plain(self) -> None:
        """A command's own --plain. Options are all read before anything is written, so this
        always comes before the output mode is decided."""
        if self._output is None:
            self._plain = True

    @property
    def output(self) -> OutputMode:
        if self._output is None:
            from kindcli.adapters.terminal import output_mode

            self._output = output_mode(plain=self._plain, animations=self._animations())
        return self._output

    def _animations(self) -> bool:
        try:
            return self._read_config().animations
        except Exception:
            # kind's folder itself cannot be used (KIND_HOME a file, a folder it cannot
            # enter): decide the output anyway, so `kind sos` can still show its lines.
            return True

    @property
    def plain(self) -> bool:
        return self.output.plain

    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            from kindcli.adapters.terminal import Terminal

            self._terminal = Terminal(mode=self.output)
        return self._terminal

    @property
    def interactive(self) -> bool:
        """True when a person can answer: stdin and stdout are both terminals."""
        if self._interactive is None:
            from kindcli.adapters.terminal import isatty

            self._interactive = isatty(sys.stdin) and isatty(sys.stdout)
        return self._interactive

    @property
    def prompter(self) -> Prompter:
        """Arrow-key questions (questionary, built on the first question that needs it) on a
        terminal, with the 0-10 check-ins drawn the same way on the terminal's own line
        editing; numbered line prompts in plain mode, with no escape codes at all."""
        if self._prompter is None:
            if self.output.widgets:
                from kindcli.adapters.lazy_prompter import LazyPrompter
                from kindcli.adapters.line_prompter import LinePrompter, Look

                ratings = LinePrompter(look=Look(color=self.output.color))
                self._prompter = LazyPrompter(_questionary_prompter, ratings=ratings)
            else:
                from kindcli.adapters.line_prompter import LinePrompter

                self._prompter = LinePrompter()
        return self._prompter

    @property
    def line_prompter(self) -> Prompter:
        """A prompter on plain input() that needs no questionary, for `kind sos`. A prompter
        handed in (tests) is used instead."""
        if self._prompter_given and self._prompter is not None:
            return self._prompter
        from kindcli.adapters.line_prompter import LinePrompter

        return LinePrompter()

    @property
    def has_keyboard(self) -> bool:
        """Whether single keys can be read (stdin is a terminal, wherever stdout goes)."""
        from kindcli.adapters.terminal import isatty

        return self._keys is not None or isatty(sys.stdin)

    def keys(self, *, enter_moves_on: bool = False) -> Keys:
        """The keyboard for a timed practice: single keys from the terminal (space pauses,
        q stops; Enter moves on when asked), or a clock to sleep on when there is none."""
        if self._keys is not None:
            return self._keys
        if self.has_keyboard:
            from kindcli.adapters.keys import TerminalKeys

            return TerminalKeys(enter_moves_on=enter_moves_on)
        from kindcli.practices.timeline import ClockKeys

        return ClockKeys(self.clock)

    def load_ahead(self, *modules: str) -> Ahead:
        """Start loading, on a helper thread, what the rest of a command will need (these
        modules, and the arrow-key widgets when questions will use them), while the person
        answers a first question that needs none of it. `wait()` before using any of it."""
        from kindcli.adapters.ahead import Ahead, importing
        from kindcli.adapters.lazy_prompter import LazyPrompter

        steps = [importing(m) for m in modules]
        prompter = self.prompter
        if isinstance(prompter, LazyPrompter):
            steps.append(prompter.prepare)
        if self.output.color:
            steps.append(importing("rich.console"))
        return Ahead(steps)

    # ---- the rest, each built on first use ----------------------------------------------------

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
        config = self._read_config()
        problems, self._config_problems = self._config_problems, []
        for problem in problems:
            self.terminal.note(f"{problem.message} Using the default for now (`kind config show`).")
        return config

    def _read_config(self) -> Config:
        # Read once; the notes about it wait until the output mode (which needs the
        # `animations` setting) is decided.
        if self._config is None:
            from kindcli.config import read_config

            self._config, self._config_problems = read_config(self.paths.config_file)
        return self._config

    @property
    def locks(self) -> Locks:
        """Which kind process is writing which draft (held until this process ends)."""
        if self._locks is None:
            from kindcli.adapters.locks import Locks

            self._locks = Locks(self.paths.locks)
        return self._locks

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from kindcli.adapters.clock import SystemClock

            self._clock = SystemClock(warn=lambda message: self.terminal.note(message))
        return self._clock

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from kindcli.catalog.catalog import Catalog

            self._catalog = Catalog(
                self.paths.shipped_content, self.paths.user_content, warn=self.terminal.note
            )
        return self._catalog

    def schedulers(self) -> Schedulers:
        """The system's schedulers for `kind remind install` (tests hand in their own, on
        temporary folders: nothing ever touches the real crontab or user units)."""
        if self._schedulers is not None:
            return self._schedulers()
        from kindcli.adapters.scheduler import system_schedulers

        return system_schedulers()

    @property
    def notifier(self) -> Notifier:
        """Desktop notifications for `kind nudge`."""
        if self._notifier is None:
            from kindcli.adapters.notify import DesktopNotifier

            self._notifier = DesktopNotifier()
        return self._notifier

    @property
    def store(self) -> Store:
        """kind's database, opened for writing (created and migrated if need be)."""
        if self._store is None:
            from kindcli.store import Store

            self._store = Store.open(self.paths.database)
            self._owns_store = True
        return self._store

    def existing_store(self) -> Store | None:
        """The database if there is one, else None: reading never creates a database, so a
        command that only looks has simply nothing to show yet."""
        if self._store is None and not self.paths.database.exists():
            return None
        return self.store

    def has_database(self) -> bool:
        """Whether there is a database to read (open already, or on disk)."""
        return self._store is not None or self.paths.database.exists()

    def remembered(self, key: str) -> object:
        """One remembered value, read-only, never creating the database: through the store
        if one is open, else one SELECT without loading the store (`kind sos`'s plan)."""
        if self._store is not None:
            return self._store.get_state(key)
        from kindcli.store.remembered import read_state

        return read_state(str(self.paths.database), key)

    def readonly_store(self, busy_timeout_ms: int = 2000) -> Store | None:
        """The database opened read-only with a short busy timeout, or None when there is
        none: for `kind sos`, which must never create, migrate or wait long on anything."""
        if self._store is not None:
            return self._store
        if not self.paths.database.exists():
            return None
        from kindcli.store import Store

        self._store = Store.open_readonly(self.paths.database, busy_timeout_ms)
        self._owns_store = True
        return self._store

    def close(self) -> None:
        if self._locks is not None:
            self._locks.close()
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None


def _questionary_prompter() -> Questions:
    from kindcli.adapters.prompter import QuestionaryPrompter

    return QuestionaryPrompter()
