"""`kind` on its own: "What would help right now?", built from the commands that exist.

The menu is made from the commands registered at run time, so a practice that another part
of kind adds (breathing, journaling, stats, support) appears here without editing this file.
Known commands get a friendly label and a place in the order; any other practice shows its
own help line. Commands for looking after data and settings stay out of the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from kindcli.kinds import KINDS

if TYPE_CHECKING:
    from kindcli.services import Services

QUESTION = "What would help right now?"

# Known commands, in the order they are offered, with words for a person, not a manual: the
# practices first (from the registry), then support and looking back.
LABELS: dict[str, str] = {
    **{k.command: k.menu_label for k in KINDS},
    "sos": "Support right now: people you can reach",
    "plan": "Your safety plan",
    "stats": "See your practice so far",
    "measure": "A short reflection, to notice change over time",
    "resources": "Where to find more support",
}
# Ways into a command with its arguments, offered right after the command itself.
SHORTCUTS: dict[str, list[tuple[str, list[str]]]] = {
    "break": [("A quick break, when you only have a minute", ["quick"])],
    "meditate": [("A meditation suggested for today", ["--suggest"])],
}
# Housekeeping and aliases: reachable from the help, not what helps in a hard moment.
LEFT_OUT = {
    "data",
    "content",
    "config",
    "log",
    "help-now",
    "about",
    "remind",
    "nudge",
    "hello",
    "history",
    "export",
    "import",
    "report",  # a page to bring to a session, written to a file or a pipe
}

HELP_LABEL = "Show all commands (kind --help)"
NOTHING_LABEL = "Nothing right now"
NOTHING_WORDS = "That's okay. kind is here whenever you need it."
# Ctrl-C at the menu: nothing was started, so nothing was stopped.
CLOSED_WORDS = "Closed the menu. kind is here whenever you need it."


@dataclass(frozen=True)
class MenuEntry:
    label: str
    command: str | None  # None for the two built-in choices
    args: tuple[str, ...] = ()


def menu_entries(group: TyperGroup, ctx: typer.Context) -> list[MenuEntry]:
    """The choices for this run: known commands first, then other practices, then help."""
    available = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or getattr(command, "hidden", False) or name in LEFT_OUT:
            continue
        available[name] = command
    entries = []
    for name, label in LABELS.items():
        if name not in available:
            continue
        entries.append(MenuEntry(f"{label} (kind {name})", name))
        for words, args in SHORTCUTS.get(name, []):
            entries.append(MenuEntry(f"{words} (kind {name} {' '.join(args)})", name, tuple(args)))
    for name, command in available.items():
        if name not in LABELS:
            help_line = (command.get_short_help_str(limit=60) or name).rstrip(".")
            entries.append(MenuEntry(f"{help_line} (kind {name})", name))
    entries.append(MenuEntry(HELP_LABEL, None))
    entries.append(MenuEntry(NOTHING_LABEL, None))
    return entries


def open_menu(ctx: typer.Context) -> None:
    """On a terminal, ask what would help and run it; otherwise show the help text."""
    from kindcli.cli.common import services
    from kindcli.errors import StopSignal

    svc = services(ctx)
    if not svc.interactive:
        show_help(ctx)
        # As before the menu existed: no command given is a usage error for scripts.
        raise typer.Exit(2)
    group = ctx.command
    assert isinstance(group, TyperGroup)
    entries = menu_entries(group, ctx)
    labels = [e.label for e in entries]
    ready = measure_ready(svc)
    if ready:
        svc.terminal.line(ready)
    try:
        # Esc backs out: the same as choosing nothing for now.
        picked = svc.prompter.select(QUESTION, labels, default=labels[0], escape=NOTHING_LABEL)
    except StopSignal:
        raise  # SIGTERM/SIGHUP: the error boundary says so and exits 128 + the signal
    except KeyboardInterrupt:
        svc.terminal.line(CLOSED_WORDS, err=True)
        raise typer.Exit(130) from None
    entry = entries[labels.index(picked)]
    if entry.command is not None:
        command = group.get_command(ctx, entry.command)
        assert command is not None
        # Exactly as if the person had typed `kind <command> <args>`.
        with command.make_context(entry.command, list(entry.args), parent=ctx) as sub:
            command.invoke(sub)
    elif entry.label == HELP_LABEL:
        show_help(ctx)
    else:
        svc.terminal.line(NOTHING_WORDS)


def measure_ready(svc: Services) -> str | None:
    """That a measure is ready to take again, if it is and has not been said for this time
    (in `kind hello` or here): the same read and the same memory as `kind hello`."""
    try:
        from kindcli.measure_due import mention
        from kindcli.store.glance import measures_taken

        taken = measures_taken(str(svc.paths.database))
        today = svc.clock.now().date().isoformat()
        return mention(str(svc.paths.data_dir), taken, today) if taken else None
    except Exception:  # a greeting is never worth an error
        return None


def show_help(ctx: typer.Context) -> None:
    # Typer's rich help prints itself and returns ""; plain click help comes back as text.
    text = ctx.get_help()
    if text:
        typer.echo(text)
