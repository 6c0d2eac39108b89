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
from kindcli.cli import config as config_cmd
from kindcli.cli import content as content_cmd
from kindcli.cli import data as data_cmd
from kindcli.cli import stats as stats_cmd
from kindcli.errors import KindError
from kindcli.services import Services

INTERRUPTED = "Stopped. Anything you finished is saved. Be gentle with yourself."


class KindGroup(TyperGroup):
    """The one error boundary: KindError becomes a calm message and exit 1; Ctrl-C becomes
    one line and exit 130; an unexpected bug never shows a traceback unless KIND_DEBUG is set."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KindError as e:
            _say(str(e))
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            _say("\n" + INTERRUPTED)
            raise typer.Exit(130) from None
        except Exception as e:
            if isinstance(e, typer.Exit | typer.Abort) or type(e).__module__.startswith("typer"):
                raise
            if os.environ.get("KIND_DEBUG"):
                raise
            _say(
                f"Something went wrong inside kind ({type(e).__name__}). Your saved data is safe.\n"
                "Run again with KIND_DEBUG=1 to see the details, and please tell us about it."
            )
            raise typer.Exit(1) from None


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
    no_args_is_help=True,
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


app.add_typer(data_cmd.app, name="data")
app.add_typer(content_cmd.app, name="content")
app.add_typer(config_cmd.app, name="config")

# Issue 6: practice over the weeks, and practice done elsewhere.
app.command("stats")(stats_cmd.stats)
app.command("log")(stats_cmd.log)


def run() -> None:
    app()
