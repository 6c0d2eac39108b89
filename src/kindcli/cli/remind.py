"""`kind remind`: gentle reminders at the times you choose; `kind nudge`, what they run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.cli.common import JsonOption, services
from kindcli.errors import ConfigError, KindError
from kindcli.kinds import KINDS
from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.adapters.scheduler import Scheduler, Schedulers, Step
    from kindcli.config import Config

app = typer.Typer(help="Gentle reminders at the times you choose.", no_args_is_help=True)

SCHEDULERS = ("systemd", "cron", "launchd")
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show exactly what would change, and change nothing.")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="NAME",
        help="systemd, cron or launchd (default: the one this system uses).",
        show_default=False,
    ),
]


def _config(svc: Services) -> Config:
    """The settings, each problem with the reminders (or the whole file) named on stderr."""
    from kindcli.config import read_config

    config, problems = read_config(svc.paths.config_file)
    for problem in problems:
        if problem.key in ("reminders", None):
            svc.terminal.error(str(problem))
    return config


@app.command("add")
def add(
    ctx: typer.Context,
    time: Annotated[
        str, typer.Argument(metavar="TIME", help="When: 08:30, 8:30pm, 20:30.", show_default=False)
    ],
    days: Annotated[
        str,
        typer.Option(
            "--days", metavar="DAYS", help="daily, weekdays (mon-fri), weekends (sat,sun), or days."
        ),
    ] = "daily",
    practice: Annotated[
        str | None,
        typer.Option(
            "--practice",
            metavar="PRACTICE",
            help=f"The practice to invite: {', '.join(k.command for k in KINDS)} (default: any).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add a reminder (kept in your settings file)."""
    from kindcli.config_edit import edit_config
    from kindcli.reminders import KEY, Reminder, next_id, parse_days, parse_time, practice_id

    svc = services(ctx)
    try:
        hour, minute = parse_time(time)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'TIME'") from None
    try:
        chosen = parse_days(days)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--days'") from None
    try:
        kind = practice_id(practice) if practice is not None else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--practice'") from None
    path = svc.paths.config_file
    made: list[Reminder] = []

    def change(now: dict[str, Any]) -> dict[str, Any]:
        items = _items(now, path)
        reminder = Reminder(next_id(items), hour, minute, chosen, kind)
        made.append(reminder)
        return {KEY: [*items, reminder.as_toml()]}

    edit_config(path, change)
    reminder = made[-1]
    out = svc.terminal
    out.line(f"Added reminder {reminder.id}: {reminder.describe()}.")
    _quiet_note(svc, _config(svc), reminder)
    _scheduler_note(svc)


def _items(now: dict[str, Any], path: object) -> list[Any]:
    from kindcli.reminders import KEY

    items = now.get(KEY, [])
    if not isinstance(items, list):
        raise ConfigError(
            f"In {path}, reminders is not a list of [[reminders]] tables, so kind left the "
            "file as it was.",
            "Edit it by hand, or move it aside to start afresh.",
        )
    return items


def _quiet_note(svc: Services, config: Config, reminder: Any) -> None:
    from kindcli.reminders import parse_quiet_hours

    try:
        quiet = parse_quiet_hours(config.quiet_hours)
    except ValueError:
        return
    if quiet is not None and quiet.covers(reminder.hour, reminder.minute):
        svc.terminal.note(
            f"{reminder.time_text} is within your quiet hours ({quiet.text}), so this reminder "
            "will stay quiet. `kind config set quiet_hours FROM-UNTIL` (or off) changes them."
        )


def _installed(svc: Services) -> dict[str, list[int]]:
    """Which reminder ids each scheduler here holds (nothing, if that cannot be read)."""
    found: dict[str, list[int]] = {}
    try:
        available = svc.schedulers().available
    except KindError:
        return found
    for name, scheduler in available.items():
        try:
            ids = scheduler.installed()
        except KindError:
            continue
        if ids:
            found[name] = ids
    return found


def _scheduler_note(svc: Services) -> None:
    if _installed(svc):
        svc.terminal.note("`kind remind install` brings your system's scheduler up to date.")
    else:
        svc.terminal.note("`kind remind install` puts your reminders into your system's scheduler.")


