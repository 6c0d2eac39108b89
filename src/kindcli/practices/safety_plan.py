"""A personal safety plan (in the style of Stanley and Brown): seven short lists a person
writes for themselves while they feel steady, to reach for when things get hard.

Pure Python on ports. The plan is saved after every section, so stopping part-way (or
Ctrl-C) keeps everything written so far.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kindcli.errors import KindError
from kindcli.ports import Prompter, Renderer

STATE_KEY = "safety_plan"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    question: str
    hint: str


SECTIONS: tuple[Section, ...] = (
    Section(
        "warning-signs",
        "Warning signs",
        "What tells you a hard time might be starting?",
        "Thoughts, feelings, situations or habits, in your own words.",
    ),
    Section(
        "on-my-own",
        "Things I can do on my own",
        "What helps you settle or take your mind off things, without needing anyone else?",
        "A walk, music, a shower, a game, feeling your feet on the floor.",
    ),
    Section(
        "people-and-places",
        "People and places that help me feel better",
        "Who or where could you go to be around others, even without talking about it?",
        "A friend's kitchen, a cafe, a library, a group you belong to.",
    ),
    Section(
        "ask-for-help",
        "People I can ask for help",
        "Who could you tell that you are struggling?",
        "Add a phone number if you like, so it is right here when you need it.",
    ),
    Section(
        "professionals",
        "Professionals and crisis lines",
        "Which doctor, therapist or service could you contact?",
        "Your region's crisis lines are always in `kind sos` too.",
    ),
    Section(
        "safer-surroundings",
        "Making my surroundings safer",
        "What could you put away, or ask someone to keep for you, on a hard day?",
        "Small steps count. A trusted person can help with this.",
    ),
    Section(
        "reasons",
        "My reasons to keep going",
        "What matters to you, big or small?",
        "People, pets, plans, places, things you are curious about.",
    ),
)
SECTION_IDS = tuple(s.id for s in SECTIONS)

INTRO = (
    "A safety plan is a short list, in your own words, of what helps when things get hard.",
    "It is yours. Skip any section, keep it short, and come back to it whenever you like.",
    "Everything is saved as you go, only on this machine.",
)
ADD_ONE = "Add one (or press Enter to move on)"
KEEP, ADD_MORE, REWRITE, CLEAR = "Keep as it is", "Add more", "Write it again", "Clear it"


@dataclass
class SafetyPlan:
    sections: dict[str, list[str]] = field(default_factory=dict)

    def items(self, section_id: str) -> list[str]:
        return list(self.sections.get(section_id, []))

    @property
    def is_empty(self) -> bool:
        return not any(self.sections.get(s) for s in SECTION_IDS)

    def to_state(self) -> dict[str, Any]:
        return {"version": 1, "sections": {s: self.items(s) for s in SECTION_IDS}}

    @classmethod
    def from_state(cls, value: object) -> SafetyPlan:
        """Forgiving: anything unexpected in the stored value is left out, never fatal."""
        plan = cls()
        if not isinstance(value, dict):
            return plan
        sections = value.get("sections")
        if not isinstance(sections, dict):
            return plan
        for sid in SECTION_IDS:
            items = sections.get(sid)
            if isinstance(items, list):
                plan.sections[sid] = [str(i) for i in items if isinstance(i, str) and i.strip()]
        return plan

    def as_json(self) -> list[dict[str, Any]]:
        return [{"id": s.id, "title": s.title, "items": self.items(s.id)} for s in SECTIONS]


class SectionSaver:
    """Saves a plan as it is being written: only the sections changed since `loaded` are
    merged into what is stored now, inside one read-change-write (`update`), so a second
    kind window editing another section keeps its change."""

    def __init__(
        self, loaded: SafetyPlan, update: Callable[[Callable[[object], object]], object]
    ) -> None:
        self._baseline = {sid: loaded.items(sid) for sid in SECTION_IDS}
        self._update = update

    def __call__(self, plan: SafetyPlan) -> None:
        changed = {
            sid: plan.items(sid) for sid in SECTION_IDS if plan.items(sid) != self._baseline[sid]
        }

        def merge(stored: object) -> object:
            current = SafetyPlan.from_state(stored)
            current.sections.update(changed)
            return current.to_state()

        self._update(merge)
        self._baseline.update(changed)


def find_section(name: str) -> Section:
    """A section by id, number (1-7), or the start of its id or title: `reasons`, `3`."""
    key = name.strip().lower()
    if key.isdigit() and 1 <= int(key) <= len(SECTIONS):
        return SECTIONS[int(key) - 1]
    for s in SECTIONS:
        if key in (s.id, s.title.lower()):
            return s
    starts = [s for s in SECTIONS if s.id.startswith(key) or s.title.lower().startswith(key)]
    if len(starts) == 1 and key:
        return starts[0]
    listing = ", ".join(f"{n} {s.id}" for n, s in enumerate(SECTIONS, start=1))
    raise KindError(
        f"There is no safety plan section called '{name}'.", f"The sections: {listing}."
    )


def plan_lines(plan: SafetyPlan) -> list[tuple[str, str | None]]:
    """The plan as (text, style) lines; sections with nothing written are left out."""
    out: list[tuple[str, str | None]] = []
    for s in SECTIONS:
        items = plan.items(s.id)
        if not items:
            continue
        out.append((s.title, "bold"))
        out += [(f"  - {item}", None) for item in items]
    return out


def edit_section(
    section: Section,
    plan: SafetyPlan,
    prompter: Prompter,
    renderer: Renderer,
    save: Callable[[SafetyPlan], None],
) -> SafetyPlan:
    """Walk one section: show what is there, ask what to do, gather new lines."""
    renderer.line()
    renderer.heading(section.title)
    renderer.line(section.question)
    renderer.line(section.hint, style="dim")
    current = plan.items(section.id)
    if current:
        for item in current:
            renderer.line(f"  - {item}")
        choice = prompter.select("What would you like to do?", [KEEP, ADD_MORE, REWRITE, CLEAR])
        if choice == KEEP:
            return plan
        if choice in (CLEAR, REWRITE):
            plan.sections[section.id] = []
            save(plan)
        if choice == CLEAR:
            return plan
    # Saved after every line, so Ctrl-C part-way keeps everything typed so far.
    while True:
        answer = prompter.text(ADD_ONE).strip()
        if not answer:
            return plan
        plan.sections[section.id] = [*plan.items(section.id), answer]
        save(plan)


def walk(
    plan: SafetyPlan,
    prompter: Prompter,
    renderer: Renderer,
    save: Callable[[SafetyPlan], None],
    sections: Sequence[Section] = SECTIONS,
) -> SafetyPlan:
    """Go through `sections` in order, saving after each one."""
    if len(sections) > 1:
        for line in INTRO:
            renderer.line(line)
    for section in sections:
        plan = edit_section(section, plan, prompter, renderer, save)
    renderer.line()
    renderer.line("Your plan is saved. `kind plan show` shows it, and `kind sos` shows it too.")
    return plan
