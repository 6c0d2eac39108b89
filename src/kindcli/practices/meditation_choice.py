"""What `kind meditate` offers when no meditation is named: the short chooser (by what a
meditation is for, by length, the informal guides, the timer) and today's suggestion
(varied from what the person did lately).

Pure Python on the Prompter port; content models are imported only for type checking.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from kindcli.ports import Prompter
from kindcli.practices.durations import about

if TYPE_CHECKING:
    from kindcli.catalog.models import Meditation

# ---- choosing one ---------------------------------------------------------------------------

# The chooser's groups, in order: what a meditation is for, then by length, then the
# informal guides. A meditation can be in more than one.
SHORT_MINUTES = 5
GROUPS: tuple[tuple[str, Callable[[Meditation], bool]], ...] = (
    ("For a hard moment", lambda m: m.kind == "guided" and "hard-moment" in m.suits),
    ("For winding down", lambda m: m.kind == "guided" and "winding-down" in m.suits),
    ("For kindness toward yourself", lambda m: m.kind == "guided" and "kindness" in m.suits),
    ("Just a few minutes", lambda m: m.kind == "guided" and m.minutes <= SHORT_MINUTES),
    ("Something for away from the keyboard", lambda m: m.kind == "informal"),
)
TIMER_CHOICE = "A silent timer, with bells if you like"
NOT_NOW = "Not right now"
CHOOSE_WHAT = "What would you like?"
CHOOSE_WHICH = "Which one?"
TIMER = "timer"


def label(meditation: Meditation) -> str:
    """How a meditation is offered: its name, its length and what it is."""
    length = "a short guide" if meditation.kind == "informal" else about(meditation.minutes)
    return f"{meditation.name} ({length}): {meditation.summary}"


def choose(
    prompter: Prompter, meditations: Sequence[Meditation], suggestion: Suggestion | None
) -> str | None:
    """The short chooser: today's suggestion, the groups, the timer. Returns a meditation
    id, TIMER, or None for not now."""
    first: dict[str, list[Meditation]] = {}
    if suggestion is not None:
        first[f"Suggested for today: {label(suggestion.meditation)}"] = [suggestion.meditation]
    for name, fits in GROUPS:
        members = [m for m in meditations if fits(m)]
        if members:
            first[name] = members
    choices = [*first, TIMER_CHOICE, NOT_NOW]
    picked = prompter.select(CHOOSE_WHAT, choices, default=choices[0])
    if picked == TIMER_CHOICE:
        return TIMER
    if picked == NOT_NOW:
        return None
    members = first[picked]
    if len(members) == 1:
        return members[0].id
    labels = {label(m): m.id for m in members}
    which = [*labels, NOT_NOW]
    answer = prompter.select(CHOOSE_WHICH, which, default=which[0])
    return labels.get(answer)


# ---- today's suggestion ---------------------------------------------------------------------

EVENING_HOUR = 18
NIGHT_HOUR = 4


@dataclass(frozen=True)
class Suggestion:
    meditation: Meditation
    reason: str


def suggest(
    meditations: Sequence[Meditation],
    recent: Sequence[tuple[str | None, date]],
    now: datetime,
) -> Suggestion | None:
    """One guided meditation for today, varied from what was done lately.

    `recent` is (content id, local date) of the person's meditations, in any order. The one
    not done for the longest time wins (never done first of all); in the evening one for
    winding down is preferred among equals; remaining ties are broken by the date, so the
    suggestion stays the same all day and changes from one day to the next.
    """
    guided = [m for m in meditations if m.kind == "guided"]
    if not guided:
        return None
    today = now.date()
    last: dict[str, date] = {}
    for content_id, day in recent:
        if content_id is not None and (content_id not in last or day > last[content_id]):
            last[content_id] = day
    evening = now.hour >= EVENING_HOUR or now.hour < NIGHT_HOUR

    def rank(m: Meditation) -> tuple[float, bool, str]:
        done = last.get(m.id)
        days = math.inf if done is None else (today - done).days
        fits = evening and "winding-down" in m.suits
        stir = hashlib.sha256(f"{today.isoformat()}:{m.id}".encode()).hexdigest()
        return (days, fits, stir)

    best = max(guided, key=rank)
    done = last.get(best.id)
    if done is None:
        reason = "You have not tried this one yet."
        if not last:
            reason = "A gentle place to begin."
    else:
        days = (today - done).days
        when = "earlier today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
        reason = f"You last practiced it {when}."
    if evening and "winding-down" in best.suits:
        reason += " It suits the evening, too."
    return Suggestion(best, reason)
