"""Options shared by several commands, defined once, and the way to reach the services."""

from __future__ import annotations

from typing import Annotated

import typer

from kindcli.services import Services

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Plain text: no colour, animation or cursor movement.")
]


def services(ctx: typer.Context, plain: bool = False) -> Services:
    """The run's services; `plain` is a command's own --plain (the same as `kind --plain`)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Services):
        root.obj = Services()
    if plain:
        root.obj.use_plain()
    return root.obj
