"""Care and safety: composing what `kind sos` and the check after saving show (the urgent
case first, the next few minutes, the lines, the person's own plan) and the words for
someone worried about another person.

Pure Python. The data (lines, each with its source and checked date) comes from
`content/resources/` through `kindcli.catalog.care`; which region's lines is
`kindcli.practices.place`, the one-minute grounding `kindcli.practices.grounding`, and
noticing crisis language `kindcli.practices.crisis_language`. Nothing here ever sends,
dials or blocks anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from kindcli.practices.place import INTERNATIONAL, covering_region, find_region, where_from

if TYPE_CHECKING:
    from kindcli.practices.place import RegionChoice, RegionLike, ServiceLike
    from kindcli.practices.safety_plan import SafetyPlan

ARE_YOU_SAFE = "It sounds like things might be really hard right now. Are you safe?"
SAVED_ANYWAY = "What you wrote is saved, just as you left it. Nothing was sent anywhere."
WORRIED_OPENING = (
    "It sounds like you may be worried about someone. That is a heavy thing to carry, and "
    "it matters that you noticed."
)

# Shown only when even kind's own crisis data cannot be read: never leave a person with nothing.
FALLBACK_EMERGENCY = "If you are in danger right now, call your local emergency number."
FALLBACK_LINE = "Find a free, confidential crisis line in your country: https://findahelpline.com"
DEFAULT_DEPARTMENT = "the nearest emergency department"

# ---- the groups a line can be for (`kind sos --for GROUP`) ---------------------------------

GROUPS: dict[str, str] = {
    "youth": "For young people",
    "lgbtq": "For LGBTQ+ people",
    "veterans": "For veterans, service members and their families",
    "indigenous": "For Indigenous peoples",
    "abuse": "If someone is hurting you, threatening you or scaring you",
    "deaf": "If you are Deaf or hard of hearing, or cannot speak on the phone",
}
SOMEONE_ELSE = "someone-else"
FOR_CHOICES = (*GROUPS, SOMEONE_ELSE)


# ---- what to show, in order -------------------------------------------------------------------


class Styled(NamedTuple):
    text: str
    style: str | None = None


def ways_to_reach(service: ServiceLike) -> list[str]:
    ways: list[str] = []
    if service.call:
        ways.append(f"Call {service.call}")
    if service.text:
        ways.append(f"text {service.text}" if ways else f"Text {service.text}")
    if service.chat:
        ways.append(f"chat at {service.chat}" if ways else f"Chat at {service.chat}")
    if service.url and not ways:
        ways.append(f"Visit {service.url}")
    # No full stop: a URL at the end of a line must stay clean to copy or click.
    if len(ways) > 1:
        return [", ".join(ways[:-1]) + " or " + ways[-1]]
    return ways[:1]


def service_lines(service: ServiceLike) -> list[Styled]:
    out = [Styled(service.name, "bold")]
    out += [Styled("  " + w) for w in ways_to_reach(service)]
    if service.hours:
        out.append(Styled("  " + service.hours, "dim"))
    if service.note:
        out.append(Styled("  " + service.note, "dim"))
    out += [Styled("  " + line, "dim") for line in service.about]
    return out


def urgent_line(region: RegionLike | None, about: str = "self") -> str:
    """The first line, always: the urgent case, with the emergency number named."""
    number = region.emergency.number if region and region.emergency else None
    department = (
        region.emergency.department if region and region.emergency else None
    ) or DEFAULT_DEPARTMENT
    if about == SOMEONE_ELSE:
        if number is None:
            return (
                "If they have hurt themselves or taken something, or are in danger now, "
                f"call your local emergency number or go with them to {department}."
            )
        return (
            "If they have hurt themselves or taken something, or are in danger now, "
            f"call {number} now or go with them to {department}."
        )
    if number is None:
        return (
            "If you have hurt yourself or taken something, or you are in danger now, call "
            f"your local emergency number or go to {department}."
        )
    return (
        "If you have hurt yourself or taken something, or you are in danger now, "
        f"call {number} now or go to {department}."
    )


NEXT_MINUTES = "For the next few minutes"
MOVE_AWAY = (
    "Move away from anything you could use to hurt yourself, or ask someone to hold on to "
    "it for now."
)
GO_TO_PEOPLE = (
    "Go where there are other people, if you can: a room with someone in it, a friend's, a cafe."
)
REACH_ANYONE = "Reach one person: someone you trust you could text or sit with."


def next_minutes(contacts: Sequence[str]) -> list[Styled]:
    """Three small steps for right now; the person's own contacts first when they wrote some."""
    if contacts:
        reach = "Reach one person from your plan: " + "; ".join(contacts[:3]) + "."
    else:
        reach = REACH_ANYONE
    return [
        Styled(NEXT_MINUTES, "bold"),
        *(Styled("  - " + t) for t in (MOVE_AWAY, GO_TO_PEOPLE, reach)),
    ]


WORRIED_TITLE = "If you are worried about someone"
WORRIED_STEPS = (
    'You can ask them plainly: "Are you thinking about suicide?" It is okay to ask, and it '
    "tells them they can talk to you.",
    "Listen more than you talk. You do not need the right words or a fix.",
    "Stay with them, or stay in touch, while they reach out. You can call or text one of "
    "the lines below together.",
    "If they have something they could use to hurt themselves, help put distance between "
    "them and it, if that is safe for you.",
    "Look after yourself too: these lines are also for the people supporting someone.",
)


