"""`kind measure`: answer a short measure every few weeks, and look back at its scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import JsonOption, PlainOption, services
from kindcli.errors import KindError

if TYPE_CHECKING:
    from kindcli.catalog.measure_models import Measure
    from kindcli.services import Services

# Said beside the support block when an answer asks for it: nothing has been saved yet.
ANSWERS_STAY = "Your answers stay on this machine; nothing was sent anywhere."
GO_ON = "Would you like to go on with the questions?"
KEEP = "Would you like to keep these answers?"


def measure(
    ctx: typer.Context,
    measure_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The measure to take (or to look back at, with --history).",
            show_default=False,
        ),
    ] = None,
    listing: Annotated[
        bool, typer.Option("--list", help="List the measures: kind's own and yours.")
    ] = False,
    history: Annotated[
        bool,
        typer.Option("--history", help="Show every past score, with a trend and the change."),
    ] = False,
    template: Annotated[
        bool,
        typer.Option(
            "--template", help="Print a template for a measure of your own (YAML) and exit."
        ),
    ] = False,
    json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Answer a short measure, one question at a time, to notice change over time.

    Nothing is saved until every question is answered. A measure is a reflection, not a
    practice: it never counts toward practice days.
    """
    svc = services(ctx, plain)
    if sum((listing, history, template)) > 1:
        raise typer.BadParameter("choose one of --list, --history and --template.")
    if json and not (listing or history):
        raise typer.BadParameter("--json goes with --list or --history.", param_hint="--json")
    if template:
        _template(svc)
    elif listing:
        _list(svc, json)
    elif history:
        _history(svc, measure_id, json)
    else:
        _take(svc, measure_id)


def _template(svc: Services) -> None:
    path = svc.paths.shipped_content / "templates" / "measure.yaml"
    try:
        svc.terminal.page(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise KindError(f"Could not read the measure template at {path} ({e.strerror}).") from None


def _measures(svc: Services) -> list[Measure]:
    from kindcli.catalog.measure_models import Measure

    return svc.catalog.all(Measure)


def _list(svc: Services, json: bool) -> None:
    from kindcli.catalog.measure_models import Measure
    from kindcli.practices.measure import how_often_words

    store = svc.existing_store()
    spans = store.measure_firsts_and_lasts() if store else []
    last = {r.measure_id: r.moment.local_date.isoformat() for _, r, _ in spans}
    entries = svc.catalog.typed_entries(Measure)
    if json:
        svc.terminal.json(
            [
                {
                    "id": m.id,
                    "name": m.name,
                    "summary": m.summary,
                    "questions": len(m.items),
                    "how_often": how_often_words(m),
                    "source": m.source,
                    "license": m.license,
                    "origin": e.origin,
                    "last_taken": last.get(m.id),
                }
                for m, e in entries
            ]
        )
        return
    if not entries:
        svc.terminal.line("No measures here yet. `kind measure --template` shows how to add one.")
        return
    rows = []
    for m, e in entries:
        taken = last.get(m.id, "not yet")
        own = " (yours)" if e.origin == "user" else ""
        rows.append((m.id, m.name + own, str(len(m.items)), how_often_words(m), taken))
    svc.terminal.table(["id", "name", "questions", "how often", "last taken"], rows)
    for m, _ in entries:
        svc.terminal.note(f"{m.id}: {m.summary}")


def _take(svc: Services, measure_id: str | None) -> None:
    from kindcli.ports import Stopped
    from kindcli.practices import measure as practice

    if not svc.interactive:
        raise KindError(
            "kind measure asks its questions one at a time, so it needs a terminal.",
            "`kind measure --history` shows your past results anywhere.",
        )
    chosen = _choose(svc, measure_id)

    def on_support(more: bool) -> bool:
        from kindcli.cli.aftercare import offer_support

        offer_support(svc, ANSWERS_STAY)
        svc.terminal.line()
        return svc.prompter.confirm(GO_ON if more else KEEP, default=True)

    try:
        result = practice.take(
            chosen, prompter=svc.prompter, out=svc.terminal, clock=svc.clock, on_support=on_support
        )
    except Stopped:
        svc.terminal.line()
        svc.terminal.line(practice.NOTHING_SAVED)
        return
    except KeyboardInterrupt:
        svc.terminal.note("\n" + practice.NOTHING_SAVED)
        raise
    store = svc.store
    store.add_measure_result(result)
    first = store.measure_results(chosen.id)[0]
    out = svc.terminal
    out.line()
    out.line(f"Saved. Your scores for {chosen.name}:", style="bold")
    for line in practice.result_lines(result, first):
        out.line(line, indent="  ")
    if chosen.scores_note:
        out.line()
        out.line(chosen.scores_note)
    out.line()
    out.line(chosen.closing)
    if chosen.how_often:
        out.note(
            f"It is meant to be taken {practice.how_often_words(chosen)}; "
            f"`kind measure --history {chosen.id}` shows how your scores move."
        )


def _choose(svc: Services, measure_id: str | None) -> Measure:
    from kindcli.catalog.measure_models import Measure

    if measure_id is not None:
        return svc.catalog.get(Measure, measure_id)
    found = _measures(svc)
    if not found:
        raise KindError("There are no measures to take.", "`kind measure --template` shows one.")
    if len(found) == 1:
        return found[0]
    labels = {f"{m.name} ({m.id})": m for m in found}
    picked = svc.prompter.select("Which would you like to take?", list(labels))
    return labels[picked]


def _history(svc: Services, measure_id: str | None, json: bool) -> None:
    from kindcli.practices import measure_history as view

    store = svc.existing_store()
    wanted = measure_id.strip().lower() if measure_id else None
    results = store.measure_results(wanted) if store else []
    found = view.histories(results)
    if json:
        svc.terminal.json({"measures": [view.history_json(h) for h in found]})
        return
    if not found:
        which = f"for '{measure_id}' " if measure_id else ""
        svc.terminal.line(f"No results {which}yet. `kind measure --list` shows what you can take.")
        return
    out = svc.terminal
    for n, h in enumerate(found):
        if n:
            out.line()
        out.heading(h.name)
        out.line(view.trend_line(h))
        headers, rows = view.table(h, out.width)
        out.table(headers, rows)
        out.line(view.summary_line(h))
