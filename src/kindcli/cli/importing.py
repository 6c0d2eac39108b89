"""`kind import`: bring records in from a kind export or jrnl's JSON export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kindcli.cli.common import services
from kindcli.errors import KindError
from kindcli.services import Services


def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The file to import (an encrypted one too).", show_default=False)
    ],
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="kind|jrnl",
            help="What wrote the file: kind (kind export) or jrnl (jrnl --format json). "
            "Left out, kind tells from the file.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only say what would be added, skipped and in conflict."),
    ] = False,
) -> None:
    """Import a kind export or jrnl's JSON export; nothing already here is overwritten."""
    from kindcli.practices import importers, importing
    from kindcli.practices.journal_lookup import normalise_tag

    wanted = from_format.strip().lower() if from_format else None
    if wanted is not None and wanted not in importers.IMPORTERS:
        known = " or ".join(importers.IMPORTERS)
        raise typer.BadParameter(
            f"'{from_format}' is not a format kind imports: use {known}.",
            param_hint="'--from'",
        )
    svc = services(ctx)
    name = str(file)
    doc = importers.decode(_contents(file), name)
    context = importers.Context(
        localize=lambda local: local.astimezone(),
        free_question=lambda: _free_question(svc),
        tag=normalise_tag,
    )
    _, archive = importers.read(doc, name, wanted, context)
    if dry_run:
        store = svc.existing_store()
        report = store.compare_archive(archive) if store else importing.all_new(archive)
    else:
        report = svc.store.import_archive(archive)
    for line in importing.summary(report, dry_run):
        svc.terminal.line(line)


def _contents(file: Path) -> bytes:
    """The file's bytes, decrypted if it is an encrypted copy; nothing larger than kind
    reads is ever read into memory."""
    from kindcli import encryption
    from kindcli.practices.importers import BadFile, too_large

    file = file.expanduser()
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise KindError(f"{file} is a folder; name the file to import.")
        problem = too_large(size)
        if problem:
            raise BadFile(str(file), problem)
        raw = file.read_bytes()
    except OSError as e:
        raise KindError(f"Could not read {file} ({e.strerror}); nothing was imported.") from None
    if not encryption.is_encrypted(raw[:64]):
        return raw
    from kindcli.adapters.passphrase import ask_passphrase

    encryption.available()
    return encryption.decrypt(raw, ask_passphrase(twice=False), f"The file {file}")


def _free_question(svc: Services) -> tuple[str, str]:
    from kindcli.catalog.models import PromptSet

    first = svc.catalog.get(PromptSet, "free").questions[0]
    return first.id, first.text
