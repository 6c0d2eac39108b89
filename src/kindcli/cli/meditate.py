"""`kind meditate`: guided self-compassion meditations, a sitting timer, and the person's
own loving-kindness phrases.

`kind meditate [NAME]` runs a meditation; `timer` and `phrases` are subcommands. Any first
word that is not one of them (or no word at all) goes to the meditation itself, through a
hidden command (see MeditateGroup), so a meditation's name needs nothing in front of it;
that is why no meditation may be called `timer` or `phrases` (the content model refuses
it). Heavy imports (content models, practices, the views) are inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from kindcli.cli import meditate_phrases, meditate_timer
from kindcli.cli.common import (
    ListOption,
    PlainOption,
    PracticeStore,
    minutes_up_to_120,
    services,
)
from kindcli.cli.completion import content_ids

if TYPE_CHECKING:
    from kindcli.catalog.models import Meditation
    from kindcli.practices.meditation import Plan
    from kindcli.practices.meditation_choice import Suggestion
    from kindcli.services import Services

# The hidden command that runs a meditation by name (never typed: see MeditateGroup).
RUN = "run-meditation"
NOT_NOW_WORDS = "That's okay. `kind meditate` is here whenever you would like it."


class MeditateGroup(TyperGroup):
    """`kind meditate NAME [OPTIONS]` and `kind meditate timer|phrases [OPTIONS]`.

    Click would take the first word as a subcommand, so a first word that is not one (a
    meditation's name, an option, or nothing) is handed to the hidden RUN command. Asking
    for help anywhere shows this group's help, which lists RUN's argument and options beside
    the subcommands, so there is one help page for `kind meditate`.
    """

    _helping = False

    def _subcommand(self, word: str) -> bool:
        command = self.commands.get(word)
        return command is not None and not command.hidden

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or not self._subcommand(args[0]):
            words = args[: args.index("--")] if "--" in args else args
            if any(a in ctx.help_option_names for a in words):
                args = ["--help"]
            elif not args or args[0] not in ctx.help_option_names:
                args = [RUN, *args]
        return super().parse_args(ctx, args)

    def get_params(self, ctx: Any) -> list[Any]:
        if self._helping:
            return list(self.commands[RUN].get_params(ctx))
        return list(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._helping = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._helping = False


class _AsMeditate(typer.Context):
    """The hidden command's context says its path is `kind meditate`, so its usage and its
    error messages read as the person typed them."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class _RunCommand(TyperCommand):
    context_class = _AsMeditate


app = typer.Typer(
    cls=MeditateGroup,
    add_completion=False,
    subcommand_metavar="| timer [OPTIONS] | phrases",
)


@app.callback()
def meditate_group(ctx: typer.Context) -> None:
    """Guided self-compassion meditations, and a quiet sitting timer with bells.

    `kind meditate NAME` begins one; with no NAME a short chooser asks what would help.

    Space pauses and resumes, q or Esc stops: stopping early is always fine.
    """


@app.command(RUN, hidden=True, cls=_RunCommand)
def run_meditation(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            autocompletion=content_ids("meditations"),
            help="Which meditation, e.g. affectionate-breathing, loving-kindness, "
            "soles-of-feet (see --list). Without it, a short chooser asks.",
            show_default=False,
        ),
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option(
            "--minutes",
            "-m",
            callback=minutes_up_to_120,
            help="About how long: the quiet between steps grows or shrinks, and every step "
            "keeps time to read and take it in.",
            show_default=False,
        ),
    ] = None,
    plain: PlainOption = False,
    bell: Annotated[
        bool,
        typer.Option("--bell/--no-bell", help="Ring the terminal bell as it begins and ends."),
    ] = False,
    list_: ListOption = False,
    suggest: Annotated[
        bool,
        typer.Option("--suggest", help="Suggest one for today, varied from what you did lately."),
    ] = False,
    json: Annotated[
        bool,
        typer.Option("--json", help="With --list or --suggest: print one JSON document."),
    ] = False,
) -> None:
    """Run a meditation by name (reached as `kind meditate NAME`)."""
    svc = services(ctx, plain)
    if json and not (list_ or suggest):
        raise typer.BadParameter("--json goes with --list or --suggest.", param_hint="--json")
    if list_:
        _list(svc, json)
        return
    if suggest:
        _suggest(svc, json, minutes, bell)
        return
    from kindcli.catalog.models import RESERVED_MEDITATION_IDS

    if name in RESERVED_MEDITATION_IDS:
        # `kind meditate --plain timer`: the subcommand comes first, then its options.
        raise typer.BadParameter(
            f"`{name}` comes straight after `meditate`: kind meditate {name} [OPTIONS].",
            param_hint="NAME",
        )
    name = name or _choose(svc)
    if name is not None:
        _begin(svc, _get(svc, name), minutes, bell)


