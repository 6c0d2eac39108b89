"""The read-only commands' bodies, free of Typer: `kind data path`, `kind journal list`
and `search`, `kind stats` and `kind report` (which reads only; its page may be a file).

Their Typer commands (in `data.py`, `journal.py`, `stats.py`, `reports.py`) declare the
options and help and call these; so does `kindcli.cli.quick`, which runs the same functions without
loading Typer when the words typed are plainly understood. A problem with an option's
value is a `BadOption`, which each side reports in its own way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kindcli.errors import KindError
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.adapters.terminal import Terminal
    from kindcli.practices.stats import Stats, StatsSource
    from kindcli.store.records import JournalEntry, JournalFilter

# Calendar shading on a color terminal; the glyphs alone carry the meaning without color.
LEVEL_STYLES = ("bright_black", "green4", "green3", "green1", "bold bright_green")


class BadOption(Exception):
    """An option's value cannot be used (`hint` names the option, as Typer does)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# ---- kind data path ------------------------------------------------------------------------


def show_paths(svc: Services, json: bool = False) -> None:
    """`kind data path`."""
    p = svc.paths
    rows = {
        "database": p.database,
        "config_file": p.config_file,
        "user_content": p.user_content,
        "data_dir": p.data_dir,
        "config_dir": p.config_dir,
        "backups": p.backups,
        "shipped_content": p.shipped_content,
    }
    if json:
        svc.terminal.json({k: str(v) for k, v in rows.items()} | {"kind_home": _opt(p.kind_home)})
        return
    # One "label  path" line each, never a table: paths must stay whole to be copied.
    width = max(len(k) for k in rows)
    for key, value in rows.items():
        svc.terminal.line(f"{key.replace('_', ' '):<{width}}  {value}")
    if p.kind_home:
        svc.terminal.note(f"KIND_HOME is set, so everything lives under {p.kind_home}.")


def _opt(value: Path | None) -> str | None:
    return str(value) if value else None


# ---- kind journal list / search ----------------------------------------------------------


def _filters(
    svc: Services, since: str | None, until: str | None, tag: str | None, prompt: str | None
) -> JournalFilter:
    from kindcli.store.records import JournalFilter

    if not (since or until or tag or prompt):
        return JournalFilter()
    from kindcli.practices.journal_lookup import date_range, normalise_tag

    start, end = date_range(since, until, svc.clock.now().date())
    # Prompt set ids are lowercase slugs, found however they are typed (as in the catalog).
    chosen = prompt.strip().lower() if prompt else None
    return JournalFilter(start, end, normalise_tag(tag) if tag else None, chosen)


def local_time(entry: JournalEntry) -> str:
    from kindcli.store.records import local_time

    return local_time(entry.session.moment)


