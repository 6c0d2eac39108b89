"""Options shared by several commands, defined once, and the way to reach the services."""

from __future__ import annotations

from typing import Annotated

import typer

from kindcli.services import Services

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def services(ctx: typer.Context) -> Services:
    root = ctx.find_root()
    if not isinstance(root.obj, Services):
        root.obj = Services()
    return root.obj
