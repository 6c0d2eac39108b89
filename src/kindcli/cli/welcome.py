"""The first-run welcome: shown once, the first time a practice runs on a terminal.

Called (by `kindcli.cli.common.services`) for every command, so this module imports
nothing until it knows the welcome is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kindcli.kinds import KINDS

if TYPE_CHECKING:
    from kindcli.services import Services

WELCOME_KEY = "welcome_shown"
# The last practice day before a welcome back was said (so it is said once per return).
WELCOME_BACK_KEY = "welcome_back.after"
# The practices that say so in the registry, the safety plan and the menu (None: `kind` with
# no command). Commands that only read or look things up (stats, resources, data, settings,
# content), sos and about never show it: they should not create a database to say hello.
WELCOME_COMMANDS = frozenset({None, "plan", *(k.command for k in KINDS if k.welcome)})
QUIET_FLAGS = frozenset({"--help", "-h", "--json", "--version", "--list", "--list-regions"})
# A welcome back opens a practice (or the menu), not the safety plan.
WELCOME_BACK_COMMANDS = WELCOME_COMMANDS - {"plan"}
# `kind journal list` and friends read; only writing an entry is a practice.
READING_SUBCOMMANDS = frozenset({"list", "show", "search", "tags", "delete"})


def should_welcome(command: str | None, args: Sequence[str], interactive: bool) -> bool:
    if not interactive or command not in WELCOME_COMMANDS:
        return False
    words = [a for a in args if not a.startswith("-")]
    if command == "journal" and len(words) > 1 and words[1] in READING_SUBCOMMANDS:
        return False
    return not any(a in QUIET_FLAGS for a in args)


def maybe_welcome(svc: Services, command: str | None, args: Sequence[str]) -> bool:
    """Show the welcome once, the first time a practice runs on a terminal. Remembered in
    the store's `state`; if the store cannot be used, say nothing (the command itself will
    explain the store's problem) and try again next time."""
    if not svc.welcome or not should_welcome(command, args, svc.interactive):
        return False
    from kindcli import __version__
    from kindcli.ports import Moment
    from kindcli.practices.welcome import WELCOME_TITLE, welcome_lines

    try:
        store = svc.store
        if store.get_state(WELCOME_KEY):
            return _welcome_back(svc, command)
        out = svc.terminal
        out.heading(WELCOME_TITLE)
        for line in welcome_lines(svc.paths.data_dir):
            out.line(line)
        out.line("`kind about` shows this again.", style="dim")
        out.line()
        store.set_state(WELCOME_KEY, {"version": __version__}, Moment.of(svc.clock.now()))
    except Exception:
        return False
    return True


def _welcome_back(svc: Services, command: str | None) -> bool:
    """After a week or more away, the next practice opens with a short welcome back: a fresh
    start, never a count of the days missed. Said once per return."""
    if command not in WELCOME_BACK_COMMANDS:
        return False
    from kindcli.ports import Moment
    from kindcli.practices.fresh_start import PRACTICE_WELCOME_BACK, away

    store = svc.store
    now = svc.clock.now()
    last = store.last_practice_day()
    if not away(last, now.date()) or last is None:
        return False
    if store.get_state(WELCOME_BACK_KEY) == last.isoformat():
        return False
    svc.terminal.line(PRACTICE_WELCOME_BACK)
    svc.terminal.line()
    store.set_state(WELCOME_BACK_KEY, last.isoformat(), Moment.of(now))
    return True
