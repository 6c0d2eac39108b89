"""The command tree: a thin Typer layer that wires services to practices.

Each command (or group) lives in its own module and is listed once in COMMANDS below. The
root group builds a command only when it is used: Typer spends about a millisecond per
command inspecting signatures, so building all of them for every run would cost `kind stats`
as much as its queries. `kind --help` lists every command's summary without building any;
the menu builds the ones it offers.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from kindcli import __version__
from kindcli.boundary import INTERRUPTED as INTERRUPTED  # what Ctrl-C says, for tests
from kindcli.boundary import report
from kindcli.cli.common import PlainOption
from kindcli.cli.usage import tidy
from kindcli.kinds import KINDS
from kindcli.services import Services

# Every command, in the order `kind --help` lists them: name -> (module, attribute). The
# practices come from the practice registry, in its order; the rest are listed here. The
# attribute is a Typer app (a group of subcommands) or a command function; its docstring
# (the group's callback, for a group) is its help, and its first line the summary.
COMMANDS: dict[str, tuple[str, str]] = {
    **{k.command: k.cli for k in KINDS if k.cli is not None},
    "stats": ("kindcli.cli.stats", "stats"),
    "log": ("kindcli.cli.stats", "log"),
    "measure": ("kindcli.cli.measure", "measure"),
    "report": ("kindcli.cli.reports", "report"),
    "history": ("kindcli.cli.history", "app"),
    "sos": ("kindcli.cli.sos", "sos"),
    "help-now": ("kindcli.cli.sos", "sos"),
    "plan": ("kindcli.cli.plan", "app"),
    "resources": ("kindcli.cli.care", "resources"),
    "about": ("kindcli.cli.care", "about"),
    "data": ("kindcli.cli.data", "app"),
    "export": ("kindcli.cli.export", "export"),
    "import": ("kindcli.cli.importing", "import_file"),
    "content": ("kindcli.cli.content", "app"),
    "config": ("kindcli.cli.config", "app"),
    "remind": ("kindcli.cli.remind", "app"),
    "nudge": ("kindcli.cli.remind", "nudge"),
    "hello": ("kindcli.cli.hello", "hello"),
    "completion": ("kindcli.cli.completion", "completion"),
}


# Other names for a command, with their own help line.
ALIASES: dict[str, str] = {
    "help-now": "Show people you can reach right now (the same as `kind sos`).",
}


def _target(name: str) -> Any:
    module_name, attribute = COMMANDS[name]
    return getattr(importlib.import_module(module_name), attribute)


def summary(name: str) -> str:
    """The first line of a command's help, read without building the command (importing
    its module is cheap; building it, which inspects every parameter, is not)."""
    if name in ALIASES:
        return ALIASES[name]
    target = _target(name)
    if isinstance(target, typer.Typer):
        callback = target.registered_callback
        doc = target.info.help or (callback.callback.__doc__ if callback else None)
    else:
        doc = target.__doc__
    return inspect.cleandoc(doc or "").split("\n", 1)[0]


def build_command(name: str) -> Any:
    """The click command for one entry of COMMANDS, built the way Typer builds it (without
    Typer's shell-completion options, which kind does not offer)."""
    target = _target(name)
    command: Any
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        holder = typer.Typer(add_completion=False)
        holder.command(name, help=ALIASES.get(name))(target)
        command = typer.main.get_command(holder)
    command.name = name
    return tidy(command)


class KindGroup(TyperGroup):
    """The root group. Builds each command on first use (see COMMANDS), and hands every
    error to the one error boundary (`kindcli.boundary`): KindError becomes a calm message
    and exit 1; Ctrl-C becomes one line and exit 130; an unexpected bug never shows a
    traceback unless KIND_DEBUG is set."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            if self._listing:
                # `kind --help` only lists names and summaries: a stand-in, not cached.
                return TyperCommand(name=cmd_name, short_help=summary(cmd_name))
            self.commands[cmd_name] = build_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except Exception as e:
            # Typer suggests only from commands already built; suggest from all of them.
            message = getattr(e, "message", None)
            if isinstance(message, str) and args and "Did you mean" not in message:
                import difflib

                close = difflib.get_close_matches(args[0], self.list_commands(ctx))
                if close:
                    e.message = f"{message.rstrip('.')}. Did you mean '{close[0]}'?"  # type: ignore[attr-defined]
            _safe_message(e)
            raise

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # The words after `kind`, so the first-run welcome can tell `kind plan` from
        # `kind plan --help` (the root callback runs before the subcommand parses its own).
        ctx.meta["kind.args"] = list(args)
        tidy(self)
        if "--plain" in args[: args.index("--") if "--" in args else None]:
            # `kind --plain --help`, `kind journal --plain -h`: help without bold or color
            # too (Typer's documented switch; its help is the only output not kind's own).
            from typer import rich_utils

            rich_utils.COLOR_SYSTEM = None
        try:
            return super().parse_args(ctx, args)
        except BrokenPipeError as e:
            # `kind --help | head -1`: the help is written while parsing, outside invoke.
            raise typer.Exit(report(e) or 0) from None
        except Exception as e:
            _safe_message(e)
            raise

    def invoke(self, ctx: Any) -> Any:
        from kindcli.adapters import signals

        # kind's handlers for Ctrl-C, SIGTERM and SIGHUP; inside `command()` they become
        # KeyboardInterrupt and StopSignal (the terminal given back first), which practices
        # keep their work on and the boundary reports. There is no moment between the two.
        with signals.while_running():
            try:
                with signals.command():
                    return super().invoke(ctx)
            except (KeyboardInterrupt, Exception) as e:
                if isinstance(e, typer.Exit | typer.Abort):
                    raise
                code = report(e)
                if code is None:
                    _safe_message(e)  # a usage error can quote what was typed: Typer prints it
                    raise
                raise typer.Exit(code) from None


def _safe_message(error: BaseException) -> None:
    """Typer prints a usage error's message as it is, and it can quote what was typed (an
    unknown command, a value): made safe for the terminal like every other line."""
    from kindcli.adapters.terminal import safe
    from kindcli.boundary import invalid_value

    invalid_value(error)
    message = getattr(error, "message", None)
    if isinstance(message, str):
        error.message = safe(message)  # type: ignore[attr-defined]


app = typer.Typer(
    name="kind",
    cls=KindGroup,
    help=(
        "kind: a gentle companion for hard moments. Short self-compassion practices in your "
        "terminal; everything stays on this machine.\n\n"
        "kind is a self-help practice tool, not therapy or a crisis service."
    ),
    # `kind` on its own opens a menu on a terminal (the root callback below), help otherwise.
    invoke_without_command=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kind {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    plain: PlainOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show kind's version and exit."
        ),
    ] = False,
) -> None:
    """Build the services once; tests hand in their own through `obj`."""
    if ctx.obj is None:
        ctx.obj = Services()
    if plain:
        ctx.obj.ask_plain()
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        # No command: "What would help right now?" on a terminal, the help text otherwise.
        from kindcli.cli.menu import open_menu

        open_menu(ctx)


def run() -> None:
    import os

    from kindcli.cli.completion import COMPLETE_VAR

    if COMPLETE_VAR in os.environ:  # the shell is asking for words (kind completion)
        from kindcli.cli.completion import register

        register()
    # Named kind however it was started (`python -m kindcli` too): usage lines say `kind`,
    # and the shell's completion script finds its variable.
    app(prog_name="kind", complete_var=COMPLETE_VAR)
