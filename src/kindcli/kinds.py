"""The one registry of practice kinds: what a practice is, for every part of kind.

Each kind of practice is one frozen record below. Every other table that knows the
practices is derived from KINDS: the practice types the store accepts and counts, the
content types the catalog reads, the nouns in messages and in `kind stats`, the menu, the
first-run welcome, the words `kind log` accepts, and the lazily built commands. Adding a
practice means adding one record here, plus its own modules (a practice, a command, a
content model); `tests/test_kinds.py` proves that nothing else needs editing.

This module sits at the bottom of the layers (it imports nothing of kind's), so the store
and the catalog can derive their tables from it without reaching up into practices/.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple


class Facts(NamedTuple):
    """What the counting rule may look at in a saved session."""

    source: str  # "app" or "manual"
    completed: bool
    actual_seconds: float | None
    details: Mapping[str, Any]


def _always(facts: Facts) -> bool:
    return True


def _breath_counts(facts: Facts) -> bool:
    # One full breath cycle makes a breathing session practice; a few seconds do not.
    cycles = facts.details.get("cycles_completed")
    return isinstance(cycles, int | float) and cycles >= 1


def _break_counts(facts: Facts) -> bool:
    # A break printed to a pipe, not paced, was read rather than practiced (it says so).
    return facts.details.get("counts_as_practice", True) is not False


def _meditation_counts(facts: Facts) -> bool:
    # A meditation of at least a minute, or one sat to its end, is practice.
    return facts.completed or (facts.actual_seconds or 0) >= 60


@dataclass(frozen=True)
class PracticeKind:
    """One kind of practice.

    `id` is what the store keeps in `sessions.practice`, so it never changes once shipped.
    `cli` names the module and attribute of its command, or None while it has none (it can
    still be logged by hand with `kind log`).
    """

    id: str
    command: str
    content_type: str  # the folder of its content: content/<content_type>/*.yaml
    model: str  # the class in kindcli.catalog.models that one item of it is
    content_noun: str  # one item of its content: "breathing pattern"
    noun: str  # one session: "breathing session"
    nouns: str  # several sessions: "breathing sessions"
    table_name: str  # its row in the `kind stats` totals: "breathing"
    used_name: str  # what "most used" lists: "breathing patterns"
    menu_label: str
    welcome: bool  # the first run of its command on a terminal shows the welcome
    log_aliases: tuple[str, ...]
    counts: Callable[[Facts], bool]
    cli: tuple[str, str] | None = None

    def counts_as_practice(self, facts: Facts) -> bool:
        """Whether a session counts toward practice days and streaks. Anything a person
        logged by hand counts: they say they practiced."""
        return facts.source == "manual" or self.counts(facts)


KINDS: tuple[PracticeKind, ...] = (
    PracticeKind(
        id="break",
        command="break",
        content_type="breaks",
        model="Break",
        content_noun="break",
        noun="break",
        nouns="breaks",
        table_name="breaks",
        used_name="breaks",
        menu_label="A short self-compassion break",
        welcome=True,
        log_aliases=("breaks",),
        counts=_break_counts,
        cli=("kindcli.cli.breaks", "take_break"),  # `break` is a keyword
    ),
    PracticeKind(
        id="breathing",
        command="breathe",
        content_type="breathing",
        model="BreathingPattern",
        content_noun="breathing pattern",
        noun="breathing session",
        nouns="breathing sessions",
        table_name="breathing",
        used_name="breathing patterns",
        menu_label="Slow, paced breathing",
        welcome=True,
        log_aliases=("breathe",),
        counts=_breath_counts,
        cli=("kindcli.cli.breathe", "breathe"),
    ),
    PracticeKind(
        id="journal",
        command="journal",
        content_type="prompts",
        model="PromptSet",
        content_noun="prompt set",
        noun="journal entry",
        nouns="journal entries",
        table_name="journaling",
        used_name="journal prompts",
        menu_label="Write in your journal",
        welcome=True,
        log_aliases=("journaling",),
        counts=_always,
        cli=("kindcli.cli.journal", "app"),
    ),
    PracticeKind(
        id="meditation",
        command="meditate",
        content_type="meditations",
        model="Meditation",
        content_noun="meditation",
        noun="meditation",
        nouns="meditations",
        table_name="meditation",
        used_name="meditations",
        menu_label="A guided meditation",
        welcome=True,
        log_aliases=("meditate",),
        counts=_meditation_counts,
        cli=("kindcli.cli.meditate", "app"),
    ),
)

BY_ID: dict[str, PracticeKind] = {k.id: k for k in KINDS}
PRACTICE_IDS: tuple[str, ...] = tuple(BY_ID)


def get(practice_id: str) -> PracticeKind:
    return BY_ID[practice_id]


def from_word(word: str) -> PracticeKind | None:
    """The kind a person means by `word`: its id, command or one of its aliases."""
    key = word.strip().lower()
    for kind in KINDS:
        if key in (kind.id, kind.command, *kind.log_aliases):
            return kind
    return None


def sessions_in_words(practice: str, n: int) -> str:
    """How sessions are counted in words: "1 break", "3 breathing sessions"."""
    kind = BY_ID.get(practice)
    one, many = (kind.noun, kind.nouns) if kind else (practice, practice)
    return f"{n} {one if n == 1 else many}"


def counts_as_practice(
    practice: str,
    source: str,
    completed: bool,
    actual_seconds: float | None,
    details: Mapping[str, Any],
) -> bool:
    """The rule, in one place: used by the store on every write and by the migration that
    counts what was saved before (a practice kind this kind does not know never counts)."""
    kind = BY_ID.get(practice)
    if kind is None:
        return False
    return kind.counts_as_practice(Facts(source, bool(completed), actual_seconds, details))
