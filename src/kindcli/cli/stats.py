"""`kind stats` (your practice over the weeks) and `kind log` (practice done elsewhere)."""

from __future__ import annotations

from typing import Annotated

import typer

from kindcli.cli.common import JsonOption, PlainOption, services
from kindcli.kinds import KINDS
from kindcli.quick import reading


def stats(
    ctx: typer.Context,
    plain: PlainOption = False,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Count totals from this date: 2026-01-31, 30d, 8w, yesterday, or 'all'. "
            "Default: the first day of the calendar.",
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(min=1, max=520, metavar="N", help="How many weeks the calendar shows."),
    ] = 26,
    json: JsonOption = False,
) -> None:
    """Show your practice: days practiced, gentle streaks, a calendar and what helped."""
    try:
        reading.show_stats(services(ctx, plain), since, weeks, json)
    except reading.BadOption as e:
        raise typer.BadParameter(e.message, param_hint=e.hint) from None


def log(
    ctx: typer.Context,
    practice: Annotated[
        str,
        typer.Argument(
            metavar="PRACTICE",
            help=f"What you practiced: {', '.join(k.id for k in KINDS)}.",
            show_default=False,
        ),
    ],
    when: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The day you practiced: 2026-03-14, today, yesterday, 3d (days ago), 1w.",
        ),
    ] = "today",
    minutes: Annotated[
        float | None,
        typer.Option(
            min=0, max=24 * 60, metavar="M", help="How many minutes it took.", show_default=False
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Record a practice you did away from kind (marked as logged by hand)."""
    from kindcli.dates import EARLIEST, friendly, parse_past_day
    from kindcli.kinds import from_word
    from kindcli.practices.logbook import logged_session

    svc = services(ctx)
    kind = from_word(practice)
    if kind is None:
        known = ", ".join(k.id for k in KINDS)
        raise typer.BadParameter(
            f"'{practice}' is not a practice kind records: use {known}.",
            param_hint="'PRACTICE'",
        )
    now = svc.clock.now()
    try:
        day = parse_past_day(when, now.date(), earliest=EARLIEST)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--date'") from None
    record = logged_session(kind, day, now, minutes)
    svc.store.add_session(record)
    if json:
        svc.terminal.json(
            {
                "id": record.id,
                "practice": kind.id,
                "date": day.isoformat(),
                "minutes": minutes,
                "source": "manual",
            }
        )
        return
    took = f" ({minutes:g} minute{'' if minutes == 1 else 's'})" if minutes else ""
    svc.terminal.line(
        f"Logged a {kind.noun} for {friendly(day, now.date())}{took}. "
        "Thank you for making time for yourself."
    )
    svc.terminal.note(f"If that was a mistake, `kind history delete {record.id[:8]}` undoes it.")
