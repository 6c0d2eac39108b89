"""`--format csv`: every session, one row each, for a spreadsheet.

The columns are documented in the README ("The CSV export"). Journal entries are rows
too (their words are in the json and md exports). A cell of free text that a
spreadsheet would run as a formula (it starts with =, +, -, @ or a tab) is written with a
leading apostrophe, as spreadsheets expect.
"""

from __future__ import annotations

import csv
import heapq
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import TextIO

from kindcli.practices.exporters import ExportData, Exporter
from kindcli.store.records import SessionRecord

COLUMNS = (
    "id",
    "practice",
    "content_id",
    "date",
    "time",
    "utc",
    "utc_offset_minutes",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "distress_before",
    "distress_after",
    "logged_by_hand",
    "note",
    "tags",
    "words",
    "details",
)


def write(data: ExportData, out: TextIO) -> None:
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(COLUMNS)
    for record, tags, words in _merged(data):
        rows.writerow(row(record, tags, words))


def _merged(data: ExportData) -> Iterator[tuple[SessionRecord, list[str], int | None]]:
    Row = tuple[SessionRecord, list[str], int | None]
    plain: Iterator[Row] = ((s, [], None) for s in data.sessions)
    entries: Iterator[Row] = ((e.session, e.tags, len(e.body.split())) for e in data.entries)
    yield from heapq.merge(plain, entries, key=lambda t: (t[0].moment.utc, t[0].id))


def row(r: SessionRecord, tags: list[str], words: int | None) -> list[str]:
    m = r.moment
    local = m.utc + timedelta(minutes=m.offset_minutes)
    note = r.details.get("note") if r.practice == "break" else None
    return [
        r.id,
        r.practice,
        _safe(r.content_id or ""),
        m.local_date.isoformat(),
        f"{local:%H:%M}",
        m.utc_text,
        str(m.offset_minutes),
        _number(r.planned_seconds),
        _number(r.actual_seconds),
        "true" if r.completed else "false",
        _number(r.distress_before),
        _number(r.distress_after),
        "true" if r.source == "manual" else "false",
        _safe(note if isinstance(note, str) else ""),
        " ".join(tags),
        "" if words is None else str(words),
        _safe(json.dumps(r.details, ensure_ascii=False, sort_keys=True)),
    ]


def _number(value: float | None) -> str:
    """Exactly as stored, without a trailing .0: 300, 312.25."""
    if value is None:
        return ""
    shown = repr(value)
    return shown[:-2] if shown.endswith(".0") else shown


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


EXPORTER = Exporter(
    name="csv",
    extension="csv",
    summary="every session, one row each, for spreadsheets",
    holds=("journal", "sessions"),
    write=write,
)
