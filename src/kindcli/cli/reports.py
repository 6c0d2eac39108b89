"""`kind report`: a page about your practice to bring to a session (Markdown or HTML)."""

from __future__ import annotations

from typing import Annotated

import typer

from kindcli.cli.common import services
from kindcli.quick import reading


def report(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="The first day: 2026-02-01, 8w, 30d, yesterday, or 'all' (default: the last "
            "30 days, today included).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The last day (default: today).", show_default=False),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="md|html",
            help="Markdown or one self-contained HTML file (default: html for an --output "
            "ending in .html, else md).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (readable only by you) instead of the screen.",
            show_default=False,
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PARTS",
            help="Add your own words: reframes, notes, entries, plan (comma-separated or "
            "repeated). Left out unless you ask.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a page about your practice to bring to a therapist or a session.

    Practice days, which practices and how long, check-ins, measure scores, and the tags and
    prompts you used most. Your own words are added only with --include, and the page says
    what it leaves out. Nothing is sent anywhere: you choose whom to show it to.
    """
    try:
        reading.show_report(services(ctx), since, until, output_format, output, include or ())
    except reading.BadOption as e:
        raise typer.BadParameter(e.message, param_hint=e.hint) from None
