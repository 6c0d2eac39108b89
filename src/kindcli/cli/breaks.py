"""`kind break`: a guided self-compassion break, with a check-in before and after.

`break` is a Python keyword, so the function is `take_break` and the root module registers
it under the name "break".
"""

from __future__ import annotations

from collections.abc import Callable
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
from kindcli.cli.completion import content_ids

if TYPE_CHECKING:
    from kindcli.catalog.models import Break
    from kindcli.services import Services

DEFAULT_BREAK = "standard"


def take_break(
    ctx: typer.Context,
    plain: PlainOption = False,
    variant: Annotated[
        str | None,
        typer.Argument(
            metavar="VARIANT",
            autocompletion=content_ids("breaks"),
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
    from kindcli.practices.break_parts import BreakOptions
    from kindcli.practices.breaks import run_break

    svc = services(ctx, plain)
    json_goes_with_list(json, list_)
    if list_:
        _list_breaks(svc, json)
        return
    name = (variant or DEFAULT_BREAK).strip().lower()
    options = BreakOptions(
        interactive=svc.interactive,
        auto=auto,
        checkins=svc.config.mood_checkins and not no_checkin,
        on_note=lambda note: _after_note(svc, note),
        on_own_words=lambda words: _after_note(svc, words),
    )
    run_break(
        _greet_then_load(svc, name),
        clock=svc.clock,
        prompter=svc.prompter,
        out=svc.terminal,
        log=PracticeStore(svc),
        options=options,
        keys=svc.keys(enter_moves_on=True) if svc.interactive or auto else None,
    )


def _greet_then_load(svc: Services, name: str) -> Break | Callable[[], Break]:
    """Say something warm before loading any content (YAML and pydantic take a moment) when
    a file of that name says the break exists: the content then loads on a helper thread
    while the first check-in is on screen, and the break is a function that waits for it.
    Otherwise look the name up first (a typo is answered before any greeting)."""
    from kindcli.practices.breaks import greet

    if not _has_file(svc, name):
        brk = _get(svc, name)
        greet(svc.terminal)
        return brk
    greet(svc.terminal)
    ahead = svc.load_ahead(*CONTENT_MODULES)

    def load() -> Break:
        ahead.wait()
        return _get(svc, name)

    return load


# What loading a break needs, loaded ahead while the first check-in is on screen.
CONTENT_MODULES = (
    "kindcli.catalog.catalog",
    "kindcli.catalog.models",
    "kindcli.practices.break_walk",
)


def _get(svc: Services, name: str) -> Break:
    from kindcli.catalog.models import Break

    return svc.catalog.get(Break, name)


def _after_note(svc: Services, note: str) -> bool:
    from kindcli.cli.aftercare import after_saving_text

    return after_saving_text(svc, note)


def _has_file(svc: Services, name: str) -> bool:
    folders = [svc.paths.shipped_content / "breaks", svc.paths.user_content / "breaks"]
    return any((f / f"{name}{suffix}").is_file() for f in folders for suffix in (".yaml", ".yml"))


def _list_breaks(svc: Services, json: bool) -> None:
    from kindcli.catalog.models import Break
    from kindcli.practices.durations import about

    found = svc.catalog.typed_entries(Break)
    # The default first, then the rest in id order.
    entries = sorted(
        ((b, e.origin) for b, e in found), key=lambda pair: pair[0].id != DEFAULT_BREAK
    )
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
                    "default": b.id == DEFAULT_BREAK,
                }
                for b, origin in entries
            ]
        )
        return
    rows = []
    for b, origin in entries:
        label = b.id + (" (the default)" if b.id == DEFAULT_BREAK else "")
        label += " (yours)" if origin == "user" else ""
        rows.append((label, about(b.minutes), b.summary or b.name))
    svc.terminal.table(["break", "length", "what it is for"], rows)
    svc.terminal.note("Take one with `kind break NAME`; `kind break` on its own is `standard`.")
