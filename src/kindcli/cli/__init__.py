"""The command tree: a thin Typer layer that wires services to practices.

Command groups live one per module and are added here. Only Typer and kind's own light
modules are imported at start-up; anything heavy is imported inside the command that needs it.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kindcli import __version__
from kindcli.cli import breaks as breaks_cmd
from kindcli.cli import care as care_cmd
from kindcli.cli import config as config_cmd
from kindcli.cli import content as content_cmd
from kindcli.cli import data as data_cmd
from kindcli.cli import journal as journal_cmd
from kindcli.cli import plan as plan_cmd
from kindcli.cli import stats as stats_cmd
from kindcli.errors import KindError
from kindcli.services import Services

INTERRUPTED = "Stopped. Anything you finished is saved. Be gentle with yourself."


class KindGroup(TyperGroup):
    """The one error boundary: KindError becomes a calm message and exit 1; Ctrl-C becomes
    one line and exit 130; an unexpected bug never shows a traceback unless KIND_DEBUG is set."""

    def invoke(self, ctx: Any) -> Any:
        # The words after `kind`, so the first-run welcome can tell `kind plan` from
        # `kind plan --help` (the root callback runs before the subcommand parses its own).
        ctx.meta["kind.args"] = [*getattr(ctx, "_protected_args", []), *ctx.args]
        try:
            return super().invoke(ctx)
        except KindError as e:
            _say(str(e))
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            _say("\n" + INTERRUPTED)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (`kind ... | head`): stop quietly.
            _silence_stdout()
            raise typer.Exit(1) from None
        except Exception as e:
            if isinstance(e, typer.Exit | typer.Abort) or type(e).__module__.startswith("typer"):
                raise
            if os.environ.get("KIND_DEBUG"):
                raise
            if isinstance(e, OSError) and e.filename:
                _say(f"kind could not use {e.filename}: {e.strerror or e}.")
            else:
                _say(
                    f"Something went wrong inside kind ({type(e).__name__}). "
                    "Your saved data is safe.\n"
                    "Run again with KIND_DEBUG=1 to see the details, and please tell us about it."
                )
            raise typer.Exit(1) from None


def _silence_stdout() -> None:
    # Python would otherwise complain about the broken pipe again when it exits.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


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
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain text: no colour, animation or cursor movement.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show kind's version and exit."
        ),
    ] = False,
) -> None:
    """Build the services once; tests hand in their own through `obj`."""
    if ctx.obj is None:
        ctx.obj = Services(plain=plain)
    elif plain:
        ctx.obj.plain = True
    ctx.call_on_close(ctx.obj.close)
    from kindcli.first_run import maybe_welcome

    maybe_welcome(ctx.obj, ctx.invoked_subcommand, ctx.meta.get("kind.args", []))
    if ctx.invoked_subcommand is None:
        # No command: "What would help right now?" on a terminal, the help text otherwise.
        from kindcli.cli.menu import open_menu

        open_menu(ctx)


# `break` is a Python keyword: the function is take_break, the command is "break".
app.command("break")(breaks_cmd.take_break)
app.add_typer(data_cmd.app, name="data")
app.add_typer(content_cmd.app, name="content")
app.add_typer(config_cmd.app, name="config")
app.add_typer(journal_cmd.app, name="journal")
# ---- care and safety (issue 7) ----
app.command("sos")(care_cmd.sos)
app.command("help-now")(care_cmd.help_now)
app.add_typer(plan_cmd.app, name="plan")
app.command("resources")(care_cmd.resources)
app.command("about")(care_cmd.about)

# ---- kind breathe ----
from kindcli.cli import breathe as breathe_cmd  # noqa: E402

app.command("breathe")(breathe_cmd.breathe)

# Issue 6: practice over the weeks, and practice done elsewhere.
app.command("stats")(stats_cmd.stats)
app.command("log")(stats_cmd.log)


def run() -> None:
    app()
