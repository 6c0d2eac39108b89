"""`kind sos` (and `kind help-now`): people you can reach right now, the person's own safety
plan, and a minute of grounding.

sos is built to come up as fast as a bare command and to keep working when every other
part of kind cannot: it reads kind's own region data first (parsed ahead of time, no
YAML and no content models), then whatever else it can (settings, the person's own content,
the safety plan), each on its own, and asks its one question without questionary. A
damaged database costs only the plan; a broken settings file only the chosen region; a
broken file of the person's own only that file; a KIND_HOME that cannot be used only the
person's own things. It never creates or changes anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.cli.common import JsonOption, PlainOption, services
from kindcli.cli.completion import region_codes

if TYPE_CHECKING:
    from kindcli.catalog.care import Regions
    from kindcli.ports import Prompter
    from kindcli.practices import care, place
    from kindcli.practices.safety_plan import SafetyPlan
    from kindcli.services import Services

_REGION = re.compile(r"^(?:[A-Za-z]{2}|intl)$")
SETTINGS_PROBLEM = "Your settings file has a problem; `kind config show` says what."
HOME_PROBLEM = (
    "kind's folder could not be used ({why}), so your own settings and plan were left out."
)
GROUP_WORDS = "youth, lgbtq, veterans, indigenous, abuse, deaf or someone-else"


def _region(value: str | None) -> str | None:
    if value is not None and not _REGION.match(value.strip()):
        raise typer.BadParameter("use a two-letter country code such as US, GB or AU, or intl.")
    return value.strip() if value else None


def _group(value: str | None) -> str | None:
    from kindcli.practices.care import FOR_CHOICES

    if value is None:
        return None
    key = value.strip().lower().replace("_", "-")
    key = {"lgbt": "lgbtq", "lgbtq+": "lgbtq", "veteran": "veterans", "young": "youth"}.get(
        key, key
    )
    if key not in FOR_CHOICES:
        raise typer.BadParameter(f"choose one of {GROUP_WORDS}.")
    return key


RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        metavar="XX",
        autocompletion=region_codes,
        help="Show the lines for this two-letter country code (US, CA, GB, IE, AU, NZ, ...).",
        callback=_region,
        show_default=False,
    ),
]
ForOption = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="GROUP",
        help=f"Show the lines for one group first: {GROUP_WORDS} (how to help another person).",
        callback=_group,
        show_default=False,
    ),
]
ListOption = Annotated[
    bool, typer.Option("--list-regions", help="List the regions kind has crisis lines for.")
]


def sos(
    ctx: typer.Context,
    region: RegionOption = None,
    for_: ForOption = None,
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
        svc.terminal.json(sos_data(svc, region, for_))
    else:
        show_sos(svc, region, first=for_)


# ---- what sos shows, each piece on its own ---------------------------------------------------


def _shipped() -> Any:
    from kindcli.paths import shipped_content_dir

    return shipped_content_dir()


def _user_content(svc: Services, problems: list[str]) -> Any:
    """The person's own content folder, or None (with a word why, said once) when kind's
    folder cannot be used at all."""
    try:
        return svc.paths.user_content
    except Exception as e:
        note = HOME_PROBLEM.format(why=_why(e))
        if note not in problems:
            problems.append(note)
        return None


def _home_usable(svc: Services, problems: list[str]) -> bool:
    """Whether kind's folder can be used; when it cannot, that one note stands for the
    settings and the plan too (both live there)."""
    return _user_content(svc, problems) is not None


def _why(e: Exception) -> str:
    message = getattr(e, "message", None) or str(e) or type(e).__name__
    return str(message).rstrip(".")


def _regions(
    svc: Services, problems: list[str] | None = None, code: str | None = None, *, all_: bool = True
) -> Regions:
    """kind's regions and the person's own over them; with `all_` false, only what can
    answer for `code` is read from the person's own files (see `load_regions`)."""
    from kindcli.catalog.care import Regions, load_regions

    found = [] if problems is None else problems
    try:
        regions = load_regions(_shipped(), _user_content(svc, found), code, needed_only=not all_)
    except Exception:
        return Regions()
    found += regions.problems
    return regions


def _config_region(svc: Services, problems: list[str]) -> str | None:
    if not _home_usable(svc, problems):
        return None
    try:
        return svc.config.region
    except Exception:
        problems.append(SETTINGS_PROBLEM)
        return None


def _choice(
    svc: Services, region_option: str | None, problems: list[str], environ: Mapping[str, str]
) -> place.RegionChoice:
    from kindcli.practices import place

    config_region = None if region_option else _config_region(svc, problems)
    return place.choose_region(region_option, config_region, environ)


