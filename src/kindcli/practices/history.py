"""`kind history`: every recorded session of every practice, read back in plain words.

The practices' names come from the registry (`kindcli.kinds`), so a new practice shows up
here with nothing added. A journal entry is a session too: its words come with it.
"""

from __future__ import annotations

import json
from typing import Any

from kindcli.errors import KindError
from kindcli.kinds import BY_ID, KINDS, from_word
from kindcli.practices import archive
from kindcli.store.records import JournalEntry, SessionRecord, local_time

HEADERS = ("id", "when", "practice", "what", "length", "check-in", "note")


def practice_id(word: str) -> str:
    """The practice a person means (`break`, `breathe`, `journaling`, ...)."""
    kind = from_word(word)
    if kind is None:
        known = ", ".join(k.id for k in KINDS)
        raise KindError(f"'{word}' is not a practice kind records.", f"Use one of: {known}.")
    return kind.id


def noun(record: SessionRecord) -> str:
    kind = BY_ID.get(record.practice)
    return kind.noun if kind else record.practice


def what(record: SessionRecord) -> str:
    if record.source == "manual":
        return "by hand"
    return record.content_id or ""


def length(record: SessionRecord) -> str:
    """How long it took: '12 min', '40 s', or nothing when nobody timed it."""
    seconds = record.actual_seconds
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def checkin(record: SessionRecord) -> str:
    """The 0-10 check-ins before and after: '6 → 3', '6 →', or nothing."""
    before, after = record.distress_before, record.distress_after
    if before is None and after is None:
        return ""
    return f"{'' if before is None else before} → {'' if after is None else after}".strip()


def note(record: SessionRecord, entry: JournalEntry | None) -> str:
    """What was written: a break's note, or the start of a journal entry."""
    if entry is not None:
        return entry.body
    written = record.details.get("note")
    return written if isinstance(written, str) else ""


def excerpt(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(1, width - 1)].rstrip() + "…"


def row(record: SessionRecord, entry: JournalEntry | None, room: int) -> tuple[str, ...]:
    return (
        record.id[:8],
        local_time(record.moment),
        record.practice,
        what(record),
        length(record),
        checkin(record),
        excerpt(note(record, entry), room),
    )


def as_json(record: SessionRecord, entry: JournalEntry | None) -> dict[str, Any]:
    """The same objects `kind export --format json` writes."""
    return archive.entry_record_json(entry) if entry else archive.session_json(record)


# ---- one session in full ------------------------------------------------------------------


def facts(record: SessionRecord) -> list[tuple[str, str]]:
    """Everything recorded about a session, as (label, value) lines."""
    lines = [("when", local_time(record.moment) + f" (UTC{_offset(record.moment.offset_minutes)})")]
    if record.content_id:
        lines.append(("which", record.content_id))
    if record.source == "manual":
        lines.append(("logged by hand", "yes"))
    if record.planned_seconds is not None:
        lines.append(("planned", _seconds(record.planned_seconds)))
    if record.actual_seconds is not None:
        lines.append(("took", _seconds(record.actual_seconds)))
    lines.append(("finished", "yes" if record.completed else "no, it ended early"))
    if record.distress_before is not None:
        lines.append(("check-in before", f"{record.distress_before} of 10"))
    if record.distress_after is not None:
        lines.append(("check-in after", f"{record.distress_after} of 10"))
    lines += _details(record.details)
    return lines


def _details(details: dict[str, Any]) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    done: set[str] = set()
    for total, label in (("steps", "steps"), ("cycles", "cycles")):
        if f"{total}_completed" in details or f"{total}_total" in details:
            planned = details.get(f"{total}_total", details.get(f"{total}_planned"))
            count = details.get(f"{total}_completed")
            shown.append((label, f"{count} of {planned}" if planned is not None else str(count)))
            done |= {f"{total}_completed", f"{total}_total", f"{total}_planned"}
    if isinstance(details.get("note"), str) and details["note"]:
        shown.append(("note", details["note"]))
    if isinstance(details.get("phrase"), str) and details["phrase"]:
        own = " (your own words)" if details.get("phrase_own") else ""
        shown.append(("kind words", details["phrase"] + own))
    for choice in details.get("choices") or []:
        if isinstance(choice, dict) and choice.get("text"):
            shown.append((f"chosen at step {choice.get('step')}", str(choice["text"])))
    done |= {"note", "phrase", "phrase_own", "choices"}
    for key, value in details.items():
        if key in done or value is None or value == [] or value == {}:
            continue
        shown.append((key.replace("_", " "), _value(value)))
    return shown


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return f"{value:g}"
    return json.dumps(value, ensure_ascii=False)


def _seconds(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    return f"{seconds / 60:.1f} minutes".replace(".0 ", " ")


def _offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
