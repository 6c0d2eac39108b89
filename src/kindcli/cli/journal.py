"""`kind journal`: write a guided entry, and find, read, edit and delete past ones.

Listing and searching never load YAML or the content models (entries keep their questions'
words), so they stay as fast as the bare start-up of Typer.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.cli import journal_replies
from kindcli.cli.common import JsonOption, PlainOption, YesOption, services
from kindcli.cli.completion import content_ids
from kindcli.errors import KindError
from kindcli.quick import reading
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet
    from kindcli.store.records import JournalEntry

app = typer.Typer(no_args_is_help=False)

PromptOption = Annotated[
    str | None,
    typer.Option(
        "--prompt",
        "-p",
        help="Prompt set id (evening, friend, letter, reframe, ...).",
        autocompletion=content_ids("prompts"),
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help="A tag for the entry; repeat for more."),
]
LimitOption = Annotated[
    int, typer.Option("-n", "--number", min=1, help="Show at most this many entries.")
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Only entries on or after this day: 2026-03-14, today, 7d, 2w."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Only entries on or before this day (same forms as --since)."),
]
FilterTagOption = Annotated[
    str | None, typer.Option("--tag", "-t", help="Only entries with this tag.")
]
FilterPromptOption = Annotated[
    str | None,
    typer.Option(
        "--prompt",
        "-p",
        help="Only entries written with this prompt set.",
        autocompletion=content_ids("prompts"),
    ),
]
IdArgument = Annotated[str, typer.Argument(help="The entry's id; its first few characters do.")]


@app.callback(invoke_without_command=True)
def journal(
    ctx: typer.Context,
    plain: PlainOption = False,
    prompt: PromptOption = None,
    tag: TagOption = None,
    editor: Annotated[
        bool | None,
        typer.Option(
            "--editor/--no-editor",
            help="Write in $VISUAL/$EDITOR instead of step by step (config: journal_editor).",
        ),
    ] = None,
    message: Annotated[
        list[str] | None,
        typer.Option(
            "--message",
            "-m",
            metavar="TEXT",
            help="Save this text as the entry, without questions; repeat for more paragraphs.",
        ),
    ] = None,
) -> None:
    """Write a journal entry, guided by a few kind questions.

    With text piped in (echo "..." | kind journal) or given with -m (kind journal -m "...")
    it is saved as one entry.
    """
    if ctx.invoked_subcommand is not None:
        return
    from kindcli.practices import journal as practice

    svc = services(ctx, plain)
    from kindcli.practices.journal_lookup import normalise_tags

    tags = normalise_tags(tag or [])
    chosen = _prompt_set(svc, prompt) if prompt else None
    if message is not None:
        # Like `git commit -m`: each -m a paragraph, blank ones left out.
        text = "\n\n".join(m.strip() for m in message if m.strip())
        _save_text(svc, text, chosen, tags, via="message")
        return
    if not svc.interactive:
        _save_piped(svc, chosen, tags)
        return
    use_editor = editor if editor is not None else svc.config.journal_editor
    from kindcli.catalog.models import PromptSet

    sets = svc.catalog.all(PromptSet)
    _recover_editor_files(svc, sets)
    outcome = practice.sitting(
        sets=sets,
        chosen=chosen,
        prompter=svc.prompter,
        out=svc.terminal,
        clock=svc.clock,
        store=svc.store,
        tags=tags,
        edit=_editor(svc) if use_editor else None,
        pid=os.getpid(),
        locks=svc.locks,
        keys=svc.keys(enter_moves_on=True),
        # The optional 0-10 ratings follow the check-ins: off for anyone who turned them off.
        ask_ratings=svc.config.mood_checkins,
    )
    if outcome.entry is not None:
        _saved(svc, outcome.entry, getattr(outcome.prompt_set, "closing", None))
    elif outcome.kept_draft is not None:
        raise KindError(
            "The editor ended with an error, so your words are kept as a draft; "
            "the next `kind journal` will offer it."
        )
    else:
        svc.terminal.line(practice.NOTHING_WRITTEN)


def _save_piped(svc: Services, chosen: PromptSet | None, tags: list[str]) -> None:
    """Text from stdin becomes one entry: the answer to the set's first question."""
    from kindcli.adapters.text_input import read_piped

    typing = sys.stdin.isatty()  # output is piped, but a person is typing
    if typing:
        svc.terminal.note("Write your entry, then press Ctrl-D on a new line to save it.")
    started = svc.clock.monotonic()
    incoming = read_piped()
    # Typed here, the time spent writing is known (stats adds it up); piped in, it is not.
    seconds = round(svc.clock.monotonic() - started, 3) if typing else None
    _save_text(svc, incoming.text, chosen, tags, via="stdin", seconds=seconds)
    warning = incoming.warning("kind journal")
    if warning:
        svc.terminal.note(warning)


