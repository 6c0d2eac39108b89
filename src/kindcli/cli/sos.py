"""`kind sos` (and `kind help-now`): people you can reach right now, the person's own safety
plan, and a minute of grounding.

sos is built to come up fast and to keep working when other parts of kind cannot: it reads
the shipped crisis data, then whatever else it can (settings, the person's own content, the
safety plan), each on its own, and asks its one question without questionary. A damaged
database costs only the plan; a broken settings file only the chosen region; a broken file
of the person's own only that file. It never creates or changes anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.cli.common import JsonOption, PlainOption, services

if TYPE_CHECKING:
    from kindcli.catalog.care import Regions
    from kindcli.ports import Prompter
    from kindcli.practices import care
    from kindcli.practices.safety_plan import SafetyPlan
    from kindcli.services import Services

_REGION = re.compile(r"^(?:[A-Za-z]{2}|intl)$")
SETTINGS_PROBLEM = "Your settings file has a problem; `kind config show` says what."


def _region(value: str | None) -> str | None:
    if value is not None and not _REGION.match(value.strip()):
        raise typer.BadParameter("use a two-letter country code such as US, GB or AU, or intl.")
    return value.strip() if value else None


RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        metavar="XX",
        help="Show the lines for this two-letter country code (US, CA, GB, IE, AU, ...).",
        callback=_region,
        show_default=False,
    ),
]
ListOption = Annotated[
    bool, typer.Option("--list-regions", help="List the regions kind has crisis lines for.")
]


def sos(
    ctx: typer.Context,
    region: RegionOption = None,
    list_regions: ListOption = False,
    json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Show people you can reach right now, your safety plan, and a minute of grounding."""
    svc = services(ctx, plain)
    if list_regions:
        rows = region_rows(svc)
        if json:
            svc.terminal.json(
                [dict(zip(("code", "region", "emergency"), r, strict=True)) for r in rows]
            )
            return
        svc.terminal.table(["code", "region", "emergency"], rows)
        svc.terminal.note("Set yours with `kind config set region XX`.")
    elif json:
        svc.terminal.json(sos_data(svc, region))
    else:
        show_sos(svc, region)


# ---- what sos shows, each piece on its own ---------------------------------------------------


def _regions(svc: Services) -> Regions:
    from kindcli.catalog.care import load_regions

    return load_regions(svc.paths.shipped_content, svc.paths.user_content)


def _config_region(svc: Services, problems: list[str]) -> str | None:
    try:
        return svc.config.region
    except Exception:
        problems.append(SETTINGS_PROBLEM)
        return None


def _choice(
    svc: Services, region_option: str | None, problems: list[str], environ: Mapping[str, str]
) -> care.RegionChoice:
    from kindcli.practices import care

    config_region = None if region_option else _config_region(svc, problems)
    return care.choose_region(region_option, config_region, environ)


def _plan(svc: Services, readonly: bool) -> tuple[SafetyPlan | None, str | None]:
    """The saved plan; with `readonly` (sos) the database is never created or changed."""
    from kindcli.practices import care
    from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan

    try:
        store = svc.readonly_store() if readonly else svc.store
        if store is None:
            return None, None
        return SafetyPlan.from_state(store.get_state(STATE_KEY)), None
    except Exception:
        return None, care.PLAN_UNREADABLE


def support_block_lines(
    svc: Services,
    region_option: str | None,
    *,
    readonly: bool,
    problems: list[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[care.Styled]:
    """The emergency number, the region's lines and the person's plan, as lines to show.
    Problems met on the way are added to `problems`; they never cost the lines."""
    from kindcli.practices import care

    problems = [] if problems is None else problems
    try:
        regions = _regions(svc)
        problems += regions.problems
        choice = _choice(svc, region_option, problems, os.environ if environ is None else environ)
        block = care.support_block(choice, regions.regions)
    except Exception:
        block = care.support_block(care.RegionChoice(None, "none"), {})
    plan, plan_note = _plan(svc, readonly)
    return care.support_lines(block, plan, plan_note)


def grounding(svc: Services, prompter: Prompter) -> None:
    """Offer the minute of grounding, on the terminal's keys (q or Esc stops it)."""
    from kindcli.practices import care

    svc.terminal.line()
    care.offer_grounding(prompter, svc.clock, svc.keys(), lambda text: svc.terminal.line(text))


def show_sos(
    svc: Services, region_option: str | None, environ: Mapping[str, str] | None = None
) -> None:
    problems: list[str] = []
    for line in support_block_lines(
        svc, region_option, readonly=True, problems=problems, environ=environ
    ):
        svc.terminal.line(line.text, style=line.style)
    for problem in problems:
        svc.terminal.note(problem)
    if svc.interactive:
        grounding(svc, svc.line_prompter)


def sos_data(svc: Services, region_option: str | None) -> dict[str, Any]:
    """What sos shows, as data for scripts (`kind sos --json`). No plan: that stays on screen."""
    from kindcli.practices import care

    regions = _regions(svc)
    choice = _choice(svc, region_option, [], os.environ)
    region = care.find_region(choice.code, regions.regions) or regions.regions.get(
        care.INTERNATIONAL
    )
    return {
        "asked_for": choice.code,
        "from": choice.source,
        "region": region.model_dump(mode="json", exclude={"kind"}) if region else None,
        "fallback": None if region else [care.FALLBACK_EMERGENCY, care.FALLBACK_LINE],
    }


def region_rows(svc: Services) -> list[tuple[str, str, str]]:
    from kindcli.practices import care

    rows = []
    for region in _regions(svc).regions.values():
        code = region.id.upper() if region.id != care.INTERNATIONAL else "(any other)"
        also = f" (also {', '.join(a.upper() for a in region.aliases)})" if region.aliases else ""
        emergency = region.emergency.number if region.emergency else "your local number"
        rows.append((code, region.name + also, emergency))
    rows.sort(key=lambda r: (r[0].startswith("("), r[0]))
    return rows