@app.command("list")
def list_(ctx: typer.Context, json: JsonOption = False) -> None:
    """List your reminders, and whether your system's scheduler has them."""
    from kindcli.kinds import BY_ID
    from kindcli.reminders import days_phrase

    svc = services(ctx)
    config = _config(svc)
    installed = _installed(svc)
    if json:
        svc.terminal.json(
            {
                "reminders": [r.as_toml() for r in config.reminders],
                "quiet_hours": config.quiet_hours,
                "installed": installed,
            }
        )
        return
    out = svc.terminal
    if not config.reminders:
        out.line(
            "No reminders yet. `kind remind add 09:00` adds one; `--days` and `--practice` "
            "say when and what."
        )
    else:
        rows = []
        for r in config.reminders:
            kind = BY_ID.get(r.practice) if r.practice else None
            rows.append(
                (str(r.id), r.time_text, days_phrase(r.days), kind.noun if kind else "any practice")
            )
        out.table(["id", "time", "days", "invites"], rows)
    out.line(f"Quiet hours: {config.quiet_hours}.")
    for name, ids in installed.items():
        out.line(f"In {name}: {', '.join(f'reminder {i}' for i in ids)}.")
    if config.reminders and not installed:
        out.note("`kind remind install` puts your reminders into your system's scheduler.")


@app.command("remove")
def remove(
    ctx: typer.Context,
    reminder_id: Annotated[
        int, typer.Argument(metavar="ID", help="The reminder's id (`kind remind list`).")
    ],
) -> None:
    """Remove a reminder."""
    from kindcli.config_edit import edit_config
    from kindcli.reminders import KEY

    svc = services(ctx)
    path = svc.paths.config_file

    def change(now: dict[str, Any]) -> dict[str, Any]:
        items = _items(now, path)
        keep = [i for i in items if not (isinstance(i, dict) and i.get("id") == reminder_id)]
        if len(keep) == len(items):
            raise ConfigError(
                f"There is no reminder {reminder_id}.", "`kind remind list` shows them."
            )
        return {KEY: keep}

    edit_config(path, change)
    svc.terminal.line(f"Removed reminder {reminder_id}.")
    if _installed(svc):
        svc.terminal.note(
            "Its entry in your scheduler now stays quiet; `kind remind install` tidies it away."
        )


# ---- the system's scheduler --------------------------------------------------------------------


def _chosen(schedulers: Schedulers, name: str | None) -> tuple[str, Scheduler]:
    if name is not None and name not in SCHEDULERS:
        raise typer.BadParameter(
            f"'{name}' is not a scheduler kind knows: use {', '.join(SCHEDULERS)}.",
            param_hint="'--scheduler'",
        )
    chosen = name or schedulers.default
    if chosen is None:
        raise KindError(
            "kind found no scheduler it knows here (systemd user timers, cron or launchd).",
            "Any scheduler you use can run `kind nudge --reminder ID` at a reminder's time.",
        )
    if chosen not in schedulers.available:
        raise KindError(
            f"{chosen} is not available on this system.",
            f"Here kind can use: {', '.join(schedulers.available) or 'none'}.",
        )
    return chosen, schedulers.available[chosen]


def _apply(svc: Services, steps: list[Step], dry_run: bool) -> None:
    """Do each step (unless dry_run), then say exactly what it wrote or ran, and where."""
    out = svc.terminal
    for step in steps:
        note = None if dry_run else step.do()
        out.spans([(step.said(dry_run), "bold")])
        for line in step.text.splitlines():
            out.spans([("    " + line if line else "", None)])
        if note:
            out.note(note)


@app.command("install")
def install(
    ctx: typer.Context, dry_run: DryRunOption = False, scheduler: SchedulerOption = None
) -> None:
    """Put your reminders into your system's scheduler, showing exactly what it writes."""
    from kindcli.adapters.scheduler import jobs_for

    svc = services(ctx)
    config = _config(svc)
    schedulers = svc.schedulers()
    name, target = _chosen(schedulers, scheduler)
    steps: list[Step] = []
    # Moving to another scheduler: take kind's entries out of the others first.
    for other, elsewhere in schedulers.available.items():
        if other != name:
            steps += elsewhere.uninstall_steps()
    steps += target.install_steps(jobs_for(config.reminders))
    _apply(svc, steps, dry_run)
    out = svc.terminal
    if not config.reminders:
        out.line("You have no reminders, so there is nothing to install.")
        out.note("`kind remind add 09:00` adds one.")
    elif not steps:
        out.line(f"Your reminders are already in {target.label}; nothing to change.")
    elif dry_run:
        out.line("Nothing was changed (--dry-run).")
    else:
        out.line(
            f"Your reminders are in {target.label}. `kind remind uninstall` removes exactly these."
        )


