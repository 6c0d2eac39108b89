"""`kind content`: the practices, patterns and prompts kind knows, and your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kindcli.cli.common import JsonOption, services
from kindcli.errors import KindError

app = typer.Typer(
    help="List, show, check and add content (breaks, breathing patterns, prompts, ...).",
    no_args_is_help=True,
)

TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        "-t",
        help="Content type: breathing, breaks, prompts, meditations, resources or measures.",
        show_default=False,
    ),
]


@app.command("list")
def list_content(
    ctx: typer.Context,
    content_type: Annotated[
        str | None,
        typer.Argument(
            metavar="[TYPE]",
            help="Only this type: breathing, breaks, prompts, meditations, resources or measures.",
            show_default=False,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List content by type, showing which items are your own."""
    from kindcli.catalog import CONTENT_TYPES, normalise_type

    svc = services(ctx)
    types = [normalise_type(content_type)] if content_type else list(CONTENT_TYPES)
    entries = [e for t in types for e in svc.catalog.entries(t).values()]
    if json:
        svc.terminal.json(
            [
                {
                    "type": e.type,
                    "id": e.item.id,
                    "name": e.item.name,
                    "summary": e.item.summary,
                    "origin": e.origin,
                    "path": str(e.path),
                }
                for e in entries
            ]
        )
        return
    if not entries:
        svc.terminal.line("Nothing here yet.")
        return
    svc.terminal.table(
        ["type", "id", "name", "from"],
        [
            (e.type, e.item.id, e.item.name, "yours" if e.origin == "user" else "kind")
            for e in entries
        ],
    )


@app.command("show")
def show(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the item to show.")],
    content_type: TypeOption = None,
    json: JsonOption = False,
) -> None:
    """Show one item in full, as YAML you can copy to start your own."""
    from kindcli.catalog import CONTENT_TYPES
    from kindcli.errors import UnknownContent

    svc = services(ctx)
    if content_type:
        found = [svc.catalog.entry(content_type, item_id)]
    else:
        found = svc.catalog.find(item_id)
    if not found:
        every = sorted({i for t in CONTENT_TYPES for i in svc.catalog.entries(t)})
        raise UnknownContent("content item", item_id, every)
    if len(found) > 1:
        types = ", ".join(e.type for e in found)
        raise KindError(f"'{item_id}' is in more than one type ({types}).", "Add --type TYPE.")
    entry = found[0]
    data = entry.item.model_dump(mode="json", exclude_none=True)
    if json:
        svc.terminal.json(
            {"type": entry.type, "origin": entry.origin, "path": str(entry.path)} | {"item": data}
        )
        return
    from kindcli.catalog.loader import dump_item

    svc.terminal.note(f"# {entry.type} · from {entry.path}")
    # As it is, never wrapped: long lines cut at 80 columns would no longer be YAML.
    svc.terminal.page(dump_item(entry.item))


@app.command("validate")
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders to check (default: your own content folder).",
            show_default=False,
        ),
    ] = None,
    content_type: TypeOption = None,
) -> None:
    """Check content files; name every problem and exit 1 if there is any."""
    from kindcli.catalog.catalog import check_paths

    svc = services(ctx)
    targets = paths or [svc.paths.user_content]
    if not paths and not svc.paths.user_content.exists():
        svc.terminal.line(f"You have no content of your own yet ({svc.paths.user_content}).")
        return
    result = check_paths(targets, content_type)
    for problem in result.problems:
        svc.terminal.error(problem)
    files = len({e.path for e in result.entries})
    if result.problems:
        raise KindError(
            f"Found {_count(len(result.problems), 'problem')}; "
            f"{_count(len(result.entries), 'item')} fine."
        )
    svc.terminal.line(
        f"All good: {_count(len(result.entries), 'item')} in {_count(files, 'file')}."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@app.command("add")
def add(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files or a folder of content to add."),
    ],
    content_type: TypeOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace your own files of the same name, or one of kind's own items."
        ),
    ] = False,
    override_safety: Annotated[
        bool,
        typer.Option(
            "--override-safety",
            help="Let a file replace kind's own crisis lines or crisis-language check.",
        ),
    ] = False,
) -> None:
    """Check content files and copy them into your content folder (all or nothing)."""
    from kindcli.catalog import TYPE_NOUNS
    from kindcli.catalog.files import add_content

    svc = services(ctx)
    added = add_content(
        svc.paths.user_content,
        paths,
        content_type,
        shipped_root=svc.paths.shipped_content,
        replace=replace,
        override_safety=override_safety,
    )
    for done in added:
        entry = done.entry
        noun = TYPE_NOUNS[entry.type]
        if done.outcome == "already there":
            svc.terminal.line(f"{noun.capitalize()} '{entry.item.id}' is already there, unchanged.")
            continue
        verb = "Replaced your" if done.outcome == "replaced your own" else "Added"
        svc.terminal.line(f"{verb} {noun} '{entry.item.id}' ({entry.item.name}).")
        if done.replaces and done.safety:
            svc.terminal.error(
                f"Warning: this replaces {done.replaces}. `kind sos` and `kind data doctor` "
                f"will say so; remove {svc.paths.user_content / entry.type / entry.path.name} "
                "to go back to kind's."
            )
        elif done.replaces:
            svc.terminal.note(f"This replaces {done.replaces}.")
    svc.terminal.note(f"Your content lives in {svc.paths.user_content}.")
