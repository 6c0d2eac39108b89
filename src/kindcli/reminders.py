"""Reminders: the times kind may offer a gentle nudge, as kept in the config file.

A reminder is a time of day, the days of the week it applies to, and optionally the
practice it invites. They live in the settings file as an array of tables, so a person can
read and edit them by hand:

    [[reminders]]
    id = 1
    time = "08:30"
    days = "mon-fri"
    practice = "break"

This module parses and describes them (and quiet hours, which use the same times); the
scheduler adapters turn them into timers, and `practices.nudge` decides whether a nudge
goes out. It sits in the core: it imports only the practice registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

KEY = "reminders"  # the config file's array of tables
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPANS = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "every-day": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}
DAYS_ALLOWED = "daily, weekdays, weekends, or day names like mon-fri or sat,sun"
TIME_ALLOWED = "a time of day like 08:30, 8:30pm or 20:30"
QUIET_ALLOWED = "two times like 22:00-07:00 (from-until), or 'off'"
QUIET_OFF = "off"

# Compiled on first use (re keeps it): importing this module stays cheap for `kind hello`.
_TIME = r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$"


class Reminder(NamedTuple):
    id: int
    hour: int
    minute: int
    days: frozenset[int]  # 0 is Monday
    practice: str | None  # a practice id from the registry; None: any practice

    @property
    def time_text(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def days_text(self) -> str:
        return days_text(self.days)

    def as_toml(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.id, "time": self.time_text, "days": self.days_text}
        if self.practice:
            item["practice"] = self.practice
        return item

    def describe(self) -> str:
        """ "08:30 on weekdays, for a break" (the practice said with its registry noun)."""
        when = f"{self.time_text} {days_phrase(self.days)}"
        if self.practice is None:
            return when
        from kindcli.kinds import BY_ID

        kind = BY_ID.get(self.practice)
        return f"{when}, for a {kind.noun if kind else self.practice}"


def parse_time(text: str) -> tuple[int, int]:
    """'8:30', '08:30', '20:30', '8pm', '8.30am' -> (hour, minute). ValueError otherwise."""
    m = re.match(_TIME, text.strip().lower())
    if not m:
        raise ValueError(f"'{text}' is not a time: use {TIME_ALLOWED}.")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = m.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text}' is not a time: use {TIME_ALLOWED}.")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text}' is not a time: use {TIME_ALLOWED}.")
    return hour, minute


def _day(word: str) -> int:
    for i, (short, full) in enumerate(zip(DAY_NAMES, _FULL_NAMES, strict=True)):
        if word == short or (len(word) >= 3 and full.startswith(word)):
            return i
    raise ValueError(word)


def parse_days(text: str) -> frozenset[int]:
    """'daily', 'weekdays', 'mon-fri', 'sat,sun', 'mon,wed-fri' -> weekday numbers (0 is
    Monday). A range may wrap past Sunday ('fri-mon')."""
    words = text.strip().lower().replace(" ", "")
    if words in _SPANS:
        return _SPANS[words]
    days: set[int] = set()
    try:
        for part in words.split(","):
            if "-" in part:
                first, last = (_day(w) for w in part.split("-", 1))
                span = (last - first) % 7
                days.update((first + i) % 7 for i in range(span + 1))
            else:
                days.add(_day(part))
    except ValueError:
        raise ValueError(f"'{text}' is not a set of days: use {DAYS_ALLOWED}.") from None
    return frozenset(days)


def days_text(days: Iterable[int]) -> str:
    """The short form kept in the file: 'daily', 'mon-fri', 'sat,sun', 'mon,wed-fri'."""
    chosen = sorted(set(days))
    if set(chosen) == EVERY_DAY:
        return "daily"
    parts: list[str] = []
    start = prev = None
    for d in [*chosen, None]:
        if d is not None and prev is not None and d == prev + 1:
            prev = d
            continue
        if start is not None and prev is not None:
            if prev - start >= 2:
                parts.append(f"{DAY_NAMES[start]}-{DAY_NAMES[prev]}")
            else:
                parts.extend(DAY_NAMES[i] for i in range(start, prev + 1))
        start = prev = d
    return ",".join(parts)


def days_phrase(days: Iterable[int]) -> str:
    """How the days read in a sentence: 'every day', 'on weekdays', 'on Mon, Wed and Fri'."""
    chosen = frozenset(days)
    if chosen == EVERY_DAY:
        return "every day"
    if chosen == _SPANS["weekdays"]:
        return "on weekdays"
    if chosen == _SPANS["weekends"]:
        return "on weekends"
    names = [DAY_NAMES[d].capitalize() for d in sorted(chosen)]
    if len(names) == 1:
        return f"on {_FULL_NAMES[min(chosen)].capitalize()}s"
    return "on " + ", ".join(names[:-1]) + " and " + names[-1]


def practice_id(word: str) -> str:
    """The registry id for a practice a person names ('breathe' -> 'breathing')."""
    from kindcli.kinds import KINDS, from_word

    kind = from_word(word)
    if kind is None:
        known = ", ".join(k.command for k in KINDS)
        raise ValueError(f"'{word}' is not a practice kind knows: use {known}.")
    return kind.id


def from_toml(item: object) -> Reminder:
    """One `[[reminders]]` table, checked. ValueError names what is wrong."""
    if not isinstance(item, Mapping):
        raise ValueError("each reminder is a table with id, time and days")
    unknown = sorted(set(item) - {"id", "time", "days", "practice"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (a reminder has id, time, days, practice)")
    rid = item.get("id")
    if isinstance(rid, bool) or not isinstance(rid, int) or rid < 1:
        raise ValueError("its id must be a whole number from 1")
    time, days, practice = item.get("time"), item.get("days", "daily"), item.get("practice")
    if not isinstance(time, str):
        raise ValueError(f"reminder {rid}: time must be {TIME_ALLOWED}")
    if not isinstance(days, str):
        raise ValueError(f"reminder {rid}: days must be {DAYS_ALLOWED}")
    if practice is not None and not isinstance(practice, str):
        raise ValueError(f"reminder {rid}: practice must be a practice's name")
    try:
        hour, minute = parse_time(time)
        chosen = parse_days(days)
        kind = practice_id(practice) if practice is not None else None
    except ValueError as e:
        raise ValueError(f"reminder {rid}: {e}") from None
    return Reminder(rid, hour, minute, chosen, kind)


def from_config(value: object) -> tuple[list[Reminder], list[str]]:
    """The reminders in the file's `reminders` value, and a message for each that is not
    usable (the rest still work)."""
    if not isinstance(value, list):
        return [], ["reminders must be a list of [[reminders]] tables"]
    found: list[Reminder] = []
    problems: list[str] = []
    seen: set[int] = set()
    for item in value:
        try:
            reminder = from_toml(item)
        except ValueError as e:
            problems.append(str(e))
            continue
        if reminder.id in seen:
            problems.append(f"two reminders have the id {reminder.id}")
            continue
        seen.add(reminder.id)
        found.append(reminder)
    return found, problems


def next_id(items: Iterable[object]) -> int:
    """One more than the largest id in the file, so an id is never given to two reminders
    (even one that is not valid as written)."""
    ids: list[int] = [
        i["id"]
        for i in items
        if isinstance(i, Mapping) and isinstance(i.get("id"), int) and not isinstance(i["id"], bool)
    ]
    return max([0, *ids]) + 1


# ---- quiet hours -----------------------------------------------------------------------------


class QuietHours(NamedTuple):
    start: tuple[int, int]
    end: tuple[int, int]

    def covers(self, hour: int, minute: int) -> bool:
        """Whether a moment falls inside (from `start`, up to but not including `end`;
        spans that pass midnight wrap)."""
        at = (hour, minute)
        if self.start <= self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    @property
    def text(self) -> str:
        return f"{self.start[0]:02d}:{self.start[1]:02d}-{self.end[0]:02d}:{self.end[1]:02d}"


def parse_quiet_hours(text: str) -> QuietHours | None:
    """'22:00-07:00' -> QuietHours; 'off', 'none' or '' -> None. ValueError otherwise."""
    words = text.strip().lower()
    if words in ("", QUIET_OFF, "none", "no"):
        return None
    parts = words.split("-")
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not a span of time: use {QUIET_ALLOWED}.")
    try:
        start, end = parse_time(parts[0]), parse_time(parts[1])
    except ValueError:
        raise ValueError(f"'{text}' is not a span of time: use {QUIET_ALLOWED}.") from None
    if start == end:
        raise ValueError(f"'{text}' starts and ends at the same time: use {QUIET_ALLOWED}.")
    return QuietHours(start, end)