@app.command("uninstall")
def uninstall(
    ctx: typer.Context, dry_run: DryRunOption = False, scheduler: SchedulerOption = None
) -> None:
    """Take exactly what `kind remind install` wrote out of your system's scheduler."""
    svc = services(ctx)
    schedulers = svc.schedulers()
    if scheduler is not None:
        targets = [_chosen(schedulers, scheduler)[1]]
    else:
        targets = list(schedulers.available.values())
    steps: list[Step] = []
    for target in targets:
        steps += target.uninstall_steps()
    _apply(svc, steps, dry_run)
    out = svc.terminal
    if not steps:
        out.line("kind has nothing in your system's scheduler to remove.")
    elif dry_run:
        out.line("Nothing was changed (--dry-run).")
    else:
        out.line(
            "kind's reminders are out of your system's scheduler. They stay in your settings "
            "for whenever you would like them again (`kind remind list`)."
        )


# ---- kind nudge ------------------------------------------------------------------------------


def nudge(
    ctx: typer.Context,
    reminder: Annotated[
        int | None,
        typer.Option(
            "--reminder", metavar="ID", help="The reminder this is for.", show_default=False
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what kind would do now, and why; send nothing.")
    ] = False,
) -> None:
    """Offer a gentle reminder now, if it is a good moment (your scheduler runs this).

    A desktop notification, only when there is a desktop to show it on. Nothing in quiet
    hours, nothing when you have already practiced today, and less often when reminders
    have gone by. It prints nothing, so a scheduler has nothing to mail you.
    """
    try:
        _nudge(services(ctx), reminder, dry_run)
    except KindError:
        if dry_run:
            raise
        # A scheduled nudge never complains: a problem means no nudge, nothing else.


def _nudge(svc: Services, reminder_id: int | None, dry_run: bool) -> None:
    from kindcli.config import read_config
    from kindcli.kinds import BY_ID
    from kindcli.ports import Moment
    from kindcli.practices.nudge import STATE_KEY, decide, sent_from_state, with_sent
    from kindcli.reminders import parse_quiet_hours

    out = svc.terminal
    config, problems = read_config(svc.paths.config_file)
    if dry_run:  # run by a scheduler, a problem in the file is for `kind config show`
        for problem in problems:
            out.error(str(problem))
    practice = None
    if reminder_id is not None:
        found = [r for r in config.reminders if r.id == reminder_id]
        if not found:
            if dry_run:
                out.line(f"There is no reminder {reminder_id} any more, so kind sends nothing.")
            return
        practice = BY_ID.get(found[0].practice) if found[0].practice else None
    try:
        quiet = parse_quiet_hours(config.quiet_hours)
    except ValueError:
        quiet = None
    now = svc.clock.now()
    store = svc.existing_store()
    practiced_today = bool(
        store and store.last_practice_day(practice.id if practice else None) == now.date()
    )
    decision = decide(
        now,
        practice=practice,
        practiced_today=practiced_today,
        last_practice=store.last_practice_utc() if store else None,
        sent=sent_from_state(store.get_state(STATE_KEY)) if store else [],
        quiet=quiet,
    )
    if dry_run:
        out.line(decision.reason)
        out.line(f"The reminder reads: {decision.title} {decision.body}")
        unavailable = svc.notifier.available()
        if unavailable:
            out.line(f"It could not be shown here: {unavailable}.")
        out.note("Nothing was sent (--dry-run).")
        return
    if not decision.send or not svc.notifier.notify(decision.title, decision.body):
        return
    moment = Moment.of(now)
    svc.store.update_state(STATE_KEY, lambda value: with_sent(value, moment.utc), moment)
