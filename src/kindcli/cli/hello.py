"""`kind hello`: the once-a-day shell greeting (its fast path is `kindcli.hello`)."""

from __future__ import annotations

from typing import Annotated

import typer


def hello(
    status: Annotated[
        bool,
        typer.Option(
            "--status", help='Print "practiced today" if you have, else nothing (for a prompt).'
        ),
    ] = False,
) -> None:
    """Say one gentle line, at most once a day, if you have not practiced yet today.

    Made for your shell's start-up file: it never fails and never slows the shell. It says
    nothing at all when `shell_greeting` is false, and nothing when its output is not a
    terminal.
    """
    # `kind hello` is answered before Typer loads (kindcli.__main__); this command is the
    # same thing reached through the full command line (`kind --plain hello`, tests).
    from kindcli.hello import main

    main(["--status"] if status else [])
