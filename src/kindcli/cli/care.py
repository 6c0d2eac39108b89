"""`kind sos` (and `kind help-now`), `kind resources`, `kind about`.

sos is built to come up fast and to keep working when other parts of kind cannot: it reads
the shipped crisis data, then whatever else it can (settings, your own content, your
safety plan), each on its own, and asks its one question without questionary.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from kindcli.cli.common import JsonOption, PlainOption, services

_REGION = re.compile(r"^(?:[A-Za-z]{2}|intl)$")


def _region(value: str | None) -> str | None:
    if value is not None and not _REGION.match(value.strip()):
        raise typer.BadParameter("use a two-letter country code such as US, GB or AU, or intl.")
    return value.strip() if value else None


RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        metavar="XX",
        help="Show the lines for this two-letter country code (US, CA, GB, IE, AU, ...).",
        callback=_region,
        show_default=False,
    ),
]
ListOption = Annotated[
    bool, typer.Option("--list-regions", help="List the regions kind has crisis lines for.")
]


def sos(
    ctx: typer.Context,
    region: RegionOption = None,
    list_regions: ListOption = False,
    json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Show people you can reach right now, your safety plan, and a minute of grounding."""
    from kindcli import support

    svc = services(ctx, plain)
    if list_regions:
        rows = support.region_rows(svc)
        if json:
            svc.terminal.json(
                [dict(zip(("code", "region", "emergency"), r, strict=True)) for r in rows]
            )
            return
        svc.terminal.table(["code", "region", "emergency"], rows)
        svc.terminal.note("Set yours with `kind config set region XX`.")
    elif json:
        svc.terminal.json(support.sos_data(svc, region))
    else:
        support.show_sos(svc, region)


def help_now(
    ctx: typer.Context,
    region: RegionOption = None,
    list_regions: ListOption = False,
    json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Show people you can reach right now (the same as `kind sos`)."""
    sos(ctx, region, list_regions, json, plain)


def resources(ctx: typer.Context, json: JsonOption = False, plain: PlainOption = False) -> None:
    """Explain the kinds of support beyond self-help, and how to find them."""
    from kindcli.models import Guide
    from kindcli.support import WrappingRenderer

    svc = services(ctx, plain)
    guides = [i for i in svc.catalog.items("resources") if isinstance(i, Guide)]
    if json:
        svc.terminal.json([g.model_dump(mode="json") for g in guides])
        return
    out = WrappingRenderer(svc.terminal)
    for guide in guides:
        out.heading(guide.name)
        for section in guide.sections:
            out.line()
            out.line(section.title, style="bold")
            for paragraph in section.paragraphs:
                out.line(paragraph)
            for point in section.points:
                out.line(f"  - {point}")
            for link in section.links:
                out.line(f"  {link.name}: {link.url}", style="cyan")
        out.line()
        out.line("Sources", style="bold")
        for source in guide.sources:
            out.line(f"  {source.name}: {source.url}", style="dim")
    out.line()
    out.line("If you need someone right now, `kind sos` shows who you can reach.")


def about(ctx: typer.Context, plain: PlainOption = False) -> None:
    """Show what kind is and is not, its version, and what the research says."""
    from kindcli import __version__
    from kindcli.practices.welcome import (
        CREDITS,
        RESEARCH,
        RESEARCH_TITLE,
        WELCOME_TITLE,
        welcome_lines,
    )
    from kindcli.support import WrappingRenderer

    svc = services(ctx, plain)
    out = WrappingRenderer(svc.terminal)
    out.heading(f"kind {__version__}")
    out.line()
    out.line(WELCOME_TITLE, style="bold")
    for line in welcome_lines(svc.paths.data_dir):
        out.line(line)
    out.line()
    out.line(RESEARCH_TITLE, style="bold")
    for line in RESEARCH:
        out.line(line)
    out.line()
    for line in CREDITS:
        out.line(line, style="dim")
