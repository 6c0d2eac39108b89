"""`kind meditate timer`: a silent sitting timer with bells (see
`kindcli.practices.meditation_timer`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.cli.common import PlainOption, PracticeStore, services

if TYPE_CHECKING:
    from kindcli.services import Services

TIMER_LENGTHS = {"5 minutes": 5.0, "10 minutes": 10.0, "20 minutes": 20.0, "30 minutes": 30.0}
AS_LONG_AS_YOU_LIKE = "As long as you like (q when you are done)"


def _timer_minutes(value: float) -> float:
    if not 0 <= value <= 720:
        raise typer.BadParameter("give minutes from 0 (as long as you like) to 720.")
    return value


def _interval_minutes(value: float | None) -> float | None:
    if value is not None and not 0 < value <= 720:
        raise typer.BadParameter("give an interval above 0 and at most 720 minutes.")
    return value


def timer(
    ctx: typer.Context,
    minutes: Annotated[
        float,
        typer.Option(
            "--minutes",
            "-m",
            callback=_timer_minutes,
            help="How long to sit; 0 sits until you press q.",
        ),
    ] = 10.0,
    interval: Annotated[
        float | None,
        typer.Option(
            "--interval",
            "-i",
            metavar="N",
            callback=_interval_minutes,
            help="Ring a bell every N minutes along the way.",
            show_default=False,
        ),
    ] = None,
    bell: Annotated[
        bool,
        typer.Option(
            "--bell/--no-bell",
            help="Ring the terminal bell at the start, each interval and the end.",
        ),
    ] = True,
    plain: PlainOption = False,
) -> None:
    """A silent sitting timer with an opening bell, interval bells and a closing bell.

    Space pauses and resumes (the bells move later with you); q or Esc stops.
    """
    svc = services(ctx, plain)
    _sit(svc, minutes, interval, bell)


def _sit(svc: Services, minutes: float, interval: float | None, bell: bool) -> None:
    from kindcli.adapters.meditation_view import LiveTimerView, PlainTimerView
    from kindcli.practices import meditation_timer as mt
    from kindcli.practices.checkin import after_words

    if minutes == 0 and not svc.has_keyboard:
        raise typer.BadParameter(
            "a timer with no end stops when you press q, so it needs a terminal to read "
            "keys from. Give --minutes for a set length.",
            param_hint="'--minutes'",
        )
    plan = mt.plan_timer(minutes, interval)
    t = svc.terminal
    t.heading("A sitting timer")
    t.line(mt.describe(plan), style="dim")
    if svc.has_keyboard:
        t.line(
            "Space pauses and resumes; q or Esc stops."
            if not plan.endless
            else "Space pauses and resumes; q or Esc ends it, with the closing bell.",
            style="dim",
        )
    t.line()
    animate = svc.output.animate
    view: Any = LiveTimerView(t.out, bell=bell) if animate else PlainTimerView(t, t.out, bell=bell)
    result = mt.sit(
        plan,
        clock=svc.clock,
        keys=svc.keys(),
        view=view,
        prompter=svc.prompter,
        checkins=svc.interactive and svc.config.mood_checkins,
        save=PracticeStore(svc).add_session,
        say=t.line,
        mode="live" if animate else "plain",
    )
    for words in after_words(result.checkin):
        t.line(words)


def timer_from_chooser(svc: Services) -> None:
    choices = [*TIMER_LENGTHS, AS_LONG_AS_YOU_LIKE]
    picked = svc.prompter.select("For how long?", choices, default="10 minutes")
    _sit(svc, TIMER_LENGTHS.get(picked, 0.0), None, True)
