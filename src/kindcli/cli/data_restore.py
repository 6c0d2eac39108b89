"""`kind data restore` (a backup put back, whole) and `kind data forget` (gone for good)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import YesOption, services
from kindcli.errors import KindError
from kindcli.kinds import sessions_in_words
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.store.forgetting import Forgotten
    from kindcli.store.restoring import Backup


def restore(
    ctx: typer.Context,
    backup: Annotated[
        Path,
        typer.Argument(
            help="The backup to put back (from kind data backup, encrypted or not).",
            show_default=False,
        ),
    ],
    yes: YesOption = False,
) -> None:
    """Put a backup back in place of your data (what you have now is kept as a backup)."""
    from kindcli.store.restoring import open_backup

    svc = services(ctx)
    backup = backup.expanduser()
    if not backup.is_file():
        raise KindError(f"There is no backup file at {backup}.")
    if backup.resolve() == svc.paths.database.resolve():
        raise KindError(f"{backup} is kind's database itself, not a backup of it.")
    with open_backup(backup, _decrypted(backup)) as found:
        held = _summary(found.counts)
        if not yes:
            _ask(svc, "kind data restore", f"The backup holds {held}.", _restore_question(svc))
        kept = _keep_current(svc)
        _put_in_place(svc, found)
    svc.terminal.line(f"Restored your data from {backup}: {held}.")
    if kept is not None:
        svc.terminal.line(f"What you had before is kept in {kept}.")


def _restore_question(svc: Services) -> str:
    if not svc.paths.database.exists():
        return "Restore it?"
    return "Replace everything kind holds now with it? (What you have now is kept as a backup.)"


def _decrypted(backup: Path) -> bytes | None:
    from kindcli import encryption

    try:
        with open(backup, "rb") as f:
            head = f.read(64)
    except OSError as e:
        raise KindError(f"Could not read {backup} ({e.strerror}).") from None
    if not encryption.is_encrypted(head):
        return None
    from kindcli.adapters.passphrase import ask_passphrase

    encryption.available()
    return encryption.decrypt(
        backup.read_bytes(), ask_passphrase(twice=False), f"The backup {backup}"
    )


def _keep_current(svc: Services) -> Path | None:
    """A dated copy of the database there is now, before anything replaces it."""
    import shutil
    import sqlite3

    from kindcli.paths import ensure_private_dir
    from kindcli.store import Store

    db = svc.paths.database
    if not db.exists() or db.stat().st_size == 0:
        return None
    stamp = svc.clock.now().strftime("%Y%m%d-%H%M%S")
    folder = ensure_private_dir(svc.paths.backups)
    stamp = _free_stamp(folder, stamp)
    target = folder / f"kind-before-restore-{stamp}.db"
    try:
        with Store.open_readonly(db) as store:
            store.backup_to(target)
        return target
    except (KindError, sqlite3.Error, UnicodeDecodeError):
        pass  # damaged, or not a database this kind can read: kept as it is, below
    target = folder / f"kind-before-restore-{stamp}-damaged.db"
    try:
        for suffix in ("", "-wal"):
            source = db.with_name(db.name + suffix)
            if source.exists():
                copy = target.with_name(target.name + suffix)
                shutil.copyfile(source, copy)
                copy.chmod(0o600)
    except OSError as e:
        raise KindError(
            f"Could not keep a copy of your data as it is now ({e.strerror}), so nothing was "
            "changed."
        ) from None
    return target


def _free_stamp(folder: Path, stamp: str) -> str:
    """`stamp`, or `stamp-2`, `stamp-3`, ... when a copy from the same second is there."""
    found, n = stamp, 1
    while any(folder.glob(f"kind-before-restore-{found}.db*")) or any(
        folder.glob(f"kind-before-restore-{found}-damaged.db*")
    ):
        n += 1
        found = f"{stamp}-{n}"
    return found


def _put_in_place(svc: Services, backup: Backup) -> None:
    from kindcli.errors import StoreError
    from kindcli.paths import ensure_private_dir
    from kindcli.store import Store
    from kindcli.store.restoring import replace_file

    db = svc.paths.database
    svc.close()
    if db.exists() and db.stat().st_size > 0:
        try:
            store = Store.open(db)
        except StoreError:
            store = None  # damaged: replaced whole, below (a copy was kept first)
        if store is not None:
            with store:
                store.restore_from(backup)
            return
    ensure_private_dir(db.parent)
    replace_file(db, backup)
    with Store.open(db):  # brings an older backup's schema up to date
        pass


def forget(
    ctx: typer.Context,
    before: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Forget everything from before this day: 2026-03-14, 30d, 8w.",
            show_default=False,
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Forget everything kind has recorded.")
    ] = False,
    yes: YesOption = False,
) -> None:
    """Delete recorded data for good: everything before a date, or all of it."""
    from kindcli.dates import parse_day

    if everything == (before is not None):
        raise typer.BadParameter("Give either --before DATE or --all.", param_hint="'--before'")
    svc = services(ctx)
    day = None
    if before is not None:
        try:
            day = parse_day(before, svc.clock.now().date())
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="'--before'") from None
    store = svc.existing_store()
    if store is None:
        svc.terminal.line("There is nothing to forget: kind has no saved data here.")
        return
    found = store.forgettable(day)
    listed = _forgotten(found)
    if not listed:
        svc.terminal.line(f"There is nothing from before {day} to forget.")
        return
    if not yes:
        when = "everything kind holds" if day is None else f"everything from before {day}"
        _ask(svc, "kind data forget", f"This deletes {when}: {listed}.", _forget_question())
    store.forget(day)
    svc.terminal.line(f"Forgotten for good: {listed}.")
    svc.terminal.note(
        "Backups you made before still hold it (`kind data path` shows where they are)."
    )


def _forget_question() -> str:
    return "Delete it for good? It cannot be brought back."


def _forgotten(found: Forgotten) -> str:
    """'3 journal entries, 12 other sessions and 1 draft', or '' for nothing."""
    from kindcli.kinds import BY_ID

    journal = BY_ID["journal"]
    parts = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in (
            (found.entries, journal.noun, journal.nouns),
            (found.sessions, "other session", "other sessions"),
            (found.drafts, "unfinished draft", "unfinished drafts"),
            (found.measures, "measure result", "measure results"),
            (found.remembered, "remembered choice", "remembered choices"),
        )
        if n
    ]
    return parts[0] if len(parts) < 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _ask(svc: Services, command: str, told: str, question: str) -> None:
    if not svc.interactive:
        raise KindError(f"{command} asks first; add --yes to go ahead without asking.")
    svc.terminal.line(told)
    if not svc.prompter.confirm(question, default=False):
        svc.terminal.line("Nothing was changed.")
        raise typer.Exit(0)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(sessions_in_words(p, n) for p, n in sorted(counts.items())) or "no sessions"


def encrypted_backup(
    svc: Services,
    destination: Path | None,
    target_for: Callable[[Services, Path | None], tuple[Path, bool]],
) -> None:
    """`kind data backup --encrypt`: the usual backup, sealed with a passphrase. The plain
    copy exists only for a moment, in a private folder inside kind's data folder."""
    import shutil
    import tempfile

    from kindcli import encryption
    from kindcli.adapters.passphrase import ask_passphrase
    from kindcli.store import Store
    from kindcli.writing import check_target, write_private

    encryption.available()
    target, chosen_name = target_for(svc, destination)
    if not chosen_name:  # kind's own dated name, with -2, -3... when a second is shared
        named, n = target.with_name(target.name + ".age"), 1
        while named.exists():
            n += 1
            named = target.with_name(f"{target.stem}-{n}{target.suffix}.age")
        target = named
    check_target(target)
    passphrase = ask_passphrase(twice=True)
    folder = Path(tempfile.mkdtemp(prefix=".backup-", dir=svc.paths.data_dir))
    try:
        plain = folder / "kind.db"
        with Store.open_readonly(svc.paths.database) as store:
            store.backup_to(plain)
        sealed = encryption.encrypt(plain.read_bytes(), passphrase)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    write_private(target, sealed)
    svc.terminal.line(f"Saved an encrypted copy of your data to {target}")
