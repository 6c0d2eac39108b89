"""`kind data`: where your data lives, a health check, and backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kindcli.cli.common import JsonOption, services
from kindcli.errors import KindError
from kindcli.quick import reading
from kindcli.services import Services

app = typer.Typer(
    help="See where kind keeps your data, check it, back it up, restore it, forget it.",
    no_args_is_help=True,
)


@app.command("path")
def path(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show every path kind uses (nothing is created)."""
    reading.show_paths(services(ctx), json)


@app.command("doctor")
def doctor(ctx: typer.Context, json: JsonOption = False) -> None:
    """Check the database, permissions, config and content; exit 1 if anything is wrong."""
    from kindcli.catalog.care import safety_check
    from kindcli.catalog.catalog import content_check
    from kindcli.config import config_check
    from kindcli.health import DoctorReport
    from kindcli.paths import permission_checks
    from kindcli.store.migrations import MIGRATIONS
    from kindcli.store.upkeep import backup_checks, database_checks

    svc = services(ctx)
    p = svc.paths
    checks, version, counts = database_checks(p.database)
    report = DoctorReport(checks, version, len(MIGRATIONS), counts)
    report.checks += backup_checks(p.backups)
    from kindcli.adapters.editor import editing_check

    report.checks += editing_check(p.editing, svc.locks)
    report.checks += permission_checks(p)
    report.checks.append(config_check(p.config_file))
    report.checks.append(content_check(p.shipped_content, p.user_content))
    report.checks.append(safety_check(p.shipped_content, p.user_content))
    if json:
        svc.terminal.json(
            {
                "ok": report.ok,
                "schema_version": report.schema_version,
                "latest_schema": report.latest_schema,
                "counts": report.counts,
                "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks],
            }
        )
    else:
        for c in report.checks:
            mark = "ok     " if c.ok else "PROBLEM"
            svc.terminal.line(f"{mark}  {c.name}: {c.detail}", style=None if c.ok else "yellow")
        if report.counts:
            # Every saved session, finished or not: more than `kind stats` counts (a
            # breathing session stopped before one full cycle, say), so it says so.
            summary = ", ".join(f"{k} {n}" for k, n in report.counts.items())
            svc.terminal.line(
                f"Sessions saved, finished or not: {summary}. (kind stats counts only the "
                "ones that count as practice.)"
            )
        svc.terminal.line(
            "Everything looks healthy." if report.ok else "Some things need a look (see above)."
        )
    if not report.ok:
        raise typer.Exit(1)


@app.command("backup")
def backup(
    ctx: typer.Context,
    destination: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the copy (default: a dated file in kind's backups folder).",
            show_default=False,
        ),
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option("--encrypt", help="Encrypt the copy with a passphrase (age format)."),
    ] = False,
) -> None:
    """Write a consistent copy of your database (readable only by you)."""
    from kindcli.store import Store

    svc = services(ctx)
    if not svc.paths.database.exists():
        raise KindError("There is nothing to back up yet: you have no saved practice.")
    if encrypt:
        from kindcli.cli.data_restore import encrypted_backup

        encrypted_backup(svc, destination, _backup_target)
        return
    # Read-only: a backup never upgrades or otherwise changes the database it copies.
    with Store.open_readonly(svc.paths.database) as store:
        target, chosen_name = _backup_target(svc, destination)
        # kind's own names get a -2, -3... when two backups share a second; a name the
        # person chose is never replaced.
        saved = store.backup_to(target, next_free=not chosen_name)
    svc.terminal.line(f"Saved a copy of your data to {saved}")


def _backup_target(svc: Services, destination: Path | None) -> tuple[Path, bool]:
    """Where the backup goes, and whether the person chose the file's name."""
    name = f"kind-{svc.clock.now().strftime('%Y%m%d-%H%M%S')}.db"
    if destination is None:
        from kindcli.paths import ensure_private_dir

        return ensure_private_dir(svc.paths.backups) / name, False
    destination = destination.expanduser()
    if destination.is_dir():
        return destination / name, False
    if destination.exists():
        raise KindError(
            f"{destination} already exists; kind will not overwrite it.",
            "Choose another file name.",
        )
    if not destination.parent.is_dir():
        what = "is not a folder" if destination.parent.exists() else "does not exist"
        raise KindError(f"{destination.parent} {what}, so the backup cannot go there.")
    return destination, True


def _restore_commands() -> None:
    from kindcli.cli.data_restore import forget, restore

    app.command("restore")(restore)
    app.command("forget")(forget)


_restore_commands()