def worried_lines() -> list[Styled]:
    return [Styled(WORRIED_TITLE, "bold"), *(Styled("  - " + t) for t in WORRIED_STEPS)]


@dataclass
class SupportBlock:
    """What `kind sos` (and the gentle check after saving words) shows, in order."""

    urgent: str
    region_title: str
    lines: list[Styled] = field(default_factory=list)
    groups: list[tuple[str, list[Styled]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    region_id: str | None = None


def _group_lines(services: Sequence[ServiceLike], group: str) -> list[Styled]:
    out: list[Styled] = []
    for service in services:
        if group in service.groups:
            out += service_lines(service)
    return out


def _general_lines(services: Sequence[ServiceLike]) -> list[Styled]:
    """Lines for everyone: those for the whole region first, then each area's own."""
    general = [s for s in services if not s.groups]
    out: list[Styled] = []
    for service in general:
        if not service.area:
            out += service_lines(service)
    areas: list[str] = []
    for service in general:
        if service.area and service.area not in areas:
            areas.append(service.area)
    for area in areas:
        out.append(Styled(f"In {area}", "bold"))
        for service in general:
            if service.area == area:
                out += [Styled("  " + line.text, line.style) for line in service_lines(service)]
    return out


def support_block(
    choice: RegionChoice,
    regions: Mapping[str, RegionLike],
    *,
    first: str | None = None,
    overrides: Sequence[str] = (),
) -> SupportBlock:
    """The urgent case first, then the region's lines (a group's first when `first` names
    one), then the other groups. The international directory when the region is unknown,
    and built-in words if no data can be read at all."""
    region = find_region(choice.code, regions)
    intl = regions.get(INTERNATIONAL)
    notes: list[str] = []
    covering = None if region else covering_region(choice.code, regions)
    if region is None and covering is not None:
        notes.append(
            f"kind has no lines of its own for {choice.code} yet; these work across "
            f"{covering.name}."
        )
        region = covering
    if region is None:
        if choice.code:
            notes.append(
                f"kind has no crisis lines for {choice.code} yet; the directory above lists "
                "lines in many countries."
            )
        if choice.source in ("none", "locale"):
            notes.append(
                "To see your own region's lines here, run `kind config set region XX` "
                "with your two-letter country code (`kind sos --list-regions` shows them)."
            )
        region = intl
    about = SOMEONE_ELSE if first == SOMEONE_ELSE else "self"
    if region is None:
        return SupportBlock(
            urgent_line(None, about), "People you can reach now", [Styled(FALLBACK_LINE)], [], notes
        )
    title = (
        "People you can reach now"
        if region.id == INTERNATIONAL
        else f"People you can reach now: {region.name}"
    )
    lines = _general_lines(region.services)
    groups: list[tuple[str, list[Styled]]] = []
    order = list(GROUPS)
    if first in GROUPS:
        order.remove(first)
        order.insert(0, first)
    for group in order:
        found = _group_lines(region.services, group)
        if found:
            groups.append((group, found))
    if region.id != INTERNATIONAL and intl is not None:
        notes.append("Somewhere else? https://findahelpline.com lists lines worldwide.")
    where = where_from(choice)
    if region.id != INTERNATIONAL and where:
        notes.insert(0, f"Lines for {region.name}, {where}.")
    return SupportBlock(
        urgent_line(region, about), title, lines, groups, notes, list(overrides), region.id
    )


NO_PLAN = (
    "When you feel steadier, `kind plan` helps you write a safety plan: your own list of "
    "what helps and who to reach."
)
PLAN_UNREADABLE = (
    "Your safety plan could not be read just now (`kind data doctor` can check the database)."
)


def plan_contacts(plan: SafetyPlan | None) -> list[str]:
    """The people the person wrote down to ask for help, in their own words."""
    if plan is None:
        return []
    return [item for item in plan.items("ask-for-help") if item.strip()]


def support_lines(
    block: SupportBlock,
    plan: SafetyPlan | None,
    plan_note: str | None = None,
    *,
    first: str | None = None,
) -> list[Styled]:
    """Everything to show, in order: the urgent case; what helps in the next minutes (or,
    for someone worried about another person, how to be with them); a group's lines first
    when asked for; the region's lines; the other groups; notes; then the person's own plan
    (or a word about writing one)."""
    out = [Styled(block.urgent, "bold"), Styled("")]
    if first == SOMEONE_ELSE:
        out += [*worried_lines(), Styled("")]
    else:
        out += [*next_minutes(plan_contacts(plan)), Styled("")]
    groups = dict(block.groups)
    if first in groups:
        out += [Styled(GROUPS[first], "bold"), *groups.pop(first), Styled("")]
    out.append(Styled(block.region_title, "bold"))
    out += [Styled(w, "bold") for w in block.warnings]
    out += block.lines
    for group, found in groups.items():
        out += [Styled(""), Styled(GROUPS[group], "bold"), *found]
    out += [Styled("")] + [Styled(note, "dim") for note in block.notes] if block.notes else []
    if first == SOMEONE_ELSE:
        return out
    out.append(Styled(""))
    if plan is not None and not plan.is_empty:
        from kindcli.practices.safety_plan import plan_lines  # only with a plan to show

        out.append(Styled("Your safety plan", "bold"))
        out += [Styled(text, style) for text, style in plan_lines(plan)]
    else:
        out.append(Styled(plan_note or NO_PLAN, "dim"))
    return out
