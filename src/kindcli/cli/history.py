"""`kind history`: every session you recorded, one in full, and deleting one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import JsonOption, YesOption, services
from kindcli.errors import KindError
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.store.records import JournalEntry, SessionRecord

app = typer.Typer(no_args_is_help=False)

IdArgument = Annotated[
    str, typer.Argument(help="The session's id (`kind history` shows it); its first few do.")
]


@app.callback(invoke_without_command=True)
def history(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="Only sessions on or after this day: 2026-03-14, today, 7d, 2w."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only sessions on or before this day (same forms as --since)."),
    ] = None,
    practice: Annotated[
        str | None,
        typer.Option(
            "--practice", "-p", help="Only one practice: break, breathing, journal, meditation."
        ),
    ] = None,
    number: Annotated[
        int, typer.Option("-n", "--number", min=1, help="Show at most this many sessions.")
    ] = 20,
    json: JsonOption = False,
) -> None:
    """List every session you recorded, newest first: breaks, breathing, meditations,
    journal entries and practice logged by hand."""
    if ctx.invoked_subcommand is not None:
        return
    from kindcli.practices import history as view
    from kindcli.practices.journal_lookup import date_range

    svc = services(ctx)
    start, end = date_range(since, until, svc.clock.now().date())
    chosen = view.practice_id(practice) if practice else None
    store = svc.existing_store()
    found = store.history(number + 1, chosen, start, end) if store else []
    records, more = found[:number], len(found) > number
    entries = _entries(svc, records)
    if json:
        svc.terminal.json([view.as_json(r, entries.get(r.id)) for r in records])
        return
    if not records:
        narrowed = since or until or practice
        svc.terminal.note(
            "Nothing recorded matches these filters."
            if narrowed
            else "Nothing recorded yet. Whatever you practice with kind will be listed here."
        )
        return
    _show(svc, records, entries)
    if more:
        svc.terminal.note(f"These are the newest {number}; -n shows more.")
    svc.terminal.note("`kind history show ID` shows one in full.")


def _show(svc: Services, records: list[SessionRecord], entries: dict[str, JournalEntry]) -> None:
    from kindcli.practices import history as view

    cells = [view.row(r, entries.get(r.id), 0)[:-1] for r in records]
    fixed = sum(
        max(len(h), *(len(c[i]) for c in cells)) + 2 for i, h in enumerate(view.HEADERS[:-1])
    )
    room = svc.terminal.width - fixed - 1
    if room >= 16 or not svc.terminal.tty:  # a pipe gets whole columns, never cut
        rows = [view.row(r, entries.get(r.id), max(room, 40)) for r in records]
        svc.terminal.table(list(view.HEADERS), [list(r) for r in rows])
        return
    # A narrow terminal: each session on two lines, so nothing wraps mid-word.
    width = max(10, svc.terminal.width - 3)
    for record, cell in zip(records, cells, strict=True):
        svc.terminal.line("  ".join(c for c in cell if c), style="bold")
        written = view.note(record, entries.get(record.id))
        if written:
            svc.terminal.line("  " + view.excerpt(written, width))


def _entries(svc: Services, records: list[SessionRecord]) -> dict[str, JournalEntry]:
    ids = [r.id for r in records if r.practice == "journal"]
    store = svc.existing_store()
    return store.journal_entries_by_id(ids) if store and ids else {}


def _find(svc: Services, session_id: str) -> tuple[SessionRecord, JournalEntry | None]:
    from kindcli.practices.journal_lookup import resolve_id

    store = svc.existing_store()
    prefix = session_id.strip().lower()
    known = store.session_ids_starting(prefix) if store else []
    full = resolve_id(session_id, known, "session", "`kind history` shows the ids.")
    record = svc.store.session(full)
    if record is None:  # deleted in another window a moment ago
        raise KindError(f"The session {full[:8]} is no longer there.")
    return record, _entries(svc, [record]).get(record.id)


@app.command("show")
def show(ctx: typer.Context, session_id: IdArgument, json: JsonOption = False) -> None:
    """Show one session in full: everything kind recorded about it."""
    from kindcli.practices import history as view

    svc = services(ctx)
    record, entry = _find(svc, session_id)
    if json:
        svc.terminal.json(view.as_json(record, entry))
        return
    out = svc.terminal
    out.heading(f"{view.noun(record).capitalize()} · {record.id}")
    for label, value in view.facts(record):
        out.line(f"{label}: {value}")
    if entry is not None:
        if entry.tags:
            out.line("tags: " + ", ".join(entry.tags))
        for answer in entry.answers or []:
            out.line()
            if len(entry.answers) > 1 or entry.prompt_id != "free":
                out.line(answer.question, style="bold")
            out.line(answer.answer)
        if not entry.answers:
            out.line()
            out.line(entry.body)


@app.command("delete")
def delete(ctx: typer.Context, session_id: IdArgument, yes: YesOption = False) -> None:
    """Delete one session for good (asks first unless --yes); also undoes a mistaken
    `kind log`."""
    from kindcli.practices import history as view
    from kindcli.store.records import local_time

    svc = services(ctx)
    record, entry = _find(svc, session_id)
    what = f"{view.noun(record)} from {local_time(record.moment)}"
    if not yes:
        if not svc.interactive:
            raise KindError("kind history delete asks first; add --yes to delete without asking.")
        written = view.note(record, entry)
        svc.terminal.line(f"{what}" + (f" · {view.excerpt(written, 60)}" if written else ""))
        if not svc.prompter.confirm(
            f"Delete this {view.noun(record)}? It cannot be brought back.", default=False
        ):
            svc.terminal.line("Kept. Nothing was deleted.")
            return
    svc.store.delete_session(record.id)
    svc.terminal.line(f"Deleted the {what} ({record.id[:8]}).")