def excerpt(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def entry_as_json(entry: JournalEntry) -> dict[str, Any]:
    from kindcli.store.records import entry_json

    return entry_json(entry)


LIST_HEADERS = ("id", "when", "prompt", "tags")
PIPE_BEGINNING = 200


def _show_list(svc: Services, entries: list[JournalEntry], json: bool, empty: str) -> None:
    if json:
        svc.terminal.json([entry_as_json(e) for e in entries])
        return
    if not entries:
        svc.terminal.note(empty)
        return
    rows = [(e.id[:8], local_time(e), e.prompt_id or "", ",".join(e.tags)) for e in entries]
    fixed = sum(max(len(h), *(len(r[i]) for r in rows)) + 2 for i, h in enumerate(LIST_HEADERS))
    # A pipe keeps its full width (a table there is never cut): each beginning is shown up to
    # PIPE_BEGINNING characters, whatever $COLUMNS says.
    room = svc.terminal.width - fixed - 1 if svc.terminal.mode.tty else PIPE_BEGINNING
    if room >= 24:
        svc.terminal.table(
            [*LIST_HEADERS, "beginning"],
            [(*r, excerpt(e.body, room)) for r, e in zip(rows, entries, strict=True)],
        )
        return
    # A narrow terminal: each entry on two lines, so nothing wraps mid-word.
    for row, e in zip(rows, entries, strict=True):
        svc.terminal.line("  ".join(cell for cell in row if cell), style="bold")
        svc.terminal.line("  " + excerpt(e.body, max(10, svc.terminal.width - 3)))


def list_entries(
    svc: Services,
    number: int = 20,
    since: str | None = None,
    until: str | None = None,
    tag: str | None = None,
    prompt: str | None = None,
    json: bool = False,
) -> None:
    """`kind journal list`."""
    filters = _filters(svc, since, until, tag, prompt)
    # One more than asked says whether there are more, without counting them all. Reading
    # never creates a database: with none yet, there is simply nothing to list.
    store = svc.existing_store()
    entries = store.journal_entries(filters, limit=number + 1) if store else []
    empty = (
        "No entries match these filters; your other entries are still there."
        if filters.narrows
        else "No journal entries here yet. `kind journal` writes one."
    )
    _show_list(svc, entries[:number], json, empty)
    if not json and len(entries) > number:
        shown = "the newest entry" if number == 1 else f"the newest {number} entries"
        svc.terminal.note(f"These are {shown}; -n shows more.")


def search(
    svc: Services,
    text: str,
    number: int = 20,
    since: str | None = None,
    until: str | None = None,
    tag: str | None = None,
    prompt: str | None = None,
    json: bool = False,
) -> None:
    """`kind journal search`."""
    from kindcli.practices.journal_lookup import search_words

    filters = _filters(svc, since, until, tag, prompt)
    words = search_words(text)
    store = svc.existing_store()
    entries = store.search_journal(words, filters, limit=number) if store else []
    if json or not entries:
        _show_list(svc, entries, json, f"No entries contain all of: {text}")
        return
    _show_hits(svc, entries, words)


# How a found word stands out: bold (and colored) where there is color, and between these
# marks where there is none (--plain, NO_COLOR, a pipe), so it reads the same either way.
HIT_STYLE = "bold yellow"
HIT_MARKS = ("*", "*")


def _show_hits(svc: Services, entries: list[JournalEntry], words: list[str]) -> None:
    """Each entry found: its id, time, prompt set and tags, then the passage that matched,
    with the words found standing out (never cut mid-word, never wider than the screen)."""
    from kindcli.store.words import passage

    out = svc.terminal
    width = max(20, out.width - 3)
    for e in entries:
        out.line("  ".join(c for c in (e.id[:8], local_time(e), e.prompt_id or "", *e.tags) if c))
        pieces = passage(e.body, words, width)
        if not out.mode.color:
            marks = sum(len(HIT_MARKS[0] + HIT_MARKS[1]) for _, hit in pieces if hit)
            pieces = passage(e.body, words, width - marks)
            before, after = HIT_MARKS
            pieces = [(f"{before}{t}{after}" if hit else t, False) for t, hit in pieces]
        out.spans([("  ", None), *((t, HIT_STYLE if hit else None) for t, hit in pieces)])


# ---- kind stats ----------------------------------------------------------------------------


def show_stats(
    svc: Services, since: str | None = None, weeks: int = 26, json: bool = False
) -> None:
    """`kind stats`."""
    from kindcli.practices.stats import gather

    today = svc.clock.now().date()
    start = _since(since, today)  # first: a BadOption must come before anything is written
    config = svc.config
    history = _history(svc)
    result = gather(
        history,
        today=today,
        grace_days=config.streak_grace_days,
        hide_streaks=config.hide_streaks,
        intention=config.weekly_intention,
        since=start,
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
    from kindcli.dates import FUTURE_SINCE, parse_past_day

    if text.strip().lower() == "all":
        return date(1, 1, 1)
    try:
        return parse_past_day(text, today, future=FUTURE_SINCE)
    except ValueError as e:
        raise BadOption(str(e), "'--since'") from None


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


# ---- kind report ---------------------------------------------------------------------------


def show_report(
    svc: Services,
    since: str | None = None,
    until: str | None = None,
    output_format: str | None = None,
    output: str | None = None,
    include: list[str] | tuple[str, ...] = (),
) -> None:
    """`kind report` (its body is `quick.report_page`)."""
    from kindcli.quick.report_page import write_report

    write_report(svc, since, until, output_format, output, include, BadOption)
