"""`kind stats` (your practice over the weeks) and `kind log` (practice done elsewhere)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import JsonOption, PlainOption, services
from kindcli.kinds import KINDS

if TYPE_CHECKING:
    from kindcli.adapters.terminal import Terminal
    from kindcli.practices.stats import Stats, StatsSource
    from kindcli.services import Services

# Calendar shading on a color terminal; the glyphs alone carry the meaning without color.
LEVEL_STYLES = ("bright_black", "green4", "green3", "green1", "bold bright_green")


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
    from kindcli.practices.stats import gather

    svc = services(ctx, plain)
    today = svc.clock.now().date()
    config = svc.config
    history = _history(svc)
    result = gather(
        history,
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
        _show(svc, result, weeks, history.stats_practices_used())


def _history(svc: Services) -> StatsSource:
    from kindcli.practices.stats import NoHistory

    # Looking must not create anything: with no database yet there is simply no history.
    return svc.existing_store() or NoHistory()


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


def _show(svc: Services, s: Stats, weeks: int, ever_used: set[str]) -> None:
    from kindcli.practices import stats_view as view

    out = svc.terminal
    out.line(view.headline(s), style="bold")
    for text in [*view.streak_lines(s), *view.intention_lines(s)]:
        out.line(text)
    out.line()
    _calendar(out, s, weeks)
    out.line()
    rows = view.practice_rows(s, ever_used)
    if rows:
        out.heading(view.period_title(s))
        out.table(["practice", "sessions", "minutes"], rows)
    logged = view.logged_line(s)
    if logged:
        out.line(logged)
    used = view.most_used_lines(s, _names(svc, s))
    if used:
        out.line()
        out.heading("Most used")
        for text in used:
            out.line(text, indent="  ")
    if rows:
        out.line()
    out.heading("Check-ins")
    for text in view.mood_lines(s):
        out.line(text)
    journal = view.journal_line(s)
    if journal:
        out.line()
        out.line(journal)
    ratings = view.ratings_line(s)
    if ratings:
        out.line(ratings)
    measures = view.measure_lines(s)
    if measures:
        out.line()
        out.heading("Measures")
        for text in measures:
            out.line(text, indent="  ")
        out.note("`kind measure --history` shows every score.")


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
    from kindcli.kinds import BY_ID

    names: dict[str, dict[str, str]] = {}
    for practice, summary in s.by_practice.items():
        wanted = s.journal.prompts if practice == "journal" else summary.most_used()
        if not wanted or practice not in BY_ID:
            continue
        try:
            entries = svc.catalog.entries(BY_ID[practice].content_type)
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
    from kindcli.dates import friendly, parse_past_day
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
        day = parse_past_day(when, now.date())
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
    took = f" ({minutes:g} minutes)" if minutes else ""
    svc.terminal.line(
        f"Logged a {kind.noun} for {friendly(day, now.date())}{took}. "
        "Thank you for making time for yourself."
    )
