"""`--from jrnl`: jrnl's JSON export (`jrnl --format json`), as journal entries.

jrnl keeps a local wall-clock time with no UTC offset, so each entry's date and time are
read as local times where kind runs now (the date's local day is kept as it is). The
title and body become one answer to the free-writing question, the title on its own first
line as jrnl writes it; jrnl's tags (`@work`, `#sleep`) become kind tags, and a starred
entry gets the tag `starred`. Each entry's id is derived from what it holds, so importing
the same file again adds nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from kindcli.errors import KindError
from kindcli.ports import Moment, format_utc
from kindcli.practices.archive import Fields, day, iso, items, text, truth
from kindcli.practices.importers import Context, Importer
from kindcli.store.records import Archive, JournalAnswer, JournalEntry, SessionRecord

# For ids derived from an entry's content (uuid5): the same entry, the same id.
NAMESPACE = uuid.UUID("5b1e0f3c-7d0a-4c55-9a53-6b4f1b9d2c10")
STARRED = "starred"


def recognizes(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("entries"), list)
        and "format" not in doc
        and isinstance(doc.get("tags", {}), dict)
    )


def clock_time(value: Any, where: str) -> time:
    return iso(value, where, time.fromisoformat, "a time like 21:05", shown=20)


def read(doc: Any, context: Context) -> Archive:
    top = Fields(doc, "")
    archive = Archive()
    seen: set[str] = set()
    for value, where in items(top.get("entries", lambda v, w: v), "entries"):
        entry = _entry(Fields(value, where), context)
        if entry is not None and entry.id not in seen:
            seen.add(entry.id)
            archive.entries.append(entry)
    return archive


def _entry(f: Fields, context: Context) -> JournalEntry | None:
    title = f.get("title", text, "").strip()
    body = f.get("body", text, "").strip()
    on = f.get("date", day)
    at = f.get("time", clock_time, time(9, 0))
    starred = f.get("starred", truth, False)
    written = f"{title}\n{body}" if title and body else title or body
    if not written:
        return None  # kind keeps no empty entries
    tags = set()
    for value, where in items(f.get("tags", lambda v, w: v, []), f.at("tags")):
        try:
            tags.add(context.tag(text(value, where).lstrip("@#")))
        except KindError:
            continue  # not a word kind can tag with; it is still there in the text
    if starred:
        tags.add(STARRED)
    local = context.localize(datetime.combine(on, at))
    moment = Moment(Moment.of(local).utc, Moment.of(local).offset_minutes, on)
    key = "\n".join(("jrnl", on.isoformat(), at.isoformat("minutes"), title, body))
    question_id, question = context.free_question()
    return JournalEntry(
        session=SessionRecord(
            id=str(uuid.uuid5(NAMESPACE, key)),
            practice="journal",
            content_id="free",
            moment=moment,
            details={"imported_from": "jrnl"},
        ),
        prompt_id="free",
        body=written,
        answers=[JournalAnswer(question_id, question, written)],
        tags=sorted(tags),
        updated_utc=format_utc(moment.utc),
    )


IMPORTER = Importer(
    name="jrnl",
    summary="jrnl's JSON export (jrnl --format json)",
    recognizes=recognizes,
    read=read,
)