def _save_text(
    svc: Services,
    text: str,
    chosen: PromptSet | None,
    tags: list[str],
    via: str,
    seconds: float | None = None,
) -> None:
    """Text given in one piece becomes one entry: the answer to the set's first question."""
    from kindcli.practices.journal_entry import from_text

    prompt_set = chosen or _prompt_set(svc, "free")
    entry = from_text(text, prompt_set, tags, svc.clock, via=via, seconds=seconds)
    if entry is None:
        raise KindError("Nothing was saved: the text given to kind journal was empty.")
    svc.store.add_journal_entry(entry)
    _saved(svc, entry, closing=None)


def _prompt_set(svc: Services, set_id: str) -> PromptSet:
    from kindcli.catalog.models import PromptSet

    return svc.catalog.get(PromptSet, set_id)


def _known_set(svc: Services, set_id: str | None) -> PromptSet | None:
    """The prompt set an entry was written with, if it still exists."""
    if set_id is None or set_id not in svc.catalog.entries("prompts"):
        return None
    return _prompt_set(svc, set_id)


def _saved(svc: Services, entry: JournalEntry, closing: str | None) -> None:
    """Every new entry passes through here once it is safely stored: say so, then look at
    the saved words and, if they suggest the person may be in danger, gently offer support."""
    from kindcli.cli.aftercare import after_saving_text

    count = len(entry.answers)
    noun = "answer" if count == 1 else "answers"
    svc.terminal.line(f"Saved your journal entry {entry.id[:8]} ({count} {noun}).")
    if after_saving_text(svc, entry.body):
        return
    if closing:
        svc.terminal.line(closing)


def _editor(svc: Services) -> Any:
    from kindcli.adapters.editor import SystemEditor

    return SystemEditor(svc.paths.editing, svc.locks)


def _recover_editor_files(svc: Services, sets: list[PromptSet]) -> None:
    """Words an editor session left behind when kind was killed go back into their draft
    (offered next); any other such file is kept where it is, and said so."""
    from kindcli.adapters.editor import leftovers
    from kindcli.practices.journal_editor import recover_leftovers

    found = leftovers(svc.paths.editing, svc.locks)
    if not found:
        return
    kept = recover_leftovers(found, svc.store, sets, svc.locks, svc.clock)
    for leftover in kept:
        svc.terminal.note(
            f"Words from an editor session that ended early are kept in {leftover.path} "
            "(kind does not know which entry they belong to; delete the file when you no "
            "longer need it)."
        )


# ---- looking back ------------------------------------------------------------------------


@app.command("list")
def list_entries(
    ctx: typer.Context,
    number: LimitOption = 20,
    since: SinceOption = None,
    until: UntilOption = None,
    tag: FilterTagOption = None,
    prompt: FilterPromptOption = None,
    json: JsonOption = False,
) -> None:
    """List journal entries, newest first."""
    reading.list_entries(services(ctx), number, since, until, tag, prompt, json)


@app.command("search")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find; entries with all of them match.")],
    number: LimitOption = 20,
    since: SinceOption = None,
    until: UntilOption = None,
    tag: FilterTagOption = None,
    prompt: FilterPromptOption = None,
    json: JsonOption = False,
) -> None:
    """Find entries that contain every word given, newest first."""
    reading.search(services(ctx), text, number, since, until, tag, prompt, json)


def _find(svc: Services, entry_id: str) -> JournalEntry:
    from kindcli.practices.journal_lookup import resolve_id

    prefix = entry_id.strip().lower()
    store = svc.existing_store()
    known = store.journal_ids_starting(prefix) if store else []
    full = resolve_id(entry_id, known)
    entry = svc.store.get_journal_entry(full)
    if entry is None:  # deleted in another window a moment ago
        raise KindError(f"The journal entry {full[:8]} is no longer there.")
    return entry


@app.command("show")
def show(ctx: typer.Context, entry_id: IdArgument, json: JsonOption = False) -> None:
    """Show one journal entry in full."""
    svc = services(ctx)
    entry = _find(svc, entry_id)
    if json:
        svc.terminal.json(reading.entry_as_json(entry))
        return
    out = svc.terminal
    out.heading(f"{reading.local_time(entry)} · {entry.prompt_id or 'journal'} · {entry.id[:8]}")
    if entry.tags:
        out.line("tags: " + ", ".join(entry.tags))
    answers = entry.answers
    if not answers:
        out.line()
        out.line(entry.body)
    for a in answers:
        out.line()
        if len(answers) > 1 or entry.prompt_id != "free":
            out.line(a.question, style="bold")
        out.line(a.answer)


