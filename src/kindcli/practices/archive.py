"""kind's own JSON export format, both ways: records to JSON objects, and a document back
into records, checked field by field (`kind export --format json`, `kind import`).

The README documents the format ("The JSON export"). Version 1:

    {"format": "kind", "format_version": 1, "kind_version": ..., "exported_utc": ...,
     "filters": {"since", "until", "only"},
     "sessions": [...], "journal": [...], "state": [...]}

`sessions` are the sessions that are not journal entries (breaks, breathing, meditations,
practice logged by hand); `journal` the entries, each with its session's fields; `state`
what a person chose to keep (safety plan, loving-kindness phrases, the words chosen in a
break). New keys may be added within a version; readers ignore keys they do not know.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from kindcli.errors import KindError
from kindcli.kinds import PRACTICE_IDS
from kindcli.ports import Moment, format_utc, parse_utc
from kindcli.practices import meditation_phrases, safety_plan
from kindcli.store.records import (
    Archive,
    JournalAnswer,
    JournalEntry,
    SessionRecord,
    StateItem,
    body_of,
    entry_json,
    local_time,
)

FORMAT = "kind"
FORMAT_VERSION = 1
# The remembered values that are a person's own (others are kind's bookkeeping: the
# welcome shown, reminders sent).
OWN_STATE_KEYS = (safety_plan.STATE_KEY, meditation_phrases.STATE_KEY)

T = TypeVar("T")


def is_own_state(key: str) -> bool:
    """A person's own remembered value: their safety plan, their loving-kindness phrases,
    or the words they chose at a step of a break (`break.<id>.choice.<n>`)."""
    parts = key.split(".")
    chosen = len(parts) == 4 and parts[0] == "break" and parts[2] == "choice"
    return key in OWN_STATE_KEYS or chosen


# ---- records to JSON ------------------------------------------------------------------------


def session_json(r: SessionRecord) -> dict[str, Any]:
    m = r.moment
    return {
        "id": r.id,
        "practice": r.practice,
        "content_id": r.content_id,
        "date": m.local_date.isoformat(),
        "time": local_time(m),
        "utc": m.utc_text,
        "utc_offset_minutes": m.offset_minutes,
        "planned_seconds": r.planned_seconds,
        "actual_seconds": r.actual_seconds,
        "completed": r.completed,
        "distress_before": r.distress_before,
        "distress_after": r.distress_after,
        "source": r.source,
        "details": r.details,
    }


_SESSION_ONLY = (
    "content_id",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "distress_before",
    "distress_after",
    "source",
    "details",
)


def entry_record_json(e: JournalEntry) -> dict[str, Any]:
    """A journal entry as `kind journal --json` shows it, with its session's fields too."""
    session = session_json(e.session)
    shown = entry_json(e)
    return (
        {"id": shown.pop("id"), "practice": "journal"}
        | shown
        | {k: session[k] for k in _SESSION_ONLY}
    )


def state_json(item: StateItem) -> dict[str, Any]:
    return {"key": item.key, "value": item.value, "updated_utc": item.updated_utc}


def header(
    exported: datetime,
    kind_version: str,
    since: date | None,
    until: date | None,
    only: str | None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind_version": kind_version,
        "exported_utc": format_utc(exported),
        "filters": {
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "only": only,
        },
    }


# ---- JSON back to records -------------------------------------------------------------------


class BadData(KindError):
    """A document that cannot be imported: `where` is the path inside it (journal[3].tags)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


_MISSING = object()


class Fields:
    """One JSON object being read, each value checked for its type, with its place named
    in every problem (`journal[3].utc`)."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise BadData(where, f"expected an object, found {_kind_of(value)}")
        self.data: dict[str, Any] = value
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, check: Callable[[Any, str], Any], default: Any = _MISSING) -> Any:
        if key not in self.data:
            if default is _MISSING:
                raise BadData(self.at(key), "is missing")
            return default
        value = self.data[key]
        if value is None and default is None:
            return None
        return check(value, self.at(key))