def _choose(svc: Services) -> str | None:
    """No name given: the short chooser on a terminal (which may start the timer instead:
    then None, as for not now), else the list and a usage error."""
    from kindcli.catalog.models import Meditation
    from kindcli.practices.meditation_choice import TIMER, choose

    if not svc.interactive:
        _list(svc)
        svc.terminal.note("Name one to begin it: kind meditate NAME.")
        raise typer.Exit(2)
    picked = choose(svc.prompter, svc.catalog.all(Meditation), _suggestion(svc))
    if picked == TIMER:
        meditate_timer.timer_from_chooser(svc)
        return None
    if picked is None:
        svc.terminal.line(NOT_NOW_WORDS)
    return picked


def _get(svc: Services, name: str) -> Meditation:
    from kindcli.catalog.models import Meditation
    from kindcli.errors import KindError, UnknownContent

    try:
        return svc.catalog.get(Meditation, name)
    except UnknownContent as e:
        hint = f"{e.hint} " if e.hint else ""
        raise KindError(
            e.message, f"{hint}`kind meditate --list` says what each one is for."
        ) from None


def _begin(svc: Services, meditation: Meditation, minutes: float | None, bell: bool) -> None:
    if meditation.kind == "informal":
        _guide(svc, meditation, minutes)
        return
    from kindcli.practices import meditation as m
    from kindcli.practices.checkin import after_words

    own: list[str] = []
    if any(s.phrases for s in meditation.steps):
        own = meditate_phrases.phrases_for_practice(svc)
    plan = m.plan_meditation(meditation, minutes=minutes, phrases=own)
    _introduce(svc, meditation, plan)
    animate = svc.output.animate
    result = m.meditate(
        plan,
        clock=svc.clock,
        keys=svc.keys(),
        view=_view(svc, animate, bell),
        prompter=svc.prompter,
        checkins=svc.interactive and svc.config.mood_checkins,
        save=PracticeStore(svc).add_session,
        say=svc.terminal.line,
        closing=meditation.closing,
        mode="live" if animate else "plain",
    )
    for words in after_words(result.checkin):
        svc.terminal.line(words)


def _introduce(svc: Services, meditation: Meditation, plan: Plan) -> None:
    from kindcli.practices.durations import format_clock
    from kindcli.practices.meditation import stretched_words

    t = svc.terminal
    t.heading(f"{meditation.name} · {format_clock(plan.total_seconds)}")
    t.line(meditation.summary)
    longer = stretched_words(plan)
    if longer:
        t.line(longer, style="dim")
    for text in (meditation.intro, meditation.alternative_anchor, meditation.backdraft):
        if text:
            t.line()
            t.line(text)
    if any(s.phrases for s in meditation.steps):
        t.line()
        t.line(
            "With your own phrases (`kind meditate phrases` changes them)."
            if plan.own_phrases
            else "With kind's phrases for now: `kind meditate phrases` helps you find your own.",
            style="dim",
        )
    if svc.has_keyboard:
        t.line("Space pauses and resumes; q or Esc stops.", style="dim")
    t.line()


def _view(svc: Services, animate: bool, bell: bool) -> Any:
    from kindcli.adapters.meditation_view import LiveMeditationView, PlainMeditationView

    if animate:
        return LiveMeditationView(svc.terminal.out, bell=bell)
    return PlainMeditationView(svc.terminal, svc.terminal.out, bell=bell)


