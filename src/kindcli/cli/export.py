"""`kind export`: your data out of kind, as JSON, Markdown or CSV, optionally encrypted."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO, cast

import typer

from kindcli.cli.common import services
from kindcli.errors import KindError
from kindcli.services import Services


def export(
    ctx: typer.Context,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json (everything; kind import reads it back), md (the journal as "
            "Markdown) or csv (sessions, one row each).",
        ),
    ] = "json",
    since: Annotated[
        str | None,
        typer.Option(help="Only records on or after this day: 2026-03-14, today, 7d, 2w."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only records on or before this day (same forms as --since)."),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(metavar="journal|sessions", help="Only the journal, or only the sessions."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (0600) instead of the screen or a pipe."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt", help="Encrypt it with a passphrase (age format; kind import reads it)."
        ),
    ] = False,
) -> None:
    """Export your data: everything as JSON, the journal as Markdown, sessions as CSV."""
    from kindcli import __version__
    from kindcli.practices import exporting
    from kindcli.practices.journal_lookup import date_range

    svc = services(ctx)
    start, end = date_range(since, until, svc.clock.now().date())
    asked = exporting.request(format_name, only, start, end)
    if output is not None:
        from kindcli.writing import check_target

        output = check_target(output, replace=force)
    elif encrypt and svc.terminal.tty:
        raise KindError(
            "An encrypted export is not something to show on the screen.",
            "Add --output FILE, or send it to a file: kind export --encrypt > FILE",
        )
    passphrase = _passphrase() if encrypt else None
    store = svc.existing_store()
    with _destination(svc, output, force, passphrase) as stream:
        written = exporting.export(store, asked, stream, svc.clock.now(), __version__)
    if output is not None:
        how = "encrypted, " if encrypt else ""
        svc.terminal.line(
            f"Exported {exporting.said(written, asked)} to {output} ({how}readable only by you)."
        )


def _passphrase() -> str:
    from kindcli import encryption
    from kindcli.adapters.passphrase import ask_passphrase

    encryption.available()
    return ask_passphrase(twice=True)


@contextmanager
def _destination(
    svc: Services, output: Path | None, force: bool, passphrase: str | None
) -> Iterator[TextIO]:
    """Where the export is written: the screen or a pipe, or a file that appears whole
    (0600) once everything is written; encrypted, it is sealed in memory first."""
    from kindcli.writing import private_file, write_private

    if passphrase is None and output is None:
        out = cast(TextIO, svc.terminal.out)
        stream = cast(TextIO, _ForTerminal(out)) if svc.terminal.tty else out
        yield stream
        stream.flush()
    elif passphrase is None:
        assert output is not None
        with private_file(output, replace=force) as raw:
            wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield wrapper
            wrapper.flush()
            wrapper.detach()
    else:
        from kindcli import encryption

        text = io.StringIO()
        yield text
        sealed = encryption.encrypt(text.getvalue().encode("utf-8"), passphrase)
        if output is not None:
            write_private(output, sealed, replace=force)
        else:
            binary = cast(TextIO, svc.terminal.out).buffer
            binary.write(sealed)
            binary.flush()


class _ForTerminal(io.TextIOBase):
    """Writes to a terminal with control characters shown as `\\x1b`, never acted on: an
    export of text from elsewhere (say, a jrnl import) cannot move the cursor or retitle
    the window. Files and pipes get the bytes exactly."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, s: str) -> int:
        from kindcli.adapters.terminal import safe

        self._out.write(safe(s))
        return len(s)

    def flush(self) -> None:
        self._out.flush()