def text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise BadData(where, f"expected text, found {_kind_of(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadData(where, "holds a character that is not valid text") from None
    return value


def whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadData(where, f"expected a whole number, found {_kind_of(value)}")
    return value


def number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise BadData(where, f"expected a number, found {_kind_of(value)}")
    if value < 0:
        raise BadData(where, f"expected a number of seconds, found {value}")
    return value


def truth(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadData(where, f"expected true or false, found {_kind_of(value)}")
    return value


def rating(value: Any, where: str) -> int:
    found = whole(value, where)
    if not 0 <= found <= 10:
        raise BadData(where, f"a check-in is 0 to 10, not {found}")
    return found


def record_id(value: Any, where: str) -> str:
    found = text(value, where)
    try:
        if str(uuid.UUID(found)) == found:
            return found
    except ValueError:
        pass
    raise BadData(where, f"'{found[:40]}' is not a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427")


def instant(value: Any, where: str) -> datetime:
    found = text(value, where)
    try:
        return parse_utc(found)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(found)
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() is None:
        raise BadData(
            where, f"'{found[:40]}' is not a UTC instant like 2026-03-14T08:30:00.000000Z"
        )
    return parsed


def iso(value: Any, where: str, parse: Callable[[str], T], like: str, shown: int = 40) -> T:
    """Text in an ISO form `parse` reads (a date, a time), or BadData naming the form `like`
    (with at most `shown` characters of what was found)."""
    found = text(value, where)
    try:
        return parse(found)
    except ValueError:
        raise BadData(where, f"'{found[:shown]}' is not {like}") from None


def day(value: Any, where: str) -> date:
    return iso(value, where, date.fromisoformat, "a date like 2026-03-14")


def offset(value: Any, where: str) -> int:
    found = whole(value, where)
    if not -18 * 60 <= found <= 18 * 60:
        raise BadData(where, f"{found} minutes is not a UTC offset")
    return found


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadData(where, f"expected an object, found {_kind_of(value)}")
    return value


def items(value: Any, where: str, *, consume: bool = False) -> Iterator[tuple[Any, str]]:
    """Each item of a list with its place; with `consume`, each is let go once read, so a
    long document is not held twice (as JSON and as records)."""
    if not isinstance(value, list):
        raise BadData(where, f"expected a list, found {_kind_of(value)}")
    for i in range(len(value)):
        yield value[i], f"{where}[{i}]"
        if consume:
            value[i] = None


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def read_archive(doc: Any, tag: Callable[[str], str]) -> Archive:
    """Records from a kind export. `tag` checks a tag (it raises KindError when a tag
    cannot be one). Raises BadData naming the first problem and where it is."""
    top = Fields(doc, "")
    if top.data.get("format") != FORMAT:
        raise BadData("", 'this is not a kind export (it has no "format": "kind")')
    version = top.get("format_version", whole)
    if version > FORMAT_VERSION:
        raise BadData(
            "format_version",
            f"{version} is newer than this kind reads (up to {FORMAT_VERSION}); "
            "upgrade kind (pip install --upgrade kindcli) to import it",
        )
    if version < 1:
        raise BadData("format_version", f"{version} is not a version kind ever wrote")
    archive = Archive()
    seen: dict[str, str] = {}
    for value, where in items(top.get("sessions", lambda v, w: v, []), "sessions", consume=True):
        archive.sessions.append(_session(Fields(value, where), None))
        _once(seen, archive.sessions[-1].id, f"{where}.id")
    for value, where in items(top.get("journal", lambda v, w: v, []), "journal", consume=True):
        archive.entries.append(_entry(Fields(value, where), tag))
        _once(seen, archive.entries[-1].id, f"{where}.id")
    keys: dict[str, str] = {}
    for value, where in items(top.get("state", lambda v, w: v, []), "state"):
        item = _state(Fields(value, where))
        _once(keys, item.key, f"{where}.key")
        archive.state.append(item)
    return archive


def _once(seen: dict[str, str], key: str, where: str) -> None:
    if key in seen:
        raise BadData(where, f"'{key}' appears twice in the file (first at {seen[key]})")
    seen[key] = where


def _session(f: Fields, practice: str | None) -> SessionRecord:
    kind = practice or f.get("practice", text)
    if kind not in PRACTICE_IDS:
        raise BadData(f.at("practice"), f"'{kind}' is not a practice this kind knows")
    utc = f.get("utc", instant)
    return SessionRecord(
        id=f.get("id", record_id),
        practice=kind,
        content_id=f.get("content_id", text, None),
        moment=Moment(
            utc=utc.astimezone(UTC),
            offset_minutes=f.get("utc_offset_minutes", offset),
            local_date=f.get("date", day),
        ),
        planned_seconds=f.get("planned_seconds", number, None),
        actual_seconds=f.get("actual_seconds", number, None),
        completed=f.get("completed", truth, True),
        distress_before=f.get("distress_before", rating, None),
        distress_after=f.get("distress_after", rating, None),
        source=f.get("source", text, "app"),
        details=f.get("details", obj, {}),
    )


def _entry(f: Fields, tag: Callable[[str], str]) -> JournalEntry:
    session = _session(f, "journal")
    answers = [
        JournalAnswer(
            question_id=a.get("question_id", text),
            question=a.get("question", text),
            answer=a.get("answer", text),
        )
        for a in (Fields(v, w) for v, w in items(f.get("answers", lambda v, w: v), f.at("answers")))
    ]
    tags = []
    for value, where in items(f.get("tags", lambda v, w: v, []), f.at("tags")):
        written = text(value, where)
        try:
            tags.append(tag(written))
        except KindError as e:
            raise BadData(where, e.message) from None
    body = f.get("text", text, None)
    return JournalEntry(
        session=session,
        prompt_id=f.get("prompt", text, None),
        body=body if body is not None else body_of(answers),
        answers=answers,
        tags=sorted(set(tags)),
        # An entry never edited was last changed when it was written.
        updated_utc=format_utc(f.get("updated_utc", instant, None) or session.moment.utc),
    )


def _state(f: Fields) -> StateItem:
    key = f.get("key", text)
    if not is_own_state(key):
        raise BadData(f.at("key"), f"'{key}' is not something kind keeps in an export")
    if "value" not in f.data:
        raise BadData(f.at("value"), "is missing")
    return StateItem(key, f.data["value"], format_utc(f.get("updated_utc", instant)))
