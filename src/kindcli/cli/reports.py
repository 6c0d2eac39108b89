"""`kind report`: a page about your practice to bring to a session (Markdown or HTML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import services
from kindcli.errors import KindError

if TYPE_CHECKING:
    from kindcli.practices.report import ReportSource
    from kindcli.services import Services

FORMATS = ("md", "html")


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
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (readable only by you) instead of the screen.",
            show_default=False,
            dir_okay=False,
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
    from kindcli import __version__
    from kindcli.practices import report as practice

    svc = services(ctx)
    fmt = _format(output_format, output)
    parts = _parts(include or [])
    now = svc.clock.now()
    today = now.date()
    source = _source(svc)
    first, last = _dates(source, since, until, today)
    found = practice.gather(
        source, since=first, until=last, made=now, version=__version__, include=parts
    )
    if fmt == "html":
        from kindcli.practices.report_html import render
    else:
        from kindcli.practices.report_markdown import render
    page = render(found)
    if output is None:
        svc.terminal.page(page)
        if fmt == "html" and svc.terminal.tty:
            svc.terminal.note("To open it in a browser, save it with --output report.html.")
        return
    _write(output, page)
    svc.terminal.note(f"Wrote the report to {output} (readable only by you).")


def _format(given: str | None, output: Path | None) -> str:
    if given is not None:
        fmt = given.strip().lower().lstrip(".")
        fmt = "md" if fmt in ("markdown", "text") else "html" if fmt == "htm" else fmt
        if fmt not in FORMATS:
            raise typer.BadParameter("use md or html.", param_hint="'--format'")
        return fmt
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"


def _parts(values: list[str]) -> list[str]:
    from kindcli.practices.report import INCLUDES

    parts = [p.strip().lower() for v in values for p in v.split(",") if p.strip()]
    unknown = [p for p in parts if p not in INCLUDES]
    if unknown:
        raise typer.BadParameter(
            f"'{unknown[0]}' is not a part kind can add; use {', '.join(INCLUDES)}.",
            param_hint="'--include'",
        )
    return parts


def _source(svc: Services) -> ReportSource:
    from kindcli.practices.report import EmptySource

    # Looking must not create anything: with no database yet there is simply nothing to show.
    return svc.existing_store() or EmptySource()


def _dates(
    source: ReportSource, since: str | None, until: str | None, today: date
) -> tuple[date, date]:
    from datetime import timedelta

    from kindcli.dates import parse_day
    from kindcli.practices.report import DEFAULT_DAYS

    try:
        last = parse_day(until, today) if until else today
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--until'") from None
    if last > today:
        raise typer.BadParameter(
            f"{last.isoformat()} is in the future; a report covers days up to today.",
            param_hint="'--until'",
        )
    if since is None:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    elif since.strip().lower() == "all":
        from kindcli.practices.report import first_day

        first = min(first_day(source) or last, last)
    else:
        try:
            first = parse_day(since, today)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="'--since'") from None
    if first > last:
        raise KindError(
            f"--since ({first.isoformat()}) is after --until ({last.isoformat()}), "
            "so the report would hold no days."
        )
    return first, last


def _write(path: Path, page: str) -> None:
    from kindcli.adapters.files import head, write_private
    from kindcli.practices.report import written_by_report

    if path.is_dir():
        raise KindError(f"{path} is a folder; --output names the file to write.")
    if path.exists() and not written_by_report(head(path)):
        raise KindError(
            f"{path} already exists and is not a kind report, so kind left it as it is.",
            "Choose another file name (an earlier report of kind's is replaced).",
        )
    write_private(path, page)