def _plan(svc: Services, readonly: bool) -> tuple[SafetyPlan | None, str | None]:
    """The saved plan; with `readonly` (sos) the database is never created or changed."""
    from kindcli.practices import care

    try:
        if readonly and not svc.has_database():
            return None, None  # nothing to read, and nothing to import for it
        from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan

        # sos: one read-only SELECT, without loading the store (nor creating a database).
        state = svc.remembered(STATE_KEY) if readonly else svc.store.get_state(STATE_KEY)
        return (SafetyPlan.from_state(state), None) if state is not None else (None, None)
    except Exception:
        return None, care.PLAN_UNREADABLE


def support_block_lines(
    svc: Services,
    region_option: str | None,
    *,
    readonly: bool,
    problems: list[str] | None = None,
    environ: Mapping[str, str] | None = None,
    first: str | None = None,
) -> list[care.Styled]:
    """The urgent case, the next few minutes, the region's lines and the person's plan, as
    lines to show. Problems met on the way are added to `problems`; they never cost the
    lines. `first`: a group to show first, or `someone-else` for a worried friend."""
    from kindcli.practices import care, place

    problems = [] if problems is None else problems
    try:
        choice = _choice(svc, region_option, problems, os.environ if environ is None else environ)
        regions = _regions(svc, problems, choice.code, all_=False)
        block = care.support_block(
            choice, regions.regions, first=first, overrides=regions.overrides
        )
    except Exception:
        block = care.support_block(place.RegionChoice(None, "none"), {}, first=first)
    wants_plan = first != care.SOMEONE_ELSE and _home_usable(svc, problems)
    plan, plan_note = _plan(svc, readonly) if wants_plan else (None, None)
    return care.support_lines(block, plan, plan_note, first=first)


def grounding(svc: Services, prompter: Prompter) -> None:
    """Offer the minute of grounding, on the terminal's keys (q or Esc stops it)."""
    from kindcli.practices.grounding import offer_grounding

    svc.terminal.line()
    offer_grounding(prompter, svc.clock, svc.keys(), lambda text: svc.terminal.line(text))


def show_sos(
    svc: Services,
    region_option: str | None,
    environ: Mapping[str, str] | None = None,
    *,
    first: str | None = None,
) -> None:
    from kindcli.practices import care

    problems: list[str] = []
    for line in support_block_lines(
        svc, region_option, readonly=True, problems=problems, environ=environ, first=first
    ):
        svc.terminal.line(line.text, style=line.style)
    for problem in problems:
        svc.terminal.note(problem)
    if svc.interactive and first != care.SOMEONE_ELSE:
        grounding(svc, svc.line_prompter)


def sos_data(svc: Services, region_option: str | None, first: str | None = None) -> dict[str, Any]:
    """What sos shows, as data for scripts (`kind sos --json`). No plan: that stays on screen."""
    from kindcli.practices import care, place

    problems: list[str] = []
    choice = _choice(svc, region_option, problems, os.environ)
    regions = _regions(svc, problems, choice.code, all_=False)
    region = place.find_region(choice.code, regions.regions)
    covered = region is None and place.covering_region(choice.code, regions.regions) is not None
    if region is None:
        region = place.covering_region(choice.code, regions.regions) or regions.regions.get(
            place.INTERNATIONAL
        )
    return {
        "asked_for": choice.code,
        "from": choice.source,
        "covered_by": region.id if covered and region else None,
        "urgent": care.urgent_line(
            region, care.SOMEONE_ELSE if first == care.SOMEONE_ELSE else "self"
        ),
        "region": region.as_json() if region else None,
        "overrides": regions.overrides,
        "problems": problems,
        "fallback": None if region else [care.FALLBACK_EMERGENCY, care.FALLBACK_LINE],
    }


def region_rows(svc: Services) -> list[tuple[str, str, str]]:
    from kindcli.practices import place

    rows = []
    for region in _regions(svc).regions.values():
        code = region.id.upper() if region.id != place.INTERNATIONAL else "(any other)"
        also = f" (also {', '.join(a.upper() for a in region.aliases)})" if region.aliases else ""
        if region.covers:
            also = f" (for {', '.join(c.upper() for c in region.covers)})"
        emergency = region.emergency.number if region.emergency else "your local number"
        rows.append((code, region.name + also, emergency))
    rows.sort(key=lambda r: (r[0].startswith("("), r[0]))
    return rows


def region_note(svc: Services, code: str | None) -> str | None:
    """For `kind config set region XX`: a word when kind has no lines of its own for XX."""
    from kindcli.practices import place

    if not code:
        return None
    regions = _regions(svc).regions
    if place.find_region(code, regions) is not None:
        return None
    covering = place.covering_region(code, regions)
    if covering is not None:
        return (
            f"kind has no lines of its own for {code.upper()} yet; `kind sos` will show the "
            f"lines that work across {covering.name}."
        )
    return (
        f"kind has no crisis lines for {code.upper()} yet; `kind sos` will show Find A "
        "Helpline, which lists free lines in many countries."
    )
