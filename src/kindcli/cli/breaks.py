"""`kind break`: a guided self-compassion break, with a check-in before and after.

`break` is a Python keyword, so the function is `take_break` and the root module registers
it under the name "break".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import (
    ListJsonOption,
    ListOption,
    PlainOption,
    PracticeStore,
    json_goes_with_list,
    services,
)

if TYPE_CHECKING:
    from kindcli.services import Services

DEFAULT_BREAK = "standard"


def take_break(
    ctx: typer.Context,
    plain: PlainOption = False,
    variant: Annotated[
        str | None,
        typer.Argument(
            metavar="VARIANT",
            help="Which break: standard (the default), quick, fierce, motivating, touch, "
            "or one of your own.",
            show_default=False,
        ),
    ] = None,
    list_: ListOption = False,
    auto: Annotated[
        bool,
        typer.Option("--auto", help="Let the steps move on by themselves, paced by their pauses."),
    ] = False,
    no_checkin: Annotated[
        bool, typer.Option("--no-checkin", help="Skip the 0-10 check-ins before and after.")
    ] = False,
    json: ListJsonOption = False,
) -> None:
    """Take a short guided self-compassion break."""
    from kindcli.practices.breaks import BreakOptions, greet, run_break

    svc = services(ctx, plain)
    json_goes_with_list(json, list_)
    if list_:
        _list_breaks(svc, json)
        return
    name = variant or DEFAULT_BREAK
    # Say something warm before loading any content (YAML and pydantic take a moment), when
    # a file of that name tells us the break exists; otherwise check first, then greet.
    early = _has_file(svc, name)
    if early:
        greet(svc.terminal)
    from kindcli.catalog.models import Break

    brk = svc.catalog.get(Break, name)
    if not early:
        greet(svc.terminal)
    options = BreakOptions(
        interactive=svc.interactive,
        auto=auto,
        checkins=svc.config.mood_checkins and not no_checkin,
        on_note=lambda note: _after_note(svc, note),
        on_own_words=lambda words: _after_note(svc, words),
    )
    run_break(
        brk,
        clock=svc.clock,
        prompter=svc.prompter,
        out=svc.terminal,
        log=PracticeStore(svc),
        options=options,
        keys=svc.keys(enter_moves_on=True) if auto else None,
    )


def _after_note(svc: Services, note: str) -> None:
    from kindcli.cli.aftercare import after_saving_text

    after_saving_text(svc, note)


def _has_file(svc: Services, name: str) -> bool:
    folders = [svc.paths.shipped_content / "breaks", svc.paths.user_content / "breaks"]
    return any((f / f"{name}{suffix}").is_file() for f in folders for suffix in (".yaml", ".yml"))


def _list_breaks(svc: Services, json: bool) -> None:
    from kindcli.catalog.models import Break
    from kindcli.practices.durations import about

    entries = [(b, e.origin) for b, e in svc.catalog.typed_entries(Break)]
    if json:
        svc.terminal.json(
            [
                {
                    "id": b.id,
                    "name": b.name,
                    "summary": b.summary,
                    "minutes": b.minutes,
                    "three_part": b.three_part,
                    "steps": len(b.steps),
                    "credit": b.credit,
                    "origin": origin,
                }
                for b, origin in entries
            ]
        )
        return
    svc.terminal.table(
        ["break", "length", "what it is for"],
        [(b.id, about(b.minutes), b.summary or b.name) for b, _ in entries],
    )
    svc.terminal.note("Take one with `kind break NAME`; `kind break` on its own is `standard`.")
