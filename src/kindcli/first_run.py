"""The first-run welcome: shown once, the first time a practice runs on a terminal.

Called from the root callback for every command, so this module imports nothing until it
knows the welcome is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kindcli.services import Services

WELCOME_KEY = "welcome_shown"
# The practices and the menu (None: `kind` with no command, once there is a menu). Data,
# settings and content commands, sos and about never show it.
WELCOME_COMMANDS = frozenset(
    {None, "break", "breathe", "journal", "meditate", "stats", "plan", "resources"}
)
QUIET_FLAGS = frozenset({"--help", "-h", "--json", "--version"})


def should_welcome(command: str | None, args: Sequence[str], interactive: bool) -> bool:
    if not interactive or command not in WELCOME_COMMANDS:
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
    from kindcli.support import WrappingRenderer

    try:
        store = svc.store
        if store.get_state(WELCOME_KEY):
            return False
        out = WrappingRenderer(svc.terminal)
        out.heading(WELCOME_TITLE)
        for line in welcome_lines(svc.paths.data_dir):
            out.line(line)
        out.line("`kind about` shows this again.", style="dim")
        out.line()
        store.set_state(WELCOME_KEY, {"version": __version__}, Moment.of(svc.clock.now()))
    except Exception:
        return False
    return True
