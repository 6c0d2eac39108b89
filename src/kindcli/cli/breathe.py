"""`kind breathe`: a paced breathing timer from a YAML pattern."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import (
    ListJsonOption,
    ListOption,
    PlainOption,
    PracticeStore,
    json_goes_with_list,
    minutes_up_to_120,
    services,
)
from kindcli.cli.completion import content_ids

if TYPE_CHECKING:
    from kindcli.catalog.models import BreathingPattern
    from kindcli.practices.breathing import BreathingView, Plan
    from kindcli.services import Services


def breathe(
    ctx: typer.Context,
    pattern_id: Annotated[
        str | None,
        typer.Argument(
            metavar="PATTERN",
            autocompletion=content_ids("breathing"),
            help="Pattern id, e.g. box, no-hold, 4-7-8, coherent, sigh, or grounding (no "
            "breath pacing at all; default: your default_breathing setting).",
            show_default=False,
        ),
    ] = None,
    cycles: Annotated[
        int | None,
        typer.Option("--cycles", "-c", min=1, max=1000, help="How many full breaths (cycles)."),
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option(
            "--minutes",
            "-m",
            callback=minutes_up_to_120,
            help="About how long, in minutes (rounded to whole cycles).",
        ),
    ] = None,
    plain: PlainOption = False,
    bell: Annotated[
        bool | None,
        typer.Option(
            "--bell/--no-bell",
            help="Ring the terminal bell at each phase change (default: your bell setting).",
            show_default=False,
        ),
    ] = None,
    list_patterns: ListOption = False,
    json: ListJsonOption = False,
) -> None:
    """Breathe with a calm, exact timer (box breathing unless you name a pattern).

    Space pauses and resumes, q or Esc stops. Holds are always optional.
    """
    svc = services(ctx, plain)
    json_goes_with_list(json, list_patterns)
    if list_patterns:
        _list(svc, json)
        return
    if cycles is not None and minutes is not None:
        raise typer.BadParameter("use --cycles or --minutes, not both.")
    from kindcli.catalog.models import BreathingPattern
    from kindcli.practices import breathing

    pattern = svc.catalog.get(BreathingPattern, pattern_id or svc.config.default_breathing)
    plan = breathing.plan_session(pattern, cycles=cycles, minutes=minutes)
    animate = svc.output.animate
    ring = svc.config.bell if bell is None else bell
    _introduce(svc, pattern, plan)
    result = breathing.breathe(
        plan,
        clock=svc.clock,
        keys=svc.keys(),
        view=_view(svc, animate, ring),
        prompter=svc.prompter,
        checkins=svc.interactive and svc.config.mood_checkins,
        save=PracticeStore(svc).add_session,
        say=svc.terminal.line,
        mode="live" if animate else "plain",
    )
    from kindcli.practices.checkin import after_words

    for words in after_words(result.checkin):
        svc.terminal.line(words)


def _introduce(svc: Services, pattern: BreathingPattern, plan: Plan) -> None:
    from kindcli.practices.breathing_words import OTHER_ANCHORS, paces_the_breath, rhythm
    from kindcli.practices.durations import format_clock

    t = svc.terminal
    t.heading(f"{pattern.name} · {rhythm(pattern)}")
    noun = "cycle" if plan.cycles == 1 else "cycles"
    t.line(f"{plan.cycles} {noun}, {format_clock(plan.total_seconds)}.", style="dim")
    t.line(pattern.safety, style="dim")
    if paces_the_breath(pattern):
        t.line(OTHER_ANCHORS)
    if pattern.intro:
        t.line(pattern.intro)
    if svc.has_keyboard:
        t.line("Space pauses and resumes; q or Esc stops.", style="dim")


def _view(svc: Services, animate: bool, bell: bool) -> BreathingView:
    from kindcli.adapters.breathing_view import LiveBreathingView, PlainBreathingView

    if animate:
        return LiveBreathingView(svc.terminal.out, bell=bell)
    return PlainBreathingView(svc.terminal.out, bell=bell)


def _list(svc: Services, json: bool = False) -> None:
    from kindcli.catalog.models import BreathingPattern
    from kindcli.practices.breathing import DEFAULT_MINUTES, cycles_for_minutes
    from kindcli.practices.breathing_words import rhythm
    from kindcli.practices.durations import format_clock

    rows = []
    data = []
    for p, entry in svc.catalog.typed_entries(BreathingPattern):
        n = p.default_cycles or cycles_for_minutes(
            p.default_minutes or DEFAULT_MINUTES, p.cycle_seconds
        )
        length = f"{format_clock(n * p.cycle_seconds)} ({n} cycle{'s' if n != 1 else ''})"
        mine = " (yours)" if entry.origin == "user" else ""
        rows.append((p.id, p.name + mine, rhythm(p), length))
        data.append(
            {
                "id": p.id,
                "name": p.name,
                "summary": p.summary,
                "phases": [
                    {"action": ph.action, "seconds": ph.seconds}
                    | ({"label": ph.label} if ph.label else {})
                    for ph in p.phases
                ],
                "default_cycles": n,
                "default_seconds": round(n * p.cycle_seconds, 3),
                "origin": entry.origin,
            }
        )
    if json:
        svc.terminal.json(data)
        return
    svc.terminal.table(["id", "name", "rhythm", "default length"], rows)