def _guide(svc: Services, meditation: Meditation, minutes: float | None) -> None:
    """An informal practice: a short guide to read and take away from the keyboard."""
    from kindcli.practices.durations import about
    from kindcli.practices.meditation import guide_lines

    t = svc.terminal
    t.heading(f"{meditation.name} · {about(meditation.minutes)}, away from the keyboard")
    t.line(meditation.summary)
    if minutes is not None:
        t.note("This one is a guide to take with you, so it has no timer (--minutes is left out).")
    for text in (meditation.intro, meditation.alternative_anchor):
        if text:
            t.line()
            t.line(text)
    t.line()
    for line in guide_lines(meditation):
        t.line(line)
    t.line()
    t.line(meditation.closing)


# ---- listing and suggesting ------------------------------------------------------------------


def _list(svc: Services, json: bool = False) -> None:
    from kindcli.catalog.models import Meditation
    from kindcli.practices.durations import format_clock
    from kindcli.practices.meditation import plan_meditation

    rows = []
    data = []
    for item, entry in svc.catalog.typed_entries(Meditation):
        guided = item.kind == "guided"
        plan = plan_meditation(item) if guided else None
        mine = " (yours)" if entry.origin == "user" else ""
        length = format_clock(plan.total_seconds) if plan else "a guide"
        purposes = ", ".join(p.replace("-", " ") for p in item.suits)
        rows.append((item.id, item.name + mine, length, purposes or "-"))
        data.append(
            {
                "id": item.id,
                "name": item.name,
                "summary": item.summary,
                "kind": item.kind,
                "minutes": item.minutes,
                "default_seconds": round(plan.total_seconds, 3) if plan else None,
                "shortest_seconds": round(plan.minimum_seconds, 3) if plan else None,
                "steps": len(item.steps),
                "suits": list(item.suits),
                "anchors": list(item.anchors),
                "toward_pain": item.toward_pain,
                "origin": entry.origin,
            }
        )
    if json:
        svc.terminal.json(data)
        return
    svc.terminal.table(["id", "name", "length", "for"], rows)
    if svc.terminal.tty:
        svc.terminal.note(
            "`kind meditate NAME` begins one (-m for another length); "
            "`kind meditate timer` is a silent timer."
        )


def _recent(svc: Services) -> list[tuple[str | None, Any]]:
    from kindcli.errors import KindError

    try:
        store = svc.existing_store()
        sessions = store.sessions(limit=60, practice="meditation") if store else []
    except KindError:
        return []  # a damaged store costs only the variety of the suggestion
    return [(s.content_id, s.moment.local_date) for s in sessions]


def _suggestion(svc: Services) -> Suggestion | None:
    from kindcli.catalog.models import Meditation
    from kindcli.practices.meditation_choice import suggest

    return suggest(svc.catalog.all(Meditation), _recent(svc), svc.clock.now())


def _suggest(svc: Services, json: bool, minutes: float | None, bell: bool) -> None:
    from kindcli.practices.durations import about

    found = _suggestion(svc)
    if found is None:
        raise typer.BadParameter("there are no guided meditations to suggest.")
    chosen = found.meditation
    if json:
        svc.terminal.json(
            {
                "id": chosen.id,
                "name": chosen.name,
                "summary": chosen.summary,
                "minutes": chosen.minutes,
                "reason": found.reason,
            }
        )
        return
    t = svc.terminal
    t.heading(f"For today: {chosen.name} ({about(minutes or chosen.minutes)})")
    t.line(chosen.summary)
    t.line(found.reason, style="dim")
    if not svc.interactive:
        t.line(f"`kind meditate {chosen.id}` begins it.")
        return
    t.line()
    if svc.prompter.confirm("Would you like to begin it now?", default=True):
        t.line()
        _begin(svc, chosen, minutes, bell)
    else:
        t.line(NOT_NOW_WORDS)


# The subcommands live in modules of their own.
app.command("timer")(meditate_timer.timer)
app.command("phrases")(meditate_phrases.phrases_command)
