"""`kind stats` (your practice over the weeks) and `kind log` (practice done elsewhere)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import JsonOption, PlainOption, services

if TYPE_CHECKING:
    from kindcli.adapters.terminal import Terminal
    from kindcli.practices.stats import Stats, StatsSource
    from kindcli.services import Services

# Calendar shading on a colour terminal; the glyphs alone carry the meaning without colour.
LEVEL_STYLES = ("bright_black", "green4", "green3", "green1", "bold bright_green")
CATALOG_TYPES = {
    "break": "breaks",
    "breathing": "breathing",
    "meditation": "meditations",
    "journal": "prompts",
}
PRACTICE_ALIASES = {"breathe": "breathing", "meditate": "meditation", "breaks": "break"}


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
    """Show your practice: days practised, gentle streaks, a calendar and what helped."""
    from kindcli.practices.stats import gather

    svc = services(ctx, plain)
    today = svc.clock.now().date()
    config = svc.config
    result = gather(
        _history(svc),
        today=today,
        grace_days=config.streak_grace_days,
        hide_streaks=config.hide_streaks,
        intention=config.weekly_intention,
        since=_since(since, today),
        weeks=weeks,
    )
    if json:
        from kindcli.practices.stats import to_json

        svc.terminal.json(to_json(result))
    else:
        _show(svc, result, weeks)


def _history(svc: Services) -> StatsSource:
    from kindcli.practices.stats import NoHistory

    # Looking must not create anything: with no database yet there is simply no history.
    return svc.store if svc.paths.database.exists() else NoHistory()


def _since(text: str | None, today: date) -> date | None:
    if text is None:
        return None
    from kindcli.dates import parse_past_day

    if text.strip().lower() == "all":
        return date(1, 1, 1)
    try:
        return parse_past_day(text, today)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--since'") from None


def _show(svc: Services, s: Stats, weeks: int) -> None:
    from kindcli.practices import stats_view as view

    out = svc.terminal
    say = _wrapper(out)
    say(view.headline(s), "bold")
    for text in [*view.streak_lines(s), *view.intention_lines(s)]:
        say(text)
    out.line()
    _calendar(out, s, weeks)
    out.line()
    out.heading(view.period_title(s))
    out.table(["practice", "sessions", "minutes"], view.practice_rows(s))
    logged = view.logged_line(s)
    if logged:
        say(logged)
    used = view.most_used_lines(s, _names(svc, s))
    if used:
        out.line()
        out.heading("Most used")
        for text in used:
            say("  " + text)
    out.line()
    out.heading("Check-ins")
    for text in view.mood_lines(s):
        say(text)
    journal = view.journal_line(s)
    if journal:
        out.line()
        say(journal)


def _calendar(out: Terminal, s: Stats, weeks: int) -> None:
    from kindcli.practices import stats_view as view

    grid = view.calendar(s.days, s.today, weeks, out.width)
    out.line(grid.months, style="dim")
    for name, cells in grid.rows:
        parts: list[tuple[str, str | None]] = [(name.ljust(view.LABEL_WIDTH), "dim")]
        while cells and cells[-1] is None:  # days still to come this week: nothing to draw
            cells = cells[:-1]
        for i, cell in enumerate(cells):
            glyph = view.cell_glyph(cell)
            pad = " " if grid.cell_width == 2 and i < len(cells) - 1 else ""
            parts.append((glyph + pad, None if cell is None else LEVEL_STYLES[cell]))
        out.spans(parts)
    _legend(out)
    if grid.trimmed:
        out.note(f"Showing the last {grid.weeks} weeks: that is what fits this terminal.")


def _wrapper(out: Terminal) -> Callable[..., None]:
    """Print paragraphs wrapped to the terminal (at most 80 columns), keeping indents."""
    import textwrap

    width = min(out.width, 80)

    def say(text: str, style: str | None = None) -> None:
        indent = text[: len(text) - len(text.lstrip())]
        for line in textwrap.wrap(text, width, subsequent_indent=indent + "  " if indent else ""):
            out.line(line, style=style)

    return say


def _legend(out: Terminal) -> None:
    from kindcli.practices.stats_view import GLYPHS, LABEL_WIDTH

    parts: list[tuple[str, str | None]] = [
        (" " * LABEL_WIDTH, None),
        (GLYPHS[0], LEVEL_STYLES[0]),
        (" no practice   less ", "dim"),
    ]
    for level in range(1, len(GLYPHS)):
        parts.append((GLYPHS[level], LEVEL_STYLES[level]))
        parts.append((" ", None))
    parts.append(("more", "dim"))
    out.spans(parts)


def _names(svc: Services, s: Stats) -> dict[str, dict[str, str]]:
    """Display names for the content ids shown, from the catalog when it has them."""
    from kindcli.errors import KindError

    names: dict[str, dict[str, str]] = {}
    for practice, summary in s.by_practice.items():
        wanted = s.journal.prompts if practice == "journal" else summary.most_used()
        if not wanted or practice not in CATALOG_TYPES:
            continue
        try:
            entries = svc.catalog.entries(CATALOG_TYPES[practice])
        except KindError:
            continue
        names[practice] = {i: entries[i].item.name for i, _ in wanted if i in entries}
    return names


def log(
    ctx: typer.Context,
    practice: Annotated[
        str,
        typer.Argument(
            metavar="PRACTICE",
            help="What you practised: break, breathing, journal or meditation.",
            show_default=False,
        ),
    ],
    when: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The day you practised: 2026-03-14, today, yesterday, 3d (days ago), 1w.",
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
    from kindcli.dates import friendly, parse_past_day
    from kindcli.ports import Moment, format_utc
    from kindcli.records import PRACTICE_TYPES, SessionRecord

    svc = services(ctx)
    kind_of = PRACTICE_ALIASES.get(practice.strip().lower(), practice.strip().lower())
    if kind_of not in PRACTICE_TYPES:
        raise typer.BadParameter(
            f"'{practice}' is not a practice kind records: use {', '.join(PRACTICE_TYPES)}.",
            param_hint="'PRACTICE'",
        )
    now = svc.clock.now()
    try:
        day = parse_past_day(when, now.date())
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--date'") from None
    # A day in the past has no known time of day: midday keeps it safely inside that date.
    # astimezone() gives that day's own offset, not today's, across a clock change.
    at = now if day == now.date() else datetime.combine(day, time(12)).astimezone()
    record = SessionRecord(
        practice=kind_of,
        content_id=None,
        moment=Moment.of(at),
        actual_seconds=None if minutes is None else minutes * 60,
        source="manual",
        details={"logged_utc": format_utc(now)},
    )
    svc.store.add_session(record)
    if json:
        svc.terminal.json(
            {
                "id": record.id,
                "practice": kind_of,
                "date": day.isoformat(),
                "minutes": minutes,
                "source": "manual",
            }
        )
        return
    from kindcli.practices.stats_view import PRACTICE_NAMES

    took = f" ({minutes:g} minutes)" if minutes else ""
    svc.terminal.line(
        f"Logged a {PRACTICE_NAMES[kind_of][0]} for {friendly(day, now.date())}{took}. "
        "Thank you for making time for yourself."
    )
