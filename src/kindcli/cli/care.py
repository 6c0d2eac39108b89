"""`kind resources` (support beyond self-help) and `kind about`. `kind sos` is in sos.py."""

from __future__ import annotations

import typer

from kindcli.cli.common import JsonOption, PlainOption, services


def resources(ctx: typer.Context, json: JsonOption = False, plain: PlainOption = False) -> None:
    """Explain the kinds of support beyond self-help, and how to find them."""
    from kindcli.catalog.models import Guide

    svc = services(ctx, plain)
    guides = svc.catalog.all(Guide)
    if json:
        svc.terminal.json([g.model_dump(mode="json") for g in guides])
        return
    out = svc.terminal
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

    svc = services(ctx, plain)
    out = svc.terminal
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
