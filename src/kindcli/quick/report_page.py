"""`kind report`'s body, free of Typer (so it can run on the quick path): the dates and
parts asked for, the page gathered and laid out, and where it goes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kindcli.errors import KindError

if TYPE_CHECKING:
    from kindcli.practices.report import ReportSource
    from kindcli.services import Services

FORMATS = ("md", "html")


def write_report(
    svc: Services,
    since: str | None,
    until: str | None,
    output_format: str | None,
    output: str | None,
    include: list[str] | tuple[str, ...],
    bad_option: type[Exception],
) -> None:
    """Everything `kind report` does. A value that cannot be used raises `bad_option`
    (message, option) before anything is written."""
    from kindcli import __version__
    from kindcli.practices import report as practice

    target = Path(output) if output else None
    fmt = _format(output_format, target, bad_option)
    parts = _parts(include, bad_option)
    now = svc.clock.now()
    source = _source(svc)
    first, last = _dates(source, since, until, now.date(), bad_option)
    found = practice.gather(
        source, since=first, until=last, made=now, version=__version__, include=parts
    )
    if fmt == "html":
        from kindcli.practices.report_html import render
    else:
        from kindcli.practices.report_markdown import render
    page = render(found)
    if target is None:
        svc.terminal.page(page)
        if fmt == "html" and svc.terminal.tty:
            svc.terminal.note("To open it in a browser, save it with --output report.html.")
        return
    _write(target, page)
    svc.terminal.note(f"Wrote the report to {target} (readable only by you).")


def _format(given: str | None, output: Path | None, bad: type[Exception]) -> str:
    if given is not None:
        fmt = given.strip().lower().lstrip(".")
        fmt = "md" if fmt in ("markdown", "text") else "html" if fmt == "htm" else fmt
        if fmt not in FORMATS:
            raise bad("use md or html.", "'--format'")
        return fmt
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"


def _parts(values: list[str] | tuple[str, ...], bad: type[Exception]) -> list[str]:
    from kindcli.practices.report import INCLUDES

    parts = [p.strip().lower() for v in values for p in v.split(",") if p.strip()]
    unknown = [p for p in parts if p not in INCLUDES]
    if unknown:
        said = f"'{unknown[0]}' is not a part kind can add; use {', '.join(INCLUDES)}."
        raise bad(said, "'--include'")
    return parts


def _source(svc: Services) -> ReportSource:
    from kindcli.practices.report import EmptySource

    # Looking must not create anything: with no database yet there is simply nothing to show.
    return svc.existing_store() or EmptySource()


def _dates(
    source: ReportSource, since: str | None, until: str | None, today: date, bad: type[Exception]
) -> tuple[date, date]:
    from kindcli.dates import parse_day
    from kindcli.practices.report import DEFAULT_DAYS, first_day

    try:
        last = parse_day(until, today) if until else today
    except ValueError as e:
        raise bad(str(e), "'--until'") from None
    if last > today:
        said = f"{last.isoformat()} is in the future; a report covers days up to today."
        raise bad(said, "'--until'")
    if since is None:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    elif since.strip().lower() == "all":
        first = min(first_day(source) or last, last)
    else:
        try:
            first = parse_day(since, today)
        except ValueError as e:
            raise bad(str(e), "'--since'") from None
    if first > last:
        end = "--until" if until else "today"  # no --until: the report ends today
        raise KindError(
            f"--since ({first.isoformat()}) is after {end} ({last.isoformat()}), "
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
