"""`kind plan`: write, read and change your personal safety plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import JsonOption, services
from kindcli.errors import KindError
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.ports import Renderer
    from kindcli.practices.safety_plan import SafetyPlan

app = typer.Typer(
    help="Write your personal safety plan, section by section (run with no command to start).",
    invoke_without_command=True,
)

SECTION_HELP = (
    "A section id or number: 1 warning-signs, 2 on-my-own, 3 people-and-places, "
    "4 ask-for-help, 5 professionals, 6 safer-surroundings, 7 reasons."
)


def _load(svc: Services) -> SafetyPlan:
    from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan

    store = svc.existing_store()  # reading never creates a database
    return SafetyPlan.from_state(store.get_state(STATE_KEY)) if store else SafetyPlan()


def _saver(svc: Services, loaded: SafetyPlan) -> Callable[[SafetyPlan], None]:
    """Saves only the sections changed since `loaded` (see SectionSaver)."""
    from kindcli.ports import Moment
    from kindcli.practices.safety_plan import SECTION_IDS, STATE_KEY, SectionSaver

    checked = {item for sid in SECTION_IDS for item in loaded.items(sid)}

    def update(change: Callable[[object], object]) -> object:
        saved = svc.store.update_state(STATE_KEY, change, Moment.of(svc.clock.now()))
        _check_new_lines(svc, saved, checked)
        return saved

    return SectionSaver(loaded, update)


def _check_new_lines(svc: Services, saved: object, checked: set[str]) -> None:
    """After a section is saved: the lines just written (never the plan's own headings)
    are checked for words about a method or a plan only, since a plan is meant to name
    hard feelings and warning signs."""
    from kindcli.cli.aftercare import METHOD_ONLY, after_saving_text
    from kindcli.practices.safety_plan import SECTION_IDS, SafetyPlan

    plan = SafetyPlan.from_state(saved)
    new = [i for sid in SECTION_IDS for i in plan.items(sid) if i not in checked]
    checked.update(new)
    if new:
        after_saving_text(svc, *new, only=METHOD_ONLY)


def _renderer(svc: Services) -> Renderer:
    return svc.terminal


def _needs_terminal(svc: Services) -> None:
    if not svc.interactive:
        raise KindError(
            "`kind plan` asks questions, so it needs a terminal.",
            "To write one section from a script, pipe lines into `kind plan edit SECTION`.",
        )


@app.callback()
def plan(ctx: typer.Context) -> None:
    """Write your personal safety plan, section by section."""
    if ctx.invoked_subcommand is not None:
        return
    from kindcli.practices.safety_plan import walk

    svc = services(ctx)
    _needs_terminal(svc)
    loaded = _load(svc)
    walk(loaded, svc.prompter, _renderer(svc), _saver(svc, loaded))


@app.command("show")
def show(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show your safety plan."""
    from kindcli.practices.safety_plan import plan_lines

    svc = services(ctx)
    current = _load(svc)
    if json:
        svc.terminal.json(current.as_json())
        return
    if current.is_empty:
        svc.terminal.line(
            "You have not written a safety plan yet. `kind plan` walks you through one, "
            "whenever you are ready."
        )
        return
    out = _renderer(svc)
    out.heading("Your safety plan")
    for text, style in plan_lines(current):
        out.line(text, style=style)


@app.command("edit")
def edit(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Argument(metavar="[SECTION]", help=SECTION_HELP, show_default=False),
    ] = None,
    add: Annotated[
        bool, typer.Option("--add", help="Add piped lines to the section instead of replacing it.")
    ] = False,
) -> None:
    """Change one section of your safety plan (piped lines replace that section)."""
    from kindcli.practices.safety_plan import SECTIONS, find_section, walk

    svc = services(ctx)
    chosen = find_section(section) if section else None
    if not svc.interactive:
        if chosen is None:
            raise KindError("Name the section to write, e.g. `kind plan edit reasons`.")
        from kindcli.adapters.text_input import read_piped

        incoming = read_piped()
        lines = [ln.strip() for ln in incoming.text.splitlines() if ln.strip()]
        if not lines:
            # An empty pipe (a script, a cron job) must never wipe out what someone wrote.
            raise KindError(
                f"No lines came in, so '{chosen.title}' was left as it was.",
                "Pipe in one line per item; to clear it, use `kind plan edit` in a terminal.",
            )
        current = _load(svc)
        save = _saver(svc, current)
        current.sections[chosen.id] = [*current.items(chosen.id), *lines] if add else lines
        save(current)
        count = len(current.sections[chosen.id])
        svc.terminal.note(f"Saved {count} {'line' if count == 1 else 'lines'} in '{chosen.title}'.")
        warning = incoming.warning(f"kind plan edit {chosen.id}")
        if warning:
            svc.terminal.note(warning)
        return
    if chosen is None:
        titles = [s.title for s in SECTIONS]
        picked = svc.prompter.select("Which section would you like to change?", titles)
        chosen = SECTIONS[titles.index(picked)]
    loaded = _load(svc)
    walk(loaded, svc.prompter, _renderer(svc), _saver(svc, loaded), sections=[chosen])