@app.command("edit")
def edit(ctx: typer.Context, entry_id: IdArgument) -> None:
    """Edit a journal entry in your editor ($VISUAL or $EDITOR)."""
    from kindcli.ports import format_utc
    from kindcli.practices.journal_editor import revise

    svc = services(ctx)
    entry = _find(svc, entry_id)
    revision = revise(entry, _editor(svc), _known_set(svc, entry.prompt_id))
    said = {
        "unchanged": "No changes, so the entry is as it was.",
        "empty": "The entry came back empty, so it was left as it was "
        "(`kind journal delete` removes an entry).",
        "editor-error": "The editor ended with an error, so the entry was left as it was.",
    }
    if revision.unchanged_reason:
        revision.done()
        if revision.unchanged_reason == "editor-error" and revision.stopped is None:
            raise KindError(said["editor-error"])  # exit 1: a script can tell
        svc.terminal.line(said[revision.unchanged_reason])
    else:
        # Also when kind was stopped with the editor open: what the person saved is kept.
        svc.store.update_journal_entry(
            entry.id, revision.body, revision.answers, format_utc(svc.clock.now())
        )
        revision.done()
        svc.terminal.line(f"Saved your changes to {entry.id[:8]}.")
    if revision.stopped is not None:
        raise revision.stopped
    if revision.unchanged_reason is None:
        from kindcli.cli.aftercare import after_saving_text

        after_saving_text(svc, revision.body)


@app.command("delete")
def delete(ctx: typer.Context, entry_id: IdArgument, yes: YesOption = False) -> None:
    """Delete a journal entry (asks first unless --yes)."""
    svc = services(ctx)
    entry = _find(svc, entry_id)
    if not yes:
        if not svc.interactive:
            raise KindError("kind journal delete asks first; add --yes to delete without asking.")
        svc.terminal.line(f"{reading.local_time(entry)} · {reading.excerpt(entry.body, 60)}")
        if not svc.prompter.confirm("Delete this entry? It cannot be brought back.", default=False):
            svc.terminal.line("Kept. Nothing was deleted.")
            return
    svc.store.delete_journal_entry(entry.id)
    svc.terminal.line(f"Deleted the entry {entry.id[:8]}.")


@app.command("tag")
def tag_entry(
    ctx: typer.Context,
    entry_id: IdArgument,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", "-a", metavar="TAG", help="A tag to add; repeat for more."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", "-r", metavar="TAG", help="A tag to take off; repeat for more."),
    ] = None,
) -> None:
    """Add or remove tags on an entry you saved (its words stay as they are)."""
    from kindcli.ports import format_utc
    from kindcli.practices.journal_lookup import normalise_tags

    svc = services(ctx)
    entry = _find(svc, entry_id)
    adding, removing = normalise_tags(add or []), normalise_tags(remove or [])
    if not adding and not removing:
        raise KindError("Say which tags to change: --add TAG, --remove TAG (each repeatable).")
    both = sorted(set(adding) & set(removing))
    if both:
        raise KindError(f"{', '.join(both)}: asked to add and to remove; choose one.")
    now = format_utc(svc.clock.now())
    after = svc.store.change_journal_tags(entry.id, adding, removing, now)
    if after is None:
        raise KindError(f"The journal entry {entry.id[:8]} is no longer there.")
    missing = sorted(set(removing) - set(entry.tags))
    if missing:
        svc.terminal.note(f"{entry.id[:8]} did not have {', '.join(missing)}.")
    tags_now = ", ".join(after) if after else "none"
    svc.terminal.line(f"Tags on {entry.id[:8]}: {tags_now}.")


@app.command("tags")
def tags(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the tags on your entries, with how many entries carry each."""
    svc = services(ctx)
    store = svc.existing_store()
    found = store.journal_tags() if store else []
    if json:
        svc.terminal.json([{"tag": t, "entries": n} for t, n in found])
    elif not found:
        svc.terminal.note("No tags yet. Add one with `kind journal --tag NAME`.")
    else:
        svc.terminal.table(["tag", "entries"], [(t, str(n)) for t, n in found])


# Reading back kind replies lives in a module of its own, listed after the others.
app.command("replies")(journal_replies.replies)
